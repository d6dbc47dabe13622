"""Benchmark: the PDF of a report for an authority with 200 schools, 10 measures, 5 years.

Builds the data inside a transaction that is rolled back at the end, so it leaves the
database as it found it. Prints the seconds of each step and the peak memory (RSS).
Run: python manage.py bench_report_pdf [--schools 200] [--out /tmp/bench.pdf]
"""

import json
import resource
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from qnet.models import Authority, Membership, Role, School, User
from reports import builders, pdf
from reports.models import AnnualReport
from reports.services.reports import proposed_sections
from selfassessment.models import Cycle, FocusArea, Goal, Indicator, Measure, QualityPlan, Result


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time the PDF of a large annual report (data rolled back afterwards)."

    def add_arguments(self, parser):
        parser.add_argument("--schools", type=int, default=200)
        parser.add_argument("--measures", type=int, default=10)
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "bench-report.pdf"))
        parser.add_argument(
            "--zip", action="store_true", help="also time the school status reports (zip)"
        )
        parser.add_argument("--dump", default="", help="also write the report's content as JSON")

    def handle(self, *args, schools, measures, years, out, dump, zip, **options):
        self.dump = dump
        self.zip = zip
        try:
            with transaction.atomic():
                self._run(schools, measures, years, out)
                raise _Rollback
        except _Rollback:
            pass

    def _run(self, school_count, measure_count, year_count, out):
        started = time.perf_counter()
        authority = Authority.objects.create(name=f"Bench authority {time.time_ns()}", country="NO")
        schools = School.objects.bulk_create(
            School(authority=authority, name=f"Bench school {i:03d}", official_id=f"B{i:06d}")
            for i in range(school_count)
        )
        last_year = 2025
        plan = QualityPlan.objects.create(
            authority=authority, title="Bench plan", start_year=last_year - 4, end_year=last_year
        )
        measures = []
        for f in range(2):
            area = FocusArea.objects.create(plan=plan, order=f + 1, title=f"Focus area {f + 1}")
            goal = Goal.objects.create(focus_area=area, text="Goal")
            indicator = Indicator.objects.create(goal=goal, statement="Sign of good practice")
            for m in range(measure_count // 2):
                measure = Measure.objects.create(
                    authority=authority,
                    code=f"b{f}{m}",
                    name=f"Measure {f}.{m}",
                    unit="points",
                    threshold=Decimal(45),
                    min_group_size=5,
                )
                indicator.measures.add(measure)
                measures.append(measure)
        Result.objects.bulk_create(
            Result(
                school=school,
                measure=measure,
                year=year,
                value=Decimal(42 + (s * 7 + m * 11 + year * 13) % 30) + Decimal("0.5"),
                n=3 if (s + m + year) % 37 == 0 else 25,
            )
            for s, school in enumerate(schools)
            for m, measure in enumerate(measures)
            for year in range(last_year - year_count + 1, last_year + 1)
        )
        cycle = Cycle.objects.create(
            plan=plan, year=last_year, opens_on=date(last_year, 1, 1), due_on=date(last_year, 3, 1)
        )
        cycle.schools.add(*schools)
        user = User.objects.create_user(email=f"bench-{time.time_ns()}@example.org")
        Membership.objects.create(user=user, role=Role.AUTHORITY_STAFF, authority=authority)
        report = AnnualReport.objects.create(
            authority=authority, year=last_year, title="Bench report"
        )
        from reports.models import Section

        sections = Section.objects.bulk_create(
            Section(report=report, order=i, **chapter)
            for i, chapter in enumerate(proposed_sections(authority=authority, year=last_year), 1)
        )
        seeded = time.perf_counter()
        content = builders.report_content(report=report, sections=sections, language="en")
        built = time.perf_counter()
        if options_dump := getattr(self, "dump", None):
            with open(options_dump, "w") as handle:
                json.dump(content, handle)
        data = pdf.report_pdf(content, language=authority.language, progress=lambda value: None)
        rendered = time.perf_counter()
        with open(out, "wb") as handle:
            handle.write(data)
        if self.zip:
            zip_started = time.perf_counter()
            archive = pdf.school_status_zip(
                content, language=authority.language, progress=lambda value: None
            )
            self.stdout.write(
                f"school status zip {time.perf_counter() - zip_started:.1f} s, "
                f"{len(archive) / 1024:.0f} KiB"
            )
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        self.stdout.write(
            f"schools={school_count} measures={len(measures)} years={year_count} "
            f"results={Result.objects.filter(school__authority=authority).count()}\n"
            f"seed {seeded - started:.1f} s · build snapshot {built - seeded:.1f} s · "
            f"render PDF {rendered - built:.1f} s · total report {rendered - seeded:.1f} s\n"
            f"PDF {len(data) / 1024:.0f} KiB → {out}\n"
            f"peak RSS {peak_kib / 1024:.0f} MiB"
        )
