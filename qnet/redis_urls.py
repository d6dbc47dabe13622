"""The Redis databases of the Celery broker and of the cache, derived from one REDIS_URL.

The cache's remedy for a change made outside Django is `cache.clear()`, which empties the
whole Redis database the cache lives in. In the broker's database it would take the
queued tasks along (a PDF whose task is gone stays "queued"), so the two never share one.
"""

from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

# Redis serves databases 0 to 15 unless its `databases` setting says otherwise.
_DATABASES = 16


def _location(url: str) -> tuple[str, int, int] | None:
    """(host, port, database) of a redis:// or rediss:// URL naming its database in the
    path; None for other forms (a Unix socket, `?db=`), which are compared as written."""
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss") or "db=" in parts.query:
        return None
    database = parts.path.strip("/") or "0"
    if not database.isdigit():
        raise ImproperlyConfigured(
            f"The Redis URL {url!r} must end in a database number, e.g. redis://redis:6379/0."
        )
    return (parts.hostname or "localhost", parts.port or 6379, int(database))


def redis_url_next_database(url: str) -> str:
    """The same server with the next database number: REDIS_URL's .../0 gives .../1."""
    location = _location(url)
    if location is None:
        raise ImproperlyConfigured(
            "The cache's Redis database cannot be derived from this REDIS_URL (only "
            "redis://host:port/<number> can be): set CACHE_REDIS_URL."
        )
    database = location[2] + 1
    if database >= _DATABASES:
        raise ImproperlyConfigured(
            f"REDIS_URL uses database {location[2]}, the last one Redis has by default, so "
            "the cache cannot take the next: use a lower number or set CACHE_REDIS_URL."
        )
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{database}"))


def redis_same_database(first: str, second: str) -> bool:
    location = _location(first)
    if location is not None and location == _location(second):
        return True
    return first.rstrip("/") == second.rstrip("/")
