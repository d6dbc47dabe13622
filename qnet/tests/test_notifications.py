"""The notice services: who gets what, mail by preference, digests, unread counts."""

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.utils import timezone

from qnet import notifications, tasks
from qnet.celery import app as celery_app
from qnet.models import Delivery, Notice, NoticeKind, NotificationPreference, OutboxMessage
from qnet.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

KIND = NoticeKind.EVENT_PUBLISHED
PARAMS = {"title": "Forum 2026", "starts_at": "2026-03-05T09:00:00+01:00"}


def send(recipients, **extra):
    return notifications.notice_send(
        recipients=recipients, kind=KIND, url="/events/1/", params=PARAMS, **extra
    )


def refreshed(user):
    user.refresh_from_db()
    return user


def test_a_notice_is_recorded_and_mailed_once_to_each_recipient(leader_a, leader_b):
    notices = send([leader_a, leader_b, leader_a])
    assert len(notices) == 2
    assert sorted(OutboxMessage.objects.values_list("to", flat=True)) == sorted(
        [leader_a.email, leader_b.email]
    )
    message = OutboxMessage.objects.get(to=leader_a.email)
    assert message.subject == "Event published: Forum 2026"
    assert "New event on 5 March 2026" in message.body_text
    assert ": Forum 2026" in message.body_text
    assert "/events/1/" in message.body_text
    assert refreshed(leader_a).unread_notices == 1


def test_the_actor_is_not_told_of_their_own_act(leader_a, leader_b):
    send([leader_a, leader_b], actor=leader_a)
    assert list(Notice.objects.values_list("recipient", flat=True)) == [leader_b.pk]


def test_inactive_people_get_nothing(leader_a):
    leader_a.is_active = False
    leader_a.save()
    assert send([leader_a]) == []
    assert not OutboxMessage.objects.exists()


def test_mail_off_still_records_the_notice_but_sends_nothing(leader_a):
    notifications.notification_preferences_save(user=leader_a, choices={KIND: Delivery.OFF})
    send([leader_a])
    notice = Notice.objects.get()
    assert notice.delivery == Delivery.OFF and notice.mailed_at is None
    assert not OutboxMessage.objects.exists()
    assert refreshed(leader_a).unread_notices == 1
    # Nor does the digest pick it up.
    assert notifications.notice_digests_send(now=timezone.now() + timedelta(days=1)) == 0


def test_the_subject_and_text_are_in_the_recipients_language(leader_a):
    leader_a.preferred_language = "de"
    leader_a.save()
    send([leader_a])
    message = OutboxMessage.objects.get()
    assert message.subject == "Veranstaltung veröffentlicht: Forum 2026"
    assert "Neue Veranstaltung am 5. März 2026" in message.body_text


def test_the_notice_is_worded_in_the_readers_language_when_shown(leader_a):
    send([leader_a])
    notice = Notice.objects.get()
    from django.utils import translation

    with translation.override("nl"):
        assert notifications.notice_text(notice.kind, notice.params).startswith(
            "Nieuwe bijeenkomst op 5 maart 2026"
        )
    with translation.override("en"):
        assert notifications.notice_text(notice.kind, notice.params).endswith(": Forum 2026")


def test_a_keyed_notice_is_sent_once_per_person(leader_a, leader_b):
    assert len(send([leader_a], key="k1")) == 1
    assert len(send([leader_a, leader_b], key="k1")) == 1
    assert Notice.objects.filter(recipient=leader_a).count() == 1
    assert OutboxMessage.objects.count() == 2
    assert refreshed(leader_a).unread_notices == 1


def test_an_unknown_kind_or_a_foreign_link_is_refused(leader_a):
    with pytest.raises(ValueError):
        notifications.notice_send(recipients=[leader_a], kind="nonsense", url="/")
    with pytest.raises(ValueError):
        notifications.notice_send(recipients=[leader_a], kind=KIND, url="https://evil.example/")


# --- digest ------------------------------------------------------------------------------


def _digest_for(user):
    notifications.notification_preferences_save(user=user, choices={KIND: Delivery.DIGEST})


def test_digest_notices_wait_for_the_next_day_and_come_in_one_mail(leader_a):
    _digest_for(leader_a)
    send([leader_a])
    notifications.notice_send(
        recipients=[leader_a],
        kind=KIND,
        url="/events/2/",
        params={"title": "Perspective day", "starts_at": "2026-04-01T09:00:00+02:00"},
    )
    assert not OutboxMessage.objects.exists()
    # The same day: nothing yet.
    assert notifications.notice_digests_send() == 0
    tomorrow = timezone.now() + timedelta(days=1)
    assert notifications.notice_digests_send(now=tomorrow) == 1
    message = OutboxMessage.objects.get()
    assert message.to == leader_a.email
    assert "Forum 2026" in message.body_text and "Perspective day" in message.body_text
    assert "2 qnet notices" in message.subject
    assert not Notice.objects.filter(mailed_at__isnull=True).exists()


def test_running_the_digest_twice_mails_nobody_twice(leader_a, leader_b):
    _digest_for(leader_a)
    _digest_for(leader_b)
    send([leader_a, leader_b])
    tomorrow = timezone.now() + timedelta(days=1)
    assert notifications.notice_digests_send(now=tomorrow) == 2
    assert notifications.notice_digests_send(now=tomorrow) == 0
    assert notifications.notice_digests_send(now=tomorrow + timedelta(hours=1)) == 0
    assert OutboxMessage.objects.count() == 2


