"""Adding a meeting to a series: the coordinator's, and a coalition's facilitator's and
leads' for the coalition's series."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coalitions.tests.meetings_world import build
from events.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def lw(world, coordinator, facilitator, leader_a, staff_a):
    return build(
        world, coordinator=coordinator, facilitator=facilitator, leader_a=leader_a, staff_a=staff_a
    )


def url(lw) -> str:
    return f"/events/series/{lw.series.pk}/meetings/new/"


def form_data(**changes) -> dict:
    starts = timezone.localtime(timezone.now() + timedelta(days=120)).replace(tzinfo=None)
    data = {
        "title": "Meeting four",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "audience": "coalition",
        "reminder_days": "7, 1",
    }
    data.update(changes)
    return data


def test_the_facilitator_adds_a_draft_meeting_to_her_series(login, facilitator, lw):
    client = login(facilitator)
    page = client.get(url(lw))
    assert page.status_code == 200
    assert "Members of the coalition" in page.content.decode()
    response = client.post(url(lw), form_data())
    meeting = Event.objects.get(title="Meeting four")
    assert response.status_code == 302
    assert response["Location"] == f"/events/{meeting.pk}/"
    assert (meeting.series_id, meeting.series_number, meeting.status) == (
        lw.series.pk,
        4,
        Event.Status.DRAFT,
    )


def test_bad_input_shows_the_form_again_and_changes_nothing(login, facilitator, lw):
    response = login(facilitator).post(url(lw), form_data(starts_at=""))
    assert response.status_code == 200
    assert not Event.objects.filter(title="Meeting four").exists()


def test_anonymous_is_sent_to_login(client, lw):
    response = client.get(url(lw))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_member_may_see_the_series_but_not_add_to_it(login, leader_a, lw):
    assert login(leader_a).get(url(lw)).status_code == 403
    assert login(leader_a).post(url(lw), form_data()).status_code == 403


def test_outside_the_audience_the_series_does_not_exist(login, leader_b, lw):
    assert login(leader_b).get(url(lw)).status_code == 404


def test_it_rejects_other_methods(login, facilitator, lw):
    assert login(facilitator).put(url(lw)).status_code == 405
