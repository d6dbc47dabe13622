"""Editing and reordering agenda items, the default slot of a new item, and one agenda for
the whole series."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from events import selectors, services
from events.models import AgendaItem, Event, Registration
from events.tests.factories import AgendaItemFactory, EventFactory
from qnet.models import AuditEntry

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


def item(event, title, start_minutes, length_minutes, kind="plenary", **fields):
    start = event.starts_at + timedelta(minutes=start_minutes)
    return AgendaItem.objects.create(
        event=event,
        kind=kind,
        title=title,
        starts_at=start,
        ends_at=start + timedelta(minutes=length_minutes),
        **fields,
    )


def layout(event):
    """(title, minutes from the event's start, length) of each item in agenda order."""
    return [
        (
            entry.title,
            int((entry.starts_at - event.starts_at).total_seconds() // 60),
            int((entry.ends_at - entry.starts_at).total_seconds() // 60),
        )
        for entry in event.agenda_items.order_by("starts_at", "pk")
    ]


# --- changing an item ------------------------------------------------------------------


def test_agenda_item_update_changes_the_item_and_raises_the_sequence(coordinator, event):
    entry = item(event, "Welcome", 0, 30)
    before = event.sequence
    services.agenda_item_update(
        actor=coordinator,
        item=entry,
        kind="workshop",
        title="Peer observation",
        starts_at=entry.starts_at,
        ends_at=entry.ends_at + timedelta(minutes=30),
        room="Room 2",
        moderator="Mia",
        capacity=12,
    )
    entry.refresh_from_db()
    event.refresh_from_db()
    assert (entry.title, entry.room, entry.capacity) == ("Peer observation", "Room 2", 12)
    assert entry.ends_at - entry.starts_at == timedelta(hours=1)
    assert event.sequence == before + 1
    assert AuditEntry.objects.filter(action="agenda_item.update").exists()


def test_agenda_item_update_drops_the_capacity_of_what_is_not_a_workshop(coordinator, event):
    entry = item(event, "Lunch", 60, 60, kind="workshop", capacity=10)
    services.agenda_item_update(actor=coordinator, item=entry, kind="lunch", capacity=10)
    entry.refresh_from_db()
    assert entry.capacity is None


def test_agenda_item_update_keeps_the_item_within_the_event(coordinator, event):
    entry = item(event, "Welcome", 0, 30)
    with pytest.raises(ValidationError):
        services.agenda_item_update(
            actor=coordinator, item=entry, ends_at=event.ends_at + timedelta(minutes=1)
        )
    entry.refresh_from_db()
    assert entry.ends_at == event.starts_at + timedelta(minutes=30)


def test_agenda_item_update_is_the_coordinators(leader_a, event):
    with pytest.raises(PermissionDenied):
        services.agenda_item_update(actor=leader_a, item=item(event, "Welcome", 0, 30), title="X")


# --- reordering --------------------------------------------------------------------------


def test_moving_an_item_earlier_swaps_the_two_slots_keeping_lengths_and_gap(coordinator, event):
    item(event, "Welcome", 0, 30)
    talk = item(event, "Talk", 40, 60)  # ten minutes after the welcome
    before = event.sequence
    services.agenda_item_move(actor=coordinator, item=talk, earlier=True)
    assert layout(event) == [("Talk", 0, 60), ("Welcome", 70, 30)]
    event.refresh_from_db()
    assert event.sequence == before + 1
    assert AuditEntry.objects.filter(action="agenda_item.move").count() == 1


def test_moving_an_item_later_is_the_same_swap_from_the_other_side(coordinator, event):
    welcome = item(event, "Welcome", 0, 30)
    item(event, "Talk", 30, 60)
    item(event, "Lunch", 90, 60, kind="lunch")
    services.agenda_item_move(actor=coordinator, item=welcome, earlier=False)
    assert layout(event) == [("Talk", 0, 60), ("Welcome", 60, 30), ("Lunch", 90, 60)]


def test_parallel_workshops_move_together(coordinator, event):
    item(event, "Welcome", 0, 30)
    first = item(event, "Workshop A", 30, 60, kind="workshop")
    item(event, "Workshop B", 30, 45, kind="workshop")
    services.agenda_item_move(actor=coordinator, item=first, earlier=True)
    assert layout(event) == [("Workshop A", 0, 60), ("Workshop B", 0, 45), ("Welcome", 60, 30)]


def test_the_first_item_cannot_move_earlier_nor_the_last_later(coordinator, event):
    welcome = item(event, "Welcome", 0, 30)
    talk = item(event, "Talk", 30, 60)
    with pytest.raises(ValidationError, match="first"):
        services.agenda_item_move(actor=coordinator, item=welcome, earlier=True)
    with pytest.raises(ValidationError, match="last"):
        services.agenda_item_move(actor=coordinator, item=talk, earlier=False)
    assert layout(event) == [("Welcome", 0, 30), ("Talk", 30, 60)]


def test_overlapping_items_are_not_swapped(coordinator, event):
    item(event, "Plenary", 0, 120)
    inner = item(event, "Break-out", 30, 30)
    with pytest.raises(ValidationError, match="overlap"):
        services.agenda_item_move(actor=coordinator, item=inner, earlier=True)
    assert layout(event) == [("Plenary", 0, 120), ("Break-out", 30, 30)]


def test_moving_is_the_coordinators(leader_a, event):
    item(event, "Welcome", 0, 30)
    with pytest.raises(PermissionDenied):
        services.agenda_item_move(actor=leader_a, item=item(event, "Talk", 30, 30), earlier=True)


# --- where a new item goes -----------------------------------------------------------------


def test_the_first_item_defaults_to_the_events_start(event):
    assert selectors.agenda_next_slot(event, []) == (
        event.starts_at,
        event.starts_at + timedelta(minutes=30),
    )


def test_the_next_item_starts_where_the_last_ended_and_lasts_as_long(event):
    agenda = [item(event, "Welcome", 0, 30), item(event, "Talk", 30, 45)]
    assert selectors.agenda_next_slot(event, agenda) == (
        event.starts_at + timedelta(minutes=75),
        event.starts_at + timedelta(minutes=120),
    )


def test_the_next_item_is_cut_at_the_events_end(event):
    agenda = [item(event, "Long talk", 0, 150)]
    assert selectors.agenda_next_slot(event, agenda) == (
        event.starts_at + timedelta(minutes=150),
        event.ends_at,
    )


def test_a_full_agenda_offers_the_whole_event(event):
    agenda = [item(event, "All day", 0, 180)]
    assert selectors.agenda_next_slot(event, agenda) == (event.starts_at, event.ends_at)


# --- one agenda for the series -----------------------------------------------------------


@pytest.fixture
def meetings(series):
    return list(series.events.order_by("series_number"))


def test_series_agenda_copy_replaces_the_agenda_of_the_later_meetings(
    coordinator, meetings, leader_a, world
):
    first, second, third = meetings
    item(first, "Welcome", 0, 30, room="Hall")
    item(first, "Workshop", 30, 90, kind="workshop", capacity=12)
    old = item(second, "Old item", 0, 30, kind="workshop")
    registration = Registration.objects.create(
        event=second, person=leader_a, school=world.school_a, status="confirmed"
    )
    registration.workshops.add(old)
    sequences = {meeting.pk: meeting.sequence for meeting in meetings}

    copied = services.series_agenda_copy(actor=coordinator, event=first)

    assert [target.pk for target in copied] == [second.pk, third.pk]
    for target in (second, third):
        assert layout(target) == [("Welcome", 0, 30), ("Workshop", 30, 90)]
        target.refresh_from_db()
        assert target.sequence == sequences[target.pk] + 1
    assert second.agenda_items.get(title="Workshop").capacity == 12
    assert not registration.workshops.exists()
    assert layout(first) == [("Welcome", 0, 30), ("Workshop", 30, 90)]
    assert AuditEntry.objects.filter(action="agenda.copy").count() == 2


def test_series_agenda_copy_leaves_a_cancelled_meeting_alone(coordinator, meetings):
    first, second, third = meetings
    item(first, "Welcome", 0, 30)
    item(third, "Kept", 0, 30)
    Event.objects.filter(pk=third.pk).update(status=Event.Status.CANCELLED)
    copied = services.series_agenda_copy(actor=coordinator, event=first)
    assert [target.pk for target in copied] == [second.pk]
    assert layout(third) == [("Kept", 0, 30)]


def test_series_agenda_copy_leaves_a_past_meeting_alone(coordinator, meetings):
    first, second, third = meetings
    # The first meeting has been held with its own agenda.
    past = timezone.now() - timedelta(days=1)
    Event.objects.filter(pk=first.pk).update(starts_at=past, ends_at=past + timedelta(hours=3))
    first.refresh_from_db()
    item(first, "As it was", 0, 30)
    item(second, "New plan", 0, 60)
    copied = services.series_agenda_copy(actor=coordinator, event=second)
    assert [target.pk for target in copied] == [third.pk]
    assert layout(first) == [("As it was", 0, 30)]
    assert layout(third) == [("New plan", 0, 60)]


def test_series_agenda_copy_without_meetings_to_come_says_so(coordinator, meetings):
    first, second, third = meetings
    Event.objects.filter(pk__in=[second.pk, third.pk]).update(status=Event.Status.CANCELLED)
    item(first, "Welcome", 0, 30)
    with pytest.raises(ValidationError, match="no other meetings"):
        services.series_agenda_copy(actor=coordinator, event=first)


def test_series_agenda_copy_keeps_the_time_of_day_across_daylight_saving(coordinator, fmt):
    # 10:00 in Berlin before and after the clocks go back on 25 October 2026.
    year = timezone.now().year + 1
    starts = [datetime(year, 10, 20, 10, tzinfo=BERLIN), datetime(year, 11, 10, 10, tzinfo=BERLIN)]
    series = services.series_create(actor=coordinator, format=fmt, title="Autumn", starts=starts)
    first, second = series.events.order_by("series_number")
    item(first, "Coffee", 30, 30)
    services.series_agenda_copy(actor=coordinator, event=first)
    copied = second.agenda_items.get()
    assert timezone.localtime(copied.starts_at, BERLIN).strftime("%H:%M") == "10:30"
    assert copied.ends_at - copied.starts_at == timedelta(minutes=30)


def test_series_agenda_copy_refuses_when_a_meeting_is_too_short(coordinator, meetings):
    first, second, third = meetings
    item(first, "Long day", 0, 180)
    Event.objects.filter(pk=third.pk).update(ends_at=third.starts_at + timedelta(hours=2))
    item(second, "Untouched", 0, 30)
    with pytest.raises(ValidationError, match=third.title):
        services.series_agenda_copy(actor=coordinator, event=first)
    assert layout(second) == [("Untouched", 0, 30)]
    assert not third.agenda_items.exists()


def test_series_agenda_copy_refuses_an_empty_agenda(coordinator, meetings):
    item(meetings[1], "Untouched", 0, 30)
    with pytest.raises(ValidationError, match="empty"):
        services.series_agenda_copy(actor=coordinator, event=meetings[0])
    assert meetings[1].agenda_items.exists()


def test_series_agenda_copy_needs_a_series(coordinator, fmt):
    lone = EventFactory(format=fmt)
    AgendaItemFactory(event=lone)
    with pytest.raises(ValidationError, match="series"):
        services.series_agenda_copy(actor=coordinator, event=lone)


def test_series_agenda_copy_is_the_coordinators(leader_a, meetings):
    item(meetings[0], "Welcome", 0, 30)
    with pytest.raises(PermissionDenied):
        services.series_agenda_copy(actor=leader_a, event=meetings[0])


def test_the_copy_targets_count_what_would_be_replaced(meetings, leader_a, world):
    first, second, third = meetings
    workshop = item(second, "Old workshop", 0, 30, kind="workshop")
    item(second, "Old lunch", 30, 30, kind="lunch")
    registration = Registration.objects.create(
        event=second, person=leader_a, school=world.school_a, status="confirmed"
    )
    registration.workshops.add(workshop)
    targets = selectors.series_agenda_targets(first)
    assert [(t.pk, t.item_count, t.choice_count) for t in targets] == [
        (second.pk, 2, 1),
        (third.pk, 0, 0),
    ]
