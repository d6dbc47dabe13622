from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from qnet.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, mail_is_printed_here, quietly, seed_all
from qnet.models import OutboxMessage


class Command(BaseCommand):
    help = (
        "Create the demo organisations and personas (idempotent). Prints a summary; "
        "-v 2 also lists the personas and prints the demo's mails."
    )

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
        verbose = options["verbosity"] >= 2
        mails_before = OutboxMessage.objects.count()
        with quietly(enabled=not verbose):
            world = seed_all()
        mails = OutboxMessage.objects.count() - mails_before
        if verbose:
            for key, person in world["people"].items():
                roles = ", ".join(
                    f"{m.get_role_display()}, {m.scope}"
                    for m in person.memberships.select_related("school", "network", "authority")
                ) or key.replace("_", " ")
                self.stdout.write(f"  {person.email}: {roles}")
        mail_note = ""
        if mails and mail_is_printed_here() and not verbose:
            mail_note = f" It sent {mails} demo mails, not printed (-v 2 prints them)."
        elif mails:
            mail_note = f" {mails} demo mails queued."
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(world['people'])} personas, "
                f"{len(world['schools'])} schools.{mail_note}"
            )
        )
        self.stdout.write(
            f"Sign in as coordinator@example.org, leader-a@example.org or another persona "
            f"(README) with the password {DEMO_PASSWORD}; authority@example.org also asks "
            f"for a TOTP code of the demo secret {DEMO_TOTP_SECRET}."
        )
