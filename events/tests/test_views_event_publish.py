import pytest

from events.models import Event
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def url(event):
    return f"/events/{event.pk}/publish/"


def test_it_publishes_a_draft(login, coordinator, fmt):
    draft = EventFactory(format=fmt, status=Event.Status.DRAFT)
    assert login(coordinator).post(url(draft)).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published"


def test_publishing_twice_says_so(login, coordinator, event):
    response = login(coordinator).post(url(event), follow=True)
    assert b"Only a draft can be published." in response.content


def test_members_may_not_publish(login, leader_a, event):
    assert login(leader_a).post(url(event)).status_code == 403


def test_it_redirects_anonymous_to_login(client, event):
    assert client.post(url(event)).status_code == 302


def test_it_answers_404_outside_the_scope(login, coordinator, other_event):
    assert login(coordinator).post(url(other_event)).status_code == 404


def test_it_rejects_get(login, coordinator, event):
    assert login(coordinator).get(url(event)).status_code == 405
