from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events import selectors, services
from events.models import AgendaProposal, Event, GuestInvitation, Registration
from events.tests.factories import AgendaItemFactory, EventFactory
from qnet import privacy
from qnet.models import AuditEntry, OutboxMessage
from qnet.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# A fixed "now" in the middle of a year, so events a few days apart fall in one year.
NOW = timezone.make_aware(datetime(2026, 6, 15, 12, 0))


@pytest.fixture(autouse=True)
def _retention(settings):
    settings.EVENTS_RETENTION_DAYS = 730


def ended(fmt, days_ago: float, **fields) -> Event:
    """An event of the Demo network that ended `days_ago` days before NOW."""
    ends = NOW - timedelta(days=days_ago)
    return EventFactory(format=fmt, starts_at=ends - timedelta(hours=3), ends_at=ends, **fields)


def move_back(event: Event, days_ago: float) -> Event:
    """Let an event (set up while it was upcoming) have ended `days_ago` days before NOW."""
    ends = NOW - timedelta(days=days_ago)
    Event.objects.filter(pk=event.pk).update(starts_at=ends - timedelta(hours=3), ends_at=ends)
    event.refresh_from_db()
    return event


def personal_registration(event, person, school, **fields) -> Registration:
    defaults = {
        "status": Registration.Status.CONFIRMED,
        "notes": "Arriving late",
        "dietary_notes": "vegan",
        "accessibility_notes": "wheelchair",
        "attendance": Registration.Attendance.PRESENT,
        "registered_by": person,
    }
    defaults.update(fields)
    return Registration.objects.create(event=event, person=person, school=school, **defaults)


def test_it_anonymises_registrations_of_events_that_ended_before_the_period(
    fmt, leader_a, coordinator, world
):
    old = ended(fmt, 731)
    workshop = AgendaItemFactory(event=old)
    registration = personal_registration(old, leader_a, world.school_a, registered_by=coordinator)
    registration.workshops.add(workshop)
    excused = personal_registration(
        old,
        UserFactory(),
        world.school_b,
        status=Registration.Status.EXCUSED,
        attendance=Registration.Attendance.EXCUSED,
        apology="Parents' evening",
    )

    assert services.registrations_anonymise_expired(now=NOW) == 2

    registration.refresh_from_db()
    excused.refresh_from_db()
    for row in (registration, excused):
        assert row.person is None and row.registered_by is None
        assert (row.notes, row.dietary_notes, row.accessibility_notes, row.apology) == (
            "",
            "",
            "",
            "",
        )
        assert row.anonymised_at == NOW
        assert len(row.participant_key) == 32
    # What the figures are counted from stays.
    assert registration.school == world.school_a
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.attendance == Registration.Attendance.PRESENT
    assert list(registration.workshops.all()) == [workshop]
    assert excused.status == Registration.Status.EXCUSED
    assert str(registration) == f"Anonymised participant – {old}"


def test_it_leaves_recent_and_upcoming_events_alone(fmt, leader_a, leader_b, staff_a, world):
    recent = ended(fmt, 729)
    kept = personal_registration(recent, leader_a, world.school_a)
    upcoming = EventFactory(
        format=fmt,
        starts_at=NOW + timedelta(days=10),
        ends_at=NOW + timedelta(days=10, hours=3),
        capacity=1,
    )
    confirmed = personal_registration(upcoming, leader_b, world.school_b)
    waiting = personal_registration(
        upcoming,
        staff_a,
        world.school_a,
        status=Registration.Status.WAITLISTED,
        waitlisted_at=NOW,
    )

    assert services.registrations_anonymise_expired(now=NOW) == 0

    for row in (kept, confirmed, waiting):
        before = (row.person_id, row.notes, row.status, row.waitlisted_at)
        row.refresh_from_db()
        assert (row.person_id, row.notes, row.status, row.waitlisted_at) == before
        assert row.anonymised_at is None and row.participant_key == ""
    assert not AuditEntry.objects.filter(action="registrations.anonymise_expired").exists()


def test_seats_and_the_waiting_list_of_upcoming_events_work_as_before(
    fmt, leader_a, leader_b, staff_a, world
):
    old = ended(fmt, 800, capacity=1)
    personal_registration(old, leader_a, world.school_a)
    upcoming = EventFactory(format=fmt, capacity=1)
    first = services.registration_create(actor=leader_a, event=upcoming)
    second = services.registration_create(actor=leader_b, event=upcoming)

    services.registrations_anonymise_expired()

    assert (first.status, second.status) == ("confirmed", "waitlisted")
    services.registration_cancel(actor=leader_a, registration=first)
    second.refresh_from_db()
    assert second.status == Registration.Status.CONFIRMED
    third = services.registration_create(actor=staff_a, event=upcoming)
    assert third.status == Registration.Status.WAITLISTED


