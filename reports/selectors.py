"""Reads of annual reports, each scoped to what the user may see."""

from itertools import groupby

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import JSONObject
from django.http import Http404

from qnet import caching
from qnet.models import Authority, User
from qnet.rules import roles_of
from qnet.selectors import authority_staff
from reports.models import AnnualReport, Rendition, ReviewComment, ReviewRequest, Section


def reports_visible_to(user) -> QuerySet[AnnualReport]:
    """Published (and withdrawn) reports for everyone; every state for the own authority."""
    visible = Q(status__in=AnnualReport.PUBLIC)
    authority_ids = roles_of(user).authority_ids
    if authority_ids:
        visible |= Q(authority_id__in=authority_ids)
    return AnnualReport.objects.filter(visible)


def report_for_page(*, user, pk: int) -> AnnualReport:
    """report_get_for_user for the report's own page, the most visited public one: without
    its snapshot (hundreds of KiB, read only to render the chapters on a cache miss) and
    without the people and the predecessor the page does not show; with the state of its
    PDF (`page_pdf`) and a newer published version (`page_successor`).

    A public report's row is the same for everyone, so it is kept ("report", by pk) until
    a report, a rendition or an authority is written: building and compiling this query
    cost more than the rest of the page. A report that is not public (a draft, for its
    own authority) is read each time, within the user's scope; nothing per person is kept.
    """
    report = caching.shared(
        "report",
        "page-row",
        pk,
        depends_on=(AnnualReport, Rendition, Authority),
        compute=lambda: _report_page_row(
            AnnualReport.objects.filter(status__in=AnnualReport.PUBLIC), pk
        ),
    )
    if report is None:
        report = _report_page_row(reports_visible_to(user), pk)
    if report is None:
        raise Http404
    return report


def _report_page_row(reports: QuerySet[AnnualReport], pk: int) -> AnnualReport | None:
    pdf = Rendition.objects.filter(
        report=OuterRef("pk"), kind=Rendition.Kind.PDF, report_version=OuterRef("version")
    ).values(state=JSONObject(id="id", status="status", progress="progress", error="error"))
    successor = AnnualReport.objects.filter(
        supersedes=OuterRef("pk"), status__in=AnnualReport.PUBLIC
    ).order_by("-version")
    report = (
        reports.select_related("authority")
        .defer("snapshot")
        .annotate(
            pdf_state=Subquery(pdf[:1]),
            successor_pk=Subquery(successor.values("pk")[:1]),
            successor_version=Subquery(successor.values("version")[:1]),
        )
        .filter(pk=pk)
        .first()
    )
    if report is None:
        return None
    state = report.pdf_state
    report.page_pdf = (
        Rendition(report=report, kind=Rendition.Kind.PDF, report_version=report.version, **state)
        if state
        else None
    )
    report.page_successor = (
        AnnualReport(pk=report.successor_pk, version=report.successor_version)
        if report.successor_pk
        else None
    )
    return report


def report_get_for_user(*, user, pk: int) -> AnnualReport:
    queryset = reports_visible_to(user).select_related("authority", "published_by", "supersedes")
    try:
        return queryset.get(pk=pk)
    except AnnualReport.DoesNotExist:
        raise Http404 from None


def archive_for(user) -> dict:
    """Public reports grouped by year, and the own authority's work in progress: two queries."""
    # The list shows titles and dates only: every frozen snapshot (tables of every school)
    # would otherwise travel from the database and be decoded on each visit.
    published = list(
        AnnualReport.objects.filter(status__in=AnnualReport.PUBLIC)
        .defer("snapshot")
        .select_related("authority")
        .order_by("-year", "authority__name", "-version")
    )
    authority_ids = roles_of(user).authority_ids
    in_progress = (
        list(
            AnnualReport.objects.filter(
                authority_id__in=authority_ids, status__in=AnnualReport.EDITABLE
            )
            .defer("snapshot")
            .select_related("authority")
            .order_by("-year", "-version")
        )
        if authority_ids
        else []
    )
    return {
        "years": [(year, list(items)) for year, items in groupby(published, key=lambda r: r.year)],
        "in_progress": in_progress,
    }


def report_sections(report: AnnualReport) -> list[Section]:
    return list(
        report.sections.select_related("focus_area").prefetch_related(
            Prefetch("comments", queryset=ReviewComment.objects.select_related("author"))
        )
    )


def reviewer_candidates(report: AnnualReport) -> QuerySet[User]:
    """Who may be asked to review: the active staff of the report's own authority."""
    return authority_staff(report.authority_id).order_by("full_name", "email")


def reviewers_of(report: AnnualReport) -> list[User]:
    return [
        request.reviewer
        for request in ReviewRequest.objects.filter(report=report).select_related("reviewer")
    ]


def section_get(*, report: AnnualReport, pk: int) -> Section:
    try:
        return report.sections.select_related("focus_area").get(pk=pk)
    except Section.DoesNotExist:
        raise Http404 from None


def renditions_of(report: AnnualReport) -> dict[str, Rendition]:
    return {
        rendition.kind: rendition
        for rendition in Rendition.objects.filter(report=report, report_version=report.version)
    }


def rendition_of(report: AnnualReport, kind: str) -> Rendition | None:
    return Rendition.objects.filter(report=report, kind=kind, report_version=report.version).first()


def latest_published() -> AnnualReport | None:
    return (
        AnnualReport.objects.filter(status=AnnualReport.Status.PUBLISHED)
        .select_related("authority")
        .order_by("-published_at", "-pk")
        .first()
    )


def current_report_for_authorities(authority_ids, year: int) -> AnnualReport | None:
    """The newest version of the own authority's report for that year."""
    return (
        AnnualReport.objects.filter(authority_id__in=authority_ids, year=year)
        .order_by("-version", "-pk")
        .first()
    )


def staff_authorities(user) -> list[Authority]:
    return list(Authority.objects.filter(pk__in=roles_of(user).authority_ids).order_by("name"))
