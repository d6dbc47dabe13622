"""The shared cache: the few reads that many people see alike and that are slow to build.

Only what is named in KEPT is cached, each for a measured gain (README "Caching"). Every
other page is fast at its source: its queries, not a copy of its output. The API is two
calls, `shared` for a picklable value and `shared_html` for a rendered template, plus
`stats()` (hits, misses and bypasses per name, `manage.py cache_stats`) and the kill
switch `SHARED_CACHE=off` (settings), with which every read is computed.

A key is made of the name, the caller's parts, the release (code_version), the language
and the time zone. An entry is either

- *immutable*: its parts say everything it is drawn from (a published report's pk and
  version, a chart's inputs), so it never goes stale; or
- *drawn from tables* (`depends_on=(Model, ...)`): the key also holds a generation token
  per table and the day. Every INSERT, UPDATE, DELETE or TRUNCATE Django sends is seen by
  a connection execute wrapper (QuerySet.update(), bulk_create(), cascades and raw SQL
  included: the writes signals never hear of), and the written tables get new tokens once
  the transaction commits. A write therefore makes new keys; old entries are never read
  again and expire. The day is there because "overdue" and "due" turn at midnight
  without a write; nothing kept depends on the time of day.

What a shared entry may hold: what everyone who reaches it sees alike, or data from
which each viewer's part is chosen per request by the same code that runs on a miss (an
event's minutes and files). Views check the permission first and pass the scope (the
authority, the cycle) as parts; no permission flag goes into a key, so a forgotten flag
cannot show one person another's view.

When the cache fails, the read is computed (logged, counted as a bypass), never a 500;
a failed write of new tokens after a commit is logged too, and leaves at worst entries
that are stale until their timeout (DATA_SECONDS). A read in a transaction that has
written and not yet committed is computed and not stored: its result may hold a write
that is rolled back, and the tokens are still the old ones. Writes made outside Django
(psql by hand) are not seen: clear the cache after one (README "Operations").
"""

import functools
import hashlib
import logging
import os
import re
import secrets
from collections import Counter
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.signals import connection_created
from django.db.models import Model
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString

logger = logging.getLogger(__name__)

# What is kept, and why. A name not listed here cannot be cached (shared() refuses it),
# so this list stays the whole truth about what the cache holds.
KEPT = {
    "report": (
        "a published report's heading and chapters, by report, version and language; "
        "its row with its PDF's state, until a report or rendition is written"
    ),
    "chart": "an SVG chart, by a hash of its inputs and the language",
    "follow-up": "an authority's follow-up list and its overdue agreements",
    "cycle-overview": "an authority's overview of a self-assessment cycle",
    "school-results": (
        "a school's results next to the authority's averages, with charts: the data, and "
        "the table as HTML without edit links (staff correct figures in an edit mode)"
    ),
    "panel": "dashboard panels, per person or shared by an authority's staff",
    "event-rows": "rows of the event list, by event and one's registration state",
    "event-facts": (
        "an event page's facts, description, agenda and seats, by event; the event with "
        "its agenda, minutes and files as data, the viewer's part decided per request"
    ),
    "participants": "an event's participants and its schools without an answer, by page",
    "coalition-cards": "cards of the coalition list, by coalition and whether one takes part",
}
# Immutable entries live until nobody reads them; entries drawn from tables are also
# bounded in time, in case new tokens could not be written after a commit (see above).
IMMUTABLE_SECONDS = 24 * 3600
DATA_SECONDS = 15 * 60

_PREFIX = "gen:"
_STATS_PREFIX = "cache-stats:"
_STATS_KEY = "cache-stats"
OUTCOMES = ("hit", "miss", "bypass")
_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
_TRUNCATE = re.compile(r"^\s*TRUNCATE\s+(.+?)(?:\s+RESTART|\s+CASCADE|;|$)", re.IGNORECASE)


# --- table generations ------------------------------------------------------------


def _written_tables(sql: str) -> list[str]:
    match = _WRITE.match(sql)
    if match:
        return [match.group(1)]
    match = _TRUNCATE.match(sql)
    if match:
        return [name.strip().strip('"') for name in match.group(1).split(",")]
    return []


