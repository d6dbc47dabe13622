"""Results data: the CSV import (preview, then all-or-nothing commit) and single edits."""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qnet.models import Authority, School, User
from qnet.services import audit_entry_create
from selfassessment.importers.base import MAX_COUNT, quoted
from selfassessment.models import Measure, Result

COLUMNS = ("school", "measure", "year", "value", "n")
MAX_ROWS = 50_000
YEAR_RANGE = (2000, 2100)


@dataclass
class ImportRow:
    line: int
    school: str
    measure: str
    year: str
    value: str
    n: str
    errors: list[str] = field(default_factory=list)
    school_id: int | None = None
    measure_id: int | None = None
    parsed: tuple | None = None  # (year, value, n) once valid


@dataclass
class ImportPreview:
    rows: list[ImportRow]
    problems: list[str] = field(default_factory=list)  # about the file as a whole

    @property
    def error_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if row.errors]

    @property
    def is_valid(self) -> bool:
        return not self.problems and bool(self.rows) and not self.error_rows


def _number(text: str) -> Decimal:
    # Spreadsheets in Germany, the Netherlands and Norway write decimal commas.
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    value = Decimal(cleaned)
    if not value.is_finite():
        raise InvalidOperation
    return value


def _reader(content: str):
    sample = content[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample.splitlines()[0] if sample else "", delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # newline="": the csv module itself must see \r and \r\n, or a stray \r is an error.
    # Read whole here, so a malformed file (a NUL byte) is one clear problem, not a crash.
    return iter(list(csv.reader(io.StringIO(content, newline=""), dialect)))


def results_import_parse(*, authority: Authority, content: str) -> ImportPreview:
    """Check every row of a results CSV; nothing is written.

    Columns: school (official id or exact name), measure (code), year, value, n.
    Line numbers count the header as line 1, as a spreadsheet shows them.
    """
    content = content.lstrip("\ufeff")
    try:
        reader = _reader(content)
    except csv.Error as error:
        return ImportPreview(
            rows=[], problems=[_("The file cannot be read as CSV: %(error)s") % {"error": error}]
        )
    header = [cell.strip().lower() for cell in next(reader, [])]
    if tuple(header[: len(COLUMNS)]) != COLUMNS:
        return ImportPreview(
            rows=[],
            problems=[
                _("The first line must name the columns: %(columns)s.")
                % {"columns": ", ".join(COLUMNS)}
            ],
        )
    schools_by_id: dict[str, int] = {}
    schools_by_name: dict[str, int] = {}
    for pk, official_id, name in School.objects.filter(authority=authority).values_list(
        "pk", "official_id", "name"
    ):
        if official_id:
            schools_by_id[official_id] = pk
        schools_by_name[name.casefold()] = pk
    measures = {
        code: (pk, min_size)
        for pk, code, min_size in Measure.objects.filter(authority=authority).values_list(
            "pk", "code", "min_group_size"
        )
    }
    rows: list[ImportRow] = []
    seen: dict[tuple, int] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) >= MAX_ROWS:
            return ImportPreview(
                rows=rows,
                problems=[_("A file may hold at most %(max)s rows.") % {"max": MAX_ROWS}],
            )
        cells = [cell.strip() for cell in cells] + [""] * (len(COLUMNS) - len(cells))
        row = ImportRow(line, *cells[: len(COLUMNS)])
        rows.append(row)
        row.school_id = schools_by_id.get(row.school) or schools_by_name.get(row.school.casefold())
        if row.school_id is None:
            row.errors.append(_("Unknown school “%(school)s”.") % {"school": quoted(row.school)})
        measure = measures.get(row.measure)
        if measure is None:
            row.errors.append(_("Unknown measure “%(code)s”.") % {"code": quoted(row.measure)})
        else:
            row.measure_id = measure[0]
        year = value = n = None
        try:
            year = int(row.year)
            if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
                raise ValueError
        except ValueError:
            row.errors.append(_("The year “%(year)s” is not a year.") % {"year": quoted(row.year)})
            year = None
        try:
            value = _number(row.value)
            if abs(value) >= Decimal("1e9"):
                raise InvalidOperation
            value = value.quantize(Decimal("0.001"))
        except (InvalidOperation, ValueError):
            row.errors.append(
                _("The value “%(value)s” is not a number.") % {"value": quoted(row.value)}
            )
            value = None
        try:
            n = int(row.n)
            if n < 1:
                raise ValueError
        except ValueError:
            row.errors.append(
                _("The number of respondents “%(n)s” is not a whole number above zero.")
                % {"n": quoted(row.n)}
            )
            n = None
        else:
            if n > MAX_COUNT:
                row.errors.append(_("“%(value)s” is too large.") % {"value": quoted(row.n)})
                n = None
        if row.school_id and row.measure_id and year is not None:
            key = (row.school_id, row.measure_id, year)
            if key in seen:
                row.errors.append(
                    _("Duplicate of line %(line)s (same school, measure and year).")
                    % {"line": seen[key]}
                )
            else:
                seen[key] = line
        if not row.errors:
            row.parsed = (year, value, n)
    if not rows:
        return ImportPreview(rows=[], problems=[_("The file holds no results.")])
    return ImportPreview(rows=rows)


