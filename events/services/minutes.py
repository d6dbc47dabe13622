"""Agenda proposals before a meeting; minutes after it (draft, then a final record)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import ActionItem, AgendaProposal, Event, Minutes
from events.services._common import _check_manager
from qnet.models import User
from qnet.services import audit_entry_create


@transaction.atomic
def minutes_save(
    *,
    actor: User,
    event: Event,
    summary: str,
    decisions: str,
    action_items: list[dict],
) -> Minutes:
    """Write the draft; its action items are replaced by the given ones."""
    _check_manager(actor, event)
    minutes, _created = Minutes.objects.select_for_update().get_or_create(event=event)
    if minutes.is_final:
        raise ValidationError(_("Final minutes cannot be changed."))
    minutes.summary = summary
    minutes.decisions = decisions
    minutes.save()
    minutes.action_items.all().delete()
    ActionItem.objects.bulk_create(
        ActionItem(
            minutes=minutes,
            description=item["description"],
            owner=item.get("owner", ""),
            due_on=item.get("due_on"),
        )
        for item in action_items
    )
    audit_entry_create(actor=actor, action="minutes.save", target=event)
    return minutes


@transaction.atomic
def minutes_finalise(*, actor: User, event: Event) -> Minutes:
    _check_manager(actor, event)
    minutes = Minutes.objects.select_for_update().filter(event=event).first()
    if minutes is None:
        raise ValidationError(_("Write the minutes first."))
    if minutes.is_final:
        raise ValidationError(_("The minutes are final already."))
    if not (minutes.summary.strip() or minutes.decisions.strip()):
        raise ValidationError(_("Empty minutes cannot be made final."))
    minutes.status = Minutes.Status.FINAL
    minutes.finalised_at = timezone.now()
    minutes.save(update_fields=["status", "finalised_at", "updated_at"])
    audit_entry_create(actor=actor, action="minutes.finalise", target=event)
    return minutes


@transaction.atomic
def agenda_proposal_create(
    *, actor: User, event: Event, title: str, description: str = ""
) -> AgendaProposal:
    """Anyone who can see an upcoming meeting may propose a topic for it."""
    if event.is_cancelled or event.starts_at <= timezone.now():
        raise ValidationError(_("Topics can be proposed for upcoming meetings only."))
    proposal = AgendaProposal.objects.create(
        event=event, person=actor, title=title.strip(), description=description.strip()
    )
    audit_entry_create(actor=actor, action="agenda_proposal.create", target=event)
    return proposal


@transaction.atomic
def agenda_proposal_decide(
    *, actor: User, proposal: AgendaProposal, accept: bool
) -> AgendaProposal:
    _check_manager(actor, proposal.event)
    proposal.status = AgendaProposal.Status.ACCEPTED if accept else AgendaProposal.Status.DECLINED
    proposal.save(update_fields=["status", "updated_at"])
    audit_entry_create(
        actor=actor,
        action=f"agenda_proposal.{proposal.status}",
        target=proposal.event,
        data={"title": proposal.title},
    )
    return proposal
