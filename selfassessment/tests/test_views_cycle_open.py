import pytest

from selfassessment.models import Cycle, SelfAssessment

pytestmark = pytest.mark.django_db

URL = "/self-assessment/cycles/new/"


def data(plan, **extra):
    return {
        "plan": plan.pk,
        "year": "2027",
        "opens_on": "2027-01-10",
        "due_on": "2027-05-31",
        "all_schools": "on",
        **extra,
    }


def test_it_shows_the_form(login, authority_staff, plan):
    response = login(authority_staff).get(URL)
    assert response.status_code == 200
    assert b'type="date"' in response.content


def test_it_opens_a_cycle_for_all_schools(login, authority_staff, plan, world):
    response = login(authority_staff).post(URL, data(plan))
    cycle = Cycle.objects.get(year=2027)
    assert response.status_code == 302
    assert response["Location"] == f"/self-assessment/?cycle={cycle.pk}"
    assert SelfAssessment.objects.filter(cycle=cycle).count() == 2


def test_it_opens_a_cycle_for_chosen_schools(login, authority_staff, plan, world):
    login(authority_staff).post(URL, data(plan, all_schools="", schools=[world.school_b.pk]))
    cycle = Cycle.objects.get(year=2027)
    assert list(cycle.schools.all()) == [world.school_b]


def test_it_rerenders_without_schools_or_with_reversed_dates(login, authority_staff, plan):
    client = login(authority_staff)
    assert client.post(URL, data(plan, all_schools="")).status_code == 400
    assert client.post(URL, data(plan, due_on="2026-01-01")).status_code == 400
    assert not Cycle.objects.exists()


def test_it_refuses_another_authoritys_plan(login, other_authority_staff, plan):
    assert login(other_authority_staff).post(URL, data(plan)).status_code == 400
    assert not Cycle.objects.exists()


def test_it_forbids_school_leaders(login, leader_a):
    assert login(leader_a).get(URL).status_code == 403


def test_it_redirects_anonymous_to_login(client):
    assert client.get(URL).status_code == 302


def test_it_rejects_put(login, authority_staff):
    assert login(authority_staff).put(URL).status_code == 405


@pytest.mark.parametrize("field", ["opens_on", "due_on"])
def test_dates_outside_the_calendars_years_are_refused(login, authority_staff, plan, field):
    response = login(authority_staff).post(URL, data(plan, **{field: "9999-12-31"}))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Cycle.objects.filter(year=2027).exists()
