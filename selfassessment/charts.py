"""SVG charts drawn with matplotlib, made safe to inline under a strict CSP.

matplotlib writes CSS into `style` attributes and a <style> element; the portal's CSP
forbids inline styles, so the SVG is rewritten to presentation attributes instead.
"""

import io
import re
from decimal import Decimal

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from django.utils.html import escape  # noqa: E402
from django.utils.safestring import mark_safe  # noqa: E402

SCHOOL_COLOUR = "#1b4f72"
AVERAGE_COLOUR = "#6c757d"
THRESHOLD_COLOUR = "#b02a37"

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
            size, _, family = value.partition(" ")
            attributes.append(f'font-size="{size}"')
            attributes.append(f'font-family="{escape(family.strip(chr(39)))}"')
        else:
            attributes.append(f'{name}="{escape(value)}"')
    return " " + " ".join(attributes) if attributes else ""


def _csp_safe(svg: str, prefix: str) -> str:
    svg = svg[svg.index("<svg") :]
    svg = _METADATA.sub("", _STYLE_ELEMENT.sub("", svg))
    # Several charts share a page: their element ids must not collide.
    svg = _IDS.sub(lambda match: f"{match.group(1)}{prefix}-{match.group(2)}", svg)
    svg = _SIZE.sub("", svg, count=2)
    return _STYLE_ATTR.sub(lambda match: _attributes(match.group(1)), svg)


def trend_chart(
    *,
    chart_key: str,
    title: str,
    years: list[int],
    school: list[Decimal | None],
    average: list[Decimal | None],
    threshold: Decimal,
    school_label: str,
    average_label: str,
    threshold_label: str,
    description: str,
) -> str:
    """A line chart of a school against the authority average, as an accessible inline SVG."""
    plt.rcParams["svg.fonttype"] = "none"
    plt.rcParams["svg.hashsalt"] = "qnet"
    figure, axes = plt.subplots(figsize=(5, 3), dpi=100)
    try:
        xs = list(range(len(years)))
        for values, colour, label, marker in (
            (school, SCHOOL_COLOUR, school_label, "o"),
            (average, AVERAGE_COLOUR, average_label, "s"),
        ):
            points = [(x, float(v)) for x, v in zip(xs, values, strict=True) if v is not None]
            if points:
                axes.plot(*zip(*points, strict=True), color=colour, marker=marker, label=label)
        axes.axhline(
            float(threshold), color=THRESHOLD_COLOUR, linestyle="--", label=threshold_label
        )
        axes.set_xticks(xs, [str(year) for year in years])
        axes.spines[["top", "right"]].set_visible(False)
        axes.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, fontsize=8, frameon=False
        )
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg")
    finally:
        plt.close(figure)
    chart_id = "chart-" + re.sub(r"\W+", "-", chart_key).strip("-").lower()
    svg = _csp_safe(buffer.getvalue(), chart_id)
    accessible = f'<svg role="img" aria-labelledby="{chart_id}-t {chart_id}-d" class="qnet-chart"'
    svg = _SVG_OPEN.sub(
        lambda match: (
            match.group(0).replace("<svg", accessible, 1)
            + f'<title id="{chart_id}-t">{escape(title)}</title>'
            + f'<desc id="{chart_id}-d">{escape(description)}</desc>'
        ),
        svg,
        count=1,
    )
    # Safe to mark: matplotlib output of numbers and escaped labels (bandit B308/B703 reviewed).
    return mark_safe(svg)  # noqa: S308  # nosec B308, B703
