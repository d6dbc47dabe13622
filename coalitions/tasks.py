from celery import shared_task

from . import services


@shared_task(acks_late=True)
def digest_send_task() -> int:
    return services.digest_send()
