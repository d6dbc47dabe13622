import pytest

from events.models import AgendaItem
from events.tests.factories import AgendaItemFactory

pytestmark = pytest.mark.django_db


def url(item):
    return f"/events/{item.event_id}/agenda/{item.pk}/delete/"


def test_it_removes_the_item(login, coordinator, event):
    item = AgendaItemFactory(event=event)
    assert login(coordinator).post(url(item)).status_code == 302
    assert not AgendaItem.objects.exists()


def test_members_may_not_remove_items(login, leader_a, event):
    item = AgendaItemFactory(event=event)
    assert login(leader_a).post(url(item)).status_code == 403
    assert AgendaItem.objects.exists()


def test_it_redirects_anonymous_to_login(client, event):
    assert client.post(url(AgendaItemFactory(event=event))).status_code == 302


def test_it_answers_404_outside_the_scope(login, coordinator, other_event):
    assert login(coordinator).post(url(AgendaItemFactory(event=other_event))).status_code == 404


def test_it_rejects_get(login, coordinator, event):
    assert login(coordinator).get(url(AgendaItemFactory(event=event))).status_code == 405
