"""`make test` runs the suite in parallel (pytest-xdist, README "make test"): what keeps
the workers from sharing a database, a Redis database or a media folder."""

import ast
import fcntl
import os
from pathlib import Path

from django.conf import settings
from django.db import connection

import conftest

ROOT = Path(settings.BASE_DIR)
TEST_DIRS = ["qnet", "events", "coalitions", "selfassessment", "reports", "tests"]
REDIS_CLIENTS = {"ReusedClientRedisCache", "RedisCache", "Redis", "from_url"}


def _called(function) -> set[str]:
    """The names of every function and method the test calls."""
    names = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute):
                names.add(node.func.attr)
            elif isinstance(node.func, ast.Name):
                names.add(node.func.id)
    return names


def _test_functions():
    """(where, the names it calls, its arguments) for every test of the project."""
    for folder in TEST_DIRS:
        for path in (ROOT / folder).rglob("test_*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                    yield (
                        f"{path.relative_to(ROOT)}::{node.name}",
                        _called(node),
                        {arg.arg for arg in node.args.args},
                    )


def test_every_test_that_clears_a_real_redis_database_waits_for_the_others():
    """Through the clears_redis fixture (conftest.py): it must not clear the cache's
    database while another xdist worker's Celery worker keeps its entries there."""
    clearing, unguarded = [], []
    for where, called, arguments in _test_functions():
        if called & {"flushdb", "flushall"} or ("clear" in called and called & REDIS_CLIENTS):
            clearing.append(where)
            if "clears_redis" not in arguments:
                unguarded.append(where)
    assert not unguarded, f"Clears a Redis database without the clears_redis fixture: {unguarded}"
    # The scan finds the test it is there for.
    assert clearing == [
        "qnet/tests/test_settings_redis.py::test_clearing_the_cache_leaves_the_queued_tasks"
    ]


def _try_lock(path, mode) -> bool:
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def test_clearing_waits_while_a_worker_test_runs_and_the_other_way_round(tmp_path):
    # An open file of its own stands for another xdist worker: flock locks are held per
    # open file, so they exclude each other within one process too.
    path = tmp_path / "redis-cache.lock"
    with conftest.redis_cache_lock(path, exclusive=False):
        assert not _try_lock(path, fcntl.LOCK_EX)
        assert _try_lock(path, fcntl.LOCK_SH)  # worker tests run side by side
    with conftest.redis_cache_lock(path, exclusive=True):
        assert not _try_lock(path, fcntl.LOCK_SH)
    assert _try_lock(path, fcntl.LOCK_EX)


def test_the_lock_is_shared_by_the_workers_of_one_run_only(tmp_path_factory, worker_id):
    path = conftest.redis_cache_lock_file(tmp_path_factory, worker_id)
    if worker_id == "master":  # one process: nothing runs beside it
        assert path is None
    else:
        assert path == tmp_path_factory.getbasetemp().parent / "redis-cache.lock"
        assert tmp_path_factory.getbasetemp().name == f"popen-{worker_id}"


def test_each_worker_has_a_test_database_of_its_own(db, worker_id):
    """pytest-django appends the xdist worker (gw0, gw1, ...) to the test database's name,
    after QNET_TEST_DB_SUFFIX's test_qnet_<suffix> (settings.py)."""
    name = connection.settings_dict["NAME"]
    suffix = os.environ.get("QNET_TEST_DB_SUFFIX")
    expected = f"test_qnet_{suffix}" if suffix else name.removesuffix(f"_{worker_id}")
    if worker_id != "master":  # "master": not distributed (-n0)
        expected = f"{expected}_{worker_id}"
    assert name == expected
    assert name.startswith("test_")


def test_files_go_to_a_media_folder_of_the_process(tmp_path_factory):
    media = Path(settings.MEDIA_ROOT)
    assert media.is_relative_to(tmp_path_factory.getbasetemp())
    assert not media.is_relative_to(ROOT)
