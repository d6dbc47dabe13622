"""Thin Celery tasks of events."""

from celery import shared_task

from events import services


@shared_task
def reminders_send_task() -> int:
    return services.reminders_send()
