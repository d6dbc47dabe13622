"""Thin Celery tasks of events."""

from celery import shared_task

from events import services


@shared_task
def reminders_send_task() -> int:
    return services.reminders_send()


@shared_task
def registrations_anonymise_expired_task() -> int:
    return services.registrations_anonymise_expired()
