from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import AgendaItem, AgendaProposal

pytestmark = pytest.mark.django_db


def url(event):
    return f"/events/{event.pk}/agenda/"


def local(value, event):
    return timezone.localtime(value, event.tzinfo).strftime("%Y-%m-%dT%H:%M")


def test_it_adds_a_workshop_in_the_networks_time_zone(login, coordinator, event):
    start = event.starts_at + timedelta(hours=1)
    response = login(coordinator).post(
        url(event),
        {
            "kind": "workshop",
            "title": "Peer observation",
            "starts_at": local(start, event),
            "ends_at": local(start + timedelta(hours=1), event),
            "room": "Room 2",
            "capacity": "12",
        },
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    assert item.starts_at == start.replace(second=0, microsecond=0)
    assert item.capacity == 12


def test_an_end_before_the_start_is_refused(login, coordinator, event):
    start = event.starts_at + timedelta(hours=1)
    response = login(coordinator).post(
        url(event),
        {
            "kind": "plenary",
            "title": "Backwards",
            "starts_at": local(start, event),
            "ends_at": local(start - timedelta(minutes=30), event),
        },
    )
    assert response.status_code == 200
    assert "The end must be after the start." in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_members_may_not_edit_the_agenda(login, leader_a, event):
    assert login(leader_a).get(url(event)).status_code == 403


def test_it_redirects_anonymous_to_login(client, event):
    assert client.get(url(event)).status_code == 302


def test_it_answers_404_outside_the_scope(login, coordinator, other_event):
    assert login(coordinator).get(url(other_event)).status_code == 404


def test_it_rejects_other_methods(login, coordinator, event):
    assert login(coordinator).delete(url(event)).status_code == 405


def test_it_shows_an_anonymised_proposal_without_its_proposer(
    login, coordinator, leader_a, past_event, anonymise_after_retention
):
    AgendaProposal.objects.create(event=past_event, person=leader_a, title="Reading aloud")
    anonymise_after_retention(past_event)
    response = login(coordinator).get(url(past_event))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Reading aloud" in content and "Anonymised participant" in content
    assert "Lea Albers" not in content


def test_the_form_offers_the_slot_after_the_last_item(login, coordinator, event):
    start = event.starts_at + timedelta(minutes=30)
    AgendaItem.objects.create(
        event=event,
        kind="plenary",
        title="Keynote",
        starts_at=start,
        ends_at=start + timedelta(minutes=45),
    )
    content = login(coordinator).get(url(event)).content.decode()
    next_start = start + timedelta(minutes=45)
    assert f'name="starts_at" value="{local(next_start, event)}"' in content
    assert f'name="ends_at" value="{local(next_start + timedelta(minutes=45), event)}"' in content


def test_an_empty_agenda_starts_with_the_event(login, coordinator, event):
    content = login(coordinator).get(url(event)).content.decode()
    assert f'name="starts_at" value="{local(event.starts_at, event)}"' in content
    assert (
        f'name="ends_at" value="{local(event.starts_at + timedelta(minutes=30), event)}"' in content
    )


def test_it_offers_to_edit_and_move_each_item(login, coordinator, event):
    for minutes in (0, 30):
        AgendaItem.objects.create(
            event=event,
            kind="plenary",
            title=f"Item {minutes}",
            starts_at=event.starts_at + timedelta(minutes=minutes),
            ends_at=event.starts_at + timedelta(minutes=minutes + 30),
        )
    first, second = event.agenda_items.order_by("starts_at")
    content = login(coordinator).get(url(event)).content.decode()
    assert f"/events/{event.pk}/agenda/{first.pk}/edit/" in content
    assert f"/events/{event.pk}/agenda/{second.pk}/move/" in content
    # The first item cannot move earlier, the last not later.
    assert content.count('value="earlier" disabled') == 1
    assert content.count('value="later" disabled') == 1


@pytest.mark.parametrize("count", [1, 12])
def test_its_query_count_is_constant(login, coordinator, event, django_assert_num_queries, count):
    for index in range(count):
        AgendaItem.objects.create(
            event=event,
            kind="workshop",
            title=f"Workshop {index}",
            starts_at=event.starts_at + timedelta(minutes=10 * index),
            ends_at=event.starts_at + timedelta(minutes=10 * index + 10),
            capacity=5,
        )
        AgendaProposal.objects.create(event=event, title=f"Topic {index}")
    client = login(coordinator)
    client.get(url(event))  # the visibility answer is kept after the first request
    with django_assert_num_queries(5):
        assert client.get(url(event)).status_code == 200
