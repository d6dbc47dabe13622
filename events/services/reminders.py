"""Reminders: a row per registration and kind, sent once by a periodic task."""

import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from events import ics
from events.models import Event, Registration, Reminder
from events.services._common import _notify


def _reminders_schedule(registration: Registration, *, event: Event) -> None:
    """One row per reminder kind; those already due when someone registers are skipped."""
    now = timezone.now()
    wanted = {f"{days}d": event.starts_at - timedelta(days=days) for days in event.reminder_days}
    registration.reminders.filter(sent_at__isnull=True).exclude(kind__in=wanted).delete()
    for kind, due_at in wanted.items():
        if due_at <= now:
            registration.reminders.filter(kind=kind, sent_at__isnull=True).delete()
            continue
        Reminder.objects.update_or_create(
            registration=registration,
            kind=kind,
            defaults={"due_at": due_at},
            create_defaults={"due_at": due_at},
        )


REMINDER_BATCH = 500


def reminders_send(*, limit: int = REMINDER_BATCH, max_seconds: float | None = None) -> int:
    """Queue every due reminder once, batch after batch; returns how many were queued.

    Each batch is its own short transaction: its rows are locked with SKIP LOCKED, so a
    second run at the same time (a doubled beat, a redelivered task) takes other rows, and
    marked sent in the same transaction; the outbox's dedupe key is the last guard. A
    worker killed mid-batch loses nothing: the batch rolls back and the next run sends it.
    The loop stops when a batch comes back short, or after `max_seconds` (half the task's
    soft time limit unless given) so one run never hits the limit; the next beat run then
    goes on where it stopped.
    """
    if max_seconds is None:
        max_seconds = settings.CELERY_TASK_SOFT_TIME_LIMIT / 2
    started = time.monotonic()
    total = 0
    while True:
        queued = _reminders_send_batch(limit=limit)
        total += queued
        if queued < limit or time.monotonic() - started >= max_seconds:
            return total


def _reminders_send_batch(*, limit: int) -> int:
    now = timezone.now()
    with transaction.atomic():
        due = list(
            Reminder.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                sent_at__isnull=True,
                due_at__lte=now,
                registration__status=Registration.Status.CONFIRMED,
                registration__event__status=Event.Status.PUBLISHED,
                registration__event__starts_at__gt=now,
            )
            .select_related("registration__person", "registration__event__network")
            .order_by("due_at", "pk")[:limit]
        )
        # One calendar per event and batch: every reminder goes to a confirmed registration
        # (filter above), so all of them carry the online link.
        calendars: dict[int, list[dict]] = {}
        for reminder in due:
            event = reminder.registration.event
            if event.pk not in calendars:
                calendars[event.pk] = [ics.event_attachment(event, with_online_url=True)]
            _notify(
                reminder.registration,
                "reminder",
                dedupe_key=f"reminder:{reminder.registration_id}:{reminder.kind}",
                attachments=calendars[event.pk],
            )
        Reminder.objects.filter(pk__in=[reminder.pk for reminder in due]).update(sent_at=now)
    return len(due)
