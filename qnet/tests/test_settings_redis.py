"""The cache and the Celery broker live in Redis databases of their own, and production
refuses to start with a cache per process."""

import json
import os
import uuid

import pytest
import redis
from celery import Celery
from django.core.exceptions import ImproperlyConfigured

from qnet.cache_backend import ReusedClientRedisCache
from qnet.redis_urls import redis_same_database, redis_url_next_database
from qnet.tests.test_deploy_settings import PRODUCTION_ENV, _manage

PRINT_REDIS = (
    "import json; from django.conf import settings; "
    "print(json.dumps([settings.CACHES['default'], settings.CELERY_BROKER_URL]))"
)


def _cache_and_broker(**env) -> tuple[dict, str]:
    result = _manage("shell", "-v", "0", "-c", PRINT_REDIS, env_overrides={**PRODUCTION_ENV, **env})
    assert result.returncode == 0, result.stderr
    cache, broker = json.loads(result.stdout)
    return cache, broker


def test_the_cache_takes_the_database_after_the_brokers():
    cache, broker = _cache_and_broker(REDIS_URL="redis://redis:6379/4")
    assert broker == "redis://redis:6379/4"
    assert cache["LOCATION"] == "redis://redis:6379/5"


def test_a_cache_url_of_its_own_is_used():
    cache, broker = _cache_and_broker(
        REDIS_URL="redis://redis:6379/0", CACHE_REDIS_URL="rediss://cache.example.org:6380/0"
    )
    assert broker == "redis://redis:6379/0"
    assert cache["LOCATION"] == "rediss://cache.example.org:6380/0"


def test_it_refuses_a_cache_in_the_brokers_database():
    result = _manage(
        "check",
        env_overrides={
            **PRODUCTION_ENV,
            "REDIS_URL": "redis://redis:6379/3",
            "CACHE_REDIS_URL": "redis://redis/3",
        },
    )
    assert result.returncode != 0
    assert "CACHE_REDIS_URL must name another Redis database than REDIS_URL" in result.stderr


def test_it_refuses_to_start_without_redis_when_debug_is_off():
    result = _manage("check", env_overrides={**PRODUCTION_ENV, "REDIS_URL": ""})
    assert result.returncode != 0
    assert "REDIS_URL is required with DEBUG off" in result.stderr


def test_the_demo_keeps_its_cache_in_memory():
    cache, broker = _cache_and_broker(DEBUG="true", REDIS_URL="")
    assert cache["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert broker == "memory://"


def test_clearing_the_cache_leaves_the_queued_tasks(clears_redis):
    """With the run's real Redis: REDIS_URL and, if set, CACHE_REDIS_URL."""
    url = os.environ.get("REDIS_URL") or pytest.fail("REDIS_URL is not set: make test uses Redis")
    location, broker_url = _cache_and_broker(
        DEBUG="true", REDIS_URL=url, CACHE_REDIS_URL=os.environ.get("CACHE_REDIS_URL", "")
    )
    # Asked before anything is cleared, so a regression never empties the broker's database.
    assert not redis_same_database(location["LOCATION"], broker_url)
    cache = ReusedClientRedisCache(location["LOCATION"], {"KEY_PREFIX": location["KEY_PREFIX"]})
    client = Celery("qnet-test-client", broker=broker_url)
    client.conf.update(task_serializer="json", accept_content=["json"])
    queue = f"qnet-test-{uuid.uuid4().hex[:8]}"
    broker = redis.Redis.from_url(broker_url)
    try:
        client.send_task("qnet.tasks.ping", queue=queue)
        cache.set("qnet-test-entry", 1, 60)
        cache.clear()
        assert cache.get("qnet-test-entry") is None
        assert broker.llen(queue) == 1
    finally:
        broker.delete(queue, *broker.keys(f"_kombu.binding*.{queue}"))


@pytest.mark.parametrize(
    ("url", "following"),
    [
        ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/1"),
        ("rediss://:secret@redis.example.org:6380/7", "rediss://:secret@redis.example.org:6380/8"),
        ("redis://redis:6379", "redis://redis:6379/1"),
    ],
)
def test_the_next_database_keeps_server_and_password(url, following):
    assert redis_url_next_database(url) == following
    assert not redis_same_database(url, following)


@pytest.mark.parametrize(
    "url", ["redis://redis:6379/15", "unix:///run/redis.sock?db=0", "redis://redis/?db=2"]
)
def test_it_asks_for_a_cache_url_where_it_cannot_derive_one(url):
    with pytest.raises(ImproperlyConfigured, match="CACHE_REDIS_URL"):
        redis_url_next_database(url)


def test_the_same_database_written_differently_is_recognised():
    assert redis_same_database("redis://redis:6379/0", "redis://redis")
    assert redis_same_database("unix:///run/redis.sock?db=1", "unix:///run/redis.sock?db=1")
    assert not redis_same_database("redis://a:6379/1", "redis://b:6379/1")
