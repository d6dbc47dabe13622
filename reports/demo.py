"""Demo reports: last year's published (with its PDF), this year's in review.

Idempotent: a report is started only when its year has none; a published report whose
PDF is missing or failed gets it requested again (eager in `make run`).
"""

from django.utils import timezone, translation

from reports import selectors, services, sources
from reports.models import AnnualReport, Rendition, Section

INTRODUCTION = """The school board presents this report to the city council every year. It
accounts for where our schools stand on the goals of the quality plan, what the schools
themselves found in their self-assessment, and what we agreed with schools whose
results have been weak for some time.

The figures come from the national tests, the pupil survey and the schools' own
reporting. Results from small groups are not shown, to protect the pupils behind them."""

NARRATIVES = {
    Section.Kind.FOCUS_AREA_RESULTS: """Results in this area are **stable** for most schools.
A few schools remain below the threshold for the second year in a row; they are part of
the follow-up in a later chapter.

- The reading and writing supervisors visited every school in the spring.
- The schools shared their approaches in the learning network.""",
    Section.Kind.SELF_ASSESSMENT_OVERVIEW: """Every school in the cycle looked at itself
against the signs of good practice. Most schools see themselves as *started* or
*established*; few say a practice is embedded across the whole school.""",
    Section.Kind.FOLLOW_UP: """Schools with weak results over time met the school board in a
dialogue meeting. The binding agreements focus on early support in reading and on the
leadership team's follow-up of the classes.""",
    Section.Kind.NETWORK_ACTIVITY: """The network met regularly. Perspective days and the
learning network gave schools room to learn from each other.""",
    Section.Kind.FREE_TEXT: """Next year we will renew the quality plan together with the
schools, the pupils' council and the parents' committee.""",
}


def _write_narratives(staff, report: AnnualReport) -> None:
    for section in report.sections.all():
        if not section.narrative:
            services.section_update(
                actor=staff,
                section=section,
                title=section.title,
                narrative=NARRATIVES[section.kind],
            )


def _start(staff, authority, year: int, title: str) -> AnnualReport:
    report = services.report_start(
        actor=staff, authority=authority, year=year, title=title, introduction=INTRODUCTION
    )
    if not report.sections.filter(kind=Section.Kind.FOCUS_AREA_RESULTS).exists():
        # The plan in force may start after the report's year; report on its focus areas.
        standing = report.sections.count()
        for focus_area in sources.focus_areas_for_authority(authority.pk)[:3]:
            section = services.section_add(
                actor=staff,
                report=report,
                kind=Section.Kind.FOCUS_AREA_RESULTS,
                title=focus_area.title,
                focus_area_id=focus_area.pk,
            )
            for _step in range(standing):
                services.section_move(actor=staff, section=section, direction="up")
    services.section_add(actor=staff, report=report, kind=Section.Kind.FREE_TEXT, title="Outlook")
    _write_narratives(staff, report)
    return report


def _reviewers(staff, report: AnnualReport) -> list:
    """The authority's other staff review; a lone staff member reviews their own draft."""
    colleagues = [user for user in selectors.reviewer_candidates(report) if user.pk != staff.pk]
    return colleagues or [staff]


def seed_reports(world: dict) -> None:
    authority = world["demo_authority"]
    staff = world["people"]["authority"]
    this_year = timezone.localdate().year
    with translation.override("en"):
        last = AnnualReport.objects.filter(authority=authority, year=this_year - 1).first()
        if last is None:
            last = _start(staff, authority, this_year - 1, f"Quality report {this_year - 1}")
        # Each step on its own, so a run that stopped halfway is completed by the next.
        if last.status == AnnualReport.Status.DRAFT:
            last = services.report_submit_for_review(
                actor=staff, report=last, reviewers=_reviewers(staff, last)
            )
        if last.status == AnnualReport.Status.IN_REVIEW:
            last = services.report_publish(actor=staff, report=last)
        elif last.status == AnnualReport.Status.PUBLISHED:
            services.rendition_request(actor=staff, report=last, kind=Rendition.Kind.PDF)
        if not AnnualReport.objects.filter(authority=authority, year=this_year).exists():
            current = _start(staff, authority, this_year, f"Quality report {this_year}")
            current = services.report_submit_for_review(
                actor=staff, report=current, reviewers=_reviewers(staff, current)
            )
            first = current.sections.order_by("order").first()
            services.review_comment_add(
                actor=staff,
                section=first,
                text="Could we say which schools improved most? The council asked last year.",
            )
