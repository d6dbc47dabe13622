from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from events import services
from events.models import AgendaItem, Event, Kind, Registration, Reminder
from events.tests.factories import AgendaItemFactory, EventFactory, FormatFactory
from qnet.models import AuditEntry, OutboxMessage, Role
from qnet.tests.factories import MembershipFactory, SchoolFactory, UserFactory

pytestmark = pytest.mark.django_db


def queued():
    """The mails in the persisted outbox, oldest first (sending happens on commit)."""
    return list(OutboxMessage.objects.order_by("pk"))


def clear_outbox():
    OutboxMessage.objects.all().delete()


def soon(days=14, hour=0):
    return timezone.now() + timedelta(days=days, hours=hour)


# --- formats and events ----------------------------------------------------------------


def test_format_create_needs_a_coordinator_of_the_network(leader_a, coordinator, world):
    with pytest.raises(PermissionDenied):
        services.format_create(actor=leader_a, network=world.network, kind=Kind.FORUM, name="Forum")
    fmt = services.format_create(
        actor=coordinator, network=world.network, kind=Kind.FORUM, name="Forum"
    )
    assert fmt.network == world.network


def test_format_create_rejects_a_duplicate_name(coordinator, fmt, world):
    with pytest.raises(ValidationError, match="exists already"):
        services.format_create(
            actor=coordinator, network=world.network, kind=Kind.FORUM, name=fmt.name
        )


def test_event_create_takes_the_formats_defaults(coordinator, world):
    fmt = FormatFactory(
        network=world.network,
        default_duration=timedelta(hours=6),
        default_capacity=80,
        seats_per_school=4,
        name="Perspective day",
    )
    start = soon()
    event = services.event_create(actor=coordinator, format=fmt, starts_at=start)
    assert event.title == "Perspective day"
    assert event.ends_at == start + timedelta(hours=6)
    assert (event.capacity, event.seats_per_school) == (80, 4)
    assert event.status == Event.Status.DRAFT
    assert event.network == world.network
    assert event.reminder_days == [7, 1]
    assert AuditEntry.objects.filter(action="event.create").exists()


def test_event_create_rejects_an_end_before_the_start(coordinator, fmt):
    start = soon()
    with pytest.raises(ValidationError, match="end must be after the start"):
        services.event_create(
            actor=coordinator, format=fmt, starts_at=start, ends_at=start - timedelta(hours=1)
        )
    assert not Event.objects.exists()


def test_event_create_rejects_a_host_school_outside_the_network(coordinator, fmt, world):
    with pytest.raises(ValidationError, match="not in the network"):
        services.event_create(
            actor=coordinator, format=fmt, starts_at=soon(), host_school=world.school_other
        )


def test_event_create_is_forbidden_to_others(leader_a, fmt):
    with pytest.raises(PermissionDenied):
        services.event_create(actor=leader_a, format=fmt, starts_at=soon())


def test_series_create_numbers_meetings_and_rotates_host_schools(coordinator, fmt, world):
    starts = [soon(days=10 + 14 * index) for index in range(5)]
    series = services.series_create(
        actor=coordinator,
        format=fmt,
        title="Learning network",
        starts=starts,
        host_schools=[world.school_a, world.school_b],
    )
    events = list(series.events.order_by("series_number"))
    assert [event.title for event in events] == [
        f"Learning network {number}/5" for number in range(1, 6)
    ]
    assert [event.series_label for event in events] == [f"{n}/5" for n in range(1, 6)]
    hosts = [event.host_school for event in events]
    assert hosts == [world.school_a, world.school_b, world.school_a, world.school_b, world.school_a]


def test_series_create_needs_a_meeting(coordinator, fmt):
    with pytest.raises(ValidationError):
        services.series_create(actor=coordinator, format=fmt, title="Empty", starts=[])


def test_event_update_raises_the_sequence_and_tells_registered_people(coordinator, event, leader_a):
    services.registration_create(actor=leader_a, event=event)
    clear_outbox()
    before = event.sequence
    updated = services.event_update(
        actor=coordinator, event=event, starts_at=event.starts_at + timedelta(hours=1),
        ends_at=event.ends_at + timedelta(hours=1),
    )  # fmt: skip
    assert updated.sequence == before + 1
    assert [message.to for message in queued()] == [leader_a.email]
    assert "Changed" in queued()[0].subject
    assert "SEQUENCE:" + str(updated.sequence) in queued()[0].attachments[0]["content"]


def test_event_update_rejects_an_end_before_the_start_and_changes_nothing(coordinator, event):
    with pytest.raises(ValidationError):
        services.event_update(
            actor=coordinator, event=event, ends_at=event.starts_at - timedelta(minutes=1)
        )
    event.refresh_from_db()
    assert event.ends_at > event.starts_at and event.sequence == 0


