"""The anonymous staff survey: started and closed by the leader, answered through a link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from qnet.feedback import flash_service_call
from selfassessment import selectors, services
from selfassessment.forms import SurveyResponseForm, SurveyStartForm
from selfassessment.models import StaffSurvey


def _leaders_assessment(request, pk: int):
    assessment = selectors.assessment_get_for_user(user=request.user, pk=pk)
    if not request.user.has_perm("selfassessment.manage_editors", assessment):
        raise PermissionDenied
    return assessment


@login_required
@require_POST
def survey_open(request, pk: int):
    assessment = _leaders_assessment(request, pk)
    form = SurveyStartForm(request.POST)
    if form.is_valid():
        flash_service_call(
            request,
            lambda: services.staff_survey_open(
                actor=request.user,
                assessment=assessment,
                min_responses=form.cleaned_data["min_responses"],
            ),
            success=_("Survey started: every colleague got a one-time link."),
        )
    else:
        messages.error(request, _("The minimum number of responses is at least 3."))
    return redirect("selfassessment:assessment_detail", pk=pk)


@login_required
@require_POST
def survey_close(request, pk: int):
    assessment = _leaders_assessment(request, pk)
    survey = StaffSurvey.objects.filter(assessment=assessment).first()
    if survey is None:
        messages.error(request, _("There is no survey to close."))
        return redirect("selfassessment:assessment_detail", pk=pk)
    flash_service_call(
        request,
        lambda: services.staff_survey_close(actor=request.user, survey=survey),
        success=_("Survey closed."),
    )
    return redirect("selfassessment:assessment_detail", pk=pk)


@never_cache
@require_http_methods(["GET", "POST"])
def survey_respond(request, token: str):
    """No sign-in: the link is the key, and it works once."""
    survey = services.survey_for_token(token)
    if survey is None:
        return render(request, "selfassessment/survey_gone.html", status=404)
    # The signs in plan order, numbered as everywhere else.
    indicators = [
        indicator
        for focus_area in selectors.plan_tree(survey.assessment.cycle.plan)
        for goal in focus_area.goals.all()
        for indicator in goal.indicators.all()
    ]
    form = SurveyResponseForm(
        request.POST if request.method == "POST" else None, indicators=indicators
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_survey_respond(token=token, ratings=form.ratings())
        except ValidationError:
            return render(request, "selfassessment/survey_gone.html", status=404)
        return render(request, "selfassessment/survey_thanks.html")
    return render(
        request,
        "selfassessment/survey_respond.html",
        {"survey": survey, "form": form},
        status=400 if form.errors else 200,
    )
