import pytest

from events import services
from qnet.models import OutboxMessage

pytestmark = pytest.mark.django_db


def url(event):
    return f"/events/{event.pk}/cancel-event/"


def test_it_cancels_the_event_and_tells_the_registered(login, coordinator, leader_a, event):
    services.registration_create(actor=leader_a, event=event)
    response = login(coordinator).post(url(event), follow=True)
    assert b"This event is cancelled." in response.content
    event.refresh_from_db()
    assert event.status == "cancelled"
    assert OutboxMessage.objects.filter(to=leader_a.email, subject__startswith="Cancelled")


def test_members_may_not_cancel_the_event(login, leader_a, event):
    assert login(leader_a).post(url(event)).status_code == 403
    event.refresh_from_db()
    assert event.status == "published"


def test_it_redirects_anonymous_to_login(client, event):
    assert client.post(url(event)).status_code == 302


def test_it_answers_404_outside_the_scope(login, coordinator, other_event):
    assert login(coordinator).post(url(other_event)).status_code == 404


def test_it_rejects_get(login, coordinator, event):
    assert login(coordinator).get(url(event)).status_code == 405
