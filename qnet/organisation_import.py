"""Schools and people from CSV files, for operators setting up an installation.

`python manage.py import_organisations --schools schools.csv --people people.csv` reads
both files, checks every row against the database and writes through the services
(school_create, network_school_add, invitation_create), all in one transaction: one bad
row and nothing is written, and the report names every bad row with its line, column and
reason, as the results import does. Rows already done (a school with the same official
id, a person who has the role or an open invitation to it) are counted and left alone, so
the same files can be imported again after a correction.

The files are small (hundreds of rows), so they are read whole; their encoding and
separator are found as for the results import (qnet.csv_files).
"""

import csv
import io
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from qnet import selectors, services
from qnet.csv_files import CSVFileError, detect_encoding, sniff_delimiter
from qnet.models import Authority, Invitation, Network, Role, School

SCHOOL_COLUMNS = ["name", "kind", "city", "official_id", "authority"]
SCHOOL_OPTIONAL = ["network"]
PEOPLE_COLUMNS = ["email", "full_name", "role"]
PEOPLE_OPTIONAL = ["authority", "school", "network", "language"]
# Which column names the organisation a role is given in (besides `authority`, which
# also says whose school is meant).
SCOPE_COLUMN = {
    Role.SCHOOL_LEADER: "school",
    Role.SCHOOL_STAFF: "school",
    Role.COORDINATOR: "network",
    Role.AUTHORITY_STAFF: "authority",
}
FULL_NAME_MAX = Invitation._meta.get_field("full_name").max_length
MAX_BYTES = 5 * 1024 * 1024

SAMPLE_SCHOOLS = """\
name;kind;city;official_id;authority;network
Nordpark School;primary;Nordpark;0920001;City of Example;Example network
Hafen Vocational College;vocational;Hafen;0920002;City of Example;
"""
SAMPLE_PEOPLE = """\
email;full_name;role;authority;school;network;language
leader@nordpark.example.org;Nora Nordpark;school_leader;City of Example;0920001;;de
staff@nordpark.example.org;Nils Neumann;school_staff;City of Example;Nordpark School;;
coordinator@example.org;Cora Coordinator;coordinator;;;Example network;en
quality@example.org;Quentin Quality;authority_staff;City of Example;;;nl
"""


ImportFileError = CSVFileError


@dataclass(frozen=True)
class RowError:
    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        column = f", column {self.column}" if self.column else ""
        line = f", line {self.line}" if self.line else ""
        return f"{self.file}{line}{column}: {self.message}"


@dataclass
class ImportReport:
    dry_run: bool = False
    errors: list[RowError] = field(default_factory=list)
    schools_created: list[str] = field(default_factory=list)
    schools_existing: list[str] = field(default_factory=list)
    network_joins: list[str] = field(default_factory=list)
    invited: list[str] = field(default_factory=list)
    already_done: list[str] = field(default_factory=list)

    @property
    def written(self) -> bool:
        return not self.errors and not self.dry_run


class _Rollback(Exception):
    """Leaves the transaction so that nothing of a failed or dry run stays."""


def read_csv(data: bytes) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header (normalised: `Full name` → `full_name`) and the non-blank rows, each
    with its line number as a spreadsheet shows it (the header is line 1)."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    text = data.decode(detect_encoding(io.BytesIO(data)))
    if "\x00" in text:
        raise ImportFileError("This is not a text file: export the sheet as CSV.")
    first = text.split("\n", 1)[0]
    if not first.strip():
        raise ImportFileError("The file is empty or its first line is blank.")
    delimiter = sniff_delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [_column_name(cell) for cell in next(reader)]
        rows = []
        for row in reader:
            if any(cell.strip() for cell in row):
                cells = [cell.strip() for cell in row]
                rows.append((reader.line_num, dict(zip(header, cells, strict=False))))
    except csv.Error as error:
        raise ImportFileError(f"Line {reader.line_num} cannot be read as CSV: {error}") from None
    return header, rows


