import pytest

from qnet.tests.factories import SchoolFactory
from selfassessment import selectors
from selfassessment.tests.conftest import add_results

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


def _flagged_schools(authority, n, m):
    return {item.school.pk for item in selectors.follow_up_list(authority=authority, n=n, m=m)[1]}


def test_the_dashboard_count_agrees_with_the_follow_up_list(world, results):
    # Weak, but with an unknown group size: the source suppressed nothing, so it counts.
    unknown_n = SchoolFactory(authority=world.authority, name="School N")
    add_results(unknown_n, results.bullying, [7, 8, 9, 9], n=None)
    # Weak, but too few pupils to show: never counts.
    tiny = SchoolFactory(authority=world.authority, name="School T")
    add_results(tiny, results.reading, [40, 41, 40, 42], n=3)
    for n, m in [(2, 3), (3, 3), (1, 1), (4, 4), (0, 2)]:
        flagged = _flagged_schools(world.authority, n, m)
        assert selectors.flagged_school_count(authority=world.authority, n=n, m=m) == len(flagged)
    assert _flagged_schools(world.authority, 2, 3) == {world.school_a.pk, unknown_n.pk}


def test_the_follow_up_list_takes_the_same_queries_for_more_weak_schools(
    world, results, django_assert_num_queries
):
    with django_assert_num_queries(4):
        assert len(selectors.follow_up_list(authority=world.authority)[1]) == 1
    for number in range(5):
        school = SchoolFactory(authority=world.authority, name=f"Weak school {number}")
        add_results(school, results.reading, [40, 41, 40, 42])
    with django_assert_num_queries(4):
        assert len(selectors.follow_up_list(authority=world.authority)[1]) == 6
