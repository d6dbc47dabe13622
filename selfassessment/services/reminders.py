"""Reminders: mails to schools that have not submitted, notices of agreements about to
fall due or overdue.

Each goes out with a key (the outbox's dedupe key, the notice's key), so a reminder
reaches each person exactly once, however often the schedule fires or a button is pressed.
"""

from collections import defaultdict
from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from qnet.models import Membership, NoticeKind, Role, User
from qnet.notifications import notice_send
from qnet.services import audit_entry_create, mail_enqueue
from selfassessment.models import Agreement, Cycle, SelfAssessment

AGREEMENT_REMINDER_DAYS = 7
OVERDUE_WINDOW_DAYS = 30


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
    """Tell school leaders of open agreements that fall due within the week, and of those
    whose date has passed; returns how many notices were made.

    Run daily (qnet/celery.py). The notice's key holds the agreement and its due date:
    each leader hears of each once, however often this runs, and an agreement moved to a
    later date is announced again before its new date. Overdue agreements are looked at
    for OVERDUE_WINDOW_DAYS only, so a first run does not announce every old one.
    """
    today = today or timezone.localdate()
    made = 0
    with transaction.atomic():
        agreements = list(
            Agreement.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status__in=Agreement.OPEN_STATES,
                due_on__gte=today - timedelta(days=OVERDUE_WINDOW_DAYS),
                due_on__lte=today + timedelta(days=AGREEMENT_REMINDER_DAYS),
            )
            .select_related("meeting__school__authority")
        )
        leaders = _leaders_by_school({agreement.meeting.school_id for agreement in agreements})
        for agreement in agreements:
            overdue = agreement.due_on < today
            kind = NoticeKind.AGREEMENT_OVERDUE if overdue else NoticeKind.AGREEMENT_DUE
            made += len(
                notice_send(
                    recipients=leaders[agreement.meeting.school_id],
                    kind=kind,
                    url=reverse("selfassessment:agreement_detail", args=[agreement.pk]),
                    params={
                        "school": agreement.meeting.school.name,
                        "action": agreement.action[:300],
                        "due_on": agreement.due_on.isoformat(),
                    },
                    key=f"{kind}:{agreement.pk}:{agreement.due_on.isoformat()}",
                    language=agreement.meeting.school.authority.language,
                )
            )
    return made
