"""A real Celery worker against Redis answers a task: the wiring works end to end.

No skip when Redis is missing: CI must fail rather than pretend (see .ci/run).
"""

import pytest
from celery import Celery

from qnet.tests.worker import REDIS_URL


@pytest.mark.worker
def test_a_real_worker_answers_a_task(start_worker):
    worker_queue = start_worker()
    client = Celery("qnet-test-client", broker=REDIS_URL, backend=REDIS_URL)
    client.conf.update(task_serializer="json", accept_content=["json"])
    result = client.send_task("qnet.tasks.ping", queue=worker_queue)
    # Eager tasks run earlier in this process can leave Celery believing it is inside a
    # task; this test is a plain client, so the sync-subtask guard does not apply.
    assert result.get(timeout=60, disable_sync_subtasks=False) == "pong"


def test_the_beat_schedule_is_defined_in_code():
    from qnet.celery import app

    assert app.conf.beat_schedule["outbox-flush"]["task"] == "qnet.tasks.outbox_flush_task"
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.accept_content == ["json"]


def test_pdf_rendering_has_a_queue_of_its_own():
    from qnet.celery import app

    route = app.amqp.router.route({}, "reports.tasks.render_pdf")
    assert route["queue"].name == "pdf"
    assert app.amqp.router.route({}, "qnet.tasks.outbox_send_task")["queue"].name == "celery"
