"""A real Celery worker for the tests that prove the wiring end to end (marker `worker`).

No skip when Redis is missing: CI must fail rather than pretend (see .ci/run).
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

# 14, not 15: the worker's settings put the cache in the next database.
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/14"
ROOT = Path(__file__).resolve().parents[2]


def worker_start(env: dict) -> tuple[str, subprocess.Popen]:
    # A queue of its own, so a developer's running worker cannot steal the task.
    queue = f"qnet-test-{uuid.uuid4().hex[:8]}"
    # And cache keys of its own: workers started by parallel xdist workers share the
    # cache's Redis database but read different test databases (test_qnet_gw0, _gw1), so
    # one must never be served the other's kept reads.
    env = {"CACHE_KEY_PREFIX": queue, **env}
    process = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "qnet", "worker",
            "--pool=solo", "--loglevel=WARNING", "-Q", queue, "--without-heartbeat",
            "--without-gossip", "--without-mingle",
        ],
        cwd=ROOT,
        env={**os.environ, "REDIS_URL": REDIS_URL, "QNET_TESTING": "0", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    return queue, process


def worker_stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
