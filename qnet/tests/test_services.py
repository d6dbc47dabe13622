from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from qnet import services
from qnet.models import AuditEntry, Membership, OutboxMessage, Role

pytestmark = pytest.mark.django_db


def test_membership_grant_is_idempotent_and_audited(leader_a, staff_a, world):
    first = services.membership_grant(
        actor=leader_a, user=staff_a, role=Role.SCHOOL_STAFF, scope=world.school_b
    )
    again = services.membership_grant(
        actor=leader_a, user=staff_a, role=Role.SCHOOL_STAFF, scope=world.school_b
    )
    assert first == again
    assert AuditEntry.objects.filter(action="membership.grant").count() == 1


def test_membership_grant_refuses_a_role_in_the_wrong_scope(staff_a, world):
    with pytest.raises(ValidationError):
        services.membership_grant(
            actor=None, user=staff_a, role=Role.COORDINATOR, scope=world.school_a
        )


def test_the_database_refuses_a_role_without_its_scope(staff_a, world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=staff_a, role=Role.COORDINATOR, school=world.school_a)


def test_membership_revoke_needs_the_right_to_invite(staff_a, leader_a, world):
    membership = Membership.objects.get(user=leader_a)
    with pytest.raises(PermissionDenied):
        services.membership_revoke(actor=staff_a, membership=membership)


def test_membership_revoke_removes_and_audits(leader_a, staff_a):
    membership = Membership.objects.get(user=staff_a)
    services.membership_revoke(actor=leader_a, membership=membership)
    assert not Membership.objects.filter(user=staff_a).exists()
    assert AuditEntry.objects.filter(action="membership.revoke").exists()


def test_outbox_sends_once_even_if_the_task_runs_twice(db):
    message = services.outbox_message_create(to="a@example.org", subject="Hi", body_text="Hello")
    assert services.outbox_message_send(message_id=message.pk) is True
    assert services.outbox_message_send(message_id=message.pk) is False
    assert len(mail.outbox) == 1


def test_outbox_keeps_the_mail_when_smtp_fails_and_retries_later(db):
    message = services.outbox_message_create(to="a@example.org", subject="Hi", body_text="x")
    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("SMTP down")
    ):
        assert services.outbox_message_send(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1
    assert "SMTP down" in message.last_error
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=message.created_at)
    assert services.outbox_flush() == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert len(mail.outbox) == 1


def test_outbox_gives_up_after_the_configured_attempts(db, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    message = services.outbox_message_create(to="a@example.org", subject="Hi", body_text="x")
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError):
        services.outbox_message_send(message_id=message.pk)
        services.outbox_message_send(message_id=message.pk)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED


def test_outbox_queues_a_deduplicated_mail_only_once(db):
    first = services.outbox_message_create(
        to="a@example.org", subject="Reminder", body_text="x", dedupe_key="reminder:1:7d"
    )
    second = services.outbox_message_create(
        to="a@example.org", subject="Reminder", body_text="x", dedupe_key="reminder:1:7d"
    )
    assert first is not None and second is None
    assert OutboxMessage.objects.count() == 1


def test_outbox_sends_attachments_and_html(db):
    message = services.outbox_message_create(
        to="a@example.org",
        subject="Invitation",
        body_text="text",
        body_html="<p>html</p>",
        attachments=[
            {"filename": "e.ics", "content": "BEGIN:VCALENDAR", "mimetype": "text/calendar"}
        ],
    )
    services.outbox_message_send(message_id=message.pk)
    sent = mail.outbox[0]
    assert sent.alternatives[0][1] == "text/html"
    assert sent.attachments[0][0] == "e.ics"


def test_invitation_mail_is_written_in_the_requested_language(
    leader_a, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(
            invited_by=leader_a,
            email="n@example.org",
            role=Role.SCHOOL_STAFF,
            scope=world.school_a,
            language="de",
        )
    assert "School A" in mail.outbox[0].subject
    assert "qnet" in mail.outbox[0].subject


def test_mails_queued_in_one_transaction_leave_in_one_task_over_one_connection(
    db, django_capture_on_commit_callbacks
):
    with (
        mock.patch("qnet.tasks.outbox_send_batch_task.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        ids = [
            services.outbox_message_create(to=f"p{i}@example.org", subject="Hi", body_text="x").pk
            for i in range(450)
        ]
    # 450 mails: batches of 200, 200 and 50, each id exactly once.
    batches = [call.args[0] for call in delay.call_args_list]
    assert [len(batch) for batch in batches] == [200, 200, 50]
    assert sorted(i for batch in batches for i in batch) == sorted(ids)
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.open") as opened:
        assert services.outbox_messages_send(message_ids=batches[0]) == 200
    assert opened.call_count == 1
    assert len(mail.outbox) == 200


def test_a_rolled_back_savepoint_does_not_lose_the_others_send(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        try:
            with transaction.atomic():
                services.outbox_message_create(to="gone@example.org", subject="x", body_text="x")
                raise RuntimeError
        except RuntimeError:
            pass
        kept = services.outbox_message_create(to="kept@example.org", subject="x", body_text="x")
    kept.refresh_from_db()
    assert kept.status == OutboxMessage.Status.SENT
    assert [m.to for m in mail.outbox] == [["kept@example.org"]]


def test_a_batch_with_the_mail_server_down_keeps_every_mail_for_later(db):
    messages = [
        services.outbox_message_create(to=f"p{i}@example.org", subject="x", body_text="x")
        for i in range(3)
    ]
    with (
        mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.open", side_effect=OSError("down")
        ),
        mock.patch(
            "django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("SMTP down")
        ),
    ):
        assert services.outbox_messages_send(message_ids=[m.pk for m in messages]) == 0
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {
        (OutboxMessage.Status.PENDING, 1)
    }
