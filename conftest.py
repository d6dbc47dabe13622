"""Fixtures every test of the project can use: the personas of DESIGN.md and their world.

The world mirrors the demo on a small scale: a Demo authority with School A and B in the
Demo network, and another authority with its own school and network for isolation.
"""

import fcntl
import time
from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.test import override_settings
from django.utils import translation

from qnet.mfa import session_record_mfa
from qnet.models import Role
from qnet.tests.factories import (
    AuthorityFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    SchoolFactory,
    UserFactory,
)
from qnet.tests.worker import worker_start, worker_stop

PASSWORD = "qnet-demo-2026"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"


@pytest.fixture(scope="session", autouse=True)
def _media_root_per_process(tmp_path_factory):
    # Uploads and rendered PDFs of a test that sets no MEDIA_ROOT of its own land in a
    # folder of this process's, not in the checkout's media/: each xdist worker has its
    # own database, so two workers number their reports alike and would write the same
    # media/reports/<authority>/report-<id>-v1-pdf.pdf. pytest gives each worker its own
    # base temporary folder.
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits, used TOTP codes and the shared cache's entries and counters live in the
    # cache: no test may inherit another's.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    # A request through the test client leaves its language active in the thread (the
    # middleware activates the reader's language and nothing switches it back), so a test
    # after a Norwegian page would otherwise write its mails in Norwegian.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def world(db):
    authority = AuthorityFactory(name="Demo authority")
    other_authority = AuthorityFactory(name="Other authority", country="NO")
    school_a = SchoolFactory(authority=authority, name="School A")
    school_b = SchoolFactory(authority=authority, name="School B")
    school_other = SchoolFactory(authority=other_authority, name="Fjordvik skole")
    network = NetworkFactory(authority=authority, name="Demo network")
    other_network = NetworkFactory(authority=other_authority, name="Fjord network")
    for school in (school_a, school_b):
        NetworkMembershipFactory(network=network, school=school)
    NetworkMembershipFactory(network=other_network, school=school_other)
    return SimpleNamespace(
        authority=authority,
        other_authority=other_authority,
        school_a=school_a,
        school_b=school_b,
        school_other=school_other,
        network=network,
        other_network=other_network,
    )


def _persona(email, name, role, **scope):
    user = UserFactory(email=email, full_name=name)
    MembershipFactory(user=user, role=role, **scope)
    return user


def _with_totp(user):
    TOTP.activate(user, TOTP_SECRET)
    return user


def totp_code() -> str:
    """The code an authenticator app holding TOTP_SECRET shows now."""
    return format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))


def pass_mfa(client, user) -> None:
    """Record on the client's session that ``user`` passed the TOTP step, as allauth's
    sign-in does, if they have a device: force_login skips that step, and the MFA
    middleware refuses a session without it."""
    authenticator = (
        Authenticator.objects.select_related("user")
        .filter(user=user, type=Authenticator.Type.TOTP)
        .first()
    )
    if authenticator is None:
        return
    request = HttpRequest()
    request.session = client.session
    session_record_mfa(request=request, authenticator=authenticator)
    request.session.save()


@pytest.fixture
def authority_staff(world):
    return _with_totp(
        _persona(
            "authority@example.org",
            "Anna Amtmann",
            Role.AUTHORITY_STAFF,
            authority=world.authority,
            school=None,
        )
    )


@pytest.fixture
def other_authority_staff(world):
    return _with_totp(
        _persona(
            "authority-other@example.org",
            "Ola Nordmann",
            Role.AUTHORITY_STAFF,
            authority=world.other_authority,
            school=None,
        )
    )


@pytest.fixture
def coordinator(world):
    return _persona(
        "coordinator@example.org",
        "Clara Koordinator",
        Role.COORDINATOR,
        network=world.network,
        school=None,
    )


@pytest.fixture
def leader_a(world):
    return _persona("leader-a@example.org", "Lea Albers", Role.SCHOOL_LEADER, school=world.school_a)


@pytest.fixture
def leader_b(world):
    return _persona(
        "leader-b@example.org", "Bram de Boer", Role.SCHOOL_LEADER, school=world.school_b
    )


@pytest.fixture
def staff_a(world):
    return _persona("staff-a@example.org", "Sam Acker", Role.SCHOOL_STAFF, school=world.school_a)


@pytest.fixture
def facilitator(world):
    return UserFactory(email="facilitator@example.org", full_name="Fenna Facilitator")


@pytest.fixture
def outsider(world):
    """Leader of a school in the other authority: signed in, but outside every demo scope."""
    return _persona(
        "outsider@example.org", "Otto Outsider", Role.SCHOOL_LEADER, school=world.school_other
    )


@pytest.fixture
def personas(
    authority_staff,
    other_authority_staff,
    coordinator,
    leader_a,
    leader_b,
    staff_a,
    facilitator,
    outsider,
):
    return SimpleNamespace(
        authority=authority_staff,
        authority_other=other_authority_staff,
        coordinator=coordinator,
        leader_a=leader_a,
        leader_b=leader_b,
        staff_a=staff_a,
        facilitator=facilitator,
        outsider=outsider,
    )


@pytest.fixture
def login(client):
    """Sign a persona in on the test client, past the TOTP step for those with a device."""

    def _login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        pass_mfa(client, user)
        return client

    return _login


@pytest.fixture
def postgres(transactional_db):
    """For tests that prove row locks hold under concurrency: those need PostgreSQL."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL: set DATABASE_URL (make test does).")


def redis_cache_lock_file(tmp_path_factory, worker_id):
    """Across the xdist workers of this run (`make test` runs `-n auto`): the Celery
    workers that tests start share the cache's Redis database (REDIS_URL's next one), and
    one test clears that whole database. FLUSHDB ignores key prefixes, and a Redis
    database per xdist worker would run into the 16 Redis has and into those other runs
    on the same server use; so the clearing test waits until no other xdist worker has a
    Celery worker running, and holds the others off meanwhile. (pytest-xdist's
    `--dist loadgroup` would put them on one worker, but with pytest 9.2 it silently
    stops grouping: pytest-dev/pytest-xdist#1386.) One process (-n0) needs no lock: None.
    """
    if worker_id == "master":
        return None
    # The workers' temporary folders are popen-gw0, popen-gw1, ... in this run's.
    return tmp_path_factory.getbasetemp().parent / "redis-cache.lock"


@contextmanager
def redis_cache_lock(path, *, exclusive: bool):
    """Shared for the tests that start Celery workers, exclusive for the one that clears."""
    if path is None:
        yield
        return
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield  # closing the file releases the lock


@pytest.fixture
def clears_redis(tmp_path_factory, worker_id):
    """For a test that clears a whole database of the real Redis: it runs while no other
    test of the run uses one (redis_cache_lock_file)."""
    with redis_cache_lock(redis_cache_lock_file(tmp_path_factory, worker_id), exclusive=True):
        yield


@pytest.fixture
def start_worker(tmp_path_factory, worker_id):
    """Start real Celery workers against Redis, each on a queue of its own; call it with
    extra environment for the worker (the test database's URL, a media folder) and it
    returns the queue. The workers stop with the test."""
    processes = []

    def _start(**env) -> str:
        queue, process = worker_start(env)
        processes.append(process)
        return queue

    with redis_cache_lock(redis_cache_lock_file(tmp_path_factory, worker_id), exclusive=False):
        yield _start
        for process in processes:
            worker_stop(process)
