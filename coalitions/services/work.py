"""Milestones of projects, and the learning questions of learning networks."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from qnet.models import User
from qnet.services import audit_entry_create

from .. import rules as crules
from ..models import Coalition, CoalitionMember, LearningQuestion, Milestone, ProgressNote


def _check_milestone(title: str, status: str) -> str:
    title = title.strip()
    if not title:
        raise ValidationError(_("Give the milestone a title."))
    if status not in Milestone.Status.values:
        raise ValidationError(_("Unknown status."))
    return title


@transaction.atomic
def milestone_create(
    *,
    actor: User,
    coalition: Coalition,
    title: str,
    due_on: date,
    status: str = Milestone.Status.PLANNED,
) -> Milestone:
    if not crules.can_manage_content(actor, coalition):
        raise PermissionDenied
    title = _check_milestone(title, status)
    return Milestone.objects.create(coalition=coalition, title=title, due_on=due_on, status=status)


@transaction.atomic
def milestone_update(
    *, actor: User, milestone: Milestone, title: str, due_on: date, status: str
) -> Milestone:
    if not crules.can_manage_content(actor, milestone.coalition):
        raise PermissionDenied
    milestone.title = _check_milestone(title, status)
    milestone.due_on = due_on
    milestone.status = status
    milestone.save(update_fields=["title", "due_on", "status", "updated_at"])
    return milestone


@transaction.atomic
def milestone_delete(*, actor: User, milestone: Milestone) -> None:
    coalition = milestone.coalition
    if not crules.can_manage_content(actor, coalition):
        raise PermissionDenied
    audit_entry_create(
        actor=actor,
        action="coalition.milestone_delete",
        target=milestone,
        authority=coalition.network.authority,
        data={"coalition": coalition.pk, "title": milestone.title},
    )
    milestone.delete()


# --- learning questions ----------------------------------------------------------------


def _own_member(user: User, coalition: Coalition) -> CoalitionMember:
    member = CoalitionMember.objects.filter(coalition=coalition, person=user).first()
    if member is None:
        raise PermissionDenied
    return member


@transaction.atomic
def learning_question_create(
    *, person: User, coalition: Coalition, text: str, shared_with_group: bool = False
) -> LearningQuestion:
    member = _own_member(person, coalition)
    if coalition.kind != Coalition.Kind.LEARNING_NETWORK:
        raise ValidationError(_("Learning questions belong to learning networks."))
    text = text.strip()
    if not text:
        raise ValidationError(_("Write down your learning question."))
    return LearningQuestion.objects.create(
        member=member, text=text, shared_with_group=shared_with_group
    )


@transaction.atomic
def learning_question_update(
    *, actor: User, question: LearningQuestion, text: str, shared_with_group: bool
) -> LearningQuestion:
    if question.member.person_id != actor.pk:
        raise PermissionDenied
    text = text.strip()
    if not text:
        raise ValidationError(_("Write down your learning question."))
    question.text = text
    question.shared_with_group = shared_with_group
    question.save(update_fields=["text", "shared_with_group", "updated_at"])
    return question


def may_write_note(user: User, question: LearningQuestion) -> bool:
    return question.member.person_id == user.pk or crules.is_facilitator(
        user, question.member.coalition
    )


@transaction.atomic
def progress_note_create(
    *, author: User, question: LearningQuestion, text: str, noted_on: date | None = None
) -> ProgressNote:
    if not may_write_note(author, question):
        raise PermissionDenied
    text = text.strip()
    if not text:
        raise ValidationError(_("Write a note first."))
    return ProgressNote.objects.create(
        question=question, author=author, text=text, noted_on=noted_on or date.today()
    )
