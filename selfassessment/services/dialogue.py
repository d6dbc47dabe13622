"""Dialogue meetings between a school and its authority, and the agreements they make."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from events import services as events_services
from qnet.models import NoticeKind, School, User
from qnet.notifications import notice_send
from qnet.rules import owns_school
from qnet.selectors import school_leaders
from qnet.services import audit_entry_create
from selfassessment.models import Agreement, AgreementNote, Cycle, DialogueMeeting


@transaction.atomic
def dialogue_meeting_plan(
    *,
    actor: User,
    school: School,
    cycle: Cycle,
    starts_at: datetime,
    place: str,
    participants: str = "",
    notes: str = "",
) -> DialogueMeeting:
    """Plan (or re-plan) the one dialogue meeting of a school in a cycle."""
    if timezone.is_naive(starts_at):
        raise ValidationError(_("The meeting time needs a time zone."))
    if not cycle.schools.filter(pk=school.pk).exists():
        raise ValidationError(_("The school is not part of this cycle."))
    meeting, created = DialogueMeeting.objects.update_or_create(
        school=school,
        cycle=cycle,
        defaults={
            "starts_at": starts_at,
            "place": place.strip(),
            "participants": participants.strip(),
            "notes": notes.strip(),
        },
    )
    event = events_services.dialogue_event_save(
        actor=actor, school=school, starts_at=starts_at, place=meeting.place, event=meeting.event
    )
    if meeting.event_id != event.pk:
        meeting.event = event
        meeting.save(update_fields=["event", "updated_at"])
    audit_entry_create(
        actor=actor,
        action="dialogue_meeting.plan" if created else "dialogue_meeting.update",
        target=meeting,
        authority=school.authority,
        data={"starts_at": starts_at.isoformat(), "place": meeting.place},
    )
    notice_send(
        recipients=school_leaders([school.pk]),
        kind=NoticeKind.DIALOGUE_PLANNED,
        url=reverse("selfassessment:meeting_detail", args=[meeting.pk]),
        params={"school": school.name, "starts_at": starts_at.isoformat(), "place": meeting.place},
        actor=actor,
    )
    return meeting


def _agreement_notice(*, actor: User, agreement: Agreement, kind: str) -> None:
    school = agreement.meeting.school
    notice_send(
        recipients=school_leaders([school.pk]),
        kind=kind,
        url=reverse("selfassessment:agreement_detail", args=[agreement.pk]),
        params={
            "school": school.name,
            "action": agreement.action[:300],
            "due_on": agreement.due_on.isoformat(),
        },
        actor=actor,
    )


@transaction.atomic
def agreement_create(
    *, actor: User, meeting: DialogueMeeting, action: str, owner: str, due_on: date
) -> Agreement:
    if not action.strip():
        raise ValidationError(_("Describe the action agreed."))
    agreement = Agreement.objects.create(
        meeting=meeting, action=action.strip(), owner=owner.strip(), due_on=due_on
    )
    audit_entry_create(
        actor=actor,
        action="agreement.create",
        target=agreement,
        authority=meeting.school.authority,
        data={"owner": agreement.owner, "due_on": due_on.isoformat()},
    )
    _agreement_notice(actor=actor, agreement=agreement, kind=NoticeKind.AGREEMENT_RECORDED)
    return agreement


@transaction.atomic
def agreement_update(*, actor: User, agreement: Agreement, **fields) -> Agreement:
    """Change the action, owner, due date or status; the log keeps before and after."""
    allowed = {"action", "owner", "due_on", "status"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"agreement_update() got unexpected fields {sorted(unknown)}")
    if "status" in fields and fields["status"] not in Agreement.Status.values:
        raise ValidationError(_("Unknown status."))
    before, after = {}, {}
    for name, value in fields.items():
        if getattr(agreement, name) != value:
            before[name] = str(getattr(agreement, name))
            after[name] = str(value)
            setattr(agreement, name, value)
    if after:
        agreement.save()
        audit_entry_create(
            actor=actor,
            action="agreement.update",
            target=agreement,
            authority=agreement.meeting.school.authority,
            data={"before": before, "after": after},
        )
        _agreement_notice(actor=actor, agreement=agreement, kind=NoticeKind.AGREEMENT_CHANGED)
    return agreement


@transaction.atomic
def agreement_note_add(
    *, actor: User, agreement: Agreement, text: str, status: str | None = None
) -> AgreementNote:
    """A progress note; the authority may move the agreement on with it. The school
    proposes a status instead (agreement_propose): only a confirmed proposal changes it."""
    text = text.strip()
    if not text:
        raise ValidationError(_("Write what has happened."))
    if status and not owns_school(actor, agreement.meeting.school):
        raise ValidationError(
            _("Propose the new status to the authority instead."), code="status_by_proposal"
        )
    if status:
        agreement_update(actor=actor, agreement=agreement, status=status)
    note = AgreementNote.objects.create(agreement=agreement, author=actor, text=text)
    audit_entry_create(
        actor=actor,
        action="agreement.note",
        target=agreement,
        authority=agreement.meeting.school.authority,
        data={"note": note.pk, "status": agreement.status},
    )
    return note
