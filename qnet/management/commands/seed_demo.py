from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from qnet.demo import DEMO_PASSWORD, seed_all


class Command(BaseCommand):
    help = "Create the demo organisations and personas (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even with DEBUG off. Never on a production database.",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like production. Use --force to seed anyway."
            )
        world = seed_all()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(world['people'])} personas, "
                f"{len(world['schools'])} schools. Password: {DEMO_PASSWORD}"
            )
        )
