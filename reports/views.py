"""Thin views: parse with a form, fetch through a selector, call one service."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qnet import caching
from qnet.feedback import flash_service_error, form_add_service_error
from qnet.http import public_download
from reports import builders, selectors, services, sources
from reports.forms import (
    CommentForm,
    MoveForm,
    ReportDetailsForm,
    ReportStartForm,
    SectionAddForm,
    SectionForm,
    SubmitForReviewForm,
    WithdrawForm,
)
from reports.models import AnnualReport, Rendition
from reports.rendering import prepare

# What the page shows of a report above its chapters.
HEADING_KEYS = ("title", "authority", "language")


def _managed_report(request, pk: int) -> AnnualReport:
    """404 when the report is out of sight, 403 when it is visible but not the user's."""
    report = selectors.report_get_for_user(user=request.user, pk=pk)
    if not request.user.has_perm("reports.manage_report", report):
        raise PermissionDenied
    return report


def _to_manage(report: AnnualReport):
    return redirect("reports:manage", pk=report.pk)


@require_GET
def archive(request):
    return render(request, "reports/archive.html", selectors.archive_for(request.user))


@require_GET
def report_detail(request, pk: int):
    report = selectors.report_for_page(user=request.user, pk=pk)
    body = None
    if report.is_public:
        # The snapshot of a published report never changes, so what is drawn from it is
        # kept by report, version and language, in one entry: its heading fields, and the
        # chapters as HTML. Rendering them was most of the page's time, and reading back
        # the prepared chapters (139 KiB of charts) still cost more than the rest of the
        # page; the snapshot itself is only read on a miss.
        prepared = functools.cache(lambda: prepare(report.snapshot))
        content, body = caching.shared(
            "report",
            "content",
            report.pk,
            report.version,
            compute=lambda: (
                {key: prepared()[key] for key in HEADING_KEYS},
                caching.shareable(
                    "report",
                    render_to_string(
                        "reports/_report_body.html",
                        {"content": prepared(), "report": report},
                        request,
                    ),
                ),
            ),
        )
    else:
        content = prepare(
            builders.report_content(
                report=report,
                sections=selectors.report_sections(report),
                language=translation.get_language() or "en",
            )
        )
    context = {
        "report": report,
        "content": content,
        "body": body,
        "can_manage": request.user.has_perm("reports.manage_report", report),
    }
    if report.is_public:
        context["pdf"], context["successor"] = report.page_pdf, report.page_successor
    return render(request, "reports/detail.html", context)


@require_GET
@public_download
def report_pdf(request, pk: int):
    report = selectors.report_get_for_user(user=request.user, pk=pk)
    rendition = selectors.rendition_of(report, Rendition.Kind.PDF) if report.is_public else None
    if rendition is None or rendition.status != Rendition.Status.DONE:
        raise Http404
    name = f"{slugify(report.title) or 'report'}-{report.year}-v{report.version}.pdf"
    return FileResponse(rendition.file.open("rb"), as_attachment=True, filename=name)


