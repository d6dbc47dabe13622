"""What each chapter shows, as plain JSON-able data built from live data.

A builder returns {"blocks": [...]}; each block is one of
  {"type": "figures", "items": [{"label", "value"}]}
  {"type": "table", "id", "caption", "headers", "rows": [{"head", "key", "cells"}], "note"}
  {"type": "chart", "id", "title", "description", "chart": {...series...}}
  {"type": "heading", "text"} and {"type": "note", "text"}.
A table cell is a string, None (suppressed or missing, shown as "—"), or
{"t": str | None, "weak": bool}. Rendering (HTML, SVG charts, PDF) works from this data
alone, so publishing only has to store it: the published report never reads live data.

Small groups: a result with n below its measure's minimum group size is None, and so is
every figure derived from it (an average, a difference) - otherwise the hidden value
could be worked out from the shown ones.
"""

from collections.abc import Callable

from qnet.markup import render_markdown
from reports import sources
from reports.builders.chapters import (
    build_follow_up,
    build_free_text,
    build_network_activity,
    build_self_assessment_overview,
)
from reports.builders.common import difference_unless_suppressed, fmt, mean_unless_suppressed
from reports.builders.results import build_focus_area_results
from reports.models import AnnualReport, Section

__all__ = [
    "build_focus_area_results",
    "build_follow_up",
    "build_free_text",
    "build_network_activity",
    "build_self_assessment_overview",
    "difference_unless_suppressed",
    "fmt",
    "mean_unless_suppressed",
    "report_content",
    "section_data",
]


def section_data(*, report: AnnualReport, section: Section) -> dict:
    builders: dict[str, Callable[[], dict]] = {
        Section.Kind.FOCUS_AREA_RESULTS: lambda: build_focus_area_results(
            authority_id=report.authority_id, year=report.year, focus_area_id=section.focus_area_id
        ),
        Section.Kind.SELF_ASSESSMENT_OVERVIEW: lambda: build_self_assessment_overview(
            authority_id=report.authority_id, year=report.year
        ),
        Section.Kind.FOLLOW_UP: lambda: build_follow_up(
            authority=report.authority, year=report.year
        ),
        Section.Kind.NETWORK_ACTIVITY: lambda: build_network_activity(
            authority_id=report.authority_id, year=report.year
        ),
        Section.Kind.FREE_TEXT: build_free_text,
    }
    return builders[section.kind]()


def report_content(*, report: AnnualReport, sections: list[Section], language: str) -> dict:
    """Everything a reader sees, built from live data: what publishing freezes."""
    return {
        "format": 1,
        "language": language,
        "title": report.title,
        "authority": report.authority.name,
        "year": report.year,
        "version": report.version,
        "introduction_html": str(render_markdown(report.introduction, top_heading=3)),
        # The school status reports are made from the snapshot too, so it keeps the list.
        "schools": [list(school) for school in sources.authority_schools(report.authority_id)],
        "sections": [
            {
                "number": number,
                "anchor": f"chapter-{number}",
                "kind": section.kind,
                "title": section.title,
                "narrative_html": str(render_markdown(section.narrative, top_heading=3)),
                **section_data(report=report, section=section),
            }
            for number, section in enumerate(sections, start=1)
        ],
    }