def test_event_update_with_more_seats_promotes_the_waiting_list(coordinator, event, leader_a):
    event.capacity = 0
    event.save()
    registration = services.registration_create(actor=leader_a, event=event)
    assert registration.status == Registration.Status.WAITLISTED
    services.event_update(actor=coordinator, event=event, capacity=1)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_event_publish_only_publishes_drafts(coordinator, fmt):
    event = services.event_create(actor=coordinator, format=fmt, starts_at=soon())
    services.event_publish(actor=coordinator, event=event)
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    with pytest.raises(ValidationError):
        services.event_publish(actor=coordinator, event=event)


def test_event_cancel_mails_everyone_registered_with_a_cancelling_ics(
    coordinator, event, leader_a, leader_b
):
    services.registration_create(actor=leader_a, event=event)
    services.registration_create(actor=leader_b, event=event)
    clear_outbox()
    services.event_cancel(actor=coordinator, event=event)
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert sorted(message.to for message in queued()) == [leader_a.email, leader_b.email]
    assert all("STATUS:CANCELLED" in m.attachments[0]["content"] for m in queued())
    assert not Reminder.objects.filter(sent_at__isnull=True).exists()


def test_event_cancel_is_forbidden_to_members(leader_a, event):
    with pytest.raises(PermissionDenied):
        services.event_cancel(actor=leader_a, event=event)


def test_event_copy_keeps_details_and_agenda_as_a_draft(coordinator, event):
    AgendaItemFactory(event=event, title="Opening", kind=AgendaItem.Kind.OPENING)
    start = event.starts_at + timedelta(days=28)
    copy = services.event_copy(actor=coordinator, event=event, starts_at=start)
    assert copy.pk != event.pk and copy.status == Event.Status.DRAFT
    assert copy.title == event.title
    assert copy.ends_at - copy.starts_at == event.ends_at - event.starts_at
    item = copy.agenda_items.get()
    assert item.starts_at == event.agenda_items.get().starts_at + timedelta(days=28)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        # Year 1 in Berlin is 1 BC in UTC: stored, but no query could read the row back.
        ("starts_at", datetime(1, 1, 1, 12, tzinfo=UTC)),
        # Shown in Berlin's time, this is the year 10000: every page of it overflowed.
        ("starts_at", datetime(9999, 12, 31, 20, tzinfo=UTC)),
        ("registration_opens_at", datetime(1999, 12, 31, tzinfo=UTC)),
        ("cancellation_deadline", datetime(2101, 1, 1, tzinfo=UTC)),
    ],
)
def test_an_event_outside_the_calendars_years_is_refused(coordinator, fmt, field, value):
    times = {"starts_at": soon(), field: value}
    times.setdefault("ends_at", times["starts_at"] + timedelta(hours=1))
    with pytest.raises(ValidationError) as refused:
        services.event_create(actor=coordinator, format=fmt, **times)
    assert list(refused.value.error_dict) == [field]
    assert not Event.objects.exists()


def test_a_copy_whose_times_would_leave_the_calendar_is_refused(coordinator, event):
    # A row stored before the years were bounded: shifted, it would pass the year 1.
    Event.objects.filter(pk=event.pk).update(registration_opens_at=datetime(1, 1, 2, tzinfo=UTC))
    event.refresh_from_db()
    with pytest.raises(ValidationError, match="outside the calendar"):
        services.event_copy(
            actor=coordinator, event=event, starts_at=event.starts_at - timedelta(days=7)
        )
    assert Event.objects.count() == 1


def test_agenda_item_must_lie_within_the_event(coordinator, event):
    with pytest.raises(ValidationError, match="within"):
        services.agenda_item_create(
            actor=coordinator,
            event=event,
            kind=AgendaItem.Kind.PLENARY,
            title="Too late",
            starts_at=event.ends_at,
            ends_at=event.ends_at + timedelta(hours=1),
        )


# --- registrations -----------------------------------------------------------------------


def test_registration_confirms_and_mails_an_ics(event, leader_a, world):
    registration = services.registration_create(actor=leader_a, event=event)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.school == world.school_a
    assert registration.registered_by == leader_a
    (message,) = queued()
    assert message.to == leader_a.email
    attachment = message.attachments[0]
    filename, content, mimetype = (attachment[k] for k in ("filename", "content", "mimetype"))
    assert filename.endswith(".ics") and mimetype.startswith("text/calendar")
    assert f"UID:event-{event.pk}@qnet" in content
    assert set(registration.reminders.values_list("kind", flat=True)) == {"7d", "1d"}


