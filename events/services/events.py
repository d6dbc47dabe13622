"""Formats, events, series and agendas."""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from events import groups
from events.models import AgendaItem, Event, Format, Registration, Reminder, Series
from events.rules import can_manage_format
from events.services._common import _check_manager, _locked_event, _notify
from events.services.registrations import _waitlist_promote
from events.services.reminders import _reminders_schedule
from qnet import bounds
from qnet.models import NetworkMembership, NoticeKind, School, User
from qnet.notifications import notice_send
from qnet.selectors import school_people
from qnet.services import audit_entry_create

EVENT_FIELDS = (
    "title",
    "description",
    "starts_at",
    "ends_at",
    "venue_name",
    "venue_address",
    "online_url",
    "host_school",
    "capacity",
    "seats_per_school",
    "registration_opens_at",
    "registration_closes_at",
    "cancellation_deadline",
    "audience",
    "reminder_days",
)
# Changes to these make calendars and registered people need to hear about it.
NOTIFY_FIELDS = ("starts_at", "ends_at", "venue_name", "venue_address", "online_url")
DATETIME_FIELDS = (
    "starts_at",
    "ends_at",
    "registration_opens_at",
    "registration_closes_at",
    "cancellation_deadline",
)


def _validate_times(starts_at, ends_at) -> None:
    if starts_at is None or ends_at is None:
        raise ValidationError(_("Start and end are required."))
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ValidationError(_("Start and end need a time zone."))
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The end must be after the start.")})


def _validate_event(event: Event) -> None:
    _validate_times(event.starts_at, event.ends_at)
    # A time near the year 1 or 9999 is stored as one no query can read back, or breaks
    # every page that shows it in local time: whatever the caller, only bounded years.
    for name in DATETIME_FIELDS:
        bounds.check_year(getattr(event, name), field=name)
    opens, closes = event.registration_opens_at, event.registration_closes_at
    if opens and closes and closes <= opens:
        raise ValidationError(
            {"registration_closes_at": _("Registration must close after it opens.")}
        )
    if not isinstance(event.reminder_days, list) or not all(
        isinstance(day, int) and 0 <= day <= 60 for day in event.reminder_days
    ):
        raise ValidationError(
            {"reminder_days": _("Reminders are whole numbers of days between 0 and 60.")}
        )
    if (
        event.host_school_id
        and event.network_id
        and not event.network.schools.filter(pk=event.host_school_id).exists()
    ):
        raise ValidationError({"host_school": _("The host school is not in the network.")})
    groups.check_audience(event)


def _host_venue(school: School | None) -> tuple[str, str]:
    # School keeps no street address, only its city: that is what the venue can start from.
    return (school.name, school.city) if school is not None else ("", "")


def _venue_from_host(event: Event, *, previous_host: School | None = None) -> None:
    """A meeting at a host school is held there unless another venue is entered. A venue
    that was only the previous host's default follows a change of host."""
    if event.host_school_id is None:
        return
    current = (event.venue_name, event.venue_address)
    if current == ("", "") or (
        previous_host is not None
        and previous_host.pk != event.host_school_id
        and current == _host_venue(previous_host)
    ):
        event.venue_name, event.venue_address = _host_venue(event.host_school)


# --- formats ---------------------------------------------------------------------


@transaction.atomic
def format_create(*, actor: User, network=None, authority=None, **fields) -> Format:
    fmt = Format(network=network, authority=authority, **fields)
    if not can_manage_format(actor, fmt):
        raise PermissionDenied
    if Format.objects.filter(
        Q(network=network) if network else Q(authority=authority), name=fmt.name
    ).exists():
        raise ValidationError({"name": _("A format with this name exists already.")})
    fmt.save()
    audit_entry_create(actor=actor, action="format.create", target=fmt)
    return fmt


@transaction.atomic
def format_update(*, actor: User, fmt: Format, **fields) -> Format:
    if not can_manage_format(actor, fmt):
        raise PermissionDenied
    for name, value in fields.items():
        setattr(fmt, name, value)
    clash = Format.objects.filter(network=fmt.network, authority=fmt.authority, name=fmt.name)
    if clash.exclude(pk=fmt.pk).exists():
        raise ValidationError({"name": _("A format with this name exists already.")})
    fmt.save()
    audit_entry_create(actor=actor, action="format.update", target=fmt)
    return fmt


# --- events ----------------------------------------------------------------------


