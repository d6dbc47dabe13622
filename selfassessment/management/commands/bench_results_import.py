"""Time the results import: 10,000 rows through parse and all-or-nothing commit.

Runs inside a transaction that is rolled back, so it leaves the database as it found it.
Usage: python manage.py bench_results_import [--rows 10000]
"""

import time
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from qnet.models import Authority, School
from selfassessment import services
from selfassessment.models import Measure, Result


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Benchmark importing results from CSV (new rows, then the same rows changed)."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10_000)

    def handle(self, *args, rows: int, **options):
        measures_count, years = 10, 10
        schools_count = max(1, rows // (measures_count * years))
        try:
            with transaction.atomic():
                authority = Authority.objects.create(name="Benchmark authority", country="NO")
                schools = School.objects.bulk_create(
                    [
                        School(authority=authority, name=f"Bench {i}", official_id=f"B{i:06d}")
                        for i in range(schools_count)
                    ]
                )
                measures = Measure.objects.bulk_create(
                    [
                        Measure(authority=authority, code=f"m{i}", name=f"M{i}", threshold=50)
                        for i in range(measures_count)
                    ]
                )
                first = self._csv(schools, measures, years, offset=0)
                second = self._csv(schools, measures, years, offset=1)
                timings = []
                for label, content in (("new rows", first), ("changed rows", second)):
                    started = time.perf_counter()
                    summary = services.results_import_commit(
                        actor=None, authority=authority, content=content
                    )
                    elapsed = time.perf_counter() - started
                    timings.append((label, elapsed, summary))
                assert Result.objects.filter(school__authority=authority).count() == (
                    schools_count * measures_count * years
                )
                raise _Rollback
        except _Rollback:
            pass
        for label, elapsed, summary in timings:
            self.stdout.write(
                f"{connection.vendor}: {summary['rows']} {label} imported in {elapsed:.2f} s "
                f"(created {summary['created']}, updated {summary['updated']})"
            )

    @staticmethod
    def _csv(schools, measures, years, offset) -> str:
        lines = ["school,measure,year,value,n"]
        for school in schools:
            for measure in measures:
                for year in range(2015, 2015 + years):
                    value = Decimal(40 + (school.pk + year + offset) % 20) + Decimal("0.5")
                    lines.append(
                        f"{school.official_id},{measure.code},{year},{value},{25 + offset}"
                    )
        return "\n".join(lines) + "\n"
