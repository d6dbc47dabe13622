import pytest

from selfassessment import selectors

pytestmark = pytest.mark.django_db


def test_authority_staff_never_see_a_draft(authority_staff, draft_a, submitted_b):
    assert list(selectors.assessments_visible_to(authority_staff)) == [submitted_b]


def test_school_people_see_only_their_schools(staff_a, leader_b, draft_a, submitted_b):
    assert list(selectors.assessments_visible_to(staff_a)) == [draft_a]
    assert list(selectors.assessments_visible_to(leader_b)) == [submitted_b]


def test_the_other_authority_sees_none_of_ours(
    other_authority_staff, submitted_b, other_assessment
):
    assert list(selectors.assessments_visible_to(other_authority_staff)) == [other_assessment]


def test_coordinators_and_people_without_roles_see_nothing(coordinator, facilitator, submitted_b):
    assert not selectors.assessments_visible_to(coordinator).exists()
    assert not selectors.assessments_visible_to(facilitator).exists()


def test_the_form_tree_orders_focus_areas_goals_and_signs(draft_a):
    tree = selectors.assessment_form_tree(draft_a)
    assert [block.focus_area.title for block in tree] == ["Reading and writing", "Citizenship"]
    statements = [row.indicator.statement for goal in tree[0].goals for row in goal.rows]
    assert statements[0].startswith("Reading strategies")
    assert all(row.rating is not None for goal in tree[0].goals for row in goal.rows)


def test_assessment_counts_cover_the_latest_cycle(world, draft_a, submitted_b):
    counts = selectors.assessment_counts(authority=world.authority)
    assert (counts["draft"], counts["submitted"], counts["accepted"]) == (1, 1, 0)