def test_a_second_run_changes_nothing_and_logs_nothing(fmt, leader_a, world):
    old = ended(fmt, 1000)
    registration = personal_registration(old, leader_a, world.school_a)
    assert services.registrations_anonymise_expired(now=NOW) == 1
    registration.refresh_from_db()
    first = (registration.anonymised_at, registration.participant_key)

    later = NOW + timedelta(days=1)
    assert services.registrations_anonymise_expired(now=later) == 0

    registration.refresh_from_db()
    assert (registration.anonymised_at, registration.participant_key) == first
    assert AuditEntry.objects.filter(action="registrations.anonymise_expired").count() == 1


def test_the_figures_per_school_and_year_stay_the_same(fmt, leader_a, staff_a, leader_b, world):
    # Three events of one year: Lea at two of them, Sam at one, Bram absent from one.
    january = ended(fmt, 892)
    february = ended(fmt, 860)
    march = ended(fmt, 830)
    personal_registration(january, leader_a, world.school_a)
    personal_registration(march, leader_a, world.school_a)
    personal_registration(february, staff_a, world.school_a)
    personal_registration(
        february, leader_b, world.school_b, attendance=Registration.Attendance.ABSENT
    )
    personal_registration(march, leader_b, world.school_b)
    year = timezone.localtime(january.starts_at).year
    assert timezone.localtime(march.starts_at).year == year

    def figures():
        authority = world.authority.pk
        return (
            selectors.participation_by_school(authority_id=authority, year=year),
            selectors.events_held_by_kind(authority_id=authority, year=year),
        )

    before = figures()
    assert before[0] == {world.school_a.pk: (3, 2), world.school_b.pk: (1, 1)}

    # Only January has passed the period: Lea is half anonymised and still counted once.
    january_cutoff = january.ends_at + timedelta(days=731)
    assert services.registrations_anonymise_expired(now=january_cutoff) == 1
    assert figures() == before

    assert services.registrations_anonymise_expired(now=NOW) == 4
    assert not Registration.objects.filter(person__isnull=False).exists()
    assert figures() == before


def test_a_registration_of_the_year_made_after_an_earlier_run_takes_the_persons_key(
    fmt, leader_a, world
):
    january, february, march = ended(fmt, 892), ended(fmt, 860), ended(fmt, 830)
    personal_registration(january, leader_a, world.school_a)
    named = personal_registration(march, leader_a, world.school_a)
    services.registrations_anonymise_expired(now=january.ends_at + timedelta(days=731))
    named.refresh_from_db()
    assert named.participant_key != "" and named.person == leader_a
    late = personal_registration(february, leader_a, world.school_a)

    services.registrations_anonymise_expired(now=february.ends_at + timedelta(days=731))

    late.refresh_from_db()
    assert late.participant_key == named.participant_key and late.person is None


def test_the_stand_in_key_does_not_reach_into_other_years(fmt, leader_a, world):
    this_year = ended(fmt, 800)
    next_year = ended(fmt, 800 - 365)
    personal_registration(this_year, leader_a, world.school_a)
    untouched = personal_registration(next_year, leader_a, world.school_a)

    services.registrations_anonymise_expired(now=NOW)

    untouched.refresh_from_db()
    assert untouched.participant_key == "" and untouched.person == leader_a


def test_guests_of_expired_events_lose_name_and_address(fmt, coordinator):
    # Guests are invited to upcoming events only: invite first, then let time pass.
    old, recent = EventFactory(format=fmt), EventFactory(format=fmt)
    tokens = []
    for event in (old, old, recent):
        guest, token = services.guest_invite(
            actor=coordinator,
            event=event,
            name=f"Speaker {len(tokens)}",
            email=f"speaker{len(tokens)}@example.org",
            role=GuestInvitation.Role.SPEAKER,
        )
        tokens.append(token)
    move_back(old, 731)
    move_back(recent, 10)

    services.registrations_anonymise_expired(now=NOW)

    anonymised = GuestInvitation.objects.filter(event=old)
    assert [(g.name, g.email, g.role) for g in anonymised] == [("", "", "speaker")] * 2
    assert all(g.display_name == "Anonymised participant" for g in anonymised)
    assert GuestInvitation.objects.get(event=recent).email == "speaker2@example.org"
    # The emailed link of an anonymised guest leads nowhere any more.
    assert selectors.guest_by_token(tokens[0]) is None
    assert selectors.guest_by_token(tokens[2]) is not None
    logged = AuditEntry.objects.filter(object_id=str(old.pk), action="guest.invite")
    assert logged.count() == 2
    assert all(entry.data == {} for entry in logged)
    assert "speaker2@example.org" in str(
        AuditEntry.objects.get(object_id=str(recent.pk), action="guest.invite").data
    )


