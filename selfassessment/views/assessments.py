import secrets
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qnet import caching
from qnet.feedback import flash_service_error
from qnet.rules import roles_of
from selfassessment import selectors, services
from selfassessment.forms import (
    AssessmentForm,
    DecisionForm,
    EditorsForm,
    ReturnForm,
    SubmitConfirmForm,
    SurveyStartForm,
)
from selfassessment.models import SelfAssessment

OVERVIEW_PER_PAGE = 50


@login_required
@require_GET
def index(request):
    authority = selectors.staff_authority(request.user)
    if authority is not None:
        cycles = selectors.cycles_of(authority)
        chosen = request.GET.get("cycle", "")
        cycle = next((c for c in cycles if str(c.pk) == chosen), cycles[0] if cycles else None)
        page_number = request.GET.get("page") or "1"
        state = request.GET.get("state", "")
        if state not in selectors.OverviewState.values:
            state = ""

        def table_context() -> dict:
            rows = selectors.cycle_overview(authority=authority, cycle=cycle)
            counts = selectors.overview_state_counts(rows)
            if state:
                rows = [row for row in rows if row.state == state]
            # An authority of 200 schools: the table pages.
            page = Paginator(rows, OVERVIEW_PER_PAGE).get_page(page_number)
            query = urlencode({"cycle": cycle.pk, **({"state": state} if state else {})})
            return {
                "rows": page.object_list,
                "page": page,
                "query": query,
                "cycle": cycle,
                "state": state,
                "counts": counts,
                "total": sum(count for _state, _label, count in counts),
            }

        # Every staff member of the authority sees the same table.
        table = (
            caching.shared_html(
                request,
                "cycle-overview",
                "selfassessment/_overview_table.html",
                cycle.pk,
                state,
                page_number,
                depends_on=selectors.CYCLE_OVERVIEW_DEPENDS_ON,
                context=table_context,
            )
            if cycle
            else ""
        )
        return render(
            request,
            "selfassessment/overview.html",
            {"authority": authority, "cycles": cycles, "cycle": cycle, "table": table},
        )
    school_ids = roles_of(request.user).school_ids
    return render(
        request,
        "selfassessment/school_index.html",
        {
            "assessments": selectors.current_assessments_for_user(request.user),
            "agreements": selectors.open_agreements_for_schools(school_ids),
            "school_ids": sorted(school_ids),
        },
    )


def _form_for(assessment, tree, data=None):
    indicator_ids = [
        row.indicator.pk for block in tree for goal in block.goals for row in goal.rows
    ]
    initial = {"version": assessment.version, "edit_token": secrets.token_urlsafe(16)}
    for block in tree:
        for goal in block.goals:
            for row in goal.rows:
                if row.rating is not None:
                    pk = row.indicator.pk
                    initial[f"level_{pk}"] = row.rating.level
                    initial[f"evidence_{pk}"] = row.rating.evidence
                    initial[f"next_steps_{pk}"] = row.rating.next_steps
    form = AssessmentForm(data, initial=initial, indicator_ids=indicator_ids)
    for block in tree:
        for goal in block.goals:
            for row in goal.rows:
                pk = row.indicator.pk
                row.fields = (form[f"level_{pk}"], form[f"evidence_{pk}"], form[f"next_steps_{pk}"])
    return form


def _rows(tree):
    return [row for block in tree for goal in block.goals for row in goal.rows]


def _review_form(tree, data=None):
    """The return form; its per-sign fields sit next to each sign on the page."""
    form = ReturnForm(data, indicator_ids=[row.indicator.pk for row in _rows(tree)])
    for row in _rows(tree):
        row.review_field = form[f"sign_{row.indicator.pk}"]
    return form