@login_required
@require_http_methods(["GET", "POST"])
def report_start(request):
    if not request.user.has_perm("reports.start_report"):
        raise PermissionDenied
    authorities = selectors.staff_authorities(request.user)
    form = ReportStartForm(request.POST or None, authorities=authorities)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data.get("authority", authorities[0].pk)
        authority = next(a for a in authorities if a.pk == chosen)
        try:
            report = services.report_start(
                actor=request.user,
                authority=authority,
                year=form.cleaned_data["year"],
                title=form.cleaned_data["title"],
                introduction=form.cleaned_data["introduction"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The report has been started with proposed chapters."))
            return _to_manage(report)
    return render(request, "reports/start.html", {"form": form})


def _render_manage(request, report: AnnualReport, *, submit_form=None, status: int = 200):
    sections = selectors.report_sections(report)
    context = {
        "report": report,
        "sections": sections,
        "add_form": SectionAddForm(
            focus_areas=sources.focus_areas_for_authority(report.authority_id)
        ),
        "withdraw_form": WithdrawForm(),
        "renditions": selectors.renditions_of(report),
        "kinds": Rendition.Kind,
    }
    if report.status == AnnualReport.Status.DRAFT:
        context["submit_form"] = submit_form or SubmitForReviewForm(
            candidates=selectors.reviewer_candidates(report)
        )
    elif report.status == AnnualReport.Status.IN_REVIEW:
        context["reviewers"] = selectors.reviewers_of(report)
    return render(request, "reports/manage.html", context, status=status)


@login_required
@require_GET
def report_manage(request, pk: int):
    return _render_manage(request, _managed_report(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def report_details(request, pk: int):
    report = _managed_report(request, pk)
    if not report.is_editable:
        raise PermissionDenied
    form = ReportDetailsForm(
        request.POST or None, initial={"title": report.title, "introduction": report.introduction}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.report_update(actor=request.user, report=report, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Title and introduction saved."))
            return _to_manage(report)
    return render(request, "reports/details_form.html", {"report": report, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, pk: int, section_pk: int):
    report = _managed_report(request, pk)
    section = selectors.section_get(report=report, pk=section_pk)
    form = SectionForm(
        request.POST or None, initial={"title": section.title, "narrative": section.narrative}
    )
    if request.method == "POST":
        if not report.is_editable:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.section_update(actor=request.user, section=section, **form.cleaned_data)
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("Chapter saved."))
                return _to_manage(report)
    data = builders.section_data(report=report, section=section)
    preview = prepare(
        {
            "introduction_html": "",
            "sections": [
                {
                    "anchor": "preview",
                    "narrative_html": "",
                    "blocks": data["blocks"],
                }
            ],
        }
    )["sections"][0]["body_html"]
    context = {
        "report": report,
        "section": section,
        "form": form,
        "preview": preview,
        "comments": list(section.comments.select_related("author")),
        "comment_form": CommentForm(),
    }
    return render(request, "reports/section_edit.html", context)


@login_required
@require_POST
def section_add(request, pk: int):
    report = _managed_report(request, pk)
    form = SectionAddForm(
        request.POST, focus_areas=sources.focus_areas_for_authority(report.authority_id)
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _to_manage(report)
    try:
        services.section_add(
            actor=request.user,
            report=report,
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            focus_area_id=form.cleaned_data["focus_area"],
        )
    except ValidationError as error:
        flash_service_error(request, error)
    else:
        messages.success(request, _("Chapter added at the end."))
    return _to_manage(report)


@login_required
@require_POST
def section_move(request, pk: int, section_pk: int):
    report = _managed_report(request, pk)
    section = selectors.section_get(report=report, pk=section_pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.section_move(
                actor=request.user, section=section, direction=form.cleaned_data["direction"]
            )
        except ValidationError as error:
            flash_service_error(request, error)
    return _to_manage(report)


@login_required
@require_POST
def section_remove(request, pk: int, section_pk: int):
    report = _managed_report(request, pk)
    section = selectors.section_get(report=report, pk=section_pk)
    try:
        services.section_remove(actor=request.user, section=section)
    except ValidationError as error:
        flash_service_error(request, error)
    else:
        messages.success(request, _("Chapter removed."))
    return _to_manage(report)


@login_required
@require_POST
def review_comment_add(request, pk: int, section_pk: int):
    report = _managed_report(request, pk)
    section = selectors.section_get(report=report, pk=section_pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.review_comment_add(
                actor=request.user, section=section, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            flash_service_error(request, error)
        else:
            messages.success(request, _("Comment added."))
    else:
        messages.error(request, _("Write a comment first."))
    return redirect("reports:section_edit", pk=report.pk, section_pk=section.pk)


def _transition(request, pk: int, service, success: str, **kwargs):
    report = _managed_report(request, pk)
    try:
        result = service(actor=request.user, report=report, **kwargs)
    except ValidationError as error:
        flash_service_error(request, error)
        return _to_manage(report)
    messages.success(request, success)
    return _to_manage(result)


@login_required
@require_POST
def report_submit(request, pk: int):
    report = _managed_report(request, pk)
    form = SubmitForReviewForm(request.POST, candidates=selectors.reviewer_candidates(report))
    if form.is_valid():
        reviewers = list(form.cleaned_data["reviewers"])
    elif report.status == AnnualReport.Status.DRAFT:
        return _render_manage(request, report, submit_form=form, status=400)
    else:
        # Past the draft there is no form to show again: the service says why it refuses.
        reviewers = []
    return _transition(
        request,
        pk,
        services.report_submit_for_review,
        _("The report is now in review."),
        reviewers=reviewers,
    )


@login_required
@require_POST
def report_publish(request, pk: int):
    return _transition(
        request, pk, services.report_publish, _("The report is published; its PDF is being made.")
    )


@login_required
@require_POST
def report_withdraw(request, pk: int):
    report = _managed_report(request, pk)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the report is withdrawn: readers will see it."))
        return _to_manage(report)
    return _transition(
        request,
        pk,
        services.report_withdraw,
        _("The report has been withdrawn."),
        reason=form.cleaned_data["reason"],
    )


@login_required
@require_POST
def report_new_version(request, pk: int):
    return _transition(
        request, pk, services.report_new_version, _("A new draft version has been made.")
    )


def _rendition_kind(kind: str) -> str:
    if kind not in Rendition.Kind.values:
        raise Http404
    return kind


@login_required
@require_POST
def rendition_request(request, pk: int, kind: str):
    report = _managed_report(request, pk)
    try:
        services.rendition_request(actor=request.user, report=report, kind=_rendition_kind(kind))
    except ValidationError as error:
        flash_service_error(request, error)
    return _to_manage(report)


@require_GET
def rendition_status(request, pk: int, kind: str):
    """The htmx fragment polled while a file is being made. The report's PDF is public
    with the report; the school zip is a tool of the authority's staff."""
    report = selectors.report_get_for_user(user=request.user, pk=pk)
    kind = _rendition_kind(kind)
    can_manage = request.user.has_perm("reports.manage_report", report)
    if kind != Rendition.Kind.PDF and not can_manage:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    context = {
        "report": report,
        "kind": kind,
        "rendition": selectors.rendition_of(report, kind),
        "can_manage": can_manage,
    }
    return render(request, "reports/partials/rendition.html", context)


@login_required
@require_GET
def rendition_download(request, pk: int, kind: str):
    report = _managed_report(request, pk)
    rendition = selectors.rendition_of(report, _rendition_kind(kind))
    if rendition is None or rendition.status != Rendition.Status.DONE:
        raise Http404
    suffix = "pdf" if rendition.kind == Rendition.Kind.PDF else "zip"
    name = f"{slugify(report.title) or 'report'}-{report.year}-v{report.version}-{kind}.{suffix}"
    return FileResponse(rendition.file.open("rb"), as_attachment=True, filename=name)
