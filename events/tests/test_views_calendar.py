import pytest
import vobject

from events import services
from events.models import Event
from events.tests.factories import EventFactory, FormatFactory

pytestmark = pytest.mark.django_db


def url(event):
    return f"/events/{event.pk}/calendar.ics"


def test_it_downloads_the_event_as_ics(login, leader_a, event):
    response = login(leader_a).get(url(event))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    parsed = vobject.readOne(response.content.decode())
    assert parsed.vevent.uid.value == f"event-{event.pk}@qnet"


def test_the_online_link_is_only_in_a_registered_persons_file(login, leader_a, leader_b, event):
    event.online_url = "https://meet.example.org/room-42"
    event.save()
    services.registration_create(actor=leader_a, event=event)
    assert b"room-42" in login(leader_a).get(url(event)).content
    assert b"room-42" not in login(leader_b).get(url(event)).content


def test_anonymous_people_get_public_events(client, world):
    public = EventFactory(
        format=FormatFactory(network=world.network), audience=Event.Audience.PUBLIC
    )
    assert client.get(url(public)).status_code == 200


def test_it_redirects_anonymous_to_login_for_a_network_event(client, event):
    assert client.get(url(event)).status_code == 302


def test_it_answers_404_outside_the_scope(login, leader_a, other_event):
    assert login(leader_a).get(url(other_event)).status_code == 404


def test_it_rejects_post(login, leader_a, event):
    assert login(leader_a).post(url(event)).status_code == 405
