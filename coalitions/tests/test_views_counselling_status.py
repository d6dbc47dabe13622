import pytest

from coalitions.tests.factories import CounsellingRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def counselling(world, coordinator):
    return CounsellingRequestFactory(
        network=world.network, school=world.school_a, status="assigned", adviser=coordinator
    )


def url(counselling):
    return f"/coalitions/counselling/{counselling.pk}/status/"


def test_the_coordinator_schedules_and_finishes(login, coordinator, counselling):
    client = login(coordinator)
    client.post(url(counselling), {"status-status": "scheduled", "status-notes": "Tuesday 10:00"})
    counselling.refresh_from_db()
    assert counselling.status == "scheduled" and counselling.notes == "Tuesday 10:00"
    client.post(url(counselling), {"status-status": "done"})
    counselling.refresh_from_db()
    assert counselling.status == "done"


def test_it_refuses_a_jump_back_to_open_from_done(login, coordinator, counselling):
    counselling.status = "done"
    counselling.save()
    login(coordinator).post(url(counselling), {"status-status": "open"})
    counselling.refresh_from_db()
    assert counselling.status == "done"


def test_it_redirects_anonymous_to_login(client, counselling):
    assert client.post(url(counselling)).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, counselling):
    assert login(outsider).post(url(counselling)).status_code == 404


def test_it_forbids_the_school(login, leader_a, counselling):
    assert login(leader_a).post(url(counselling), {"status-status": "done"}).status_code == 403


def test_it_rejects_get(login, coordinator, counselling):
    assert login(coordinator).get(url(counselling)).status_code == 405