def _render_detail(request, assessment, *, data=None, conflict=None, review_data=None, status=200):
    tree = selectors.assessment_form_tree(assessment)
    survey, survey_averages = selectors.survey_summary(assessment)
    rows = _rows(tree)
    for row in rows:
        row.survey_average = survey_averages.get(row.indicator.pk)
    can_edit = request.user.has_perm("selfassessment.edit_assessment", assessment)
    form = _form_for(assessment, tree, data) if can_edit else None
    if form is not None and data is not None:
        form.is_valid()
    can_review = request.user.has_perm("selfassessment.review_assessment", assessment)
    may_decide = can_review and assessment.status == SelfAssessment.Status.SUBMITTED
    review_form = _review_form(tree, review_data) if may_decide else None
    if review_form is not None and review_data is not None:
        review_form.is_valid()
    can_manage_editors = request.user.has_perm("selfassessment.manage_editors", assessment)
    context = {
        "assessment": assessment,
        "tree": tree,
        "form": form,
        "conflict": conflict,
        "can_edit": can_edit,
        "can_review": may_decide,
        "review_form": review_form,
        "rated": sum(1 for row in rows if row.rating is not None and row.rating.level),
        "total": len(rows),
        "can_plan_meeting": can_review,
        "can_manage_survey": can_manage_editors,
        "meeting": selectors.meeting_for(school=assessment.school, cycle=assessment.cycle),
        "editors_form": EditorsForm(
            initial={"editors": list(assessment.editors.all())},
            staff=selectors.school_staff_queryset(assessment.school),
        )
        if can_manage_editors and assessment.is_editable
        else None,
        "decision_form": DecisionForm(),
        "survey": survey,
        "survey_form": SurveyStartForm()
        if can_manage_editors and assessment.is_editable and survey is None
        else None,
        "statuses": SelfAssessment.Status,
    }
    return render(request, "selfassessment/assessment_detail.html", context, status=status)


@login_required
@require_GET
def assessment_detail(request, pk: int):
    assessment = selectors.assessment_get_for_user(user=request.user, pk=pk)
    return _render_detail(request, assessment)


def _editable_or_403(request, pk):
    assessment = selectors.assessment_get_for_user(user=request.user, pk=pk)
    if not request.user.has_perm("selfassessment.edit_assessment", assessment):
        raise PermissionDenied
    return assessment


def _bound_form(request, assessment):
    indicator_ids = selectors.plan_indicator_ids(assessment.cycle.plan)
    return AssessmentForm(request.POST, indicator_ids=indicator_ids)


@login_required
@require_POST
def assessment_save(request, pk: int):
    """Saves the draft: htmx autosave gets a status fragment, a plain post a redirect."""
    assessment = _editable_or_403(request, pk)
    form = _bound_form(request, assessment)
    fragment = "selfassessment/_save_status.html"
    if not form.is_valid():
        if request.htmx:
            return render(request, fragment, {"errors": [_("Some fields are invalid.")]})
        return _render_detail(request, assessment, data=request.POST, status=400)
    try:
        services.assessment_save_draft(
            actor=request.user,
            assessment=assessment,
            version=form.cleaned_data["version"],
            entries=form.entries(),
            edit_token=form.cleaned_data["edit_token"],
        )
    except services.AssessmentConflict as conflict:
        if request.htmx:
            # 200, not 409: htmx swaps only successful responses into the page.
            return render(request, fragment, {"conflict": conflict})
        return _render_detail(request, assessment, data=request.POST, conflict=conflict, status=409)
    except ValidationError as error:
        if request.htmx:
            return render(request, fragment, {"errors": error.messages})
        flash_service_error(request, error)
        return redirect("selfassessment:assessment_detail", pk=pk)
    if request.htmx:
        rated, total = selectors.assessment_progress(assessment)
        return render(
            request,
            fragment,
            {"assessment": assessment, "saved": True, "rated": rated, "total": total},
        )
    messages.success(request, _("Draft saved."))
    return redirect("selfassessment:assessment_detail", pk=pk)