def test_registration_goes_to_the_waiting_list_when_full(event, leader_a, leader_b):
    event.capacity = 1
    event.save()
    services.registration_create(actor=leader_a, event=event)
    second = services.registration_create(actor=leader_b, event=event)
    assert second.status == Registration.Status.WAITLISTED
    assert not second.reminders.exists()
    assert "waiting list" in queued()[-1].subject


def test_registration_respects_seats_per_school(event, leader_a, staff_a, leader_b):
    event.seats_per_school = 1
    event.save()
    assert services.registration_create(actor=leader_a, event=event).status == "confirmed"
    assert services.registration_create(actor=staff_a, event=event).status == "waitlisted"
    assert services.registration_create(actor=leader_b, event=event).status == "confirmed"


def test_a_leader_registers_a_colleague_of_her_school(event, leader_a, staff_a):
    registration = services.registration_create(actor=leader_a, event=event, person=staff_a)
    assert registration.person == staff_a and registration.registered_by == leader_a
    assert queued()[0].to == staff_a.email


def test_staff_cannot_register_colleagues(event, leader_a, staff_a):
    with pytest.raises(PermissionDenied):
        services.registration_create(actor=staff_a, event=event, person=leader_a)


def test_a_leader_cannot_register_people_of_another_school(event, leader_a, leader_b):
    with pytest.raises(PermissionDenied):
        services.registration_create(actor=leader_a, event=event, person=leader_b)


def test_double_registration_is_rejected(event, leader_a):
    services.registration_create(actor=leader_a, event=event)
    with pytest.raises(ValidationError, match="already registered"):
        services.registration_create(actor=leader_a, event=event)
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [
        (timedelta(days=1), None, "Registration opens"),
        (timedelta(days=-5), timedelta(days=-1), "Registration closed"),
    ],
)
def test_registration_outside_the_window_is_rejected(event, leader_a, opens, closes, message):
    now = timezone.now()
    event.registration_opens_at = now + opens
    event.registration_closes_at = now + closes if closes else None
    event.save()
    with pytest.raises(ValidationError, match=message):
        services.registration_create(actor=leader_a, event=event)
    assert not Registration.objects.exists()


def test_registration_for_a_draft_or_past_event_is_rejected(fmt, past_event, leader_a):
    draft = EventFactory(format=fmt, status=Event.Status.DRAFT)
    with pytest.raises(ValidationError, match="not open"):
        services.registration_create(actor=leader_a, event=draft)
    with pytest.raises(ValidationError, match="begun"):
        services.registration_create(actor=leader_a, event=past_event)


def test_a_full_workshop_cannot_be_chosen(event, leader_a, leader_b):
    workshop = AgendaItemFactory(event=event, capacity=1)
    services.registration_create(actor=leader_a, event=event, workshops=[workshop])
    with pytest.raises(ValidationError, match="is full"):
        services.registration_create(actor=leader_b, event=event, workshops=[workshop])
    assert workshop.registrations.count() == 1
    assert not Registration.objects.filter(person=leader_b).exists()


def test_one_workshop_per_time_slot(event, leader_a):
    first = AgendaItemFactory(event=event)
    parallel = AgendaItemFactory(event=event, starts_at=first.starts_at)
    with pytest.raises(ValidationError, match="one workshop per time slot"):
        services.registration_create(actor=leader_a, event=event, workshops=[first, parallel])


def test_workshops_of_another_event_are_rejected(event, other_event, leader_a):
    foreign = AgendaItemFactory(event=other_event)
    with pytest.raises(ValidationError, match="this event only"):
        services.registration_create(actor=leader_a, event=event, workshops=[foreign])


def test_cancel_promotes_the_waiting_list_first_in_first_out(event, world):
    event.capacity = 1
    event.save()
    people = []
    for index in range(3):
        person = UserFactory(email=f"teacher{index}@example.org")
        MembershipFactory(user=person, role=Role.SCHOOL_STAFF, school=world.school_a)
        people.append(person)
    first, second, third = (
        services.registration_create(actor=person, event=event) for person in people
    )
    clear_outbox()
    services.registration_cancel(actor=people[0], registration=first)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Registration.Status.CONFIRMED
    assert third.status == Registration.Status.WAITLISTED
    assert [m.to for m in queued()] == [people[1].email]
    assert "seat is free" in queued()[0].subject
    assert set(second.reminders.values_list("kind", flat=True)) == {"7d", "1d"}


