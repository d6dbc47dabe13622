"""Quality plans and measures: written by the authority's staff."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from qnet.models import Authority, User
from qnet.services import audit_entry_create
from selfassessment.models import FocusArea, Goal, Indicator, Measure, QualityPlan


def _save(instance, fields: dict):
    for name, value in fields.items():
        setattr(instance, name, value)
    # The parent is set by the caller and scoped by the selector; validate the rest.
    instance.full_clean(exclude=["authority", "plan", "focus_area", "goal"])
    instance.save()
    return instance


@transaction.atomic
def quality_plan_save(
    *,
    actor: User,
    authority: Authority,
    title: str,
    start_year: int,
    end_year: int,
    plan: QualityPlan | None = None,
) -> QualityPlan:
    if end_year < start_year:
        raise ValidationError(_("The last year cannot come before the first year."))
    created = plan is None
    plan = plan or QualityPlan(authority=authority)
    _save(plan, {"title": title, "start_year": start_year, "end_year": end_year})
    audit_entry_create(
        actor=actor,
        action="quality_plan.create" if created else "quality_plan.update",
        target=plan,
        authority=authority,
    )
    return plan


@transaction.atomic
def focus_area_save(
    *,
    actor: User,
    plan: QualityPlan,
    title: str,
    order: int,
    focus_area: FocusArea | None = None,
) -> FocusArea:
    focus_area = focus_area or FocusArea(plan=plan)
    return _save(focus_area, {"title": title, "order": order})


@transaction.atomic
def goal_save(
    *, actor: User, focus_area: FocusArea, text: str, order: int, goal: Goal | None = None
) -> Goal:
    goal = goal or Goal(focus_area=focus_area)
    return _save(goal, {"text": text, "order": order})


@transaction.atomic
def indicator_save(
    *,
    actor: User,
    goal: Goal,
    statement: str,
    order: int,
    guidance: str = "",
    assessment_tools: str = "",
    measures: list[Measure] | None = None,
    indicator: Indicator | None = None,
) -> Indicator:
    authority_id = goal.focus_area.plan.authority_id
    measures = list(measures or [])
    if any(measure.authority_id != authority_id for measure in measures):
        raise ValidationError(_("A sign of good practice can only use the plan's own measures."))
    indicator = indicator or Indicator(goal=goal)
    _save(
        indicator,
        {
            "statement": statement,
            "order": order,
            "guidance": guidance,
            "assessment_tools": assessment_tools,
        },
    )
    indicator.measures.set(measures)
    return indicator


@transaction.atomic
def measure_save(
    *,
    actor: User,
    authority: Authority,
    code: str,
    name: str,
    threshold: Decimal,
    unit: str = "",
    higher_is_better: bool = True,
    min_group_size: int = 5,
    measure: Measure | None = None,
) -> Measure:
    created = measure is None
    measure = measure or Measure(authority=authority)
    clash = Measure.objects.filter(authority=authority, code=code)
    if measure.pk:
        clash = clash.exclude(pk=measure.pk)
    if clash.exists():
        raise ValidationError(
            _("The code %(code)s is already used by another measure.") % {"code": code}
        )
    try:
        with transaction.atomic():
            _save(
                measure,
                {
                    "code": code,
                    "name": name,
                    "unit": unit,
                    "higher_is_better": higher_is_better,
                    "threshold": threshold,
                    "min_group_size": min_group_size,
                },
            )
    except IntegrityError:
        # Another request took the code between our check and the insert.
        raise ValidationError(
            _("The code %(code)s is already used by another measure.") % {"code": code}
        ) from None
    audit_entry_create(
        actor=actor,
        action="measure.create" if created else "measure.update",
        target=measure,
        authority=authority,
        data={"threshold": str(threshold), "min_group_size": min_group_size},
    )
    return measure
