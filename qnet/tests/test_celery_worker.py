"""A real Celery worker against Redis answers a task: the wiring works end to end.

No skip when Redis is missing: CI must fail rather than pretend (see .ci/run).
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from celery import Celery

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


@pytest.fixture
def worker_queue():
    # A queue of its own, so a developer's running worker cannot steal the task.
    queue = f"qnet-test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "REDIS_URL": REDIS_URL, "QNET_TESTING": "0"}
    process = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "qnet", "worker",
            "--pool=solo", "--loglevel=WARNING", "-Q", queue, "--without-heartbeat",
            "--without-gossip", "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    yield queue
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.mark.worker
def test_a_real_worker_answers_a_task(worker_queue):
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
