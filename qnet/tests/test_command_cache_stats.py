from io import StringIO

import pytest
from django.core.management import call_command

from qnet import caching

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("cache_stats", *args, stdout=out)
    return out.getvalue()


def test_it_shows_hits_misses_and_the_hit_rate_per_kept_name():
    for _ in range(4):
        caching.shared("chart", "same inputs", compute=lambda: "<svg/>")
    lines = {line.split()[0]: line.split()[1:] for line in run().splitlines()[1:]}
    assert lines["chart"] == ["3", "1", "0", "75%"]
    assert lines["report"] == ["0", "0", "0", "—"]
    assert set(lines) == set(caching.KEPT)


def test_it_resets_the_counters():
    caching.shared("chart", "same inputs", compute=lambda: "<svg/>")
    assert "Counters reset." in run("--reset")
    assert caching.stats()["chart"] == caching.Counts(hit=0, miss=0, bypass=0)


def test_it_says_when_the_cache_is_off(settings):
    settings.SHARED_CACHE = False
    assert "SHARED_CACHE is off" in run()
