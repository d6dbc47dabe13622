"""The meetings of a series as a whole: adding one, registering for all of them at once,
inviting schools to all of them. Also what a coalition's facilitator and leads may do
(events.rules.can_manage_series), who run its series but not the network's formats."""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from events import groups
from events.models import Event, Registration, Series
from events.rules import can_manage_series
from events.series_selectors import upcoming_meetings
from events.services.events import EVENT_FIELDS, _validate_event, event_update
from events.services.registrations import registration_create
from qnet.models import School, User
from qnet.services import audit_entry_create


def _check_series_manager(actor: User, series: Series) -> None:
    if not can_manage_series(actor, series):
        raise PermissionDenied


@transaction.atomic
def series_meeting_create(
    *,
    actor: User,
    series: Series,
    starts_at: datetime,
    ends_at: datetime | None = None,
    title: str = "",
    invited_schools=(),
    **fields,
) -> Event:
    """A draft meeting at the end of the series, from the series' format.

    Not event_create: that one asks for the right to run the format, which is the
    network coordinator's; running a coalition's series is not running the network."""
    _check_series_manager(actor, series)
    # The series row is locked so that two meetings added at once get two numbers.
    series = (
        Series.objects.select_for_update(of=("self",))
        .select_related("network", "format")
        .get(pk=series.pk)
    )
    fmt = series.format
    number = (series.events.aggregate(last=Max("series_number"))["last"] or 0) + 1
    event = Event(
        format=fmt,
        network=series.network,
        series=series,
        series_number=number,
        title=title or f"{series.title} {number}",
        starts_at=starts_at,
        ends_at=ends_at or (starts_at + fmt.default_duration if starts_at else None),
        capacity=fmt.default_capacity,
        seats_per_school=fmt.seats_per_school,
        audience=(
            Event.Audience.COALITION if groups.is_owned(series.pk) else Event.Audience.NETWORK
        ),
    )
    for name, value in fields.items():
        if name not in EVENT_FIELDS:
            raise TypeError(f"Unknown event field {name}")
        setattr(event, name, value)
    _validate_event(event)
    event.save()
    if invited_schools:
        event.invited_schools.set(invited_schools)
    series.size = max(series.size, number)
    series.save(update_fields=["size", "updated_at"])
    audit_entry_create(actor=actor, action="event.create", target=event, data={"series": series.pk})
    return event


@dataclass
class SeriesRegistration:
    """What registering for a whole series did, meeting by meeting."""

    confirmed: list[Event] = field(default_factory=list)
    waitlisted: list[Event] = field(default_factory=list)
    already: list[Event] = field(default_factory=list)
    # (meeting, why not): a closed registration window, for example.
    refused: list[tuple[Event, str]] = field(default_factory=list)

    @property
    def registered(self) -> int:
        return len(self.confirmed) + len(self.waitlisted)


@transaction.atomic
def series_register(
    *, actor: User, series: Series, person: User | None = None
) -> SeriesRegistration:
    """Register a person for every upcoming meeting of the series in one step.

    Each meeting goes through registration_create, the one path that counts seats: it
    locks the meeting's row, so capacity, seats per school and the waiting list hold
    exactly as for a single registration (a full meeting puts the person on its waiting
    list). Meetings are taken in order of time, so two people registering for the same
    series lock the rows in the same order and cannot deadlock. A meeting that refuses
    (its window is closed) is reported and the others still count: each registration is
    its own savepoint."""
    person = person or actor
    result = SeriesRegistration()
    meetings = list(upcoming_meetings(series, user=actor))
    if person.pk != actor.pk:
        # Only meetings the colleague may attend too.
        own = set(upcoming_meetings(series, user=person).values_list("pk", flat=True))
        meetings = [event for event in meetings if event.pk in own]
    if not meetings:
        raise ValidationError(_("This series has no upcoming meeting to register for."))
    active = set(
        Registration.objects.filter(
            event__in=meetings, person=person, status__in=Registration.ACTIVE
        ).values_list("event_id", flat=True)
    )
    for event in meetings:
        if event.pk in active:
            result.already.append(event)
            continue
        try:
            registration = registration_create(actor=actor, event=event, person=person)
        except ValidationError as error:
            result.refused.append((event, " ".join(error.messages)))
            continue
        if registration.status == Registration.Status.CONFIRMED:
            result.confirmed.append(event)
        else:
            result.waitlisted.append(event)
    audit_entry_create(
        actor=actor,
        action="series.register",
        target=series,
        data={
            "person": person.email,
            "confirmed": [event.pk for event in result.confirmed],
            "waitlisted": [event.pk for event in result.waitlisted],
        },
    )
    return result


@transaction.atomic
def series_invite_schools(*, actor: User, series: Series, schools: list[School]) -> int:
    """Invite these schools to every upcoming meeting of the series; returns how many
    meetings changed. Schools invited before stay invited. Through event_update, so each
    meeting's calendar sequence rises and the change is in the audit log."""
    _check_series_manager(actor, series)
    school_ids = {school.pk for school in schools}
    if not school_ids:
        raise ValidationError(_("There are no schools to invite."))
    changed = 0
    meetings = (
        series.events.exclude(status=Event.Status.CANCELLED)
        .filter(starts_at__gt=timezone.now())
        .prefetch_related("invited_schools")
        .order_by("starts_at", "pk")
    )
    for event in meetings:
        invited = {school.pk for school in event.invited_schools.all()}
        if event.audience == Event.Audience.INVITED and school_ids <= invited:
            continue
        event_update(
            actor=actor,
            event=event,
            audience=Event.Audience.INVITED,
            invited_schools=sorted(invited | school_ids),
        )
        changed += 1
    return changed
