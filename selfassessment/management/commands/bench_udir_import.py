"""Time a full-size Udir statistics-bank export through upload, reading and commit.

The file is made here in Udir's own layout (UTF-16 with BOM, `|`, dotted wide headers,
decimal comma, `*` for suppressed, empty with 0 pupils): one country row, counties,
municipalities and schools, 9 value columns each, every school one of the benchmark
authority's. Everything runs in a transaction that is rolled back, with the file in a
temporary media folder, so nothing is left behind.

Usage: python manage.py bench_udir_import [--units 2500]
"""

import resource
import tempfile
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import override_settings

from qnet.models import Authority, School, User
from selfassessment import services
from selfassessment.importers import udir
from selfassessment.models import Measure, Result

SUBJECTS = ["Engelsk", "Lesing", "Regning"]
MEASURES = ["Skalapoeng", "Usikkerhet", "Antall elever deltatt"]


class _Rollback(Exception):
    pass


def udir_export(units: int, year: str = "2023-24") -> tuple[bytes, list[str]]:
    """A Udir export with `units` rows and the organisation numbers of its schools."""
    columns = [
        f"{year}.{subject}.5. årstrinn.Alle eierformer.Alle kjønn.{measure}"
        for subject in SUBJECTS
        for measure in MEASURES
    ]
    lines = ["|".join(udir.LEADING + columns)]
    counties, municipalities = 15, max(1, units // 7)
    lines.append(
        "1|I|00|0000|I|Hele landet|Alle fylker|Alle kommuner|Hele landet" + "|50|0,1|56 875" * 3
    )
    for c in range(counties):
        lines.append(
            f"2|I|{c:02d}|0000|{c:02d}|Hele landet|Fylke {c}|Alle kommuner|Fylke {c}"
            + "|49|0,3|3 505" * 3
        )
    for m in range(municipalities):
        lines.append(
            f"3|I|{m % counties:02d}|{m:04d}|{m:04d}|Hele landet|Fylke|Kommune {m}|Kommune {m}"
            + "|47|1,2|514" * 3
        )
    schools = []
    for s in range(units - 1 - counties - municipalities):
        orgnr = f"9{s:08d}"
        schools.append(orgnr)
        if s % 10 == 0:
            figures = "|*|*|*" * 3  # small school: suppressed
        elif s % 97 == 0:
            figures = "|||0" * 3  # nobody tested
        else:
            figures = f"|{40 + s % 20}|{s % 5},{s % 10}|{10 + s % 60}" * 3
        lines.append(f"4|I|00|0000|{orgnr}|Hele landet|Fylke|Kommune|Skole {s}" + figures)
    return ("\r\n".join(lines) + "\r\n").encode("utf-16"), schools  # fmt: skip


class Command(BaseCommand):
    help = "Benchmark importing a full-size Udir export (upload, read, commit, re-import)."

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=2500)

    def handle(self, *args, units: int, **options):
        data, orgnrs = udir_export(units)
        # Peak RSS only grows: the baseline is taken once the file is in memory.
        baseline_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        timings: dict[str, float] = {}
        with (
            tempfile.TemporaryDirectory() as media,
            override_settings(MEDIA_ROOT=media, RESULTS_IMPORT_INLINE_BYTES=len(data) + 1),
        ):
            try:
                with transaction.atomic():
                    summary = self._run(data, orgnrs, timings)
                    raise _Rollback
            except _Rollback:
                pass
        peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"{connection.vendor}: {units} units ({len(orgnrs)} schools) × 9 columns, "
            f"{len(data) / 1024:.0f} KiB\n"
            f"  upload, read, map, read again with the mapping: {timings['read']:.2f} s\n"
            f"  commit: {timings['commit']:.2f} s — {summary['created']} values "
            f"({summary['suppressed']} suppressed)\n"
            f"  total first import: {timings['read'] + timings['commit']:.2f} s\n"
            f"  same file again (read + commit, nothing changes): {timings['again']:.2f} s\n"
            f"  peak RSS: {peak_rss:.0f} MiB ({peak_rss - baseline_rss:+.0f} MiB over the "
            f"{baseline_rss:.0f} MiB with the file made)"
        )

    def _run(self, data: bytes, orgnrs: list[str], timings: dict) -> dict:
        actor = User.objects.create_user(email="bench@example.org", password=None)
        authority = Authority.objects.create(name="Benchmark authority (Udir)", country="NO")
        School.objects.bulk_create(
            School(authority=authority, name=f"Skole {i}", official_id=orgnr)
            for i, orgnr in enumerate(orgnrs)
        )
        measures = {
            f"{subject} · 5. årstrinn · {measure}": Measure.objects.create(
                authority=authority,
                code=f"{subject}-{i}".lower(),
                name=f"{subject} {measure}",
                threshold=45,
            )
            for subject in SUBJECTS
            for i, measure in enumerate(MEASURES)
        }
        started = time.perf_counter()
        first = services.result_import_upload(
            actor=actor, authority=authority, file_name="udir_full.csv", data=data
        )
        services.import_mapping_save(
            actor=actor,
            result_import=first,
            measures=[
                services.MeasureChoice(
                    source_key=key["key"], breakdown=key["breakdown"], measure=measures[key["key"]]
                )
                for key in first.preview["keys"]
            ],
            schools=[],
        )
        timings["read"] = time.perf_counter() - started
        started = time.perf_counter()
        summary = services.result_import_commit(actor=actor, result_import=first)
        timings["commit"] = time.perf_counter() - started
        assert Result.objects.filter(school__authority=authority).count() == summary["created"]
        started = time.perf_counter()
        again = services.result_import_upload(
            actor=actor, authority=authority, file_name="udir_full.csv", data=data
        )
        repeat = services.result_import_commit(actor=actor, result_import=again)
        timings["again"] = time.perf_counter() - started
        assert repeat["created"] == repeat["updated"] == 0
        return summary
