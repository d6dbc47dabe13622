import os
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from events.models import Registration
from events.tasks import registrations_anonymise_expired_task
from events.tests.factories import EventFactory, FormatFactory
from qnet.celery import app
from qnet.models import AuditEntry
from qnet.tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]


def _ended_long_ago(network, days=800):
    ends = timezone.now() - timedelta(days=days)
    return EventFactory(
        format=FormatFactory(network=network), starts_at=ends - timedelta(hours=3), ends_at=ends
    )


@pytest.mark.django_db
def test_the_task_anonymises_expired_registrations_and_returns_the_count(world, settings):
    settings.EVENTS_RETENTION_DAYS = 730
    old = _ended_long_ago(world.network)
    registration = Registration.objects.create(
        event=old, person=UserFactory(), school=world.school_a, status="confirmed", notes="hi"
    )

    assert registrations_anonymise_expired_task.delay().get() == 1
    assert registrations_anonymise_expired_task.delay().get() == 0

    registration.refresh_from_db()
    assert registration.person is None and registration.notes == ""


def test_the_task_runs_every_night_from_the_beat_schedule():
    entry = app.conf.beat_schedule["events-retention"]
    assert entry["task"] == registrations_anonymise_expired_task.name
    assert entry["schedule"].hour == {3} and entry["schedule"].minute == {15}


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_anonymise_each_registration_once(postgres, world):
    old = _ended_long_ago(world.network)
    other = _ended_long_ago(world.network, days=801)
    people = [UserFactory() for _ in range(20)]
    for person in people:
        for event in (old, other):
            Registration.objects.create(
                event=event, person=person, school=world.school_a, status="confirmed"
            )

    barrier = threading.Barrier(3)
    counts = []

    def run():
        barrier.wait()
        try:
            counts.append(registrations_anonymise_expired_task())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(counts) == [0, 0, 40]
    assert AuditEntry.objects.filter(action="registrations.anonymise_expired").count() == 1
    # Each person keeps one stand-in for the year, whichever run got there first.
    keys = set(Registration.objects.values_list("participant_key", flat=True))
    assert len(keys) == 20 and "" not in keys


def _settings_value(value: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "EVENTS_RETENTION_DAYS"}
    env["DJANGO_SETTINGS_MODULE"] = "qnet.settings"
    if value is not None:
        env["EVENTS_RETENTION_DAYS"] = value
    code = "from django.conf import settings; print(settings.EVENTS_RETENTION_DAYS)"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(("value", "expected"), [(None, "730"), ("90", "90"), ("30", "30")])
def test_the_retention_period_is_read_from_the_environment(value, expected):
    result = _settings_value(value)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("two years", "EVENTS_RETENTION_DAYS must be a whole number"),
        ("29", "EVENTS_RETENTION_DAYS must be at least 30"),
    ],
)
def test_a_bad_retention_period_stops_the_start(value, message):
    result = _settings_value(value)
    assert result.returncode != 0
    assert message in result.stderr
