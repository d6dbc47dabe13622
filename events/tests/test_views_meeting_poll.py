"""A date poll about an existing meeting: closing it moves the meeting."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coalitions.tests.meetings_world import build
from events.models import DatePoll

pytestmark = pytest.mark.django_db


@pytest.fixture
def lw(world, coordinator, facilitator, leader_a, staff_a):
    return build(
        world, coordinator=coordinator, facilitator=facilitator, leader_a=leader_a, staff_a=staff_a
    )


def url(event) -> str:
    return f"/events/{event.pk}/poll/"


def form_data() -> dict:
    starts = timezone.localtime(timezone.now() + timedelta(days=30)).replace(tzinfo=None)
    return {
        "title": "When do we meet first?",
        "options-TOTAL_FORMS": "1",
        "options-INITIAL_FORMS": "0",
        "options-0-starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
    }


def test_the_facilitator_opens_a_poll_about_her_meeting(login, facilitator, lw):
    client = login(facilitator)
    page = client.get(url(lw.meetings[0]))
    assert page.status_code == 200
    assert "Closing this poll moves" in page.content.decode()
    response = client.post(url(lw.meetings[0]), form_data())
    poll = DatePoll.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/events/polls/{poll.pk}/"
    assert poll.event_id == lw.meetings[0].pk
    # She may close it, though she coordinates no network.
    detail = client.get(response["Location"]).content.decode()
    assert f"/events/polls/{poll.pk}/close/" in detail


def test_the_facilitator_closes_the_poll_and_the_meeting_moves(login, facilitator, lw):
    client = login(facilitator)
    client.post(url(lw.meetings[0]), form_data())
    poll = DatePoll.objects.get()
    option = poll.options.get()
    response = client.post(f"/events/polls/{poll.pk}/close/", {"option": option.pk})
    assert response["Location"] == f"/events/{lw.meetings[0].pk}/"
    lw.meetings[0].refresh_from_db()
    assert lw.meetings[0].starts_at == option.starts_at


def test_bad_input_shows_the_form_again(login, facilitator, lw):
    data = form_data()
    data["options-0-starts_at"] = ""
    assert login(facilitator).post(url(lw.meetings[0]), data).status_code == 200
    assert not DatePoll.objects.exists()


def test_anonymous_is_sent_to_login(client, lw):
    response = client.get(url(lw.meetings[0]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_member_may_not_poll(login, leader_a, lw):
    assert login(leader_a).get(url(lw.meetings[0])).status_code == 403


def test_the_network_meeting_is_out_of_the_facilitators_scope(login, facilitator, lw):
    assert login(facilitator).get(url(lw.network_meeting)).status_code == 404


def test_it_rejects_other_methods(login, facilitator, lw):
    assert login(facilitator).delete(url(lw.meetings[0])).status_code == 405
