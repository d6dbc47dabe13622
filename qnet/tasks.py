"""Thin Celery tasks of the ground floor: take ids, call one service."""

from celery import shared_task

from qnet import notifications, services


# No result kept: nobody reads it, and a fan-out of 20,000 reminders left 20,000 result
# keys in the broker's Redis for an hour.
@shared_task(bind=True, max_retries=5, retry_backoff=True, ignore_result=True)
def outbox_send_task(self, message_id: int) -> bool:
    return services.outbox_message_send(message_id=message_id)


@shared_task(ignore_result=True)
def outbox_send_batch_task(message_ids: list[int]) -> int:
    return services.outbox_messages_send(message_ids=message_ids)


@shared_task
def outbox_flush_task() -> int:
    return services.outbox_flush()


@shared_task
def notice_digests_task() -> int:
    return notifications.notice_digests_send()


@shared_task
def ping() -> str:
    """Answers "pong": lets the health check and tests prove a worker is listening."""
    return "pong"
