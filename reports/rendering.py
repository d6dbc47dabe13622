"""Turns a report's content (builders' data, live or frozen) into HTML for page and PDF.

Nothing here reads the database: a published report renders from its snapshot alone.
"""

from django.utils.dateparse import parse_datetime
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from reports.charts import chart_svg

DASH = "—"


def _cell(cell) -> str:
    if cell is None:
        return format_html(
            '<td class="num suppressed"><abbr title="{}">{}</abbr></td>',
            _("Not shown: small group"),
            DASH,
        )
    if isinstance(cell, dict):
        if cell["t"] is None:
            return _cell(None)
        if cell.get("weak"):
            return format_html(
                '<td class="num weak">{} <span aria-hidden="true">▼</span>'
                '<span class="visually-hidden"> ({})</span></td>',
                cell["t"],
                _("below the threshold"),
            )
        return format_html('<td class="num">{}</td>', cell["t"])
    return format_html('<td class="num">{}</td>', cell)


def _text_cell(cell) -> str:
    return format_html("<td>{}</td>", cell or "")


def render_table(block: dict, *, anchor: str, chunk: int | None = None) -> str:
    """A table; for print, long tables are cut into page-sized tables that repeat their
    header, because WeasyPrint lays a table split over pages out again on every page."""
    text_columns = set(block.get("text_columns", []))
    head = format_html_join("", '<th scope="col">{}</th>', ((h,) for h in block["headers"]))
    rows = []
    for row in block["rows"]:
        cells = "".join(
            _text_cell(cell) if index in text_columns else _cell(cell)
            for index, cell in enumerate(row["cells"])
        )
        rows.append(f'<tr><th scope="row">{escape(row["head"])}</th>{cells}</tr>')
    if not rows:
        rows.append(
            format_html(
                '<tr><td colspan="{}" class="text-body-secondary">{}</td></tr>',
                len(block["headers"]),
                _("Nothing to show."),
            )
        )
    note = (
        format_html('<p class="table-note small">{}</p>', block["note"])
        if block.get("note")
        else ""
    )
    chunk = chunk or len(rows)
    tables = []
    for start in range(0, len(rows), chunk):
        caption = (
            block["caption"]
            if start == 0
            else _("%(caption)s (continued)") % {"caption": block["caption"]}
        )
        table_id = f"{anchor}-{block['id']}" + (f"-{start // chunk}" if start else "")
        tables.append(
            f'<table class="table table-sm report-table" id="{escape(table_id)}">'
            f"<caption>{escape(caption)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows[start : start + chunk])}</tbody>"
            "</table>"
        )
    # The wrapper scrolls on small screens: keyboard users must be able to reach it.
    return (
        f'<div class="table-responsive report-table-wrap" tabindex="0" role="region" '
        f'aria-label="{escape(block["caption"])}">{"".join(tables)}</div>{note}'
    )


def render_chart(block: dict, *, anchor: str) -> str:
    svg = chart_svg(
        chart_id=f"{anchor}-{block['id']}",
        title=block["title"],
        description=block["description"],
        chart=block["chart"],
    )
    return (
        f'<figure class="report-figure">{svg}'
        f"<figcaption><strong>{escape(block['title'])}.</strong> "
        f"{escape(block['description'])}</figcaption></figure>"
    )


def render_figures(block: dict) -> str:
    items = format_html_join(
        "",
        '<div class="key-figure"><dt>{}</dt><dd>{}</dd></div>',
        (
            (item["label"], item["value"] if item["value"] is not None else DASH)
            for item in block["items"]
        ),
    )
    return f'<dl class="key-figures">{items}</dl>'


def render_blocks(
    blocks: list[dict], *, anchor: str, chunk: int | None = None, medium: str = "screen"
) -> SafeString:
    parts = []
    skip = "screen_only" if medium == "print" else "print_only"
    for block in blocks:
        if block.get(skip):
            continue
        kind = block["type"]
        if kind == "heading":
            parts.append(format_html("<h3>{}</h3>", block["text"]))
        elif kind == "note":
            parts.append(format_html('<p class="report-note">{}</p>', block["text"]))
        elif kind == "figures":
            parts.append(render_figures(block))
        elif kind == "table":
            parts.append(render_table(block, anchor=anchor, chunk=chunk))
        elif kind == "chart":
            parts.append(render_chart(block, anchor=anchor))
    # Every value in the parts went through escape() or format_html (bandit B308/B703 reviewed).
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308, B703


def prepare(content: dict, *, chunk: int | None = None, medium: str = "screen") -> dict:
    """The content with each chapter's body rendered, ready for a template."""
    published_at = content.get("published_at")
    return {
        **content,
        # Frozen as ISO text; a datetime again, so templates show it in the reader's format.
        "published_on": parse_datetime(published_at) if published_at else None,
        # Sanitised by nh3 when the snapshot was built (qnet.markup); bandit B308/B703 reviewed.
        "introduction_html": mark_safe(content["introduction_html"]),  # noqa: S308  # nosec B308, B703
        "sections": [
            {
                **section,
                "narrative_html": mark_safe(section["narrative_html"]),  # noqa: S308  # nosec B308, B703
                "body_html": render_blocks(
                    section["blocks"], anchor=section["anchor"], chunk=chunk, medium=medium
                ),
            }
            for section in content["sections"]
        ],
    }
