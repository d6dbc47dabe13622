"""Registrations: seats, waiting list, cancellations, apologies and attendance."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import AgendaItem, Event, Registration
from events.rules import can_manage_event
from events.selectors import school_of_person_for_event
from events.services._common import (
    _authority_of,
    _check_manager,
    _locked_event,
    _notify,
    _when,
)
from events.services.reminders import _reminders_schedule
from qnet.models import Membership, Role, School, User
from qnet.rules import roles_of
from qnet.services import audit_entry_create


def _check_may_register(*, actor: User, person: User, event: Event) -> None:
    if person.pk == actor.pk:
        return
    if can_manage_event(actor, event):
        return
    leader_of = roles_of(actor).leader_school_ids
    colleague = Membership.objects.filter(
        user=person,
        school_id__in=leader_of,
        role__in=(Role.SCHOOL_LEADER, Role.SCHOOL_STAFF),
    ).exists()
    if not colleague:
        raise PermissionDenied


def _check_window(event: Event, now: datetime) -> None:
    if event.status != Event.Status.PUBLISHED:
        raise ValidationError(_("This event is not open for registration."))
    if event.starts_at <= now:
        raise ValidationError(_("This event has already begun."))
    if event.registration_opens_at and now < event.registration_opens_at:
        raise ValidationError(
            _("Registration opens on %(date)s.")
            % {"date": _when(event.registration_opens_at, event)}
        )
    if event.registration_closes_at and now >= event.registration_closes_at:
        raise ValidationError(
            _("Registration closed on %(date)s.")
            % {"date": _when(event.registration_closes_at, event)}
        )


def _check_workshops(event: Event, workshops: list[AgendaItem]) -> None:
    for item in workshops:
        if item.event_id != event.pk or item.kind != AgendaItem.Kind.WORKSHOP:
            raise ValidationError(_("Choose workshops of this event only."))
    ordered = sorted(workshops, key=lambda item: item.starts_at)
    for first, second in zip(ordered, ordered[1:], strict=False):
        if second.starts_at < first.ends_at:
            raise ValidationError(_("Choose one workshop per time slot."))
    limited = [item.pk for item in workshops if item.capacity is not None]
    if not limited:
        return
    taken = dict(
        AgendaItem.objects.filter(pk__in=limited)
        .annotate(
            taken=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
            )
        )
        .values_list("pk", "taken")
    )
    for item in workshops:
        if item.capacity is not None and taken[item.pk] >= item.capacity:
            raise ValidationError(
                _("The workshop “%(title)s” is full. Please choose another one.")
                % {"title": item.title}
            )


def _has_seat(event: Event, school: School | None) -> bool:
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    if event.capacity is not None and confirmed.count() >= event.capacity:
        return False
    return (
        event.seats_per_school is None
        or school is None
        or confirmed.filter(school=school).count() < event.seats_per_school
    )


@transaction.atomic
def registration_create(
    *,
    actor: User,
    event: Event,
    person: User | None = None,
    workshops: list[AgendaItem] = (),
    notes: str = "",
    dietary_notes: str = "",
    accessibility_notes: str = "",
) -> Registration:
    """Register a person: confirmed while seats are free, otherwise on the waiting list.

    The event row is locked for the whole transaction, so concurrent registrations are
    counted one after another and neither the capacity nor the seats per school are ever
    exceeded.
    """
    person = person or actor
    _check_may_register(actor=actor, person=person, event=event)
    event = _locked_event(event.pk)
    _check_window(event, timezone.now())
    if Registration.objects.filter(
        event=event, person=person, status__in=Registration.ACTIVE
    ).exists():
        if person.pk == actor.pk:
            raise ValidationError(_("You are already registered for this event."))
        raise ValidationError(
            _("%(name)s is already registered for this event.") % {"name": person}
        )
    workshops = list(workshops)
    _check_workshops(event, workshops)
    school = school_of_person_for_event(person=person, event=event)
    confirmed = _has_seat(event, school)
    now = timezone.now()
    registration = Registration.objects.create(
        event=event,
        person=person,
        school=school,
        status=Registration.Status.CONFIRMED if confirmed else Registration.Status.WAITLISTED,
        waitlisted_at=None if confirmed else now,
        notes=notes,
        dietary_notes=dietary_notes,
        accessibility_notes=accessibility_notes,
        registered_by=actor,
    )
    if workshops:
        registration.workshops.set(workshops)
    audit_entry_create(
        actor=actor,
        action="registration.create",
        target=registration,
        authority=_authority_of(event),
        data={"person": person.email, "status": registration.status},
    )
    if confirmed:
        _reminders_schedule(registration, event=event)
    _notify(registration, "confirmed" if confirmed else "waitlisted")
    return registration


def _check_may_change(actor: User, registration: Registration) -> None:
    if registration.person_id == actor.pk or can_manage_event(actor, registration.event):
        return
    if registration.school_id in roles_of(actor).leader_school_ids:
        return
    raise PermissionDenied


def _lock(registration: Registration) -> tuple[Event, Registration]:
    event = _locked_event(registration.event_id)
    registration = Registration.objects.select_related("person").get(pk=registration.pk)
    registration.event = event
    if registration.is_anonymised:
        # Nobody is left to cancel for or to tell; the figures must stay as they were.
        raise ValidationError(_("This registration is anonymised and cannot be changed."))
    return event, registration


@transaction.atomic
def registration_cancel(*, actor: User, registration: Registration) -> Registration:
    """Withdraw before the cancellation deadline; the freed seat goes down the waiting list."""
    event, registration = _lock(registration)
    _check_may_change(actor, registration)
    if not registration.is_active:
        raise ValidationError(_("This registration is not active."))
    manager = can_manage_event(actor, event)
    deadline = event.cancellation_deadline
    if not manager and deadline and timezone.now() > deadline:
        raise ValidationError(
            _("The cancellation deadline has passed. Please send an apology instead.")
        )
    was_confirmed = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    registration.reminders.filter(sent_at__isnull=True).delete()
    audit_entry_create(
        actor=actor,
        action="registration.cancel",
        target=registration,
        authority=_authority_of(event),
        data={"person": registration.person.email},
    )
    if was_confirmed:
        _waitlist_promote(event)
    return registration


@transaction.atomic
def registration_excuse(
    *, actor: User, registration: Registration, apology: str = ""
) -> Registration:
    """Send apologies: also after the deadline. The seat is freed for the waiting list."""
    event, registration = _lock(registration)
    _check_may_change(actor, registration)
    if not registration.is_active:
        raise ValidationError(_("This registration is not active."))
    if event.ends_at <= timezone.now():
        raise ValidationError(_("This event is over."))
    was_confirmed = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.EXCUSED
    registration.attendance = Registration.Attendance.EXCUSED
    registration.apology = apology
    registration.save(update_fields=["status", "attendance", "apology", "updated_at"])
    registration.reminders.filter(sent_at__isnull=True).delete()
    audit_entry_create(
        actor=actor,
        action="registration.excuse",
        target=registration,
        authority=_authority_of(event),
        data={"person": registration.person.email},
    )
    if was_confirmed:
        _waitlist_promote(event)
    return registration


def _waitlist_promote(event: Event) -> list[Registration]:
    """Confirm waiting people first in, first out while seats are free (event row locked)."""
    if event.status != Event.Status.PUBLISHED or event.starts_at <= timezone.now():
        return []
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    free = None if event.capacity is None else event.capacity - confirmed.count()
    per_school = dict(
        confirmed.values("school_id").annotate(n=Count("pk")).values_list("school_id", "n")
    )
    promoted = []
    waiting = (
        # Anonymised rows belong to long-past events only; they are never promoted.
        Registration.objects.filter(
            event=event, status=Registration.Status.WAITLISTED, person__isnull=False
        )
        .select_related("person")
        .order_by("waitlisted_at", "pk")
    )
    for registration in waiting:
        if free is not None and free <= 0:
            break
        school_full = (
            event.seats_per_school is not None
            and registration.school_id is not None
            and per_school.get(registration.school_id, 0) >= event.seats_per_school
        )
        if school_full:
            continue
        registration.status = Registration.Status.CONFIRMED
        registration.waitlisted_at = None
        registration.save(update_fields=["status", "waitlisted_at", "updated_at"])
        registration.event = event
        _drop_full_workshops(registration)
        _reminders_schedule(registration, event=event)
        _notify(registration, "promoted")
        per_school[registration.school_id] = per_school.get(registration.school_id, 0) + 1
        if free is not None:
            free -= 1
        promoted.append(registration)
    return promoted


def _drop_full_workshops(registration: Registration) -> None:
    """A workshop that filled up while someone waited cannot take them any more."""
    chosen = registration.workshops.filter(capacity__isnull=False).values("pk")
    # A fresh query: counting through this registration's own join would count only it.
    for item in AgendaItem.objects.filter(pk__in=chosen).annotate(
        taken=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED))
    ):
        if item.taken > item.capacity:
            registration.workshops.remove(item)


@transaction.atomic
def attendance_mark(*, actor: User, event: Event, marks: dict[int, str]) -> int:
    """Record who came. `marks` maps registration ids to present/absent/excused."""
    _check_manager(actor, event)
    if event.starts_at > timezone.now():
        raise ValidationError(_("Attendance can be marked once the event has begun."))
    valid = set(Registration.Attendance.values) | {""}
    if not set(marks.values()) <= valid:
        raise ValidationError(_("Unknown attendance value."))
    changed = 0
    registrations = event.registrations.filter(
        pk__in=marks,
        status__in=(Registration.Status.CONFIRMED, Registration.Status.EXCUSED),
    )
    for registration in registrations:
        value = marks[registration.pk]
        if registration.attendance != value:
            registration.attendance = value
            registration.save(update_fields=["attendance", "updated_at"])
            changed += 1
    audit_entry_create(
        actor=actor, action="attendance.mark", target=event, data={"changed": changed}
    )
    return changed