@transaction.atomic
def event_create(
    *,
    actor: User,
    format: Format,  # noqa: A002 - the domain's word
    starts_at: datetime,
    ends_at: datetime | None = None,
    title: str = "",
    invited_schools=(),
    series: Series | None = None,
    series_number: int | None = None,
    **fields,
) -> Event:
    """A draft event of a format, filled with the format's defaults where nothing is given."""
    if not can_manage_format(actor, format):
        raise PermissionDenied
    event = Event(
        format=format,
        network=format.network,
        authority=format.authority,
        title=title or format.name,
        starts_at=starts_at,
        ends_at=ends_at or (starts_at + format.default_duration if starts_at else None),
        capacity=format.default_capacity,
        seats_per_school=format.seats_per_school,
        series=series,
        series_number=series_number,
    )
    for name, value in fields.items():
        if name not in EVENT_FIELDS:
            raise TypeError(f"Unknown event field {name}")
        setattr(event, name, value)
    _venue_from_host(event)
    _validate_event(event)
    event.save()
    if invited_schools:
        event.invited_schools.set(invited_schools)
    audit_entry_create(actor=actor, action="event.create", target=event)
    return event


@transaction.atomic
def event_update(*, actor: User, event: Event, invited_schools=None, **fields) -> Event:
    """Change an event; raises SEQUENCE and tells registered people when it matters."""
    event = _locked_event(event.pk)
    _check_manager(actor, event)
    if event.is_cancelled:
        raise ValidationError(_("A cancelled event cannot be changed."))
    previous_host = event.host_school
    changed = []
    for name, value in fields.items():
        if name not in EVENT_FIELDS:
            raise TypeError(f"Unknown event field {name}")
        if getattr(event, name) != value:
            setattr(event, name, value)
            changed.append(name)
    venue_before = (event.venue_name, event.venue_address)
    _venue_from_host(event, previous_host=previous_host)
    if (event.venue_name, event.venue_address) != venue_before:
        changed = sorted({*changed, "venue_name", "venue_address"})
    _validate_event(event)
    event.sequence += 1
    event.save()
    if invited_schools is not None:
        event.invited_schools.set(invited_schools)
    audit_entry_create(actor=actor, action="event.update", target=event, data={"fields": changed})
    if {"starts_at", "reminder_days"} & set(changed):
        for registration in event.registrations.filter(
            status=Registration.Status.CONFIRMED, person__isnull=False
        ):
            _reminders_schedule(registration, event=event)
    if event.is_published and set(NOTIFY_FIELDS) & set(changed):
        for registration in _active_registrations(event):
            _notify(registration, "updated")
    # Seats added to a full event go to the waiting list in order.
    if {"capacity", "seats_per_school"} & set(changed):
        _waitlist_promote(event)
    return event


def _active_registrations(event: Event):
    # Anonymised registrations have nobody to tell.
    return event.registrations.filter(
        status__in=Registration.ACTIVE, person__isnull=False
    ).select_related("person", "event__network")


@transaction.atomic
def event_publish(*, actor: User, event: Event, announce: bool = True) -> Event:
    event = _locked_event(event.pk)
    _check_manager(actor, event)
    if event.status != Event.Status.DRAFT:
        raise ValidationError(_("Only a draft can be published."))
    event.status = Event.Status.PUBLISHED
    event.sequence += 1
    event.save(update_fields=["status", "sequence", "updated_at"])
    audit_entry_create(actor=actor, action="event.publish", target=event)
    if announce:
        events_announce(
            actor=actor,
            events=[event],
            title=event.title,
            url=reverse("events:detail", args=[event.pk]),
        )
    return event


def events_announce(*, actor: User, events: list[Event], title: str, url: str) -> None:
    """Tell the people of the events' audiences, once each, that they are published: one
    notice for one event, or for a whole series published at once (five "new event" mails
    at the same moment would say one thing five times)."""
    if len(events) == 1:
        school_ids = _audience_school_ids(events[0])  # a subquery: no query of its own
    else:
        school_ids = {row["school_id"] for event in events for row in _audience_school_ids(event)}
    notice_send(
        recipients=school_people(school_ids),
        kind=NoticeKind.EVENT_PUBLISHED,
        url=url,
        params={"title": title, "starts_at": min(e.starts_at for e in events).isoformat()},
        actor=actor,
    )


def _audience_school_ids(event: Event):
    """The schools whose people are told of a published event (a subquery of ids): the
    network's current schools, or the invited ones still in it. A public event is
    announced to the network too; the public at large has no one to tell."""
    if event.audience == Event.Audience.INVITED or event.network_id is None:
        invited = event.invited_schools.through.objects.filter(event_id=event.pk)
        if event.network_id is not None:
            invited = invited.filter(
                school_id__in=NetworkMembership.objects.current()
                .filter(network_id=event.network_id)
                .values("school_id")
            )
        return invited.values("school_id")
    return (
        NetworkMembership.objects.current().filter(network_id=event.network_id).values("school_id")
    )


