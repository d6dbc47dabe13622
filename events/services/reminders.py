"""Reminders: a row per registration and kind, sent once by a periodic task."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

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


def reminders_send(*, limit: int = 500) -> int:
    """Queue every due reminder once.

    Rows are locked with SKIP LOCKED, so a second run at the same time takes other rows,
    and marked sent in the same transaction; the outbox's dedupe key is the last guard.
    """
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
        for reminder in due:
            _notify(
                reminder.registration,
                "reminder",
                dedupe_key=f"reminder:{reminder.registration_id}:{reminder.kind}",
            )
        Reminder.objects.filter(pk__in=[reminder.pk for reminder in due]).update(sent_at=now)
    return len(due)
