"""PDFs of a published report with WeasyPrint, from its snapshot alone.

The report PDF is tagged (PDF/UA-1, which WeasyPrint 70 supports), has its title and
language set, embeds the DejaVu fonts and keeps the charts as vectors (inline SVG).
"""

import io
import zipfile
from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from weasyprint import CSS, HTML

from reports.rendering import prepare  # noqa: E402

Progress = Callable[[int], None]

# Rows of a table that fit one A4 page in the print style sheet.
PRINT_ROWS = 40
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}


def _stylesheet() -> CSS:
    return CSS(string=render_to_string("reports/pdf/print.css"))


def report_html(content: dict, *, language: str) -> str:
    """The PDF's HTML, in the given language with its dates and numbers."""
    with translation.override(language):
        return render_to_string(
            "reports/pdf/report.html",
            {"report": prepare(content, chunk=PRINT_ROWS, medium="print")},
        )


def report_pdf(content: dict, *, language: str, progress: Progress) -> bytes:
    html = report_html(content, language=language)
    progress(30)
    document = HTML(string=html, base_url="/").render(stylesheets=[_stylesheet()])
    progress(80)
    return document.write_pdf(**PDF_OPTIONS)


def _display(cell) -> dict:
    if cell is None:
        return {"text": "—", "weak": False}
    if isinstance(cell, dict):
        return {"text": cell["t"] if cell["t"] is not None else "—", "weak": cell["weak"]}
    return {"text": cell, "weak": False}


def school_statuses(content: dict) -> list[dict]:
    """Each school's own figures, read out of the snapshot's results chapters."""
    schools = [
        {"id": sid, "name": name, "measures": []} for sid, name in content.get("schools", [])
    ]
    by_id = {school["id"]: school for school in schools}
    for section in content["sections"]:
        for block in section["blocks"]:
            if block.get("kind") != "schools":
                continue
            years = block["headers"][1:-1]
            for row in block["rows"]:
                school = by_id.get(row["key"])
                if school is not None:
                    school["measures"].append(
                        {
                            "chapter": section["title"],
                            "name": block["measure"]["name"],
                            "threshold": block["measure"]["threshold"],
                            "headers": years,
                            "cells": [_display(cell) for cell in row["cells"]],
                        }
                    )
    return schools


def school_status_zip(content: dict, *, language: str, progress: Progress) -> bytes:
    """One single-page PDF per school, laid out in one pass and split, in one zip."""
    schools = school_statuses(content)
    with translation.override(language):
        html = render_to_string(
            "reports/pdf/school_status.html", {"report": content, "schools": schools}
        )
        document = HTML(string=html, base_url="/").render(stylesheets=[_stylesheet()])
        progress(40)
        # Each school starts a new page; a school whose table spills over keeps its pages.
        starts = [
            index
            for index, page in enumerate(document.pages)
            if any(anchor.startswith("school-") for anchor in page.anchors)
        ]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for number, (school, start) in enumerate(zip(schools, starts, strict=True)):
                end = starts[number + 1] if number + 1 < len(starts) else len(document.pages)
                part = document.copy(document.pages[start:end])
                part.metadata.title = f"{school['name']} · {content['title']}"
                name = f"{content['year']}-{slugify(school['name']) or school['id']}.pdf"
                archive.writestr(name, part.write_pdf(**PDF_OPTIONS))
                progress(40 + int(55 * (number + 1) / max(len(schools), 1)))
        return buffer.getvalue()
