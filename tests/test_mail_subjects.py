"""Mail subjects are plain text: every kind of mail that puts a name or title someone typed
into its subject carries it exactly as typed, never HTML-escaped ("&amp;", "&quot;").

Each kind is sent through its real service, in the permission matrix's world
(tests/permission_matrix/world.py) with its schools, events and coalition renamed.
"""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from coalitions import services as coalition_services
from coalitions.models import CoalitionMember
from events import services as event_services
from events.models import Event, Reminder
from events.tests.factories import EventFactory
from qnet import notifications
from qnet import services as qnet_services
from qnet.models import Delivery, NoticeKind, OutboxMessage, Role
from selfassessment import services as sa_services
from tests.permission_matrix.world import build

NASTY = 'Tom & Jerry\'s "<Forum>"'
ESCAPED = ("&amp;", "&lt;", "&gt;", "&quot;", "&#x27;", "&#39;", "&#34;")


def _registration_confirmed(w, p):
    event_services.registration_create(actor=p.leader_b, event=w.event)


def _waiting_list(w, p):
    w.event.capacity = 1
    w.event.save()
    event_services.registration_create(actor=p.leader_b, event=w.event)


def _seat_free(w, p):
    _waiting_list(w, p)
    OutboxMessage.objects.all().delete()
    taken = w.event.registrations.get(person=p.leader_a)
    event_services.registration_cancel(actor=p.leader_a, registration=taken)
    OutboxMessage.objects.exclude(to=p.leader_b.email).delete()


def _event_changed(w, p):
    later = w.event.starts_at + timedelta(days=1)
    event_services.event_update(
        actor=p.coordinator, event=w.event, starts_at=later, ends_at=later + timedelta(hours=3)
    )


def _event_cancelled(w, p):
    event_services.event_cancel(actor=p.coordinator, event=w.event)


def _reminder(w, p):
    Reminder.objects.filter(registration__event=w.event).update(
        due_at=timezone.now() - timedelta(minutes=1)
    )
    event_services.reminders_send()


def _guest_invitation(w, p):
    event_services.guest_invite(
        actor=p.coordinator, event=w.event, name="Gus", email="gus@example.org", role="speaker"
    )


def _date_fixed(w, p):
    option = w.poll.options.get()
    event_services.date_poll_vote(actor=p.leader_a, poll=w.poll, answers={option.pk: "yes"})
    event_services.date_poll_close(actor=p.coordinator, poll=w.poll, option=option)


def _message_to_participants(w, p):
    event_services.event_participants_mail(
        actor=p.coordinator, event=w.event, subject=NASTY, body="See you there."
    )


def _new_post(w, p):
    w.coalition.members.filter(person=p.leader_b).update(notify=CoalitionMember.Notify.EACH_POST)
    coalition_services.post_create(author=p.staff_a, thread=w.thread, body="Next steps?")


def _digest(w, p):
    w.coalition.members.filter(person=p.leader_b).update(
        notify=CoalitionMember.Notify.DIGEST,
        digest_sent_until=timezone.now() - timedelta(hours=1),
    )
    coalition_services.post_create(author=p.staff_a, thread=w.thread, body="Next steps?")
    coalition_services.digest_send(now=timezone.now() + timedelta(seconds=1))


def _invitation(w, p):
    qnet_services.invitation_create(
        invited_by=p.leader_a, email="another@example.org", role=Role.SCHOOL_STAFF, scope=w.school_a
    )


def _staff_survey(w, p):
    # Opened while the world was built (for School A, now renamed): its invitations are
    # the only mails with a survey link; every other mail of the build is dropped.
    OutboxMessage.objects.exclude(body_text__contains="/self-assessment/survey/").delete()


def _late_reminder(w, p):
    sa_services.cycle_remind_late(actor=p.authority, cycle=w.cycle)


def _agreement_due(w, p):
    sa_services.agreement_reminders_send(today=w.agreement_b.due_on - timedelta(days=7))


def _published_draft(w, p):
    draft = EventFactory(format=w.event.format, title=NASTY, status=Event.Status.DRAFT)
    event_services.event_publish(actor=p.coordinator, event=draft)


def _notice(w, p):
    _published_draft(w, p)


def _notice_digest(w, p):
    for person in (p.leader_a, p.leader_b, p.staff_a):
        notifications.notification_preferences_save(
            user=person, choices={NoticeKind.EVENT_PUBLISHED: Delivery.DIGEST}
        )
    _published_draft(w, p)
    notifications.notice_digests_send(now=timezone.now() + timedelta(days=1))


KINDS = {
    "registration confirmed": _registration_confirmed,
    "waiting list": _waiting_list,
    "seat free": _seat_free,
    "event changed": _event_changed,
    "event cancelled": _event_cancelled,
    "reminder": _reminder,
    "guest invitation": _guest_invitation,
    "date poll closed": _date_fixed,
    "message to participants": _message_to_participants,
    "new post": _new_post,
    "digest": _digest,
    "invitation": _invitation,
    "staff survey": _staff_survey,
    "late self-assessment": _late_reminder,
    "agreement due": _agreement_due,
    "notice": _notice,
    "notice digest": _notice_digest,
}


@pytest.fixture
def renamed_world(world, personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world.school_a.name = NASTY
    world.school_a.save()
    world.school_b.name = f"{NASTY} B"
    world.school_b.save()
    w = build(world, personas)
    for thing in (w.event, w.poll, w.coalition):
        thing.title = NASTY
        thing.save()
    w.thread.title = NASTY
    w.thread.save()
    return w


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_each_mail_kind_has_the_typed_text_in_its_subject_unescaped(kind, renamed_world, personas):
    if kind != "staff survey":
        OutboxMessage.objects.all().delete()
    KINDS[kind](renamed_world, personas)

    messages = list(OutboxMessage.objects.all())
    assert messages, f"{kind}: no mail was queued"
    for message in messages:
        assert NASTY in message.subject, message.subject
        assert not any(escape in message.subject for escape in ESCAPED), message.subject
        # The plain-text body is no HTML either.
        assert "Tom &amp; Jerry" not in message.body_text


def test_every_subject_template_is_covered_by_a_kind():
    """A new mail with a subject template needs its kind above (or a reason it has none)."""
    root = Path(django_settings.BASE_DIR)
    templates = {
        str(path.relative_to(root))
        for app in ("qnet", "events", "coalitions", "selfassessment", "reports")
        for path in (root / app / "templates").rglob("*_subject.txt")
    }
    assert templates == {
        "qnet/templates/qnet/mail/invitation_subject.txt",
        "events/templates/events/mail/event_notice_subject.txt",
        "events/templates/events/mail/guest_invitation_subject.txt",
        "events/templates/events/mail/poll_closed_subject.txt",
        "events/templates/events/mail/announcement_subject.txt",
        "coalitions/templates/coalitions/mail/post_subject.txt",
        "coalitions/templates/coalitions/mail/digest_subject.txt",
        "selfassessment/templates/selfassessment/mail/survey_invitation_subject.txt",
        "selfassessment/templates/selfassessment/mail/late_reminder_subject.txt",
        "qnet/templates/qnet/mail/notice_subject.txt",
        "qnet/templates/qnet/mail/notice_digest_subject.txt",
    }