def test_agenda_proposals_of_expired_events_lose_who_proposed_them(fmt, leader_a):
    old = ended(fmt, 731)
    proposal = AgendaProposal.objects.create(event=old, person=leader_a, title="Reading")
    recent_proposal = AgendaProposal.objects.create(
        event=ended(fmt, 5), person=leader_a, title="Maths"
    )

    services.registrations_anonymise_expired(now=NOW)

    proposal.refresh_from_db()
    recent_proposal.refresh_from_db()
    assert proposal.person is None and proposal.title == "Reading"
    assert proposal.proposer_label == "Anonymised participant"
    assert recent_proposal.person == leader_a


def test_it_writes_one_audit_entry_with_the_counts(fmt, leader_a, staff_a, coordinator, world):
    old = EventFactory(format=fmt)
    services.guest_invite(
        actor=coordinator, event=old, name="Guest", email="g@example.org", role="speaker"
    )
    move_back(old, 731)
    personal_registration(old, leader_a, world.school_a)
    personal_registration(old, staff_a, world.school_a)
    AgendaProposal.objects.create(event=old, person=leader_a, title="Reading")

    services.registrations_anonymise_expired(now=NOW)

    entry = AuditEntry.objects.get(action="registrations.anonymise_expired")
    assert entry.actor is None
    assert entry.data == {
        "retention_days": 730,
        "ended_before": (NOW - timedelta(days=730)).isoformat(),
        "registrations": 2,
        "guests": 1,
        "proposals": 1,
    }


def test_the_audit_entries_about_a_registration_no_longer_name_the_person(fmt, leader_a, world):
    event = EventFactory(format=fmt)
    registration = services.registration_create(actor=leader_a, event=event)
    services.registration_cancel(actor=leader_a, registration=registration)
    move_back(event, 800)

    services.registrations_anonymise_expired(now=NOW)

    entries = AuditEntry.objects.filter(
        object_type="events.registration", object_id=str(registration.pk)
    )
    assert {entry.action for entry in entries} == {"registration.create", "registration.cancel"}
    for entry in entries:
        assert entry.actor is None and entry.data == {}
        assert leader_a.email not in entry.object_repr and "Lea" not in entry.object_repr


def test_it_works_in_batches_with_one_update_per_batch(fmt, world):
    old = ended(fmt, 731)
    for _ in range(5):
        personal_registration(old, UserFactory(), world.school_a)

    with CaptureQueriesContext(connection) as captured:
        assert services.registrations_anonymise_expired(now=NOW, batch_size=2) == 5

    anonymising = [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].startswith('UPDATE "events_registration" SET "person_id" = NULL')
    ]
    assert len(anonymising) == 3
    assert not Registration.objects.filter(anonymised_at__isnull=True).exists()


def test_an_anonymised_registration_cannot_be_cancelled_or_excused(fmt, coordinator, world):
    old = ended(fmt, 731)
    registration = personal_registration(old, UserFactory(), world.school_a)
    services.registrations_anonymise_expired(now=NOW)
    registration.refresh_from_db()

    with pytest.raises(ValidationError, match="anonymised"):
        services.registration_cancel(actor=coordinator, registration=registration)
    with pytest.raises(ValidationError, match="anonymised"):
        services.registration_excuse(actor=coordinator, registration=registration)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_mail_to_all_participants_skips_anonymised_registrations(
    fmt, coordinator, leader_a, staff_a, world
):
    # An event that ended long ago, with someone added after the run (e.g. by the admin).
    old = ended(fmt, 731)
    personal_registration(old, staff_a, world.school_a)
    services.registrations_anonymise_expired(now=NOW)
    personal_registration(old, leader_a, world.school_a)

    count = services.event_participants_mail(
        actor=coordinator, event=old, subject="Thanks", body="Slides attached."
    )

    assert count == 1
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == [leader_a.email]


def test_the_persons_data_export_keeps_only_what_still_names_them(fmt, leader_a, world):
    old = ended(fmt, 731)
    recent = ended(fmt, 10)
    personal_registration(old, leader_a, world.school_a, notes="old note")
    personal_registration(recent, leader_a, world.school_a, notes="recent note")

    services.registrations_anonymise_expired(now=NOW)

    rows = privacy.user_data_export(user=leader_a)["records"]["events.registration"]
    assert [row["notes"] for row in rows] == ["recent note"]
    # Erasing the account afterwards still works with anonymised rows around.
    privacy.user_erase(user=leader_a)
    assert Registration.objects.filter(person__isnull=True).count() == 1


def test_anonymised_rows_never_collide_with_the_one_active_registration_rule(fmt, world):
    old = ended(fmt, 731)
    for _ in range(3):
        personal_registration(old, UserFactory(), world.school_a)
    services.registrations_anonymise_expired(now=NOW)
    assert (
        Registration.objects.filter(event=old, person__isnull=True, status="confirmed").count() == 3
    )
