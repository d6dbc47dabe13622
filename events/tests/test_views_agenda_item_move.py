from datetime import timedelta

import pytest

from events.models import AgendaItem
from events.tests.factories import AgendaItemFactory

pytestmark = pytest.mark.django_db


def url(item):
    return f"/events/{item.event_id}/agenda/{item.pk}/move/"


@pytest.fixture
def two_items(event):
    welcome = AgendaItemFactory(
        event=event,
        kind="plenary",
        title="Welcome",
        starts_at=event.starts_at,
        ends_at=event.starts_at + timedelta(minutes=30),
    )
    talk = AgendaItemFactory(
        event=event,
        kind="plenary",
        title="Talk",
        starts_at=event.starts_at + timedelta(minutes=30),
        ends_at=event.starts_at + timedelta(minutes=90),
    )
    return welcome, talk


def titles(event):
    return list(event.agenda_items.order_by("starts_at", "pk").values_list("title", flat=True))


def test_it_moves_an_item_earlier_and_returns_to_its_row(login, coordinator, event, two_items):
    _welcome, talk = two_items
    response = login(coordinator).post(url(talk), {"direction": "earlier"})
    assert response.status_code == 302
    assert response.url == f"/events/{event.pk}/agenda/#item-{talk.pk}"
    assert titles(event) == ["Talk", "Welcome"]


def test_it_moves_an_item_later(login, coordinator, event, two_items):
    welcome, _talk = two_items
    login(coordinator).post(url(welcome), {"direction": "later"})
    assert titles(event) == ["Talk", "Welcome"]


def test_a_move_past_the_end_is_refused_with_a_message(login, coordinator, event, two_items):
    _welcome, talk = two_items
    response = login(coordinator).post(url(talk), {"direction": "later"}, follow=True)
    assert "This item is last on the agenda already." in response.content.decode()
    assert titles(event) == ["Welcome", "Talk"]


def test_an_unknown_direction_is_a_bad_request(login, coordinator, two_items):
    assert login(coordinator).post(url(two_items[1]), {"direction": "up"}).status_code == 400
    assert login(coordinator).post(url(two_items[1])).status_code == 400


def test_members_may_not_reorder(login, leader_a, event, two_items):
    assert login(leader_a).post(url(two_items[1]), {"direction": "earlier"}).status_code == 403
    assert titles(event) == ["Welcome", "Talk"]


def test_it_redirects_anonymous_to_login(client, two_items):
    assert client.post(url(two_items[1]), {"direction": "earlier"}).status_code == 302


def test_it_answers_404_outside_the_scope(login, coordinator, other_event):
    item = AgendaItemFactory(event=other_event)
    assert login(coordinator).post(url(item), {"direction": "earlier"}).status_code == 404


def test_it_rejects_get(login, coordinator, two_items):
    assert login(coordinator).get(url(two_items[1])).status_code == 405
    assert AgendaItem.objects.count() == 2