def bump(tables: Iterable[str]) -> None:
    """New generations for these tables: every cached read of them is stale from now.

    Called after a commit: the data is written, so failing here must not fail the request.
    """
    tokens = {_PREFIX + table: secrets.token_hex(6) for table in set(tables)}
    if not tokens:
        return
    known = _request_tokens.get()
    if known:
        known.update(tokens)
    try:
        client = _redis_client()
        if client is not None:
            client.hset(cache.make_key(_TOKENS_KEY), mapping=tokens)
        else:
            cache.set_many(tokens, timeout=None)
    except Exception:
        logger.exception("New cache generations for %s were not stored", sorted(tokens))


# Within a request the tokens of all tables are read once, in one round trip, and kept
# until it ends; the request's own writes update them (bump). Outside a request (tasks,
# the shell) each read asks the cache. In Redis the tokens are the fields of one hash:
# HGETALL reads all ~90 in 0.3 ms, where a GET of each key (get_many) took 0.8 ms a
# page (measured); the local-memory cache of tests and the demo keeps a key per table.
_request_tokens: ContextVar[dict | None] = ContextVar("qnet_generation_tokens", default=None)


@functools.cache
def _all_tables() -> tuple[str, ...]:
    return tuple(tables_of(apps.get_models()))


def _track_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    tables = _written_tables(sql)
    if tables:
        _note_writes(context["connection"], tables)
    return result


def _commit_hook_queued(connection) -> bool:
    hook = connection.__dict__.get("_qnet_commit_hook")
    # A rollback drops the hook with the transaction, so its presence in the queue (not a
    # flag of ours) says whether this transaction has written.
    return hook is not None and any(entry[1] is hook for entry in connection.run_on_commit)


def _note_writes(connection, tables: list[str]) -> None:
    if not connection.in_atomic_block or settings.CACHE_GENERATIONS_EAGER:
        bump(tables)
        return
    pending: set[str] = connection.__dict__.setdefault("_qnet_written_tables", set())
    pending.update(tables)
    # One hook per transaction; tables of a rolled-back write may get a needless new
    # generation, never a missing one.
    if not _commit_hook_queued(connection):

        def hook() -> None:
            written = set(pending)
            pending.clear()
            bump(written)

        connection._qnet_commit_hook = hook
        transaction.on_commit(hook, using=connection.alias)


def install_write_tracking(connection) -> None:
    # execute_wrappers outlives reconnects of the same connection object: add it once.
    if _track_writes not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _track_writes)


@receiver(connection_created)
def _on_connection_created(sender, connection, **kwargs):
    install_write_tracking(connection)


def tables_of(models: Iterable[type[Model]]) -> list[str]:
    """The tables a read of these models depends on, with their many-to-many tables."""
    tables = []
    for model in models:
        tables.append(model._meta.db_table)
        tables.extend(
            field.remote_field.through._meta.db_table for field in model._meta.local_many_to_many
        )
    return sorted(set(tables))


_TOKENS_KEY = "cache-generations"


def _read_all_tokens() -> dict[str, str]:
    """The tokens of every table that has one."""
    client = _redis_client()
    if client is None:
        return cache.get_many([_PREFIX + table for table in _all_tables()])
    stored = client.hgetall(cache.make_key(_TOKENS_KEY))
    return {field.decode(): value.decode() for field, value in stored.items()}


def _read_tokens(keys: list[str]) -> dict[str, str]:
    """The tokens of these tables, made for those that have none. A table has none when
    it was never written since the cache was emptied; a token is then added only if no
    writer's arrives meanwhile (HSETNX, add), and the one read back is the one that counts.
    """
    client = _redis_client()
    if client is None:
        found = cache.get_many(keys)
        missing = [key for key in keys if key not in found]
        for key in missing:
            cache.add(key, secrets.token_hex(6), timeout=None)
        if missing:
            found.update(cache.get_many(missing))
        return found
    name = cache.make_key(_TOKENS_KEY)
    values = client.hmget(name, keys)
    missing = [key for key, value in zip(keys, values, strict=True) if value is None]
    if missing:
        with client.pipeline(transaction=False) as pipe:
            for key in missing:
                pipe.hsetnx(name, key, secrets.token_hex(6))
            pipe.execute()
        values = client.hmget(name, keys)
    return {key: value.decode() for key, value in zip(keys, values, strict=True)}


