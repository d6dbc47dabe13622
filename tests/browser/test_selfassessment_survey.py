"""A colleague answers the anonymous staff survey through a one-time link (no sign-in)."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from qnet.models import OutboxMessage, Role
from qnet.tests.factories import MembershipFactory, UserFactory
from selfassessment import services
from selfassessment.models import FocusArea, Goal, Indicator, QualityPlan, SurveyAnswer
from tests.axe import assert_accessible

pytestmark = pytest.mark.browser


def test_a_colleague_answers_once_and_the_link_then_stops_working(
    live_server, page, world, authority_staff, leader_a, staff_a
):
    plan = QualityPlan.objects.create(
        authority=world.authority, title="Quality plan", start_year=2026, end_year=2030
    )
    goal = Goal.objects.create(
        focus_area=FocusArea.objects.create(plan=plan, title="Reading"), text="Pupils read well"
    )
    for order, statement in enumerate(["Reading is taught in every subject.", "Support is fast."]):
        Indicator.objects.create(goal=goal, statement=statement, order=order)
    cycle = services.cycle_open(
        actor=authority_staff,
        plan=plan,
        year=2026,
        opens_on=date(2026, 1, 1),
        due_on=date(2026, 12, 1),
        schools=[world.school_a],
    )
    for _ in range(2):
        MembershipFactory(user=UserFactory(), role=Role.SCHOOL_STAFF, school=world.school_a)
    services.staff_survey_open(actor=leader_a, assessment=cycle.assessments.get(), min_responses=3)
    body = OutboxMessage.objects.filter(to=staff_a.email).get().body_text
    path = re.search(r"(/self-assessment/survey/[^/\s]+/)", body).group(1)

    page.goto(live_server.url + path)
    expect(page.locator("main h1")).to_contain_text("Staff survey 2026")
    assert_accessible(page)
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("alert")).to_contain_text("Rate every statement")
    assert_accessible(page)
    for statement, value in (("Reading is taught", "4"), ("Support is fast", "2")):
        page.locator("fieldset").filter(has_text=statement).get_by_text(value, exact=True).click()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator("main h1")).to_have_text("Thank you")
    assert_accessible(page)
    assert sorted(SurveyAnswer.objects.values_list("value", flat=True)) == [2, 4]

    page.goto(live_server.url + path)
    expect(page.locator("main h1")).to_contain_text("does not work")
    assert_accessible(page)