def _column_name(cell: str) -> str:
    return "_".join(cell.strip().lower().replace("-", " ").split())


def _is_email(text: str) -> bool:
    # As long as the invitation's address may be (EmailField's 254).
    if len(text) > Invitation._meta.get_field("email").max_length:
        return False
    try:
        validate_email(text)
    except ValidationError:
        return False
    return True


def _missing_columns(name: str, header: list[str], required: list[str]) -> list[RowError]:
    return [
        RowError(name, 1, column, "This column is missing from the header line.")
        for column in required
        if column not in header
    ]


def _messages(error: ValidationError) -> list[tuple[str, str]]:
    """(field, message) pairs of a service's ValidationError."""
    if hasattr(error, "error_dict"):
        return [
            ("" if column == "__all__" else column, message)
            for column, messages in error.message_dict.items()
            for message in messages
        ]
    return [("", message) for message in error.messages]


class _Importer:
    def __init__(self, report: ImportReport):
        self.report = report

    def error(self, file: str, line: int, column: str, message: str) -> None:
        self.report.errors.append(RowError(file, line, column, message))

    def authority(self, file: str, line: int, name: str) -> Authority | None:
        if not name:
            self.error(file, line, "authority", "The authority is required.")
            return None
        authority = Authority.objects.filter(name__iexact=name).first()
        if authority is None:
            self.error(file, line, "authority", f"No authority is named “{name}”.")
        return authority

    def network(self, file: str, line: int, name: str) -> Network | None:
        networks = list(Network.objects.filter(name__iexact=name)[:2])
        if not networks:
            self.error(file, line, "network", f"No network is named “{name}”.")
            return None
        if len(networks) > 1:
            self.error(file, line, "network", f"More than one network is named “{name}”.")
            return None
        return networks[0]

    def school(self, file: str, line: int, authority: Authority, key: str) -> School | None:
        """A school of the authority by official id, or else by name."""
        if not key:
            self.error(file, line, "school", "The school is required for this role.")
            return None
        school = School.objects.filter(authority=authority, official_id=key).first()
        if school is None:
            schools = list(School.objects.filter(authority=authority, name__iexact=key)[:2])
            if len(schools) > 1:
                self.error(
                    file, line, "school", f"More than one school is named “{key}”: use its id."
                )
                return None
            school = schools[0] if schools else None
        if school is None:
            self.error(
                file, line, "school", f"{authority} has no school with the id or name “{key}”."
            )
        return school

    def schools(self, file: str, data: bytes) -> None:
        header, rows = read_csv(data)
        missing = _missing_columns(file, header, SCHOOL_COLUMNS)
        if missing:
            self.report.errors.extend(missing)
            return
        kinds = dict(School.Kind.choices)
        for line, row in rows:
            authority = self.authority(file, line, row.get("authority", ""))
            kind = row.get("kind", "").lower() or School.Kind.OTHER
            if kind not in kinds:
                self.error(file, line, "kind", f"“{kind}” is not one of: {', '.join(kinds)}.")
            network = self.network(file, line, row["network"]) if row.get("network") else None
            if authority is None or kind not in kinds:
                continue
            official_id, name = row.get("official_id", ""), row.get("name", "")
            existing = School.objects.filter(authority=authority, name__iexact=name)
            if official_id:
                existing = School.objects.filter(authority=authority, official_id=official_id)
            school = existing.first()
            if school is not None and name and school.name.lower() != name.lower():
                self.error(
                    file,
                    line,
                    "official_id",
                    f"{authority}'s school with this id is “{school.name}”, not “{name}”.",
                )
                continue
            if school is not None:
                self.report.schools_existing.append(school.name)
            else:
                school = self.call(
                    file,
                    line,
                    partial(
                        services.school_create,
                        actor=None,
                        authority=authority,
                        name=name,
                        kind=kind,
                        city=row.get("city", ""),
                        official_id=official_id,
                    ),
                )
                if school is None:
                    continue
                self.report.schools_created.append(school.name)
            if network is not None and not network.memberships.filter(school=school).exists():
                joined = self.call(
                    file,
                    line,
                    partial(
                        services.network_school_add, actor=None, network=network, school=school
                    ),
                )
                if joined is not None:
                    self.report.network_joins.append(f"{school} → {network}")

    def people(self, file: str, data: bytes) -> None:
        header, rows = read_csv(data)
        missing = _missing_columns(file, header, PEOPLE_COLUMNS)
        if missing:
            self.report.errors.extend(missing)
            return
        languages = dict(settings.LANGUAGES)
        seen: dict[tuple, int] = {}
        for line, row in rows:
            email = row.get("email", "").lower()
            if not _is_email(email):
                self.error(file, line, "email", f"“{email}” is not an email address.")
                continue
            if len(row.get("full_name", "")) > FULL_NAME_MAX:
                self.error(
                    file, line, "full_name", f"A name has at most {FULL_NAME_MAX} characters."
                )
                continue
            role = row.get("role", "").lower().replace(" ", "_")
            if role not in SCOPE_COLUMN:
                self.error(file, line, "role", f"“{role}” is not one of: {', '.join(Role)}.")
                continue
            language = row.get("language", "").lower()
            if language and language not in languages:
                self.error(
                    file, line, "language", f"“{language}” is not one of: {', '.join(languages)}."
                )
                continue
            scope = self.scope(file, line, role, row)
            if scope is None:
                continue
            key = (email, role, scope._meta.model_name, scope.pk)
            if key in seen:
                self.error(file, line, "email", f"The same invitation is on line {seen[key]}.")
                continue
            seen[key] = line
            what = f"{email} as {Role(role).label} at {scope}"
            invitations = selectors.open_invitations_for(scope)
            if invitations.filter(email__iexact=email, role=role).exists():
                self.report.already_done.append(f"{what} (invitation open)")
                continue
            if selectors.members_of(scope).filter(user__email__iexact=email, role=role).exists():
                self.report.already_done.append(f"{what} (has the role)")
                continue
            invited = self.call(
                file,
                line,
                partial(
                    services.invitation_create,
                    invited_by=None,
                    email=email,
                    role=role,
                    scope=scope,
                    language=language or _default_language(scope),
                    full_name=row.get("full_name", ""),
                ),
            )
            if invited is not None:
                self.report.invited.append(what)

    def scope(self, file: str, line: int, role: str, row: dict[str, str]):
        if role == Role.COORDINATOR:
            name = row.get("network", "")
            if not name:
                self.error(file, line, "network", "The network is required for this role.")
                return None
            return self.network(file, line, name)
        authority = self.authority(file, line, row.get("authority", ""))
        if authority is None or role == Role.AUTHORITY_STAFF:
            return authority
        return self.school(file, line, authority, row.get("school", ""))

    def call(self, file: str, line: int, write):
        """A service call in a savepoint: a refused row is reported, and the rows after it
        are still checked against a database that is as it was before it."""
        try:
            with transaction.atomic():
                return write()
        except ValidationError as error:
            for column, message in _messages(error):
                self.error(file, line, column, message)
        return None


def _default_language(scope) -> str:
    if isinstance(scope, Network):
        return scope.language
    authority = scope if isinstance(scope, Authority) else scope.authority
    return authority.default_language


def organisations_import(
    *, schools: bytes | None = None, people: bytes | None = None, dry_run: bool = False
) -> ImportReport:
    """Import both files in one transaction: everything, or with an error or a dry run,
    nothing (no school, no invitation, no mail)."""
    report = ImportReport(dry_run=dry_run)
    importer = _Importer(report)
    try:
        with transaction.atomic():
            for name, data, read in [
                ("schools", schools, importer.schools),
                ("people", people, importer.people),
            ]:
                if data is None:
                    continue
                try:
                    read(name, data)
                except ImportFileError as error:
                    report.errors.append(RowError(name, 0, "", str(error)))
            if report.errors or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return report
