from datetime import date, timedelta

import pytest

from qnet.models import Notice, NoticeKind, OutboxMessage
from selfassessment import services, tasks
from selfassessment.services.reminders import OVERDUE_WINDOW_DAYS
from selfassessment.tests.conftest import YEAR

pytestmark = pytest.mark.django_db


def test_late_schools_leaders_are_reminded_once_a_day(
    authority_staff, leader_a, leader_b, draft_a, submitted_b
):
    today = date(YEAR, 7, 1)
    OutboxMessage.objects.all().delete()  # the notice of B's submission is not a reminder
    assert services.cycle_remind_late(actor=authority_staff, cycle=draft_a.cycle, today=today) == 1
    message = OutboxMessage.objects.get()
    assert message.to == leader_a.email
    assert "School A" in message.subject
    assert f"/self-assessment/{draft_a.pk}/" in message.body_text
    # Pressed again the same day: nobody gets a second mail. The next day: one more.
    assert services.cycle_remind_late(actor=authority_staff, cycle=draft_a.cycle, today=today) == 0
    later = today + timedelta(days=1)
    assert services.cycle_remind_late(actor=authority_staff, cycle=draft_a.cycle, today=later) == 1


def test_a_returned_one_counts_as_late_and_the_mail_says_so(authority_staff, leader_b, submitted_b):
    services.assessment_return(actor=authority_staff, assessment=submitted_b, comment="Revise")
    OutboxMessage.objects.all().delete()  # the notice of the return is not a reminder
    services.cycle_remind_late(actor=authority_staff, cycle=submitted_b.cycle)
    assert "returned it with a comment" in OutboxMessage.objects.get(to=leader_b.email).body_text


def test_agreements_due_within_a_week_are_announced_exactly_once(agreement_b, leader_b):
    due = agreement_b.due_on
    OutboxMessage.objects.all().delete()  # the notices of the meeting and the agreement
    assert services.agreement_reminders_send(today=due - timedelta(days=8)) == 0
    assert services.agreement_reminders_send(today=due - timedelta(days=7)) == 1
    assert services.agreement_reminders_send(today=due - timedelta(days=6)) == 0
    notice = Notice.objects.get(kind=NoticeKind.AGREEMENT_DUE)
    assert notice.recipient == leader_b
    message = OutboxMessage.objects.get()
    assert message.to == leader_b.email
    assert "Weekly reading sessions" in message.body_text


def test_an_agreement_past_its_date_is_announced_overdue_once(agreement_b, leader_b):
    due = agreement_b.due_on
    services.agreement_reminders_send(today=due - timedelta(days=3))
    OutboxMessage.objects.all().delete()
    assert services.agreement_reminders_send(today=due) == 0
    assert services.agreement_reminders_send(today=due + timedelta(days=1)) == 1
    assert services.agreement_reminders_send(today=due + timedelta(days=2)) == 0
    assert Notice.objects.filter(kind=NoticeKind.AGREEMENT_OVERDUE, recipient=leader_b).count() == 1
    assert OutboxMessage.objects.get().subject == "Agreement overdue: School B"


def test_long_overdue_agreements_are_not_announced(agreement_b, leader_b):
    later = agreement_b.due_on + timedelta(days=OVERDUE_WINDOW_DAYS + 1)
    assert services.agreement_reminders_send(today=later) == 0


def test_a_moved_agreement_is_reminded_again_before_its_new_date(
    agreement_b, leader_b, authority_staff
):
    services.agreement_reminders_send(today=agreement_b.due_on)
    new_due = agreement_b.due_on + timedelta(days=30)
    services.agreement_update(actor=authority_staff, agreement=agreement_b, due_on=new_due)
    assert services.agreement_reminders_send(today=new_due - timedelta(days=2)) == 1


def test_done_agreements_are_not_reminded(agreement_b, leader_b, authority_staff):
    services.agreement_update(actor=authority_staff, agreement=agreement_b, status="done")
    assert services.agreement_reminders_send(today=agreement_b.due_on) == 0


def test_the_task_runs_the_service(agreement_b, leader_b, monkeypatch):
    monkeypatch.setattr("selfassessment.services.agreement_reminders_send", lambda: 3)
    assert tasks.agreement_reminders_task() == 3


def test_a_leader_who_chose_no_language_is_reminded_in_the_authoritys(agreement_b, leader_b):
    from django.utils import translation

    from qnet.models import Authority, NoticeKind

    assert not leader_b.preferred_language
    Authority.objects.filter(pk=agreement_b.meeting.school.authority_id).update(language="nb")
    # The schedule runs in a worker, whose language is the default, not the authority's.
    with translation.override("en"):
        services.agreement_reminders_send(today=agreement_b.due_on - timedelta(days=7))
    with translation.override("nb"):
        label = str(NoticeKind.AGREEMENT_DUE.label)
    assert label != "Agreement falls due"
    message = OutboxMessage.objects.get(to=leader_b.email, subject=f"{label}: School B")
    assert f"1. desember {agreement_b.due_on.year}" in message.body_text