@transaction.atomic
def results_import_commit(*, actor: User, authority: Authority, content: str) -> dict:
    """Store every row of the file, or nothing: one bad row refuses the whole file."""
    preview = results_import_parse(authority=authority, content=content)
    if not preview.is_valid:
        details = preview.problems + [
            _("Line %(line)s: %(errors)s") % {"line": row.line, "errors": " ".join(row.errors)}
            for row in preview.error_rows[:20]
        ]
        raise ValidationError(
            [_("Nothing was imported: the file has errors.")] + details, code="invalid_import"
        )
    measure_ids = {row.measure_id for row in preview.rows}
    years = {row.parsed[0] for row in preview.rows}
    existing = {
        (result.school_id, result.measure_id, result.year): result
        for result in Result.objects.select_for_update()
        .filter(measure_id__in=measure_ids, year__in=years, school__authority=authority)
        .only("pk", "school_id", "measure_id", "year", "status", "value", "n", "created_at")
    }
    now = timezone.now()
    to_create, to_update = [], []
    for row in preview.rows:
        year, value, n = row.parsed
        result = existing.get((row.school_id, row.measure_id, year))
        if result is None:
            to_create.append(
                Result(
                    school_id=row.school_id,
                    measure_id=row.measure_id,
                    year=year,
                    value=value,
                    n=n,
                    created_at=now,
                    updated_at=now,
                )
            )
        elif result.value != value or result.n != n or result.status != Result.Status.REPORTED:
            to_update.append(
                Result(
                    pk=result.pk,
                    school_id=row.school_id,
                    measure_id=row.measure_id,
                    year=year,
                    value=value,
                    n=n,
                    created_at=result.created_at,
                    updated_at=now,
                )
            )
    # One upsert for new and changed rows: the existing rows keep their ids (the audit
    # log refers to them), and Django's bulk_update would build a CASE per row instead.
    Result.objects.bulk_create(
        to_create + to_update,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["school", "measure", "year"],
        # A typed value replaces whatever was there, including a suppressed one, and is
        # no longer the imported file's: the audit entry of this import says where it came from.
        update_fields=["status", "value", "n", "source", "updated_at"],
    )
    summary = {
        "rows": len(preview.rows),
        "created": len(to_create),
        "updated": len(to_update),
        "unchanged": len(preview.rows) - len(to_create) - len(to_update),
    }
    audit_entry_create(
        actor=actor, action="results.import", target=authority, authority=authority, data=summary
    )
    return summary


@transaction.atomic
def result_update(
    *,
    actor: User,
    result: Result,
    value: Decimal | None,
    n: int | None,
    status: str = Result.Status.REPORTED,
) -> Result:
    """Correct one result by hand. A suppressed or no-pupils result has no value."""
    if status not in Result.Status.values:
        raise ValidationError(_("Unknown status."))
    if status == Result.Status.REPORTED and value is None:
        raise ValidationError(_("A reported result needs a value."))
    if status != Result.Status.REPORTED:
        value = None
    if n is not None and n < 0:
        raise ValidationError(_("The number of respondents cannot be negative."))
    if status == Result.Status.REPORTED and n is not None and n < 1:
        raise ValidationError(_("The number of respondents must be above zero."))
    before = {"status": result.status, "value": _text(result.value), "n": result.n}
    result.status, result.value, result.n = status, value, n
    result.save(update_fields=["status", "value", "n", "updated_at"])
    audit_entry_create(
        actor=actor,
        action="result.update",
        target=result,
        authority=result.school.authority,
        data={"before": before, "after": {"status": status, "value": _text(value), "n": n}},
    )
    return result


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)
