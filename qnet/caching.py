"""Caching of shared reads that stays correct without anyone remembering to flush it.

Many people see the same computed thing: every staff member of an authority the same
follow-up list, every member of a network the same event rows. Those are worth caching,
but a cache that services must remember to flush goes stale the first time somebody adds
a write and forgets. So the cache keys carry a *generation* per database table instead:

- Every INSERT, UPDATE, DELETE or TRUNCATE that Django sends is seen by a connection
  execute wrapper, which notes the table. That includes QuerySet.update(), bulk_create(),
  cascades and raw SQL through Django's connection: the writes signals never hear of.
- After the transaction commits (or right away in autocommit) each written table gets a
  new generation token. A read made during the transaction, before the commit, cannot
  store old data under the new token, because the new token does not exist yet.
- A cached value's key includes the tokens of the tables it was computed from, so a write
  to any of them makes a new key; the old entry is never read again and expires.

The key also holds a fingerprint of the release (code_version): the Python code, the
templates, the compiled translations and the dependency lock. After a deploy the old
release's HTML is never shown, even though the data it was built from did not change.

Reads name their tables through models (`depends_on=(Result, Measure)`); a model's
many-to-many tables come along. Writes made outside Django (psql by hand) are not seen:
after such a change, `manage.py shell -c "from django.core.cache import cache;
cache.clear()"` (it empties the cache's own Redis database, never the broker's: settings
refuse to share one), or wait for FRAGMENT_SECONDS. Nothing drawn from data is kept
anywhere else, so that is all it takes.
"""

import functools
import hashlib
import os
import re
import secrets
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.backends.signals import connection_created
from django.db.models import Model
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString

# An entry's life once nobody reads it; invalidation is by key, not by this.
FRAGMENT_SECONDS = 6 * 3600

_PREFIX = "gen:"
_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
_TRUNCATE = re.compile(r"^\s*TRUNCATE\s+(.+?)(?:\s+RESTART|\s+CASCADE|;|$)", re.IGNORECASE)


def _written_tables(sql: str) -> list[str]:
    match = _WRITE.match(sql)
    if match:
        return [match.group(1)]
    match = _TRUNCATE.match(sql)
    if match:
        return [name.strip().strip('"') for name in match.group(1).split(",")]
    return []


def bump(tables: Iterable[str]) -> None:
    """New generations for these tables: every cached read of them is stale from now."""
    tokens = {_PREFIX + table: secrets.token_hex(6) for table in set(tables)}
    if tokens:
        cache.set_many(tokens, timeout=None)
        known = _request_tokens.get()
        if known:
            known.update(tokens)


# Within a request the tokens of all tables are read once, in one round trip, and kept
# until it ends; the request's own writes update them (bump). That is the same as reading
# every token at the start of the request, and saves a round trip per cached read.
# Outside a request (tasks, the shell) each read asks the cache.
_request_tokens: ContextVar[dict | None] = ContextVar("qnet_generation_tokens", default=None)


@receiver(request_started)
def _on_request_started(**kwargs):
    _request_tokens.set({})


@receiver(request_finished)
def _on_request_finished(**kwargs):
    _request_tokens.set(None)


@functools.cache
def _all_tables() -> tuple[str, ...]:
    return tuple(tables_of(apps.get_models()))


def _track_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    tables = _written_tables(sql)
    if tables:
        _note_writes(context["connection"], tables)
    return result


def _note_writes(connection, tables: list[str]) -> None:
    if not connection.in_atomic_block or settings.CACHE_GENERATIONS_EAGER:
        bump(tables)
        return
    pending: set[str] = connection.__dict__.setdefault("_qnet_written_tables", set())
    pending.update(tables)
    hook = connection.__dict__.get("_qnet_commit_hook")
    # One hook per transaction. A rollback drops the hook with the transaction, so its
    # absence from the queue (not a flag of ours) says whether a new one is needed; tables
    # of a rolled-back write may get a needless new generation, never a missing one.
    if hook is None or not any(entry[1] is hook for entry in connection.run_on_commit):

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


