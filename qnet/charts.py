"""What every chart of the portal shares: matplotlib's SVG made safe to inline under the
strict CSP, labelled for screen readers, and cached by its input.

matplotlib writes CSS into `style` attributes and a <style> element, which the CSP
forbids; they are rewritten to presentation attributes. Drawing is the slow part of a
results page (a chart costs ~50 ms, and a report page draws a dozen), and a chart is a
pure function of its data and labels, so the finished SVG is cached under a hash of them:
changed data is a new key, never a stale picture.

Labels are people's text (school names, measure units, chapter titles). matplotlib would
read `$...$` in them as math and fail on an unknown command: every chart is drawn with
`chart_style`, where text is only ever text.
"""

import hashlib
import io
import json
import re
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")
from django.utils import formats  # noqa: E402
from django.utils.html import escape  # noqa: E402
from matplotlib.ticker import ScalarFormatter  # noqa: E402

from qnet import caching  # noqa: E402

STYLE = {
    # Text stays text in the SVG: selectable, and set in the page's (or PDF's) fonts.
    "svg.fonttype": "none",
    "text.usetex": False,
    "text.parse_math": False,
}

_STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')
_STYLE_ELEMENT = re.compile(r"<style[^>]*>.*?</style>", re.S)
_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_METADATA = re.compile(r"<metadata>.*?</metadata>", re.S)
_SIZE = re.compile(r'\s(width|height)="[\d.]+pt"')
_IDS = re.compile(r'(\sid="|url\(#|xlink:href="#)([^"\)]+)')


def _attributes(css: str) -> str:
    attributes = []
    for declaration in css.split(";"):
        if ":" not in declaration:
            continue
        name, value = (part.strip() for part in declaration.split(":", 1))
        if name == "font":
            # "10px 'DejaVu Sans'" -> size and family
            size, _sep, family = value.partition(" ")
            attributes.append(f'font-size="{size}"')
            attributes.append(f'font-family="{escape(family.strip(chr(39)))}"')
        elif name == "font-family":
            attributes.append(f'font-family="{escape(value.replace(chr(39), ""))}"')
        else:
            attributes.append(f'{name}="{escape(value)}"')
    return " " + " ".join(attributes) if attributes else ""


def chart_style(settings: dict):
    """matplotlib's settings for drawing one chart (figure, texts and savefig inside the
    block), undone afterwards so no chart inherits another's."""
    return matplotlib.rc_context({**STYLE, **settings})


class DecimalSeparatorFormatter(ScalarFormatter):
    """matplotlib's own choice of tick values and decimals, written with the decimal
    separator of the language the chart is drawn in (47,5 in German, Dutch, Norwegian).
    matplotlib's useLocale would read the process-wide C locale, not the reader's."""

    def __init__(self, separator: str):
        super().__init__(useOffset=False)
        self.separator = separator

    def __call__(self, x, pos=None):
        return super().__call__(x, pos).replace(".", self.separator)


def localize_ticks(axes) -> None:
    """Write the numeric tick labels of both axes in the active language. Call it after
    drawing: axes with named ticks (years, schools) keep their labels."""
    separator = formats.get_format("DECIMAL_SEPARATOR")
    for axis in (axes.xaxis, axes.yaxis):
        if type(axis.get_major_formatter()) is ScalarFormatter:
            axis.set_major_formatter(DecimalSeparatorFormatter(separator))


def figure_svg(figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    return buffer.getvalue()


def accessible_svg(
    svg: str, *, chart_key: str, title: str, description: str, css_class: str
) -> str:
    """The SVG without inline CSS, with ids unique on the page, as role img labelled by
    its title and description."""
    prefix = "chart-" + re.sub(r"\W+", "-", chart_key).strip("-").lower()
    svg = svg[svg.index("<svg") :]
    svg = _METADATA.sub("", _STYLE_ELEMENT.sub("", svg))
    # Several charts share a page: their element ids must not collide.
    svg = _IDS.sub(lambda match: f"{match.group(1)}{prefix}-{match.group(2)}", svg)
    svg = _SIZE.sub("", svg, count=2)
    svg = _STYLE_ATTR.sub(lambda match: _attributes(match.group(1)), svg)
    opening = f'<svg role="img" aria-labelledby="{prefix}-t {prefix}-d" class="{css_class}"'
    return _SVG_OPEN.sub(
        lambda match: (
            match.group(0).replace("<svg", opening, 1)
            + f'<title id="{prefix}-t">{escape(title)}</title>'
            + f'<desc id="{prefix}-d">{escape(description)}</desc>'
        ),
        svg,
        count=1,
    )


def cached_svg(namespace: str, inputs: dict, draw: Callable[[], str]) -> str:
    """`draw()`, or what it returned before for exactly these inputs in this language
    (the ticks' decimal separator is the language's): drawing is most of a chart's cost."""
    digest = hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()
    return caching.shared("chart", namespace, digest, compute=draw)
