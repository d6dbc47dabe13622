"""Registering for every upcoming meeting of a series in one step (POST only)."""

import pytest

from coalitions.tests.meetings_world import build
from events import services
from events.models import Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def lw(world, coordinator, facilitator, leader_a, staff_a):
    return build(
        world, coordinator=coordinator, facilitator=facilitator, leader_a=leader_a, staff_a=staff_a
    )


def url(lw) -> str:
    return f"/events/series/{lw.series.pk}/register/"


def test_a_member_registers_herself_for_all_meetings(login, leader_a, lw):
    response = login(leader_a).post(url(lw))
    assert response.status_code == 302
    assert response["Location"] == f"/events/series/{lw.series.pk}/"
    assert Registration.objects.filter(person=leader_a, status="confirmed").count() == 3


def test_a_leader_registers_a_colleague(login, leader_a, staff_a, lw):
    login(leader_a).post(url(lw), {"person": staff_a.pk})
    assert Registration.objects.filter(person=staff_a, registered_by=leader_a).count() == 3


def test_a_full_meeting_is_reported_as_a_waiting_list_place(
    login, leader_a, staff_a, coordinator, lw
):
    services.event_update(actor=coordinator, event=lw.meetings[0], capacity=1)
    services.registration_create(actor=staff_a, event=lw.meetings[0])
    response = login(leader_a).post(url(lw), follow=True)
    assert "waiting list" in response.content.decode()
    assert Registration.objects.get(person=leader_a, event=lw.meetings[0]).status == "waitlisted"


def test_nobody_registers_someone_who_is_not_their_colleague(login, leader_a, facilitator, lw):
    response = login(leader_a).post(url(lw), {"person": facilitator.pk})
    assert response.status_code == 403
    assert not Registration.objects.filter(person=facilitator).exists()


def test_anonymous_is_sent_to_login(client, lw):
    response = client.post(url(lw))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_outside_the_audience_the_series_does_not_exist(login, leader_b, lw):
    assert login(leader_b).post(url(lw)).status_code == 404


def test_it_rejects_get(login, leader_a, lw):
    assert login(leader_a).get(url(lw)).status_code == 405


def test_the_series_page_offers_the_whole_series(login, leader_a, staff_a, lw):
    page = login(leader_a).get(f"/events/series/{lw.series.pk}/").content.decode()
    assert "Register for all 3 upcoming meetings" in page
    assert staff_a.full_name in page  # a colleague she may register


def test_the_series_page_offers_the_facilitator_to_run_it_not_to_take_part(login, facilitator, lw):
    page = login(facilitator).get(f"/events/series/{lw.series.pk}/").content.decode()
    assert f"/events/series/{lw.series.pk}/meetings/new/" in page
    assert f"/events/series/{lw.series.pk}/attendance/" in page
    assert url(lw) not in page
