import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.module_loading import autodiscover_modules

from qnet import scale as scale_data
from qnet.demo import quietly, seed_all


class Command(BaseCommand):
    help = (
        "Add large data for load tests on top of the demo data: at scale 1, 200 schools, "
        "2,000 people, 1,000 events, 20,000 registrations and 5 years of results. "
        "A second run adds nothing. -v 2 shows each app's counts and time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Multiply every count by this factor (e.g. 0.01 for a quick try).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even with DEBUG off. Never on a production database.",
        )

    def handle(self, *args, scale: float = 1.0, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like production. Use --force to seed anyway."
            )
        if scale <= 0:
            raise CommandError("--scale must be greater than 0.")
        existing = scale_data.already_seeded()
        if existing:
            self.stdout.write(
                f"Scale data is already there ({existing} schools with official ids "
                f"{scale_data.SCALE_PREFIX}…): nothing added. Seed a fresh database to change "
                "the scale."
            )
            return
        # The apps' scale.py modules register their seeders on import, as admin.py does.
        autodiscover_modules("scale")
        with quietly(enabled=options["verbosity"] < 2):
            world = scale_data.ScaleWorld(demo=seed_all(), scale=scale)
        counts: dict[str, int] = {}
        with transaction.atomic():
            for seeder in [scale_data.seed_people, *scale_data.scale_seeders()]:
                started = time.monotonic()
                made = seeder(world)
                counts.update(made)
                if options["verbosity"] >= 2:
                    self.stdout.write(
                        f"  {seeder.__module__}: {made} in {time.monotonic() - started:.1f} s"
                    )
        if connection.vendor == "postgresql":
            # Fresh planner statistics: right after a bulk load PostgreSQL still estimates
            # one row per table and picks nested loops that take several times longer.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Scale data ready (scale {scale}): {summary}."))