def generations(models: Iterable[type[Model]]) -> str:
    """One token for the current state of these tables: at most one cache round trip,
    none after the first in a request."""
    keys = [_PREFIX + table for table in tables_of(models)]
    if not keys:
        return ""
    known = _request_tokens.get()
    if known is None:
        found = _read_tokens(keys)
    else:
        if not known:
            known.update(_read_all_tokens())
        unknown = [key for key in keys if key not in known]
        if unknown:
            known.update(_read_tokens(unknown))
        found = known
    return ".".join(str(found.get(key, "")) for key in keys)


# --- the release ------------------------------------------------------------------

# What makes up a release: code, templates, translations, and the lock of the libraries
# whose templates and formats the entries also use.
_RELEASE_SUFFIXES = (".py", ".html", ".txt", ".mo")
_RELEASE_FILES = ("requirements.lock",)
_NOT_RELEASE_DIRS = {"node_modules", "staticfiles", "media", "__pycache__", "tests"}


@functools.cache
def code_version() -> str:
    """A hash of the release's files, computed once per process (about 400 files)."""
    digest = hashlib.blake2b(digest_size=8)
    root = settings.BASE_DIR
    paths = [root / name for name in _RELEASE_FILES if (root / name).exists()]
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(
            name
            for name in subdirectories
            if not name.startswith(".") and name not in _NOT_RELEASE_DIRS
        )
        paths.extend(
            os.path.join(directory, name)
            for name in sorted(files)
            if name.endswith(_RELEASE_SUFFIXES)
        )
    for path in paths:
        digest.update(str(os.path.relpath(path, root)).encode())
        with open(path, "rb") as file:
            digest.update(file.read())
    return digest.hexdigest()


# --- hit and miss counters --------------------------------------------------------

# Counted per request and written when it ends (a page with twenty charts makes one
# write per outcome, not twenty); outside a request at once.
_request_counts: ContextVar[Counter | None] = ContextVar("qnet_cache_counts", default=None)


@receiver(request_started)
def _on_request_started(**kwargs):
    _request_tokens.set({})
    _request_counts.set(Counter())


@receiver(request_finished)
def _on_request_finished(**kwargs):
    counts = _request_counts.get()
    _request_tokens.set(None)
    _request_counts.set(None)
    if counts:
        _store_counts(counts)


def _count(name: str, outcome: str) -> None:
    counts = _request_counts.get()
    if counts is None:
        _store_counts(Counter({(name, outcome): 1}))
    else:
        counts[(name, outcome)] += 1


def _redis_client():
    """The redis-py client of the cache, or None for another backend (tests, the demo)."""
    get_client = getattr(getattr(cache, "_cache", None), "get_client", None)
    return get_client(write=True) if get_client else None


def _store_counts(counts: Counter) -> None:
    try:
        client = _redis_client()
        if client is not None:
            # One round trip for the whole request: a hash of counters, incremented.
            with client.pipeline(transaction=False) as pipe:
                for (name, outcome), number in counts.items():
                    pipe.hincrby(cache.make_key(_STATS_KEY), f"{name}:{outcome}", number)
                pipe.execute()
            return
        for (name, outcome), number in counts.items():
            key = f"{_STATS_PREFIX}{name}:{outcome}"
            # incr refuses a missing key; add() creates it unless another process just did.
            if not cache.add(key, number, timeout=None):
                cache.incr(key, number)
    except Exception:
        logger.warning("Cache counters not stored", exc_info=True)


@dataclass(frozen=True)
class Counts:
    hit: int
    miss: int
    bypass: int

    @property
    def hit_rate(self) -> float | None:
        looked_up = self.hit + self.miss
        return self.hit / looked_up if looked_up else None


