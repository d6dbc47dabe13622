"""Time the short results file (school, measure, year, value, n) through the import:
upload, read and all-or-nothing commit of 10,000 rows, then the same rows changed.

The file names qnet's own schools and measure codes, so it needs no mapping and goes
straight from upload to commit, as a file typed by hand does. Runs inside a transaction
that is rolled back, with the files in a temporary media folder, so it leaves nothing.
Usage: python manage.py bench_results_import [--rows 10000]
"""

import tempfile
import time
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import override_settings

from qnet.models import Authority, School, User
from selfassessment import services
from selfassessment.models import Measure, Result


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Benchmark importing results in the short CSV shape (new rows, then changed)."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10_000)

    def handle(self, *args, rows: int, **options):
        measures_count, years = 10, 10
        schools_count = max(1, rows // (measures_count * years))
        timings = []
        with tempfile.TemporaryDirectory() as media:
            try:
                with transaction.atomic():
                    actor = User.objects.create_user(email="bench@example.org", password=None)
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
                    files = [
                        (label, self._csv(schools, measures, years, offset))
                        for offset, label in enumerate(("new rows", "changed rows"))
                    ]
                    biggest = max(len(data) for _label, data in files)
                    # Read while the uploader waits, as a small file is: the timing is the
                    # import's, not a worker's queue.
                    with override_settings(
                        MEDIA_ROOT=media,
                        RESULTS_IMPORT_INLINE_BYTES=biggest,
                        RESULTS_IMPORT_MAX_BYTES=max(biggest, settings.RESULTS_IMPORT_MAX_BYTES),
                    ):
                        for label, data in files:
                            timings.append((label, *self._import(actor, authority, data)))
                    assert Result.objects.filter(school__authority=authority).count() == (
                        schools_count * measures_count * years
                    )
                    raise _Rollback
            except _Rollback:
                pass
        for label, read, commit, summary in timings:
            self.stdout.write(
                f"{connection.vendor}: {summary['values']} {label}: upload and read "
                f"{read:.2f} s, commit {commit:.2f} s "
                f"(created {summary['created']}, updated {summary['updated']})"
            )

    @staticmethod
    def _import(actor, authority, data: bytes) -> tuple[float, float, dict]:
        started = time.perf_counter()
        result_import = services.result_import_upload(
            actor=actor, authority=authority, file_name="results.csv", data=data
        )
        read = time.perf_counter() - started
        started = time.perf_counter()
        summary = services.result_import_commit(actor=actor, result_import=result_import)
        return read, time.perf_counter() - started, summary

    @staticmethod
    def _csv(schools, measures, years, offset) -> bytes:
        lines = ["school,measure,year,value,n"]
        for school in schools:
            for measure in measures:
                for year in range(2015, 2015 + years):
                    value = Decimal(40 + (school.pk + year + offset) % 20) + Decimal("0.5")
                    lines.append(
                        f"{school.official_id},{measure.code},{year},{value},{25 + offset}"
                    )
        return ("\n".join(lines) + "\n").encode()
