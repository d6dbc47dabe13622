"""Thin Celery tasks of the selfassessment app."""

from celery import shared_task

from selfassessment import services


@shared_task
def agreement_reminders_task() -> int:
    return services.agreement_reminders_send()


@shared_task(acks_late=True)
def result_import_read_task(result_import_id: int) -> bool:
    # Reading claims the import with a conditional UPDATE, so a redelivered task is a no-op.
    return services.result_import_read(result_import_id=result_import_id)
