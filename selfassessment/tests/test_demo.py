import pytest

from qnet import demo
from selfassessment.models import (
    Agreement,
    Indicator,
    Measure,
    QualityPlan,
    Result,
    SelfAssessment,
)
from selfassessment.selectors import follow_up_list

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_a_plan_results_a_cycle_in_every_state_and_is_idempotent():
    world = demo.seed_all()
    authority = world["demo_authority"]
    plan = QualityPlan.objects.get(authority=authority)
    assert (plan.start_year, plan.end_year) == (2026, 2030)
    assert plan.focus_areas.count() == 3
    assert Indicator.objects.filter(goal__focus_area__plan=plan).count() >= 9
    assert Measure.objects.filter(authority=authority).count() == 6
    schools = authority.schools.filter(name__startswith="School ")
    assert Result.objects.filter(school__in=schools).values("year").distinct().count() == 4
    states = dict(
        SelfAssessment.objects.filter(cycle__plan=plan).values_list("school__name", "status")
    )
    assert states["School A"] == "draft" and states["School B"] == "submitted"
    assert set(states.values()) == {"draft", "submitted", "returned", "accepted"}
    flagged = {item.school.name for item in follow_up_list(authority=authority)[1]}
    assert {"School G", "School K"} <= flagged
    agreements = Agreement.objects.count()
    assert agreements >= 2

    demo.seed_all()
    assert Agreement.objects.count() == agreements
    assert Result.objects.filter(school__in=schools).count() == 12 * 6 * 4