def test_a_notice_read_before_the_digest_is_left_out(leader_a):
    _digest_for(leader_a)
    notice = send([leader_a])[0]
    notifications.notice_open(user=leader_a, notice=notice)
    assert notifications.notice_digests_send(now=timezone.now() + timedelta(days=1)) == 0


def test_the_digest_is_in_the_recipients_language(leader_a):
    leader_a.preferred_language = "nb"
    leader_a.save()
    _digest_for(leader_a)
    send([leader_a])
    notifications.notice_digests_send(now=timezone.now() + timedelta(days=1))
    assert OutboxMessage.objects.get().subject == "Ditt qnet-varsel: Forum 2026"


def test_the_digest_is_scheduled_daily_in_the_one_place_of_schedules():
    entry = celery_app.conf.beat_schedule["notice-digests"]
    assert entry["task"] == "qnet.tasks.notice_digests_task"
    assert entry["schedule"].hour == {6}


def test_the_digest_task_runs_the_service(monkeypatch):
    monkeypatch.setattr("qnet.notifications.notice_digests_send", lambda: 4)
    assert tasks.notice_digests_task() == 4


# --- reading -----------------------------------------------------------------------------


def test_opening_marks_read_once_and_counts_down(leader_a):
    first, second = send([leader_a])[0], send([leader_a])[0]
    assert refreshed(leader_a).unread_notices == 2
    notifications.notice_open(user=leader_a, notice=first)
    notifications.notice_open(user=leader_a, notice=first)
    assert refreshed(leader_a).unread_notices == 1
    assert Notice.objects.get(pk=first.pk).read_at is not None
    assert Notice.objects.get(pk=second.pk).read_at is None


def test_someone_elses_notice_is_not_marked(leader_a, leader_b):
    notice = send([leader_a])[0]
    notifications.notice_open(user=leader_b, notice=notice)
    assert Notice.objects.get(pk=notice.pk).read_at is None


def test_mark_all_read_clears_the_count(leader_a, leader_b):
    send([leader_a, leader_b])
    send([leader_a])
    assert notifications.notices_mark_all_read(user=leader_a) == 2
    assert refreshed(leader_a).unread_notices == 0
    assert refreshed(leader_b).unread_notices == 1


def test_preferences_default_to_immediately_and_save_per_kind(leader_a):
    from qnet.selectors import notification_preferences_of

    assert set(notification_preferences_of(leader_a).values()) == {Delivery.IMMEDIATELY}
    notifications.notification_preferences_save(user=leader_a, choices={KIND: Delivery.OFF})
    notifications.notification_preferences_save(user=leader_a, choices={KIND: Delivery.DIGEST})
    assert NotificationPreference.objects.get(user=leader_a).delivery == Delivery.DIGEST
    assert notification_preferences_of(leader_a)[KIND] == Delivery.DIGEST


def test_dates_are_shown_in_the_portals_time_zone():
    with timezone.override(ZoneInfo("Europe/Berlin")):
        text = notifications.notice_text(
            NoticeKind.EVENT_PUBLISHED,
            {
                "title": "X",
                "starts_at": datetime(2026, 3, 5, 8, 0, tzinfo=ZoneInfo("UTC")).isoformat(),
            },
        )
    assert "9 a.m." in text or "09:00" in text or "9:00" in text


def test_a_fan_out_costs_the_same_few_queries_for_many_people(django_assert_max_num_queries):
    people = [UserFactory() for _ in range(30)]
    # Users, preferences, notices (one INSERT), counts (one UPDATE), and per person only
    # the outbox row with its savepoint.
    with django_assert_max_num_queries(8 + 3 * len(people)):
        send(people)
    assert Notice.objects.count() == 30
    assert OutboxMessage.objects.count() == 30


@pytest.mark.django_db(transaction=True)
def test_two_digest_runs_at_the_same_moment_mail_each_person_once(postgres):
    people = [UserFactory() for _ in range(10)]
    for person in people:
        _digest_for(person)
    send(people)
    send(people)
    tomorrow = timezone.now() + timedelta(days=1)
    barrier = threading.Barrier(3)
    counts = []

    def run():
        barrier.wait()
        try:
            counts.append(notifications.notice_digests_send(now=tomorrow))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(counts) == 10
    assert OutboxMessage.objects.count() == 10
    assert set(OutboxMessage.objects.values_list("to", flat=True)) == {p.email for p in people}


def test_a_persons_notices_and_choices_are_in_their_data_export(leader_a, leader_b):
    from qnet import privacy

    notifications.notification_preferences_save(user=leader_a, choices={KIND: Delivery.OFF})
    send([leader_a, leader_b])
    records = privacy.user_data_export(user=leader_a)["records"]
    assert [row["recipient"] for row in records["qnet.notice"]] == [leader_a.pk]
    assert records["qnet.notice"][0]["params"] == PARAMS
    assert records["qnet.notificationpreference"][0]["delivery"] == Delivery.OFF


def test_erasing_an_account_removes_its_notices_and_choices(leader_a, leader_b):
    from qnet import privacy

    _digest_for(leader_a)
    send([leader_a, leader_b])
    privacy.user_erase(user=leader_a)
    assert not Notice.objects.filter(recipient=leader_a).exists()
    assert not NotificationPreference.objects.filter(user=leader_a).exists()
    assert refreshed(leader_a).unread_notices == 0
    assert Notice.objects.filter(recipient=leader_b).count() == 1
