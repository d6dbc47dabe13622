"""qnet.cache_backend against the real Redis of the test run (REDIS_URL)."""

import os
import secrets

import pytest

from qnet.cache_backend import ReusedClientRedisCache


@pytest.fixture
def redis_cache():
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.fail("REDIS_URL is not set: make test runs against Redis")
    cache = ReusedClientRedisCache(url, {"KEY_PREFIX": f"test-{secrets.token_hex(4)}"})
    yield cache
    # Not clear(): that flushes the whole Redis database, broker queues included.
    cache.delete_many(["a", "b", "c"])


def test_it_keeps_one_client_for_all_calls(redis_cache):
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client("any-key", write=True) is client


def test_it_stores_and_reads_like_djangos_redis_cache(redis_cache):
    redis_cache.set("a", {"x": 1}, 60)
    redis_cache.set_many({"b": 2, "c": 3}, 60)
    assert redis_cache.get("a") == {"x": 1}
    assert redis_cache.get_many(["b", "c", "missing"]) == {"b": 2, "c": 3}
    assert redis_cache.add("a", "other") is False
    redis_cache.delete("a")
    assert redis_cache.get("a") is None


def test_the_shared_caches_counters_are_one_hash_in_redis(redis_cache, monkeypatch):
    from collections import Counter

    from qnet import caching

    monkeypatch.setattr(caching, "cache", redis_cache)
    try:
        caching._store_counts(Counter({("chart", "hit"): 3, ("chart", "miss"): 1}))
        caching._store_counts(Counter({("chart", "hit"): 2}))
        assert caching.stats()["chart"] == caching.Counts(hit=5, miss=1, bypass=0)
        caching.stats_reset()
        assert caching.stats()["chart"] == caching.Counts(hit=0, miss=0, bypass=0)
    finally:
        caching.stats_reset()


def test_the_generation_tokens_are_one_hash_in_redis(redis_cache, monkeypatch):
    from qnet import caching
    from qnet.models import School

    monkeypatch.setattr(caching, "cache", redis_cache)
    client = redis_cache._cache.get_client(write=True)
    name = redis_cache.make_key(caching._TOKENS_KEY)
    try:
        first = caching.generations([School])
        assert first and caching.generations([School]) == first, "made once, then kept"
        assert client.hkeys(name) == [b"gen:qnet_school"]
        caching.bump(["qnet_school"])
        assert caching.generations([School]) != first
        # In a request every token is read in one HGETALL, the bumped one included.
        started = caching._request_tokens.set({})
        try:
            assert caching.generations([School]) == client.hget(name, "gen:qnet_school").decode()
        finally:
            caching._request_tokens.reset(started)
    finally:
        client.delete(name)
