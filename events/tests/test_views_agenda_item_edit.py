from datetime import timedelta

import pytest
from django.utils import timezone

from events.tests.factories import AgendaItemFactory

pytestmark = pytest.mark.django_db


def url(item):
    return f"/events/{item.event_id}/agenda/{item.pk}/edit/"


def local(value, event):
    return timezone.localtime(value, event.tzinfo).strftime("%Y-%m-%dT%H:%M")


def test_it_shows_the_item_in_the_networks_time_zone(login, coordinator, event):
    item = AgendaItemFactory(event=event, title="Peer observation", room="Room 2")
    response = login(coordinator).get(url(item))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="Peer observation"' in content and 'value="Room 2"' in content
    assert f'value="{local(item.starts_at, event)}"' in content


def test_it_saves_the_changed_item(login, coordinator, event):
    item = AgendaItemFactory(event=event, capacity=10)
    start = event.starts_at + timedelta(minutes=30)
    response = login(coordinator).post(
        url(item),
        {
            "kind": "workshop",
            "title": "Pupil voice",
            "starts_at": local(start, event),
            "ends_at": local(start + timedelta(minutes=45), event),
            "room": "Library",
            "moderator": "",
            "capacity": "8",
        },
    )
    assert response.status_code == 302 and response.url == f"/events/{event.pk}/agenda/"
    item.refresh_from_db()
    assert (item.title, item.room, item.capacity) == ("Pupil voice", "Library", 8)
    assert item.starts_at == start.replace(second=0, microsecond=0)


def test_a_time_outside_the_event_shows_the_form_again(login, coordinator, event):
    item = AgendaItemFactory(event=event, title="Welcome")
    response = login(coordinator).post(
        url(item),
        {
            "kind": "plenary",
            "title": "Too late",
            "starts_at": local(event.ends_at, event),
            "ends_at": local(event.ends_at + timedelta(hours=1), event),
        },
    )
    assert response.status_code == 200
    assert "An agenda item must lie within the event" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Welcome"


def test_members_may_not_edit_items(login, leader_a, event):
    item = AgendaItemFactory(event=event)
    assert login(leader_a).get(url(item)).status_code == 403
    assert login(leader_a).post(url(item), {"title": "Mine"}).status_code == 403


def test_it_redirects_anonymous_to_login(client, event):
    assert client.get(url(AgendaItemFactory(event=event))).status_code == 302


def test_it_answers_404_outside_the_scope(login, coordinator, other_event):
    assert login(coordinator).get(url(AgendaItemFactory(event=other_event))).status_code == 404


def test_it_answers_404_for_an_item_of_another_event(login, coordinator, event, fmt):
    from events.tests.factories import EventFactory

    item = AgendaItemFactory(event=EventFactory(format=fmt))
    response = login(coordinator).get(f"/events/{event.pk}/agenda/{item.pk}/edit/")
    assert response.status_code == 404


def test_it_rejects_other_methods(login, coordinator, event):
    assert login(coordinator).delete(url(AgendaItemFactory(event=event))).status_code == 405
