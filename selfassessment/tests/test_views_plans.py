"""The quality plan editor: the plan list, the plan page and its children's forms."""

import pytest

from selfassessment.models import FocusArea, Goal, Indicator, QualityPlan
from selfassessment.tests.conftest import add_indicators

pytestmark = pytest.mark.django_db

LIST = "/self-assessment/plans/"


def test_the_list_shows_the_authoritys_plans(login, authority_staff, plan):
    response = login(authority_staff).get(LIST)
    assert response.status_code == 200
    assert b"Quality plan 2026" in response.content


def test_the_list_creates_a_plan(login, authority_staff, world):
    data = {"title": "Plan", "start_year": "2026", "end_year": "2030"}
    response = login(authority_staff).post(LIST, data)
    plan = QualityPlan.objects.get(title="Plan")
    assert response["Location"] == f"/self-assessment/plans/{plan.pk}/"
    assert plan.authority == world.authority


def test_the_list_refuses_a_reversed_period(login, authority_staff):
    data = {"title": "Plan", "start_year": "2030", "end_year": "2026"}
    assert login(authority_staff).post(LIST, data).status_code == 400


def test_the_list_forbids_school_leaders(login, leader_a):
    assert login(leader_a).get(LIST).status_code == 403


def test_the_list_redirects_anonymous_to_login(client):
    assert client.get(LIST).status_code == 302


def test_the_list_rejects_put(login, authority_staff):
    assert login(authority_staff).put(LIST).status_code == 405


# --- the plan page -----------------------------------------------------------


def detail(plan):
    return f"/self-assessment/plans/{plan.pk}/"


def test_the_plan_page_shows_the_whole_tree(login, authority_staff, plan):
    response = login(authority_staff).get(detail(plan))
    assert response.status_code == 200
    assert b"Reading and writing" in response.content
    assert b"The school acts quickly on bullying." in response.content


def test_the_plan_page_saves_title_and_period(login, authority_staff, plan):
    data = {"plan-title": "Renamed", "plan-start_year": "2026", "plan-end_year": "2029"}
    assert login(authority_staff).post(detail(plan), data).status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.end_year) == ("Renamed", 2029)


def test_the_plan_page_forbids_a_leader_who_assesses_against_it(login, leader_a, plan):
    assert login(leader_a).get(detail(plan)).status_code == 403


def test_the_plan_page_answers_404_to_others(login, other_authority_staff, coordinator, plan):
    assert login(other_authority_staff).get(detail(plan)).status_code == 404
    assert login(coordinator).get(detail(plan)).status_code == 404


def test_the_plan_page_redirects_anonymous_to_login(client, plan):
    assert client.get(detail(plan)).status_code == 302


def test_the_plan_page_rejects_put(login, authority_staff, plan):
    assert login(authority_staff).put(detail(plan)).status_code == 405


@pytest.mark.parametrize("extra", [0, 12])
def test_the_plan_page_query_count_is_constant(
    login, authority_staff, plan, measures, django_assert_num_queries, extra
):
    add_indicators(plan, extra, measures=[measures.reading])
    client = login(authority_staff)
    with django_assert_num_queries(9):
        assert client.get(detail(plan)).status_code == 200


# --- adding children ---------------------------------------------------------


def test_a_focus_area_is_added(login, authority_staff, plan):
    url = f"/self-assessment/plans/{plan.pk}/focus-areas/"
    response = login(authority_staff).post(url, {"focus-title": "Mathematics", "focus-order": 3})
    assert response.status_code == 302
    assert plan.focus_areas.filter(title="Mathematics").exists()


def test_a_goal_is_added(login, authority_staff, plan):
    area = plan.focus_areas.first()
    url = f"/self-assessment/focus-areas/{area.pk}/goals/"
    login(authority_staff).post(url, {"goal-text": "Pupils write a lot", "goal-order": 2})
    assert area.goals.filter(text="Pupils write a lot").exists()


def test_an_incomplete_goal_is_not_added_and_says_why(login, authority_staff, plan):
    area = plan.focus_areas.first()
    url = f"/self-assessment/focus-areas/{area.pk}/goals/"
    response = login(authority_staff).post(url, {"goal-text": "", "goal-order": 2}, follow=True)
    assert b"Not added" in response.content


