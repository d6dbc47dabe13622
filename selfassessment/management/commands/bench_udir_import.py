"""Time a full-size Udir statistics-bank export through upload, reading and commit.

The file is made here in Udir's own layout (UTF-16 with BOM, `|`, dotted wide headers,
decimal comma, `*` for suppressed, empty with 0 pupils): one country row, counties,
municipalities and schools, 9 value columns for each school year. The benchmark
authority owns every school, or only the first `--ours` of them (the mapping then skips
the others, as "skip every school not listed" does). Everything runs in a transaction
that is rolled back, with the file in a temporary media folder, so nothing is left
behind. The file is written to disk a line at a time and read back whole, so the peak
RSS over the baseline is what the import itself takes.

Usage: python manage.py bench_udir_import [--units 2500] [--years 1] [--ours N]
A 50 MB file: --units 22000 --years 37 --ours 500
"""

import resource
import tempfile
import time
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import override_settings

from qnet.models import Authority, School, User
from selfassessment import services
from selfassessment.importers import udir
from selfassessment.models import Measure, Result

SUBJECTS = ["Engelsk", "Lesing", "Regning"]
MEASURES = ["Skalapoeng", "Usikkerhet", "Antall elever deltatt"]
LAST_YEAR = 2024


class _Rollback(Exception):
    pass


def udir_export(handle: BinaryIO, units: int, years: int = 1) -> list[str]:
    """Write a Udir export with `units` rows and `years` school years of columns (the last
    ending in 2024, or later when there are more than 24) to `handle`; answer the
    organisation numbers of its schools."""
    last = max(LAST_YEAR, 2000 + years)
    school_years = [f"{end - 1}-{end % 100:02d}" for end in range(last - years + 1, last + 1)]
    columns = [
        f"{year}.{subject}.5. årstrinn.Alle eierformer.Alle kjønn.{measure}"
        for year in school_years
        for subject in SUBJECTS
        for measure in MEASURES
    ]
    blocks = len(school_years) * len(SUBJECTS)
    handle.write(b"\xff\xfe")  # UTF-16 little endian, as Udir writes it

    def write(line: str) -> None:
        handle.write((line + "\r\n").encode("utf-16-le"))

    write("|".join(udir.LEADING + columns))
    counties, municipalities = 15, max(1, units // 7)
    write(
        "1|I|00|0000|I|Hele landet|Alle fylker|Alle kommuner|Hele landet"
        + "|50|0,1|56 875" * blocks
    )
    for c in range(counties):
        write(
            f"2|I|{c:02d}|0000|{c:02d}|Hele landet|Fylke {c}|Alle kommuner|Fylke {c}"
            + "|49|0,3|3 505" * blocks
        )
    for m in range(municipalities):
        write(
            f"3|I|{m % counties:02d}|{m:04d}|{m:04d}|Hele landet|Fylke|Kommune {m}|Kommune {m}"
            + "|47|1,2|514" * blocks
        )
    schools = []
    for s in range(units - 1 - counties - municipalities):
        orgnr = f"9{s:08d}"
        schools.append(orgnr)
        if s % 10 == 0:
            figures = "|*|*|*" * blocks  # small school: suppressed
        elif s % 97 == 0:
            figures = "|||0" * blocks  # nobody tested
        else:
            figures = f"|{40 + s % 20}|{s % 5},{s % 10}|{10 + s % 60}" * blocks
        write(f"4|I|00|0000|{orgnr}|Hele landet|Fylke|Kommune|Skole {s}" + figures)
    return schools


class Command(BaseCommand):
    help = "Benchmark importing a full-size Udir export (upload, read, commit, re-import)."

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=2500)
        parser.add_argument("--years", type=int, default=1, help="school years of columns")
        parser.add_argument("--ours", type=int, default=None, help="schools of the authority")

    def handle(self, *args, units: int, years: int, ours: int | None, **options):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "udir.csv"
            with path.open("wb") as handle:
                orgnrs = udir_export(handle, units, years)
            data = path.read_bytes()
        # Peak RSS only grows: the baseline is taken once the file is in memory.
        baseline_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        timings: dict[str, float] = {}
        with (
            tempfile.TemporaryDirectory() as media,
            override_settings(
                MEDIA_ROOT=media,
                RESULTS_IMPORT_INLINE_BYTES=len(data) + 1,
                RESULTS_IMPORT_MAX_BYTES=max(len(data), settings.RESULTS_IMPORT_MAX_BYTES),
            ),
        ):
            try:
                with transaction.atomic():
                    summary = self._run(data, orgnrs[:ours], timings)
                    raise _Rollback
            except _Rollback:
                pass
        peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"{connection.vendor}: {units} units ({len(orgnrs)} schools, "
            f"{len(orgnrs[:ours])} ours) × {9 * years} columns, {len(data) / 1024:.0f} KiB\n"
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
            # Other owners' schools are skipped, as "skip every school not listed" does.
            schools=[services.SchoolChoice.of(unit) for unit in first.preview["unmatched"]],
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
