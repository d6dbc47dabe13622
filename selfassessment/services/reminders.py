"""Reminder mails: schools that have not submitted, agreements about to fall due.

Every mail goes through the outbox with a dedupe key, so a reminder reaches each
person exactly once, however often the schedule fires or a button is pressed.
"""

from collections import defaultdict
from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from qnet.models import Membership, Role, User
from qnet.services import audit_entry_create, mail_enqueue
from selfassessment.models import Agreement, Cycle, SelfAssessment

AGREEMENT_REMINDER_DAYS = 7


def _leaders_by_school(school_ids) -> dict[int, list[User]]:
    leaders = defaultdict(list)
    for membership in Membership.objects.filter(
        role=Role.SCHOOL_LEADER, school_id__in=school_ids, user__is_active=True
    ).select_related("user"):
        leaders[membership.school_id].append(membership.user)
    return leaders


@transaction.atomic
def cycle_remind_late(*, actor: User, cycle: Cycle, today: date | None = None) -> int:
    """Mail the leaders of every school that has not submitted yet — once per day."""
    today = today or timezone.localdate()
    assessments = list(
        cycle.assessments.filter(status__in=SelfAssessment.EDITABLE).select_related(
            "school__authority"
        )
    )
    leaders = _leaders_by_school({assessment.school_id for assessment in assessments})
    sent = 0
    for assessment in assessments:
        for leader in leaders[assessment.school_id]:
            queued = mail_enqueue(
                to=leader.email,
                template="selfassessment/mail/late_reminder",
                context={
                    "name": leader.get_short_name(),
                    "school": assessment.school.name,
                    "year": cycle.year,
                    "due_on": cycle.due_on,
                    "returned": assessment.status == SelfAssessment.Status.RETURNED,
                    "path": reverse("selfassessment:assessment_detail", args=[assessment.pk]),
                },
                # Not the language of whoever pressed the button (or of the worker).
                language=leader.preferred_language or assessment.school.authority.language,
                dedupe_key=f"selfassessment:late:{assessment.pk}:{leader.pk}:{today.isoformat()}",
            )
            sent += queued is not None
    audit_entry_create(
        actor=actor,
        action="cycle.remind_late",
        target=cycle,
        authority=cycle.plan.authority,
        data={"mails": sent, "schools": len(assessments)},
    )
    return sent


def agreement_reminders_send(*, today: date | None = None) -> int:
    """Remind school leaders of open agreements due within the week.

    The due date is part of the dedupe key: an agreement moved to a later date is
    reminded again before its new date, never twice for the same one.
    """
    today = today or timezone.localdate()
    sent = 0
    with transaction.atomic():
        agreements = list(
            Agreement.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status__in=Agreement.OPEN_STATES,
                due_on__gte=today,
                due_on__lte=today + timedelta(days=AGREEMENT_REMINDER_DAYS),
            )
            .select_related("meeting__school__authority")
        )
        leaders = _leaders_by_school({agreement.meeting.school_id for agreement in agreements})
        for agreement in agreements:
            for leader in leaders[agreement.meeting.school_id]:
                queued = mail_enqueue(
                    to=leader.email,
                    template="selfassessment/mail/agreement_due",
                    context={
                        "name": leader.get_short_name(),
                        "school": agreement.meeting.school.name,
                        "action": agreement.action,
                        "owner": agreement.owner,
                        "due_on": agreement.due_on,
                        "path": reverse("selfassessment:agreement_detail", args=[agreement.pk]),
                    },
                    language=(
                        leader.preferred_language or agreement.meeting.school.authority.language
                    ),
                    dedupe_key=(
                        f"selfassessment:agreement-due:{agreement.pk}:"
                        f"{agreement.due_on.isoformat()}:{leader.pk}"
                    ),
                )
                sent += queued is not None
    return sent
