"""iCalendar (RFC 5545) output with the icalendar library.

The UID is stable per event and SEQUENCE follows the event's own counter, so a calendar
that imported an event once updates it in place when it changes or is cancelled.
"""

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from events.models import Event

PRODID = "-//qnet//events//EN"


def _location(event: Event) -> str:
    return ", ".join(part for part in (event.venue_name, event.venue_address) if part)


def _vevent(event: Event, *, with_online_url: bool) -> VEvent:
    tz = event.tzinfo
    vevent = VEvent()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", event.starts_at.astimezone(tz))
    vevent.add("dtend", event.ends_at.astimezone(tz))
    vevent.add("summary", event.title)
    vevent.add("sequence", event.sequence)
    vevent.add("last-modified", event.updated_at)
    vevent.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    vevent.add("url", settings.SITE_URL + reverse("events:detail", args=[event.pk]))
    description = event.description
    if with_online_url and event.online_url:
        description = f"{description}\n\n{event.online_url}".strip()
    if description:
        vevent.add("description", description)
    location = _location(event)
    if not location and with_online_url and event.online_url:
        location = event.online_url
    if location:
        vevent.add("location", location)
    return vevent


def calendar_bytes(
    events: Iterable[Event], *, name: str = "qnet", online_url_for: set[int] | None = None
) -> bytes:
    """An iCalendar document; online links only for the events in `online_url_for`."""
    online_url_for = online_url_for or set()
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(_vevent(event, with_online_url=event.pk in online_url_for))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def event_attachment(event: Event, *, with_online_url: bool = True) -> dict:
    """The .ics as a mail attachment for qnet.services.mail_enqueue."""
    online = {event.pk} if with_online_url else set()
    return {
        "filename": f"event-{event.pk}.ics",
        "content": calendar_bytes([event], name=event.title, online_url_for=online).decode(),
        "mimetype": "text/calendar; method=PUBLISH; charset=utf-8",
    }