@transaction.atomic
def event_cancel(*, actor: User, event: Event) -> Event:
    """Cancel an event and tell everyone registered, with a cancelling .ics."""
    event = _locked_event(event.pk)
    _check_manager(actor, event)
    if event.is_cancelled:
        raise ValidationError(_("This event is cancelled already."))
    event.status = Event.Status.CANCELLED
    event.sequence += 1
    event.save(update_fields=["status", "sequence", "updated_at"])
    Reminder.objects.filter(registration__event=event, sent_at__isnull=True).delete()
    audit_entry_create(actor=actor, action="event.cancel", target=event)
    for registration in _active_registrations(event):
        _notify(registration, "event_cancelled", dedupe_key=f"event-cancelled:{registration.pk}")
    return event


@transaction.atomic
def event_copy(*, actor: User, event: Event, starts_at: datetime) -> Event:
    """A new draft like the given event at another time, agenda included."""
    _check_manager(actor, event)
    copy = _event_copy(actor=actor, event=event, shift=starts_at - event.starts_at)
    audit_entry_create(actor=actor, action="event.copy", target=copy, data={"from": event.pk})
    return copy


def _shifted(value: datetime, shift: timedelta) -> datetime:
    """A copy's time; past the calendar's end (a stored time near the year 1 or 9999) it
    is refused rather than overflowing."""
    try:
        return value + shift
    except OverflowError:
        raise ValidationError(_("The copy would fall outside the calendar.")) from None


def _event_copy(*, actor: User, event: Event, shift: timedelta) -> Event:
    fields = {name: getattr(event, name) for name in EVENT_FIELDS}
    for name in DATETIME_FIELDS:
        if fields[name] is not None:
            fields[name] = _shifted(fields[name], shift)
    copy = event_create(
        actor=actor,
        format=event.format,
        invited_schools=list(event.invited_schools.all()),
        **fields,
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(
            event=copy,
            kind=item.kind,
            title=item.title,
            starts_at=_shifted(item.starts_at, shift),
            ends_at=_shifted(item.ends_at, shift),
            room=item.room,
            moderator=item.moderator,
            capacity=item.capacity,
        )
        for item in event.agenda_items.all()
    )
    return copy


@transaction.atomic
def series_create(
    *,
    actor: User,
    format: Format,  # noqa: A002 - the domain's word
    title: str,
    starts: list[datetime],
    host_schools: list[School] = (),
    **fields,
) -> Series:
    """A series of numbered meetings ("1/5 … 5/5"); host schools take turns."""
    if not can_manage_format(actor, format):
        raise PermissionDenied
    if not starts:
        raise ValidationError(_("A series needs at least one meeting."))
    starts = sorted(starts)
    series = Series.objects.create(
        network=format.network, format=format, title=title, size=len(starts)
    )
    host_schools = list(host_schools)
    for index, starts_at in enumerate(starts):
        number = index + 1
        event_create(
            actor=actor,
            format=format,
            starts_at=starts_at,
            title=f"{title} {number}/{len(starts)}",
            series=series,
            series_number=number,
            host_school=host_schools[index % len(host_schools)] if host_schools else None,
            **fields,
        )
    audit_entry_create(actor=actor, action="series.create", target=series)
    return series


# --- agenda ----------------------------------------------------------------------


@transaction.atomic
def agenda_item_create(*, actor: User, event: Event, **fields) -> AgendaItem:
    _check_manager(actor, event)
    item = AgendaItem(event=event, **fields)
    _validate_times(item.starts_at, item.ends_at)
    if item.starts_at < event.starts_at or item.ends_at > event.ends_at:
        raise ValidationError(_("An agenda item must lie within the event's time."))
    if item.kind != AgendaItem.Kind.WORKSHOP:
        item.capacity = None
    item.save()
    Event.objects.filter(pk=event.pk).update(sequence=event.sequence + 1)
    audit_entry_create(actor=actor, action="agenda_item.create", target=event)
    return item


@transaction.atomic
def agenda_item_delete(*, actor: User, item: AgendaItem) -> None:
    _check_manager(actor, item.event)
    audit_entry_create(
        actor=actor, action="agenda_item.delete", target=item.event, data={"title": item.title}
    )
    item.delete()