@login_required
@require_POST
def assessment_submit(request, pk: int):
    """The form's submit button: saves what it holds, then asks for confirmation."""
    assessment = _editable_or_403(request, pk)
    form = _bound_form(request, assessment)
    if not form.is_valid():
        return _render_detail(request, assessment, data=request.POST, status=400)
    try:
        services.assessment_save_draft(
            actor=request.user,
            assessment=assessment,
            version=form.cleaned_data["version"],
            entries=form.entries(),
            edit_token=form.cleaned_data["edit_token"],
        )
    except services.AssessmentConflict as conflict:
        return _render_detail(request, assessment, data=request.POST, conflict=conflict, status=409)
    except ValidationError as error:
        flash_service_error(request, error)
        return redirect("selfassessment:assessment_detail", pk=pk)
    return redirect("selfassessment:assessment_submit_confirm", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_submit_confirm(request, pk: int):
    """What will be handed in, and what is still missing; submitting happens only here."""
    assessment = _editable_or_403(request, pk)
    form = SubmitConfirmForm(request.POST or None, initial={"version": assessment.version})
    if request.method == "POST":
        if not form.is_valid():
            return HttpResponseBadRequest(_("The form was incomplete. Reload the page."))
        try:
            services.assessment_submit(
                actor=request.user, assessment=assessment, version=form.cleaned_data["version"]
            )
        except ValidationError as error:
            flash_service_error(request, error)
            return redirect("selfassessment:assessment_submit_confirm", pk=pk)
        messages.success(request, _("Submitted to the authority. It is read-only until returned."))
        return redirect("selfassessment:assessment_detail", pk=pk)
    rows = _rows(selectors.assessment_form_tree(assessment))
    missing = [row for row in rows if row.rating is None or not row.rating.level]
    return render(
        request,
        "selfassessment/assessment_submit_confirm.html",
        {
            "assessment": assessment,
            "form": form,
            "missing": missing,
            "rated": len(rows) - len(missing),
            "total": len(rows),
        },
    )


def _decide(request, pk: int, service, done_message: str):
    assessment = selectors.assessment_get_for_user(user=request.user, pk=pk)
    if not request.user.has_perm("selfassessment.review_assessment", assessment):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The comment is too long."))
        return redirect("selfassessment:assessment_detail", pk=pk)
    try:
        service(actor=request.user, assessment=assessment, comment=form.cleaned_data["comment"])
    except ValidationError as error:
        flash_service_error(request, error)
    else:
        messages.success(request, done_message)
    return redirect("selfassessment:assessment_detail", pk=pk)


@login_required
@require_POST
def assessment_return(request, pk: int):
    """First post: the review form, answered with a confirmation page that shows what the
    school will read. Second post (confirmed): the return itself."""
    assessment = selectors.assessment_get_for_user(user=request.user, pk=pk)
    if not request.user.has_perm("selfassessment.review_assessment", assessment):
        raise PermissionDenied
    tree = selectors.assessment_form_tree(assessment)
    form = _review_form(tree, request.POST)
    if assessment.status != SelfAssessment.Status.SUBMITTED:
        messages.error(request, _("Only a submitted self-assessment can be returned or accepted."))
        return redirect("selfassessment:assessment_detail", pk=pk)
    if not form.is_valid():
        return _render_detail(request, assessment, review_data=request.POST, status=400)
    if request.POST.get("confirmed") != "1":
        return render(
            request,
            "selfassessment/assessment_return_confirm.html",
            {
                "assessment": assessment,
                "form": form,
                "rows": [
                    (row, form.cleaned_data[f"sign_{row.indicator.pk}"]) for row in _rows(tree)
                ],
                "any_sign_comment": any(form.sign_comments().values()),
            },
        )
    try:
        services.assessment_return_with_comments(
            actor=request.user,
            assessment=assessment,
            comment=form.cleaned_data["comment"],
            sign_comments=form.sign_comments(),
        )
    except ValidationError as error:
        flash_service_error(request, error)
    else:
        messages.success(request, _("Returned to the school for revision."))
    return redirect("selfassessment:assessment_detail", pk=pk)


@login_required
@require_POST
def assessment_accept(request, pk: int):
    return _decide(request, pk, services.assessment_accept, _("Self-assessment accepted."))


@login_required
@require_POST
def assessment_editors(request, pk: int):
    assessment = selectors.assessment_get_for_user(user=request.user, pk=pk)
    if not request.user.has_perm("selfassessment.manage_editors", assessment):
        raise PermissionDenied
    form = EditorsForm(request.POST, staff=selectors.school_staff_queryset(assessment.school))
    if form.is_valid():
        try:
            services.assessment_editors_set(
                actor=request.user,
                assessment=assessment,
                editors=list(form.cleaned_data["editors"]),
            )
        except ValidationError as error:
            flash_service_error(request, error)
        else:
            messages.success(request, _("Co-editors saved."))
    else:
        messages.error(request, _("Choose colleagues from the list."))
    return redirect("selfassessment:assessment_detail", pk=pk)
