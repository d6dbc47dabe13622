"""Thin Celery tasks of the selfassessment app."""

from celery import shared_task

from selfassessment import services


@shared_task
def agreement_reminders_task() -> int:
    return services.agreement_reminders_send()
