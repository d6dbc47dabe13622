"""Hits, misses and bypasses of what qnet keeps in the cache (qnet.caching.KEPT)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from qnet import caching


class Command(BaseCommand):
    help = "Shows how often each kept read came from the cache since the counters were reset."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="set the counters to zero")

    def handle(self, *args, reset: bool = False, **options):
        if reset:
            caching.stats_reset()
            self.stdout.write("Counters reset.")
            return
        self.stdout.write(f"{'name':<16}{'hits':>10}{'misses':>10}{'bypasses':>10}{'hit rate':>10}")
        for name, counts in caching.stats().items():
            rate = "—" if counts.hit_rate is None else f"{counts.hit_rate:.0%}"
            self.stdout.write(
                f"{name:<16}{counts.hit:>10}{counts.miss:>10}{counts.bypass:>10}{rate:>10}"
            )
        if not settings.SHARED_CACHE:
            self.stdout.write("SHARED_CACHE is off: every read is computed and none is counted.")
