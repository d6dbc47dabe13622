"""The review sign by sign: comments per sign of good practice, and the signs' numbers."""

import pytest
from django.core.exceptions import ValidationError

from qnet.models import AuditEntry
from selfassessment import selectors, services
from selfassessment.forms import SurveyResponseForm
from selfassessment.models import FocusArea, Goal, Indicator, Rating, SelfAssessment
from selfassessment.tests.conftest import rate_all

pytestmark = pytest.mark.django_db


def _comments(assessment) -> dict[str, str]:
    return dict(
        Rating.objects.filter(assessment=assessment).values_list(
            "indicator__statement", "review_comment"
        )
    )


def _numbers(plan) -> dict[str, str]:
    return {
        indicator.statement: indicator.number
        for area in selectors.plan_tree(plan)
        for goal in area.goals.all()
        for indicator in goal.indicators.all()
    }


def test_returning_stores_a_comment_per_sign(submitted_b, authority_staff):
    first, second, third = submitted_b.ratings.order_by("indicator__goal__focus_area__order")
    services.assessment_return_with_comments(
        actor=authority_staff,
        assessment=submitted_b,
        comment="Look at reading again.",
        sign_comments={first.indicator_id: " Which tests? ", second.indicator_id: ""},
    )
    submitted_b.refresh_from_db()
    assert submitted_b.status == SelfAssessment.Status.RETURNED
    assert submitted_b.authority_comment == "Look at reading again."
    first.refresh_from_db(), second.refresh_from_db(), third.refresh_from_db()
    assert (first.review_comment, second.review_comment, third.review_comment) == (
        "Which tests?",
        "",
        "",
    )
    entry = AuditEntry.objects.get(action="selfassessment.sign_comments")
    assert entry.data == {"comments": {str(first.indicator_id): "Which tests?"}}
    assert AuditEntry.objects.filter(action="selfassessment.return").exists()


def test_the_next_return_replaces_the_earlier_comments(submitted_b, authority_staff, leader_b):
    first, second = submitted_b.ratings.order_by("pk")[:2]
    services.assessment_return_with_comments(
        actor=authority_staff,
        assessment=submitted_b,
        comment="Revise.",
        sign_comments={first.indicator_id: "Old remark"},
    )
    rate_all(submitted_b, leader_b)
    submitted_b.refresh_from_db()
    services.assessment_submit(actor=leader_b, assessment=submitted_b, version=submitted_b.version)
    services.assessment_return_with_comments(
        actor=authority_staff,
        assessment=submitted_b,
        comment="Once more.",
        sign_comments={second.indicator_id: "New remark"},
    )
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.review_comment, second.review_comment) == ("", "New remark")


def test_a_return_that_fails_writes_no_sign_comment(draft_a, authority_staff):
    rating = draft_a.ratings.first()
    with pytest.raises(ValidationError):
        services.assessment_return_with_comments(
            actor=authority_staff,
            assessment=draft_a,
            comment="Revise.",
            sign_comments={rating.indicator_id: "Too early"},
        )
    rating.refresh_from_db()
    assert rating.review_comment == ""


def test_a_school_save_keeps_the_authoritys_comment(submitted_b, authority_staff, leader_b):
    rating = submitted_b.ratings.first()
    services.assessment_return_with_comments(
        actor=authority_staff,
        assessment=submitted_b,
        comment="Revise.",
        sign_comments={rating.indicator_id: "Say more"},
    )
    rate_all(submitted_b, leader_b, evidence="More evidence")
    rating.refresh_from_db()
    assert (rating.evidence, rating.review_comment) == ("More evidence", "Say more")


# --- numbering ---------------------------------------------------------------


def test_signs_are_numbered_focus_area_goal_sign(plan):
    assert _numbers(plan) == {
        "Reading strategies are taught in every subject.": "1.1.1",
        "Weak readers get support early.": "1.1.2",
        "The school acts quickly on bullying.": "2.1.1",
    }


def test_numbers_follow_positions_even_with_repeated_or_missing_orders(plan):
    reading = FocusArea.objects.get(plan=plan, order=1)
    # A second goal with the same order number as the first, and a gap in the signs.
    goal = Goal.objects.create(focus_area=reading, text="Pupils write well", order=1)
    Indicator.objects.create(goal=goal, statement="Writing every week.", order=7)
    Indicator.objects.create(goal=goal, statement="Feedback on texts.", order=7)
    numbers = _numbers(plan)
    assert numbers["Writing every week."] == "1.2.1"
    assert numbers["Feedback on texts."] == "1.2.2"
    assert numbers["The school acts quickly on bullying."] == "2.1.1"


def test_numbers_are_stable_across_reads_and_places(plan, draft_a):
    first = _numbers(plan)
    assert _numbers(plan) == first
    tree = selectors.assessment_form_tree(draft_a)
    in_form = {
        row.indicator.statement: row.indicator.number
        for block in tree
        for goal in block.goals
        for row in goal.rows
    }
    assert in_form == first


def test_the_staff_survey_shows_the_numbers(plan):
    indicators = [
        indicator
        for area in selectors.plan_tree(plan)
        for goal in area.goals.all()
        for indicator in goal.indicators.all()
    ]
    form = SurveyResponseForm(indicators=indicators)
    labels = [field.label for field in form]
    assert labels[0] == "1.1.1 Reading strategies are taught in every subject."
    assert labels[2] == "2.1.1 The school acts quickly on bullying."