def test_an_indicator_is_added_with_its_measures(login, authority_staff, plan, measures):
    goal = Goal.objects.filter(focus_area__plan=plan).first()
    url = f"/self-assessment/goals/{goal.pk}/indicators/"
    data = {
        "indicator-statement": "Texts get feedback",
        "indicator-order": 5,
        "indicator-guidance": "",
        "indicator-assessment_tools": "Pupil survey",
        "indicator-measures": [measures.reading.pk],
    }
    assert login(authority_staff).post(url, data).status_code == 302
    indicator = Indicator.objects.get(statement="Texts get feedback")
    assert list(indicator.measures.all()) == [measures.reading]


@pytest.mark.parametrize(
    "path", ["plans/{plan}/focus-areas/", "focus-areas/{area}/goals/", "goals/{goal}/indicators/"]
)
def test_adding_forbids_leaders_and_hides_from_others(
    login, leader_a, other_authority_staff, plan, path
):
    area = plan.focus_areas.first()
    url = "/self-assessment/" + path.format(plan=plan.pk, area=area.pk, goal=area.goals.first().pk)
    assert login(leader_a).post(url, {}).status_code == 403
    assert login(other_authority_staff).post(url, {}).status_code == 404


@pytest.mark.parametrize(
    "path", ["plans/1/focus-areas/", "focus-areas/1/goals/", "goals/1/indicators/"]
)
def test_adding_redirects_anonymous_and_rejects_get(client, login, authority_staff, path):
    assert client.post("/self-assessment/" + path).status_code == 302
    assert login(authority_staff).get("/self-assessment/" + path).status_code == 405


# --- editing children --------------------------------------------------------


def test_a_focus_area_is_renamed(login, authority_staff, plan):
    area = plan.focus_areas.first()
    url = f"/self-assessment/focus-areas/{area.pk}/"
    assert login(authority_staff).get(url).status_code == 200
    login(authority_staff).post(url, {"title": "Literacy", "order": 1})
    area.refresh_from_db()
    assert area.title == "Literacy"


def test_a_goal_is_changed_and_its_page_offers_a_new_sign(login, authority_staff, plan):
    goal = Goal.objects.filter(focus_area__plan=plan).first()
    url = f"/self-assessment/goals/{goal.pk}/"
    response = login(authority_staff).get(url)
    assert b"New sign of good practice" in response.content
    login(authority_staff).post(url, {"text": "Everyone reads", "order": 1})
    goal.refresh_from_db()
    assert goal.text == "Everyone reads"


def test_an_indicator_is_changed(login, authority_staff, plan, measures):
    indicator = Indicator.objects.filter(goal__focus_area__plan=plan).first()
    url = f"/self-assessment/indicators/{indicator.pk}/"
    assert login(authority_staff).get(url).status_code == 200
    data = {
        "statement": "Changed",
        "order": 1,
        "guidance": "g",
        "assessment_tools": "t",
        "measures": [measures.bullying.pk],
    }
    assert login(authority_staff).post(url, data).status_code == 302
    indicator.refresh_from_db()
    assert indicator.statement == "Changed"
    assert list(indicator.measures.all()) == [measures.bullying]


@pytest.mark.parametrize("kind", ["focus-areas", "goals", "indicators"])
def test_editing_forbids_leaders_hides_from_others_and_redirects_anonymous(
    client, login, leader_a, other_authority_staff, authority_staff, plan, kind
):
    target = {
        "focus-areas": FocusArea.objects.filter(plan=plan).first(),
        "goals": Goal.objects.filter(focus_area__plan=plan).first(),
        "indicators": Indicator.objects.filter(goal__focus_area__plan=plan).first(),
    }[kind]
    url = f"/self-assessment/{kind}/{target.pk}/"
    assert client.get(url).status_code == 302
    assert login(leader_a).get(url).status_code == 403
    assert login(other_authority_staff).get(url).status_code == 404
    assert login(authority_staff).put(url).status_code == 405
