"""Project timelines with milestones, and the learning questions of learning networks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qnet.feedback import form_add_service_error

from .. import rules as crules
from .. import selectors, services
from ..forms import LearningQuestionForm, MilestoneForm, ProgressNoteForm
from ..models import Coalition
from ._helpers import require


def _project(request, pk: int) -> Coalition:
    coalition = selectors.coalition_get_for_user(user=request.user, pk=pk)
    if coalition.kind != Coalition.Kind.PROJECT:
        raise Http404
    return coalition


@login_required
@require_http_methods(["GET", "POST"])
def timeline(request, pk: int):
    coalition = _project(request, pk)
    can_manage = crules.can_manage_content(request.user, coalition)
    form = MilestoneForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        require(crules.can_manage_content, request.user, coalition)
        if form.is_valid():
            try:
                services.milestone_create(
                    actor=request.user, coalition=coalition, **form.cleaned_data
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("The milestone was added."))
                return redirect("coalitions:timeline", pk=pk)
    return render(
        request,
        "coalitions/timeline.html",
        {
            "coalition": coalition,
            "milestones": list(coalition.milestones.all()),
            "today": timezone.localdate(),
            "form": form,
            "can_manage": can_manage,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit(request, pk: int, milestone_pk: int):
    coalition = _project(request, pk)
    milestone = selectors.milestone_get(coalition=coalition, pk=milestone_pk)
    require(crules.can_manage_content, request.user, coalition)
    form = MilestoneForm(
        request.POST or None,
        initial={"title": milestone.title, "due_on": milestone.due_on, "status": milestone.status},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_update(actor=request.user, milestone=milestone, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("coalitions:timeline", pk=pk)
    return render(
        request,
        "coalitions/milestone_form.html",
        {"coalition": coalition, "milestone": milestone, "form": form},
    )


@login_required
@require_POST
def milestone_delete(request, pk: int, milestone_pk: int):
    coalition = _project(request, pk)
    milestone = selectors.milestone_get(coalition=coalition, pk=milestone_pk)
    services.milestone_delete(actor=request.user, milestone=milestone)
    messages.success(request, _("The milestone was deleted."))
    return redirect("coalitions:timeline", pk=pk)


def _learning_network(request, pk: int) -> Coalition:
    coalition = selectors.coalition_get_for_user(user=request.user, pk=pk)
    if coalition.kind != Coalition.Kind.LEARNING_NETWORK:
        raise Http404
    return coalition


@login_required
@require_http_methods(["GET", "POST"])
def learning_questions(request, pk: int):
    coalition = _learning_network(request, pk)
    is_member = crules.is_coalition_member(request.user, coalition)
    form = LearningQuestionForm(request.POST or None) if is_member else None
    if request.method == "POST":
        if not is_member:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.learning_question_create(
                    person=request.user, coalition=coalition, **form.cleaned_data
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("Your learning question was saved."))
                return redirect("coalitions:learning_questions", pk=pk)
    return render(
        request,
        "coalitions/learning_questions.html",
        {
            "coalition": coalition,
            "questions": list(selectors.learning_questions_visible_to(request.user, coalition)),
            "form": form,
            "sees_all": crules.can_see_all_learning_questions(request.user, coalition),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def learning_question_detail(request, question_pk: int):
    question = selectors.learning_question_get_for_user(user=request.user, pk=question_pk)
    coalition = question.member.coalition
    may_write = services.may_write_note(request.user, question)
    form = (
        ProgressNoteForm(request.POST or None, initial={"noted_on": timezone.localdate()})
        if may_write
        else None
    )
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.progress_note_create(
                    author=request.user, question=question, **form.cleaned_data
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("The note was added."))
                return redirect("coalitions:learning_question", question_pk=question.pk)
    return render(
        request,
        "coalitions/learning_question_detail.html",
        {"coalition": coalition, "question": question, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def learning_question_edit(request, question_pk: int):
    question = selectors.learning_question_get_for_user(user=request.user, pk=question_pk)
    if question.member.person_id != request.user.pk:
        raise PermissionDenied
    form = LearningQuestionForm(
        request.POST or None,
        initial={"text": question.text, "shared_with_group": question.shared_with_group},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.learning_question_update(
                actor=request.user, question=question, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Your learning question was saved."))
            return redirect("coalitions:learning_question", question_pk=question.pk)
    return render(
        request,
        "coalitions/learning_question_form.html",
        {"coalition": question.member.coalition, "question": question, "form": form},
    )
