"""The dialogue meeting between school and authority, and the agreements it records."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qnet.feedback import flash_service_call, flash_service_error, form_add_service_error
from qnet.rules import is_leader_of, owns_school
from selfassessment import selectors, services
from selfassessment.forms import (
    AgreementForm,
    AgreementNoteForm,
    AgreementProposalForm,
    AgreementUpdateForm,
    MeetingForm,
    ProposalDecisionForm,
)
from selfassessment.models import Agreement


@login_required
@require_http_methods(["GET", "POST"])
def meeting_plan(request, pk: int):
    """Plan or re-plan the dialogue meeting about a submitted self-assessment."""
    assessment = selectors.assessment_get_for_user(user=request.user, pk=pk)
    if not request.user.has_perm("selfassessment.manage_dialogue", assessment.school):
        raise PermissionDenied
    meeting = selectors.meeting_for(school=assessment.school, cycle=assessment.cycle)
    initial = (
        {
            "starts_at": meeting.starts_at,
            "place": meeting.place,
            "participants": meeting.participants,
            "notes": meeting.notes,
        }
        if meeting
        else {}
    )
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.dialogue_meeting_plan(
                actor=request.user,
                school=assessment.school,
                cycle=assessment.cycle,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Dialogue meeting saved."))
            return redirect("selfassessment:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "selfassessment/meeting_plan.html",
        {"assessment": assessment, "meeting": meeting, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def meeting_detail(request, pk: int):
    meeting = selectors.meeting_get_for_user(user=request.user, pk=pk)
    can_manage = owns_school(request.user, meeting.school)
    return render(
        request,
        "selfassessment/meeting_detail.html",
        {
            "meeting": meeting,
            "agreements": list(meeting.agreements.all()),
            "can_manage": can_manage,
            "assessment": selectors.assessment_for_meeting(user=request.user, meeting=meeting),
            "agreement_form": AgreementForm() if can_manage else None,
        },
    )


@login_required
@require_POST
def agreement_create(request, pk: int):
    meeting = selectors.meeting_get_for_user(user=request.user, pk=pk)
    if not owns_school(request.user, meeting.school):
        raise PermissionDenied
    form = AgreementForm(request.POST)
    if form.is_valid() and flash_service_call(
        request,
        lambda: services.agreement_create(actor=request.user, meeting=meeting, **form.cleaned_data),
        success=_("Agreement recorded."),
    ):
        return redirect("selfassessment:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "selfassessment/meeting_detail.html",
        {
            "meeting": meeting,
            "agreements": list(meeting.agreements.all()),
            "can_manage": True,
            "assessment": selectors.assessment_for_meeting(user=request.user, meeting=meeting),
            "agreement_form": form,
        },
        status=400,
    )


def _may_note(user, agreement) -> bool:
    school = agreement.meeting.school
    return is_leader_of(user, school) or owns_school(user, school)


def _detail_context(request, agreement, *, form=None, **overrides) -> dict:
    can_manage = owns_school(request.user, agreement.meeting.school)
    is_leader = is_leader_of(request.user, agreement.meeting.school)
    pending = agreement.pending_proposal
    may_propose = is_leader and agreement.status in Agreement.OPEN_STATES and pending is None
    context = {
        "agreement": agreement,
        "form": form if can_manage else None,
        "note_form": AgreementNoteForm(may_set_status=can_manage)
        if _may_note(request.user, agreement)
        else None,
        "pending": pending,
        "decided": [p for p in agreement.proposals.all() if p is not pending],
        "proposal_form": AgreementProposalForm() if may_propose else None,
        "decision_form": ProposalDecisionForm(initial={"version": agreement.version})
        if can_manage and pending
        else None,
    }
    context.update(overrides)
    return context


@login_required
@require_http_methods(["GET", "POST"])
def agreement_detail(request, pk: int):
    """The agreement and its progress; the authority may change its terms here."""
    agreement = selectors.agreement_get_for_user(user=request.user, pk=pk)
    can_manage = owns_school(request.user, agreement.meeting.school)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    form = AgreementUpdateForm(
        request.POST or None,
        initial={
            "action": agreement.action,
            "owner": agreement.owner,
            "due_on": agreement.due_on,
            "status": agreement.status,
            "version": agreement.version,
        },
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        version = fields.pop("version")
        try:
            services.agreement_change(
                actor=request.user, agreement=agreement, version=version, **fields
            )
        except ValidationError as error:
            form_add_service_error(form, error)
            status = 409
        else:
            messages.success(request, _("Agreement saved."))
            return redirect("selfassessment:agreement_detail", pk=agreement.pk)
    if form.errors and status == 200:
        status = 400
    return render(
        request,
        "selfassessment/agreement_detail.html",
        _detail_context(request, agreement, form=form),
        status=status,
    )


@login_required
@require_POST
def agreement_note_add(request, pk: int):
    """The school (its leader) or the authority reports progress on an agreement."""
    agreement = selectors.agreement_get_for_user(user=request.user, pk=pk)
    if not _may_note(request.user, agreement):
        raise PermissionDenied
    may_set_status = owns_school(request.user, agreement.meeting.school)
    form = AgreementNoteForm(request.POST, may_set_status=may_set_status)
    if form.is_valid():
        try:
            services.agreement_note_add(
                actor=request.user,
                agreement=agreement,
                text=form.cleaned_data["text"],
                status=form.cleaned_data.get("status") or None,
            )
        except ValidationError as error:
            flash_service_error(request, error)
        else:
            messages.success(request, _("Progress noted."))
    else:
        messages.error(request, _("Write what has happened."))
    return redirect("selfassessment:agreement_detail", pk=agreement.pk)


@login_required
@require_POST
def agreement_propose(request, pk: int):
    """The school's leader proposes to close the agreement: done, or dropped."""
    agreement = selectors.agreement_get_for_user(user=request.user, pk=pk)
    if not is_leader_of(request.user, agreement.meeting.school):
        raise PermissionDenied
    form = AgreementProposalForm(request.POST)
    if form.is_valid() and flash_service_call(
        request,
        lambda: services.agreement_propose(
            actor=request.user, agreement=agreement, **form.cleaned_data
        ),
        success=_("Proposal sent to the authority."),
    ):
        return redirect("selfassessment:agreement_detail", pk=agreement.pk)
    return render(
        request,
        "selfassessment/agreement_detail.html",
        _detail_context(request, agreement, proposal_form=form),
        status=400,
    )


def _decide_proposal(request, pk: int, service, success: str):
    proposal = selectors.proposal_get_for_user(user=request.user, pk=pk)
    if not owns_school(request.user, proposal.agreement.meeting.school):
        raise PermissionDenied
    form = ProposalDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The page was out of date. Reload it and decide again."))
    else:
        kwargs = {"actor": request.user, "proposal": proposal, **form.cleaned_data}
        if service is services.agreement_proposal_reject:
            kwargs.pop("version")
        flash_service_call(request, lambda: service(**kwargs), success=success)
    return redirect("selfassessment:agreement_detail", pk=proposal.agreement_id)


@login_required
@require_POST
def proposal_confirm(request, pk: int):
    return _decide_proposal(
        request, pk, services.agreement_proposal_confirm, _("Proposal confirmed.")
    )


@login_required
@require_POST
def proposal_reject(request, pk: int):
    return _decide_proposal(
        request, pk, services.agreement_proposal_reject, _("Proposal rejected.")
    )
