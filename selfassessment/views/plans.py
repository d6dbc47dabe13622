"""Quality plans, their focus areas, goals and signs of good practice; measures; cycles."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from qnet.feedback import flash_service_call, form_add_service_error
from qnet.selectors import authority_schools
from selfassessment import selectors, services
from selfassessment.forms import (
    CycleForm,
    FocusAreaForm,
    GoalForm,
    IndicatorForm,
    MeasureForm,
    QualityPlanForm,
)
from selfassessment.models import QualityPlan
from selfassessment.views.common import require_staff_of, staff_authority_or_403


@login_required
@require_http_methods(["GET", "POST"])
def plan_list(request):
    authority = staff_authority_or_403(request)
    form = QualityPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.quality_plan_save(
                actor=request.user, authority=authority, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Quality plan created."))
            return redirect("selfassessment:plan_detail", pk=plan.pk)
    plans = QualityPlan.objects.filter(authority=authority).order_by("-start_year")
    return render(
        request,
        "selfassessment/plan_list.html",
        {"authority": authority, "plans": plans, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_detail(request, pk: int):
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    require_staff_of(request, plan.authority)
    form = QualityPlanForm(request.POST or None, instance=plan, prefix="plan")
    if request.method == "POST" and form.is_valid():
        services.quality_plan_save(
            actor=request.user, authority=plan.authority, plan=plan, **form.cleaned_data
        )
        messages.success(request, _("Quality plan saved."))
        return redirect("selfassessment:plan_detail", pk=plan.pk)
    return render(
        request,
        "selfassessment/plan_detail.html",
        {
            "plan": plan,
            "form": form,
            "tree": selectors.plan_tree(plan),
            "focus_form": FocusAreaForm(
                prefix="focus", initial={"order": plan.focus_areas.count() + 1}
            ),
            "goal_form": GoalForm(prefix="goal"),
        },
        status=400 if form.errors else 200,
    )


def _child_create(request, parent, form_class, prefix, save, redirect_pk, **form_kwargs):
    form = form_class(request.POST, prefix=prefix, **form_kwargs)
    if form.is_valid():
        flash_service_call(
            request,
            lambda: save(actor=request.user, **{parent[0]: parent[1]}, **form.cleaned_data),
            success=_("Added."),
        )
    else:
        messages.error(
            request,
            _("Not added: %(errors)s")
            % {"errors": " ".join(str(e) for errors in form.errors.values() for e in errors)},
        )
    return redirect("selfassessment:plan_detail", pk=redirect_pk)


@login_required
@require_POST
def focus_area_create(request, pk: int):
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    require_staff_of(request, plan.authority)
    return _child_create(
        request, ("plan", plan), FocusAreaForm, "focus", services.focus_area_save, plan.pk
    )


@login_required
@require_POST
def goal_create(request, pk: int):
    focus_area = selectors.focus_area_get_for_user(user=request.user, pk=pk)
    require_staff_of(request, focus_area.plan.authority)
    return _child_create(
        request,
        ("focus_area", focus_area),
        GoalForm,
        "goal",
        services.goal_save,
        focus_area.plan_id,
    )


@login_required
@require_http_methods(["GET", "POST"])
def focus_area_edit(request, pk: int):
    focus_area = selectors.focus_area_get_for_user(user=request.user, pk=pk)
    require_staff_of(request, focus_area.plan.authority)
    form = FocusAreaForm(request.POST or None, instance=focus_area)
    if request.method == "POST" and form.is_valid():
        services.focus_area_save(
            actor=request.user, plan=focus_area.plan, focus_area=focus_area, **form.cleaned_data
        )
        messages.success(request, _("Focus area saved."))
        return redirect("selfassessment:plan_detail", pk=focus_area.plan_id)
    return render(
        request,
        "selfassessment/plan_item_edit.html",
        {"form": form, "plan": focus_area.plan, "title": _("Edit focus area")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request, pk: int):
    goal = selectors.goal_get_for_user(user=request.user, pk=pk)
    plan = goal.focus_area.plan
    require_staff_of(request, plan.authority)
    form = GoalForm(request.POST or None, instance=goal)
    indicator_form = IndicatorForm(
        prefix="indicator", measures=selectors.measures_of(plan.authority)
    )
    if request.method == "POST" and form.is_valid():
        services.goal_save(
            actor=request.user, focus_area=goal.focus_area, goal=goal, **form.cleaned_data
        )
        messages.success(request, _("Goal saved."))
        return redirect("selfassessment:plan_detail", pk=plan.pk)
    return render(
        request,
        "selfassessment/plan_item_edit.html",
        {
            "form": form,
            "plan": plan,
            "title": _("Edit goal"),
            "goal": goal,
            "indicator_form": indicator_form,
        },
    )


@login_required
@require_POST
def indicator_create(request, pk: int):
    goal = selectors.goal_get_for_user(user=request.user, pk=pk)
    plan = goal.focus_area.plan
    require_staff_of(request, plan.authority)
    return _child_create(
        request,
        ("goal", goal),
        IndicatorForm,
        "indicator",
        services.indicator_save,
        plan.pk,
        measures=selectors.measures_of(plan.authority),
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, pk: int):
    indicator = selectors.indicator_get_for_user(user=request.user, pk=pk)
    plan = indicator.goal.focus_area.plan
    require_staff_of(request, plan.authority)
    form = IndicatorForm(
        request.POST or None, instance=indicator, measures=selectors.measures_of(plan.authority)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.indicator_save(
                actor=request.user,
                goal=indicator.goal,
                indicator=indicator,
                statement=data["statement"],
                order=data["order"],
                guidance=data["guidance"],
                assessment_tools=data["assessment_tools"],
                measures=list(data["measures"]),
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Sign of good practice saved."))
            return redirect("selfassessment:plan_detail", pk=plan.pk)
    return render(
        request,
        "selfassessment/plan_item_edit.html",
        {"form": form, "plan": plan, "title": _("Edit sign of good practice")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_list(request):
    authority = staff_authority_or_403(request)
    form = MeasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_save(actor=request.user, authority=authority, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Measure added."))
            return redirect("selfassessment:measure_list")
    return render(
        request,
        "selfassessment/measure_list.html",
        {"authority": authority, "measures": selectors.measures_of(authority), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request, pk: int):
    measure = selectors.measure_get_for_user(user=request.user, pk=pk)
    require_staff_of(request, measure.authority)
    form = MeasureForm(request.POST or None, instance=measure)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_save(
                actor=request.user,
                authority=measure.authority,
                measure=measure,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Measure saved."))
            return redirect("selfassessment:measure_list")
    return render(request, "selfassessment/measure_edit.html", {"form": form, "measure": measure})


@login_required
@require_http_methods(["GET", "POST"])
def cycle_open(request):
    authority = staff_authority_or_403(request)
    plans = QualityPlan.objects.filter(authority=authority)
    schools = authority_schools(authority)
    today = timezone.localdate()
    form = CycleForm(
        request.POST or None,
        plans=plans,
        schools=schools,
        initial={
            "plan": plans.order_by("-start_year").first(),
            "year": today.year,
            "opens_on": today,
            "all_schools": True,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cycle = services.cycle_open(
                actor=request.user,
                plan=data["plan"],
                year=data["year"],
                opens_on=data["opens_on"],
                due_on=data["due_on"],
                schools=None if data["all_schools"] else list(data["schools"]),
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Cycle opened: every school has a draft to fill in."))
            return redirect(f"{reverse('selfassessment:index')}?cycle={cycle.pk}")
    return render(
        request,
        "selfassessment/cycle_open.html",
        {"authority": authority, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def cycle_remind(request, pk: int):
    """Mail the leaders of schools that have not submitted (at most once a day each)."""
    cycle = selectors.cycle_get_for_staff(user=request.user, pk=pk)
    sent = services.cycle_remind_late(actor=request.user, cycle=cycle)
    if sent:
        messages.success(
            request,
            ngettext("%(count)s reminder sent.", "%(count)s reminders sent.", sent)
            % {"count": sent},
        )
    else:
        messages.info(request, _("Nothing to send: every late school was reminded today."))
    return redirect(f"{reverse('selfassessment:index')}?cycle={cycle.pk}")
