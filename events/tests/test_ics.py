from datetime import timedelta

import icalendar
import pytest
import vobject

from events import ics, services
from events.models import Event

pytestmark = pytest.mark.django_db

LONG_TEXT = "Line one; with, commas\\and a backslash\n" + "Long description " * 20


@pytest.fixture
def described_event(event):
    event.title = "Perspective day; feedback, culture"
    event.description = LONG_TEXT
    event.venue_name = "Town hall"
    event.venue_address = "Marktplatz 1, Demohausen"
    event.online_url = "https://meet.example.org/secret-room"
    event.save()
    return event


def parse_one(data: bytes):
    calendar = icalendar.Calendar.from_ical(data)
    (vevent,) = calendar.walk("VEVENT")
    return calendar, vevent


def test_it_writes_uid_dtstamp_sequence_and_the_networks_time_zone(described_event):
    data = ics.calendar_bytes([described_event])
    calendar, vevent = parse_one(data)
    assert str(vevent["UID"]) == f"event-{described_event.pk}@qnet"
    assert "DTSTAMP" in vevent
    assert vevent["SEQUENCE"] == described_event.sequence
    assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert vevent.decoded("DTSTART") == described_event.starts_at.replace(microsecond=0)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_it_escapes_text_and_folds_long_lines(described_event):
    data = ics.calendar_bytes([described_event])
    text = data.decode()
    assert "SUMMARY:Perspective day\\; feedback\\, culture" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "\r\n " in text  # a folded continuation line
    _, vevent = parse_one(data)
    assert str(vevent["DESCRIPTION"]) == LONG_TEXT


def test_an_independent_parser_reads_it_back(described_event):
    data = ics.calendar_bytes([described_event], online_url_for={described_event.pk})
    parsed = vobject.readOne(data.decode())
    vevent = parsed.vevent
    assert vevent.uid.value == f"event-{described_event.pk}@qnet"
    assert vevent.summary.value == described_event.title
    assert vevent.dtstart.value == described_event.starts_at.replace(microsecond=0)
    assert vevent.dtstart.value.tzinfo is not None
    assert vevent.location.value == "Town hall, Marktplatz 1, Demohausen"
    assert "https://meet.example.org/secret-room" in vevent.description.value


def test_the_online_link_is_left_out_unless_asked_for(described_event):
    assert b"secret-room" not in ics.calendar_bytes([described_event])


def test_an_update_keeps_the_uid_and_raises_the_sequence(described_event, coordinator):
    _, before = parse_one(ics.calendar_bytes([described_event]))
    updated = services.event_update(
        actor=coordinator,
        event=described_event,
        starts_at=described_event.starts_at + timedelta(days=1),
        ends_at=described_event.ends_at + timedelta(days=1),
    )
    _, after = parse_one(ics.calendar_bytes([updated]))
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]


def test_a_cancelled_event_says_cancelled(described_event, coordinator):
    cancelled = services.event_cancel(actor=coordinator, event=described_event)
    _, vevent = parse_one(ics.calendar_bytes([cancelled]))
    assert vevent["STATUS"] == "CANCELLED"
    assert cancelled.status == Event.Status.CANCELLED


def test_a_series_calendar_holds_every_meeting_once(fmt, coordinator, event):
    series = services.series_create(
        actor=coordinator,
        format=fmt,
        title="Learning network",
        starts=[event.starts_at + timedelta(weeks=week) for week in range(3)],
    )
    calendar = icalendar.Calendar.from_ical(ics.calendar_bytes(series.events.all()))
    assert len(calendar.walk("VEVENT")) == 3
    assert len(calendar.walk("VTIMEZONE")) == 1
