import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from events import services, tasks
from events.models import Reminder
from events.tests.factories import EventFactory, FormatFactory
from qnet.celery import app
from qnet.models import OutboxMessage


def reminder_mails():
    return OutboxMessage.objects.filter(dedupe_key__startswith="reminder:")


def make_due(registration):
    Reminder.objects.filter(registration=registration).update(
        due_at=timezone.now() - timedelta(minutes=1)
    )


@pytest.mark.django_db
def test_registration_schedules_one_row_per_configured_day(event, leader_a):
    event.reminder_days = [14, 3, 1]
    event.save()
    registration = services.registration_create(actor=leader_a, event=event)
    due = dict(registration.reminders.values_list("kind", "due_at"))
    assert due == {
        "3d": event.starts_at - timedelta(days=3),
        "1d": event.starts_at - timedelta(days=1),
    }  # 14 days before lies in the past: skipped


@pytest.mark.django_db
def test_moving_the_event_moves_the_reminders(event, leader_a, coordinator):
    registration = services.registration_create(actor=leader_a, event=event)
    later = event.starts_at + timedelta(days=2)
    services.event_update(
        actor=coordinator, event=event, starts_at=later, ends_at=later + timedelta(hours=3)
    )
    assert registration.reminders.get(kind="1d").due_at == later - timedelta(days=1)


@pytest.mark.django_db
def test_due_reminders_are_sent_once_even_when_the_task_runs_twice(event, leader_a, leader_b):
    first = services.registration_create(actor=leader_a, event=event)
    services.registration_create(actor=leader_b, event=event)
    make_due(first)

    assert tasks.reminders_send_task() == 2
    assert tasks.reminders_send_task() == 0

    mails = reminder_mails()
    assert sorted(mails.values_list("dedupe_key", flat=True)) == [
        f"reminder:{first.pk}:1d",
        f"reminder:{first.pk}:7d",
    ]
    assert all(mail.to == leader_a.email for mail in mails)
    assert "Reminder" in mails[0].subject
    assert not Reminder.objects.filter(registration=first, sent_at__isnull=True).exists()


@pytest.mark.django_db
def test_a_reminder_marked_unsent_again_is_still_mailed_once(event, leader_a):
    registration = services.registration_create(actor=leader_a, event=event)
    make_due(registration)
    services.reminders_send()
    # As if a worker died after queueing the mail but before the row said so.
    Reminder.objects.update(sent_at=None)
    services.reminders_send()
    assert reminder_mails().count() == 2  # 7d and 1d, each once


@pytest.mark.django_db
def test_cancelled_registrations_and_events_get_no_reminders(event, leader_a, coordinator):
    registration = services.registration_create(actor=leader_a, event=event)
    make_due(registration)
    services.event_cancel(actor=coordinator, event=event)
    assert services.reminders_send() == 0
    assert not reminder_mails().exists()


def test_the_task_is_on_the_beat_schedule():
    entry = app.conf.beat_schedule["events-reminders"]
    assert entry["task"] == "events.tasks.reminders_send_task"


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_send_each_reminder_once(postgres, world):
    from qnet.models import Role
    from qnet.tests.factories import MembershipFactory, UserFactory

    event = EventFactory(format=FormatFactory(network=world.network))
    registrations = []
    for index in range(40):
        person = UserFactory(email=f"reminded{index}@example.org")
        MembershipFactory(user=person, role=Role.SCHOOL_STAFF, school=world.school_a)
        registrations.append(services.registration_create(actor=person, event=event))
    Reminder.objects.update(due_at=timezone.now() - timedelta(minutes=1))

    barrier = threading.Barrier(4)
    counts = []

    def run():
        barrier.wait()
        try:
            counts.append(services.reminders_send())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(counts) == 80
    assert reminder_mails().count() == 80
    assert not Reminder.objects.filter(sent_at__isnull=True).exists()


def _due_registrations(event, school, count):
    from qnet.models import Role
    from qnet.tests.factories import MembershipFactory, UserFactory

    registrations = []
    for index in range(count):
        person = UserFactory(email=f"batch{index}@example.org")
        MembershipFactory(user=person, role=Role.SCHOOL_STAFF, school=school)
        registrations.append(services.registration_create(actor=person, event=event))
    Reminder.objects.filter(registration__in=registrations, kind="1d").update(
        due_at=timezone.now() - timedelta(minutes=1)
    )
    return registrations


@pytest.mark.django_db
def test_it_sends_more_than_one_batch_in_one_run(event, world):
    _due_registrations(event, world.school_a, 7)

    assert services.reminders_send(limit=3) == 7

    assert reminder_mails().count() == 7
    assert not Reminder.objects.filter(kind="1d", sent_at__isnull=True).exists()


@pytest.mark.django_db
def test_it_stops_after_its_time_budget_and_the_next_run_goes_on(event, world):
    _due_registrations(event, world.school_a, 7)

    assert services.reminders_send(limit=3, max_seconds=0) == 3
    assert Reminder.objects.filter(kind="1d", sent_at__isnull=True).count() == 4

    assert services.reminders_send(limit=3) == 4
    assert reminder_mails().count() == 7


@pytest.mark.django_db
def test_it_attaches_the_event_calendar_with_the_online_link_to_every_reminder(event, world):
    event.online_url = "https://meet.example.org/qnet"
    event.save()
    _due_registrations(event, world.school_a, 3)

    services.reminders_send(limit=2)

    for mail in reminder_mails():
        (calendar,) = mail.attachments
        assert calendar["filename"] == f"event-{event.pk}.ics"
        assert f"UID:{event.uid}" in calendar["content"]
        assert "https://meet.example.org/qnet" in calendar["content"].replace("\r\n ", "")
