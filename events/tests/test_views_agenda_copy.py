from datetime import timedelta

import pytest

from events import services
from events.models import AgendaItem, Event, Registration

pytestmark = pytest.mark.django_db


def url(event):
    return f"/events/{event.pk}/agenda/copy-to-series/"


def add_item(event, title, minutes=0, length=30, kind="plenary"):
    start = event.starts_at + timedelta(minutes=minutes)
    return AgendaItem.objects.create(
        event=event,
        kind=kind,
        title=title,
        starts_at=start,
        ends_at=start + timedelta(minutes=length),
    )


@pytest.fixture
def meetings(series):
    return list(series.events.order_by("series_number"))


def test_the_confirmation_says_what_is_replaced(login, coordinator, meetings, leader_a, world):
    first, second, third = meetings
    add_item(first, "Welcome")
    old = add_item(second, "Old workshop", kind="workshop")
    add_item(second, "Old lunch", 30)
    registration = Registration.objects.create(
        event=second, person=leader_a, school=world.school_a, status="confirmed"
    )
    registration.workshops.add(old)
    response = login(coordinator).get(url(first))
    assert response.status_code == 200
    content = response.content.decode()
    assert second.title in content and third.title in content
    assert "Replaces 2 agenda items." in content and "Has no agenda yet." in content
    assert "1 registered person loses their workshop choice." in content
    assert "Replace the agendas of 2 meetings" in content
    assert second.agenda_items.count() == 2  # nothing changes before the POST


def test_posting_copies_the_agenda(login, coordinator, meetings):
    first, second, third = meetings
    add_item(first, "Welcome")
    add_item(second, "Old")
    response = login(coordinator).post(url(first), follow=True)
    assert response.redirect_chain[-1][0] == f"/events/{first.pk}/agenda/"
    assert "The agenda is copied to 2 meetings." in response.content.decode()
    for target in (second, third):
        assert list(target.agenda_items.values_list("title", flat=True)) == ["Welcome"]


def test_a_meeting_too_short_is_named_and_nothing_is_offered(login, coordinator, meetings):
    first, second, third = meetings
    add_item(first, "Long", 0, 180)
    Event.objects.filter(pk=third.pk).update(ends_at=third.starts_at + timedelta(hours=1))
    content = login(coordinator).get(url(first)).content.decode()
    assert "Too short for this agenda" in content
    assert "Replace the agendas" not in content


def test_a_refused_copy_comes_back_with_the_reason(login, coordinator, meetings):
    response = login(coordinator).post(url(meetings[0]), follow=True)
    assert "The agenda is empty: there is nothing to copy." in response.content.decode()


def test_the_agenda_page_offers_the_copy_only_for_a_series_with_an_agenda(
    login, coordinator, meetings, event
):
    client = login(coordinator)
    assert url(meetings[0]) not in client.get(f"/events/{meetings[0].pk}/agenda/").content.decode()
    add_item(meetings[0], "Welcome")
    assert url(meetings[0]) in client.get(f"/events/{meetings[0].pk}/agenda/").content.decode()
    add_item(event, "Welcome")
    assert url(event) not in client.get(f"/events/{event.pk}/agenda/").content.decode()


def test_members_may_not_copy(login, leader_a, meetings):
    add_item(meetings[0], "Welcome")
    assert login(leader_a).get(url(meetings[0])).status_code == 403
    assert login(leader_a).post(url(meetings[0])).status_code == 403
    assert not meetings[1].agenda_items.exists()


def test_it_redirects_anonymous_to_login(client, meetings):
    assert client.get(url(meetings[0])).status_code == 302
    assert client.post(url(meetings[0])).status_code == 302


def test_it_answers_404_outside_the_scope(login, coordinator, other_event):
    assert login(coordinator).get(url(other_event)).status_code == 404


def test_it_rejects_other_methods(login, coordinator, meetings):
    assert login(coordinator).delete(url(meetings[0])).status_code == 405


@pytest.mark.parametrize("count", [2, 10])
def test_its_query_count_is_constant(
    login, coordinator, fmt, event, leader_a, world, django_assert_num_queries, count
):
    series = services.series_create(
        actor=coordinator,
        format=fmt,
        title="Learning network",
        starts=[event.starts_at + timedelta(weeks=n) for n in range(count)],
    )
    meetings = list(series.events.order_by("series_number"))
    for index in range(count):
        add_item(meetings[0], f"Item {index}", minutes=index * 10, length=10)
    for meeting in meetings[1:]:
        old = add_item(meeting, "Old", kind="workshop")
        registration = Registration.objects.create(
            event=meeting, person=leader_a, school=world.school_a, status="confirmed"
        )
        registration.workshops.add(old)
    client = login(coordinator)
    client.get(url(meetings[0]))  # the visibility answer is kept after the first request
    with django_assert_num_queries(5):
        assert client.get(url(meetings[0])).status_code == 200