def stats() -> dict[str, Counts]:
    """Hits, misses and bypasses per kept name since the counters were last reset."""
    client = _redis_client()
    if client is not None:
        found = {
            f"{_STATS_PREFIX}{field.decode()}": int(value)
            for field, value in client.hgetall(cache.make_key(_STATS_KEY)).items()
        }
    else:
        keys = [f"{_STATS_PREFIX}{name}:{outcome}" for name in KEPT for outcome in OUTCOMES]
        found = cache.get_many(keys)
    return {
        name: Counts(
            **{
                outcome: int(found.get(f"{_STATS_PREFIX}{name}:{outcome}", 0))
                for outcome in OUTCOMES
            }
        )
        for name in KEPT
    }


def stats_reset() -> None:
    client = _redis_client()
    if client is not None:
        client.delete(cache.make_key(_STATS_KEY))
    cache.delete_many([f"{_STATS_PREFIX}{name}:{outcome}" for name in KEPT for outcome in OUTCOMES])


# --- the API ----------------------------------------------------------------------


def _key(name: str, parts: tuple, depends_on: tuple[type[Model], ...]) -> str:
    raw = [
        code_version(),
        *map(str, parts),
        translation.get_language() or "",
        timezone.get_current_timezone_name(),
    ]
    if depends_on:
        raw += [timezone.localdate().isoformat(), generations(depends_on)]
    digest = hashlib.blake2b("|".join(raw).encode(), digest_size=16).hexdigest()
    return f"shared:{name}:{digest}"


def _uncommitted_writes() -> bool:
    connection = connections[DEFAULT_DB_ALIAS]
    return connection.in_atomic_block and _commit_hook_queued(connection)


def shared(
    name: str,
    *parts: Any,
    compute: Callable[[], Any],
    depends_on: Iterable[type[Model]] = (),
    expires_at: Callable[[], datetime | None] | None = None,
) -> Any:
    """`compute()`, kept under `name` and `parts` for everyone who asks with the same.

    `parts` name everything the value varies by besides the language, the time zone and
    (with `depends_on`) the tables and the day: the scope, the page, the version. None is
    never stored, so reads of ids that do not exist leave no entry behind. `expires_at`,
    asked after `compute`, says when the value stops being true without any write (an
    upcoming event that ends): it is not kept beyond that moment."""
    if name not in KEPT:
        raise ValueError(f"{name!r} is not a kept cache (qnet.caching.KEPT)")
    depends_on = tuple(depends_on)
    if not settings.SHARED_CACHE:
        return compute()
    if depends_on and _uncommitted_writes():
        _count(name, "bypass")
        return compute()
    try:
        key = _key(name, parts, depends_on)
        value = cache.get(key)
    except Exception:
        logger.warning("Cache read for %s failed; computed instead", name, exc_info=True)
        _count(name, "bypass")
        return compute()
    if value is not None:
        _count(name, "hit")
        return value
    _count(name, "miss")
    value = compute()
    if value is not None:
        timeout = DATA_SECONDS if depends_on else IMMUTABLE_SECONDS
        until = expires_at() if expires_at else None
        if until is not None:
            timeout = min(timeout, int((until - timezone.now()).total_seconds()))
            if timeout <= 0:
                return value
        try:
            cache.set(key, value, timeout)
        except Exception:
            logger.warning("Cache write for %s failed", name, exc_info=True)
    return value


def shareable(name: str, html: str) -> str:
    """The HTML, if it may be kept and shown again. A form's CSRF token belongs to one
    session; kept in a cache it would fail the next person's (or next session's) post."""
    if "csrfmiddlewaretoken" in html:
        raise ValueError(f"{name} holds a CSRF token and cannot be cached")
    return html


def shared_html(
    request,
    name: str,
    template: str,
    *parts: Any,
    context: Callable[[], dict],
    depends_on: Iterable[type[Model]] = (),
) -> SafeString:
    """`template` rendered with `context()`, kept as `shared` keeps a value; `context` is
    only called on a miss."""
    # A template's output is a SafeString, and pickling (the cache) keeps the class: what
    # comes back is marked safe because the template escaped it, not by us.
    return shared(
        name,
        template,
        *parts,
        depends_on=depends_on,
        compute=lambda: shareable(template, render_to_string(template, context(), request)),
    )
