import argparse
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, no_translations

from qnet.organisation_import import (
    PEOPLE_COLUMNS,
    PEOPLE_OPTIONAL,
    SAMPLE_PEOPLE,
    SAMPLE_SCHOOLS,
    SCHOOL_COLUMNS,
    SCHOOL_OPTIONAL,
    organisations_import,
)


class Command(BaseCommand):
    help = "Create schools and invite people from CSV files, all or nothing."

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        parser.epilog = f"""\
Both files: UTF-8 (with or without BOM), UTF-16 or Windows-1252; `;` or `,` between
columns; a header line with the column names. Blank lines are skipped.

Schools: {", ".join(SCHOOL_COLUMNS)} (optional: {", ".join(SCHOOL_OPTIONAL)}).
  kind is primary, secondary, vocational, special or other; authority is an existing
  authority's name; network, if given, is an existing network the school joins today.
  A school whose official id (or, without one, name) the authority has already is left
  as it is.

{SAMPLE_SCHOOLS}
People: {", ".join(PEOPLE_COLUMNS)} (optional: {", ".join(PEOPLE_OPTIONAL)}).
  role is school_leader or school_staff (with authority and school: the school's
  official id or name), coordinator (with network) or authority_staff (with
  authority). Each person gets qnet's invitation mail in their language (default:
  the network's, or the authority's country's). Someone who has the role or an open
  invitation to it is left alone.

{SAMPLE_PEOPLE}
The schools file is imported first, so people can be invited into its schools. One
bad row and nothing is written: every problem is listed with file, line and column.
The same files in docs/import/."""
        return parser

    def add_arguments(self, parser):
        parser.add_argument("--schools", type=Path, help="CSV file of schools.")
        parser.add_argument("--people", type=Path, help="CSV file of people to invite.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check everything against the database, report, and write nothing.",
        )

    # The services' messages in English, whatever language a caller left active.
    @no_translations
    def handle(self, *args, schools=None, people=None, dry_run=False, **options):
        if schools is None and people is None:
            raise CommandError("Give --schools, --people or both.")
        try:
            report = organisations_import(
                schools=schools.read_bytes() if schools else None,
                people=people.read_bytes() if people else None,
                dry_run=dry_run,
            )
        except OSError as error:
            raise CommandError(f"Cannot read {error.filename}: {error.strerror}.") from None
        verbose = options["verbosity"] >= 2
        if report.errors:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(report.errors)} problem(s): nothing was imported. Correct the files "
                "and run the command again."
            )
        verb = "Would create" if dry_run else "Created"
        for label, items in [
            (f"{verb} school", report.schools_created),
            ("Already there: school", report.schools_existing),
            ("Joins the network" if dry_run else "Joined the network", report.network_joins),
            ("Would invite" if dry_run else "Invited", report.invited),
            ("Left alone", report.already_done),
        ]:
            for item in items if verbose else []:
                self.stdout.write(f"  {label}: {item}")
        summary = (
            f"{len(report.schools_created)} schools {'to create' if dry_run else 'created'} "
            f"({len(report.schools_existing)} there already), "
            f"{len(report.network_joins)} network memberships, "
            f"{len(report.invited)} invitations {'to send' if dry_run else 'queued'} "
            f"({len(report.already_done)} people had the role or an open invitation)."
        )
        if dry_run:
            self.stdout.write(f"Dry run, nothing written: {summary}")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported: {summary}"))
        if not verbose and any(
            [report.schools_created, report.network_joins, report.invited, report.already_done]
        ):
            self.stdout.write("Run with -v 2 to list them.")
