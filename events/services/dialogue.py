"""Dialogue meetings between a school and its authority, as events in everyone's calendar.

The self-assessment app owns the meeting's content (notes, agreements); this is the
calendar side: an invited-school event of the authority's dialogue-meeting format.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from events.models import Event, Format, Kind
from events.services.events import event_create, event_publish, event_update, format_create
from qnet.models import School, User

MEETING_LENGTH = timedelta(hours=2)


def _dialogue_format(*, actor: User, school: School) -> Format:
    fmt = Format.objects.filter(authority=school.authority, kind=Kind.DIALOGUE_MEETING).first()
    if fmt is None:
        # Created on first use: an authority need not set up formats to hold dialogue meetings.
        fmt = format_create(
            actor=actor,
            authority=school.authority,
            kind=Kind.DIALOGUE_MEETING,
            name=str(_("Dialogue meeting")),
            default_duration=MEETING_LENGTH,
            default_capacity=12,
            seats_per_school=6,
        )
    return fmt


@transaction.atomic
def dialogue_event_save(
    *, actor: User, school: School, starts_at: datetime, place: str, event: Event | None = None
) -> Event:
    """Create (and publish) or move the calendar event of a school's dialogue meeting."""
    if event is not None and not event.is_cancelled:
        if event.starts_at == starts_at and event.venue_name == place:
            return event  # unchanged: calendars keep their SEQUENCE
        return event_update(
            actor=actor,
            event=event,
            starts_at=starts_at,
            ends_at=starts_at + (event.ends_at - event.starts_at),
            venue_name=place,
        )
    created = event_create(
        actor=actor,
        format=_dialogue_format(actor=actor, school=school),
        starts_at=starts_at,
        title=_("Dialogue meeting: %(school)s") % {"school": school.name},
        venue_name=place,
        audience=Event.Audience.INVITED,
        invited_schools=[school],
    )
    # The self-assessment's own notice ("dialogue meeting planned") tells the school; an
    # "new event" notice besides it would say the same thing twice.
    return event_publish(actor=actor, event=created, announce=False)
