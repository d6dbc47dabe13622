"""Editing an agenda after its items exist: changing, reordering, and handing it on to the
other meetings of a series."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from events.models import AgendaItem, Event
from events.selectors import (
    agenda_misfits,
    agenda_placed,
    agenda_slots,
    series_later_meetings,
)
from events.services._common import _check_manager, _locked_event
from events.services.events import _validate_times
from qnet.models import User
from qnet.services import audit_entry_create

AGENDA_ITEM_FIELDS = ("kind", "title", "starts_at", "ends_at", "room", "moderator", "capacity")


def _within_event(item: AgendaItem, event: Event) -> None:
    _validate_times(item.starts_at, item.ends_at)
    if item.starts_at < event.starts_at or item.ends_at > event.ends_at:
        raise ValidationError(_("An agenda item must lie within the event's time."))


def _agenda_changed(event: Event) -> None:
    # Calendars that hold the event update it only when its SEQUENCE rises.
    Event.objects.filter(pk=event.pk).update(sequence=F("sequence") + 1)


@transaction.atomic
def agenda_item_update(*, actor: User, item: AgendaItem, **fields) -> AgendaItem:
    event = _locked_event(item.event_id)
    _check_manager(actor, event)
    if event.is_cancelled:
        raise ValidationError(_("A cancelled event cannot be changed."))
    item = AgendaItem.objects.select_for_update().get(pk=item.pk, event=event)
    for name, value in fields.items():
        if name not in AGENDA_ITEM_FIELDS:
            raise TypeError(f"Unknown agenda item field {name}")
        setattr(item, name, value)
    _within_event(item, event)
    if item.kind != AgendaItem.Kind.WORKSHOP:
        item.capacity = None
    item.save()
    _agenda_changed(event)
    audit_entry_create(
        actor=actor, action="agenda_item.update", target=event, data={"item": item.pk}
    )
    return item


@transaction.atomic
def agenda_item_move(*, actor: User, item: AgendaItem, earlier: bool) -> None:
    """Swap the item's time slot with the one before (or after) it.

    The agenda is ordered by time, so moving an item means moving its time: the two
    slots trade places within the span they covered together, each keeping its length,
    and the gap between them stays where it was. Slots that overlap have no order to
    swap; their times are changed one by one instead."""
    event = _locked_event(item.event_id)
    _check_manager(actor, event)
    if event.is_cancelled:
        raise ValidationError(_("A cancelled event cannot be changed."))
    slots = agenda_slots(list(event.agenda_items.select_for_update()))
    index = next(
        (n for n, slot in enumerate(slots) if any(other.pk == item.pk for other in slot)), None
    )
    if index is None:
        raise AgendaItem.DoesNotExist
    neighbour = index - 1 if earlier else index + 1
    if not 0 <= neighbour < len(slots):
        if earlier:
            raise ValidationError(_("This item is first on the agenda already."))
        raise ValidationError(_("This item is last on the agenda already."))
    first, second = sorted((index, neighbour))
    front, back = slots[first], slots[second]
    front_start, front_end = front[0].starts_at, max(other.ends_at for other in front)
    back_start, back_end = back[0].starts_at, max(other.ends_at for other in back)
    if back_start < front_end:
        raise ValidationError(
            _("These items overlap in time and cannot swap places: change their times instead.")
        )
    to_front, to_back = front_start - back_start, back_end - front_end
    for other in back:
        other.starts_at, other.ends_at = other.starts_at + to_front, other.ends_at + to_front
    for other in front:
        other.starts_at, other.ends_at = other.starts_at + to_back, other.ends_at + to_back
    AgendaItem.objects.bulk_update([*front, *back], ["starts_at", "ends_at"])
    _agenda_changed(event)
    audit_entry_create(
        actor=actor,
        action="agenda_item.move",
        target=event,
        data={"item": item.pk, "direction": "earlier" if earlier else "later"},
    )


# --- one agenda for the whole series -----------------------------------------------------


@transaction.atomic
def series_agenda_copy(*, actor: User, event: Event) -> list[Event]:
    """Give every other meeting of the series still to come this meeting's agenda,
    replacing what they had. All or nothing: a meeting too short for it stops the copy."""
    event = _locked_event(event.pk)
    _check_manager(actor, event)
    if event.series_id is None:
        raise ValidationError(_("This event is not part of a series."))
    items = list(event.agenda_items.order_by("starts_at", "pk"))
    if not items:
        raise ValidationError(_("The agenda is empty: there is nothing to copy."))
    targets = list(
        series_later_meetings(event).select_for_update(of=("self",)).select_related("network")
    )
    if not targets:
        raise ValidationError(_("The series has no other meetings still to come."))
    for target in targets:
        _check_manager(actor, target)
    misfits = agenda_misfits(event, items, targets)
    if misfits:
        raise ValidationError(
            _("The agenda does not fit into these meetings: %(meetings)s.")
            % {"meetings": ", ".join(target.title for target in misfits)}
        )
    for target in targets:
        # Workshop choices of registered people go with the replaced items: the
        # confirmation page counts them before the coordinator agrees.
        AgendaItem.objects.filter(event=target).delete()
        AgendaItem.objects.bulk_create(
            AgendaItem(
                event=target,
                kind=item.kind,
                title=item.title,
                starts_at=agenda_placed(item.starts_at, source=event, target=target),
                ends_at=agenda_placed(item.ends_at, source=event, target=target),
                room=item.room,
                moderator=item.moderator,
                capacity=item.capacity,
            )
            for item in items
        )
        _agenda_changed(target)
        audit_entry_create(
            actor=actor,
            action="agenda.copy",
            target=target,
            data={"from": event.pk, "items": len(items)},
        )
    return targets