def _read_tokens(keys: list[str]) -> dict[str, str]:
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        # Never written since the cache was emptied. `add` keeps a writer's token that
        # arrives meanwhile; then the value read back is the one that counts.
        for key in missing:
            cache.add(key, secrets.token_hex(6), timeout=None)
        found.update(cache.get_many(missing))
    return found


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
            known.update(_read_tokens([_PREFIX + table for table in _all_tables()]))
        unknown = [key for key in keys if key not in known]
        if unknown:
            known.update(_read_tokens(unknown))
        found = known
    return ".".join(str(found.get(key, "")) for key in keys)


# What makes up a release: code, templates, translations, and the lock of the libraries
# whose templates and formats the fragments also use.
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


def cache_key(name: str, *parts: Any, depends_on: Iterable[type[Model]]) -> str:
    """A key for `name` that changes with its parts, the data it reads, the language,
    the time zone and the day (pages say "overdue" and "upcoming" by today's date)."""
    raw = "|".join(
        [
            code_version(),
            *map(str, parts),
            translation.get_language() or "",
            timezone.get_current_timezone_name(),
            timezone.localdate().isoformat(),
            generations(depends_on),
        ]
    )
    return f"frag:{name}:{hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()}"


def cached_value(
    name: str,
    *parts: Any,
    depends_on: Iterable[type[Model]],
    compute: Callable[[], Any],
) -> Any:
    """A computed read (picklable) shared by everyone whose parts are the same.

    None is what the cache answers for a miss, so a None value is never stored: a read of
    an id that does not exist (or is out of sight) leaves no entry behind, and requests
    for random ids cannot fill the cache."""
    key = cache_key(name, *parts, depends_on=depends_on)
    value = cache.get(key)
    if value is None:
        value = compute()
        if value is not None:
            cache.set(key, value, FRAGMENT_SECONDS)
    return value


def shareable(name: str, html: str) -> str:
    """The HTML, if it may be kept and shown again. A form's CSRF token belongs to one
    session; kept in a cache it would fail the next person's (or next session's) post."""
    if "csrfmiddlewaretoken" in html:
        raise ValueError(f"{name} holds a CSRF token and cannot be cached")
    return html


# The fields of an unbound form that reads no table are a function of the release and
# their key alone (parts, language, time zone, day): each process keeps the most recent
# ones as well and does not ask the cache. Nothing drawn from data is kept in a process:
# it would outlive cache.clear(), the remedy after a change made outside Django.
_FORM_FIELDS_KEPT = 256
_form_fields: dict[str, SafeString] = {}


def forget_local() -> None:
    """Drop this process's own copies (tests start from nothing)."""
    _form_fields.clear()


def form_fields(
    request, template: str, form, *parts: Any, depends_on: Iterable[type[Model]] = (), **context
) -> SafeString:
    """A form's fields (not its <form> tag or token) as HTML, from `template`, which gets
    the form as `fields_of`. An unbound form renders the same for the same parts, and
    crispy-forms renders slowly; a bound one shows the person's input and errors, so it is
    rendered each time."""
    if form.is_bound:
        return render_to_string(template, {"fields_of": form, **context}, request)
    depends_on = tuple(depends_on)
    parts = (*parts, *sorted(context.items()))
    key = "" if depends_on else cache_key(template, *parts, depends_on=())
    if key in _form_fields:
        return _form_fields[key]
    html = cached_fragment(
        request,
        template,
        *parts,
        depends_on=depends_on,
        context=lambda: {"fields_of": form, **context},
    )
    if key:
        if len(_form_fields) >= _FORM_FIELDS_KEPT:
            _form_fields.pop(next(iter(_form_fields)), None)
        _form_fields[key] = html
    return html


def cached_fragment(
    request,
    template: str,
    *parts: Any,
    depends_on: Iterable[type[Model]],
    context: Callable[[], dict],
) -> SafeString:
    """Rendered HTML shared by everyone whose parts are the same.

    `parts` must name everything the fragment varies by besides the tables, language,
    time zone and day: the scope (authority, school, network), the page, and any
    permission that shows or hides something in it. `context` is only called on a miss.
    """
    # A template's output is a SafeString, and pickling (the cache) keeps the class: what
    # comes back is marked safe because the template escaped it, not by us.
    return cached_value(
        template,
        *parts,
        depends_on=depends_on,
        compute=lambda: shareable(template, render_to_string(template, context(), request)),
    )
