"""Thin Celery tasks: take ids, call one service."""

from celery import shared_task

from reports.services import renditions


@shared_task(bind=True, max_retries=renditions.MAX_ATTEMPTS, acks_late=True)
def render_pdf(self, rendition_id: int) -> str:
    """Render a report's PDF (or its school status zip). Safe to deliver twice."""
    # In-process (eager) runs have no broker to come back later: they fail at once and
    # the page offers the retry instead.
    outcome = renditions.rendition_render(
        rendition_id=rendition_id, may_retry=not self.request.is_eager
    )
    if outcome == renditions.Outcome.RETRY:
        raise self.retry(countdown=renditions.retry_delay(self.request.retries + 1))
    return outcome


@shared_task
def renditions_requeue_stuck_task() -> int:
    """Periodic (qnet/celery.py): queue again the renditions whose task was lost."""
    return renditions.renditions_requeue_stuck()