def test_promotion_skips_people_whose_school_has_no_seat_left(event, world, leader_a, leader_b):
    event.capacity = 2
    event.seats_per_school = 1
    event.save()
    colleague = UserFactory()
    MembershipFactory(user=colleague, role=Role.SCHOOL_STAFF, school=world.school_a)
    school_c = SchoolFactory(authority=world.authority)
    outsider_school = UserFactory()
    MembershipFactory(user=outsider_school, role=Role.SCHOOL_STAFF, school=school_c)
    first = services.registration_create(actor=leader_a, event=event)
    services.registration_create(actor=leader_b, event=event)
    waiting_a = services.registration_create(actor=colleague, event=event)
    assert waiting_a.status == "waitlisted"
    services.registration_cancel(actor=leader_a, registration=first)
    waiting_a.refresh_from_db()
    assert waiting_a.status == "confirmed"


def test_cancel_after_the_deadline_is_refused_but_an_apology_is_not(event, leader_a):
    registration = services.registration_create(actor=leader_a, event=event)
    event.cancellation_deadline = timezone.now() - timedelta(hours=1)
    event.save()
    with pytest.raises(ValidationError, match="deadline"):
        services.registration_cancel(actor=leader_a, registration=registration)
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    services.registration_excuse(actor=leader_a, registration=registration, apology="Ill")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.EXCUSED
    assert registration.attendance == Registration.Attendance.EXCUSED
    assert registration.apology == "Ill"


def test_others_cannot_cancel_a_registration(event, leader_a, leader_b):
    registration = services.registration_create(actor=leader_a, event=event)
    with pytest.raises(PermissionDenied):
        services.registration_cancel(actor=leader_b, registration=registration)


def test_registering_again_after_cancelling_is_allowed(event, leader_a):
    registration = services.registration_create(actor=leader_a, event=event)
    services.registration_cancel(actor=leader_a, registration=registration)
    again = services.registration_create(actor=leader_a, event=event)
    assert again.status == "confirmed" and again.pk != registration.pk


def test_promoted_people_lose_workshops_that_filled_up(event, world, leader_a, leader_b):
    event.capacity = 1
    event.save()
    workshop = AgendaItemFactory(event=event, capacity=1)
    first = services.registration_create(actor=leader_a, event=event)
    waiting = services.registration_create(actor=leader_b, event=event, workshops=[workshop])
    colleague = UserFactory()
    MembershipFactory(user=colleague, role=Role.SCHOOL_STAFF, school=world.school_a)
    # A seat is added and the workshop fills with a confirmed person while leader_b waits.
    Event.objects.filter(pk=event.pk).update(capacity=2)
    Registration.objects.create(event=event, person=colleague, status="confirmed").workshops.add(
        workshop
    )
    services.registration_cancel(actor=leader_a, registration=first)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert not waiting.workshops.exists()


def test_attendance_is_marked_after_the_start(coordinator, past_event, leader_a, event):
    registration = Registration.objects.create(
        event=past_event, person=leader_a, status="confirmed"
    )
    changed = services.attendance_mark(
        actor=coordinator, event=past_event, marks={registration.pk: "present"}
    )
    registration.refresh_from_db()
    assert changed == 1 and registration.attendance == "present"
    with pytest.raises(ValidationError, match="once the event has begun"):
        services.attendance_mark(actor=coordinator, event=event, marks={})
    with pytest.raises(PermissionDenied):
        services.attendance_mark(actor=leader_a, event=past_event, marks={})
    with pytest.raises(ValidationError, match="Unknown"):
        services.attendance_mark(
            actor=coordinator, event=past_event, marks={registration.pk: "asleep"}
        )


def test_calendar_feed_create_replaces_the_old_address(leader_a):
    first = services.calendar_feed_create(user=leader_a)
    second = services.calendar_feed_create(user=leader_a)
    first.refresh_from_db()
    assert first.revoked_at is not None and second.revoked_at is None
    assert first.token != second.token
    assert services.calendar_feed_revoke(user=leader_a) == 1


def test_a_dialogue_meeting_belongs_to_the_authority_and_its_invited_school(
    authority_staff, leader_a, leader_b, world
):
    from events import selectors

    fmt = services.format_create(
        actor=authority_staff,
        authority=world.authority,
        kind=Kind.DIALOGUE_MEETING,
        name="Dialogue meeting",
    )
    event = services.event_create(
        actor=authority_staff,
        format=fmt,
        starts_at=soon(),
        audience=Event.Audience.INVITED,
        invited_schools=[world.school_a],
    )
    services.event_publish(actor=authority_staff, event=event)
    assert event.network is None and event.authority == world.authority
    assert selectors.events_visible_to(leader_a).filter(pk=event.pk).exists()
    assert not selectors.events_visible_to(leader_b).filter(pk=event.pk).exists()
    assert services.registration_create(actor=leader_a, event=event).status == "confirmed"
