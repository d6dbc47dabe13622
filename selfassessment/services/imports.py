"""Results from the official exports: upload, read (inline or in the background), map the
source's measures and schools once, preview, and commit all-or-nothing.

A file is read twice on purpose: once for the preview and again at commit, from the stored
file whose checksum is checked. The preview is therefore only a report; nothing a browser
sends back can change what is written.
"""

import hashlib
import logging
import re
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from qnet.models import Authority, School, User
from qnet.services import audit_entry_create
from selfassessment.importers import PROFILES, ImportFileError, ParseResult, Status, parse_file
from selfassessment.importers.detect import detect_profile, read_header
from selfassessment.models import (
    ComparisonFigure,
    ImportProfile,
    Measure,
    MeasureMapping,
    Result,
    ResultImport,
    SchoolLink,
)

logger = logging.getLogger(__name__)

# The preview keeps this many row errors and unmatched schools; the counts stay exact.
PREVIEW_LIMIT = 200
VALUE_LIMIT = Decimal("1e9")
COMMIT_BATCH = 2000
_SCHOOL_YEAR = re.compile(r"^(\d{4})(?:[-/](\d{2}|\d{4}))?$")
_YEAR_IN_NAME = re.compile(r"(20\d{2})[-_](20\d{2}|\d{2})")


def school_year_to_year(school_year: str) -> int:
    """The result year of a school year: the calendar year it ends in ("2023-24" -> 2024),
    because tests and exams of a school year are taken, and reported, in its second half."""
    match = _SCHOOL_YEAR.match(school_year.strip())
    if not match:
        raise ValueError(_("“%(year)s” is not a school year.") % {"year": school_year})
    start, end = int(match.group(1)), match.group(2)
    if end is None:
        year = start
    else:
        year = start + 1
        if int(end[-2:]) != year % 100:
            raise ValueError(_("“%(year)s” is not a school year.") % {"year": school_year})
    if not 2000 <= year <= 2100:
        raise ValueError(_("“%(year)s” is not a school year.") % {"year": school_year})
    return year


def school_year_from_file_name(name: str) -> str:
    """DUO puts the school year only in the file name ("..._2024-2025.csv")."""
    match = _YEAR_IN_NAME.search(name)
    if not match:
        return ""
    start, end = int(match.group(1)), match.group(2)
    return f"{start}-{end}" if (int(end[-2:]) == (start + 1) % 100) else ""


def _normalise_id(official_id: str, id_scheme: str) -> str:
    # Ids are text: leading zeros are part of them. Dutch codes are written in capitals.
    official_id = official_id.strip()
    return official_id.upper() if id_scheme == "nl_brin_location" else official_id


# --- the plan: what a file would write ---------------------------------------------


@dataclass
class ImportPlan:
    """Everything a file means for one authority with its current mapping."""

    parsed: ParseResult
    errors: list[tuple[int, str]] = field(default_factory=list)
    unmatched: dict[tuple[str, str], dict] = field(default_factory=dict)
    skipped_schools: set[tuple[str, str]] = field(default_factory=set)
    skipped_values: int = 0
    # (school_id, measure_id, year) -> (status, value, n)
    writes: dict[tuple[int, int, int], tuple[str, Decimal | None, int | None]] = field(
        default_factory=dict
    )
    # (measure_id, year, level, unit_code) -> (unit_name, status, value, n)
    comparisons: dict[tuple[int, int, str, str], tuple] = field(default_factory=dict)
    per_measure: dict[int, Counter] = field(default_factory=lambda: defaultdict(Counter))
    # The mapped measures, so the preview can name them without asking the database again.
    measures: dict[int, Measure] = field(default_factory=dict)
    matched_schools: set[int] = field(default_factory=set)
    # Schools of the file that are ours, whether or not any of their values is mapped yet.
    recognised_schools: set[int] = field(default_factory=set)
    # Every (source measure, breakdown) of the file with its count and current mapping.
    keys: dict[tuple[str, str], dict] = field(default_factory=dict)

    @property
    def unmapped(self) -> list[dict]:
        return [entry for entry in self.keys.values() if not entry["mapped"]]

    @property
    def needs_mapping(self) -> bool:
        return bool(self.unmapped or self.unmatched)

    @property
    def suppressed_count(self) -> int:
        return sum(counts["suppressed"] for counts in self.per_measure.values())

    @property
    def can_commit(self) -> bool:
        return not self.errors and not self.needs_mapping and bool(self.writes)


def _school_index(authority: Authority) -> tuple[dict, dict]:
    by_official_id = {}
    for pk, official_id in School.objects.filter(authority=authority).values_list(
        "pk", "official_id"
    ):
        if official_id:
            by_official_id[official_id.strip()] = pk
            by_official_id.setdefault(official_id.strip().upper(), pk)
    links = {
        (scheme, official_id): school_id
        for scheme, official_id, school_id in SchoolLink.objects.filter(
            authority=authority
        ).values_list("id_scheme", "official_id", "school_id")
    }
    return by_official_id, links


def import_plan_build(*, profile: ImportProfile, parsed: ParseResult) -> ImportPlan:
    """Resolve measures, schools and years of a parsed file; three queries, nothing written."""
    plan = ImportPlan(parsed=parsed)
    plan.errors = [(error.line, error.message) for error in parsed.errors]
    mappings = {
        (m.source_key, m.breakdown): (m.measure_id, m.measure)
        for m in MeasureMapping.objects.filter(profile=profile).select_related("measure")
    }
    by_official_id, links = _school_index(profile.authority)
    first_line: dict[tuple[int, int, int], int] = {}
    years: dict[str, int | None] = {}

    def year_of(value) -> int | None:
        if value.school_year not in years:
            try:
                years[value.school_year] = school_year_to_year(value.school_year)
            except ValueError:
                years[value.school_year] = None
        year = years[value.school_year]
        if year is None:
            plan.errors.append(
                (value.line, _("“%(year)s” is not a school year.") % {"year": value.school_year})
            )
        return year

    def checked(value) -> Decimal | None:
        if value.value is None:
            return None
        if abs(value.value) >= VALUE_LIMIT:
            plan.errors.append(
                (value.line, _("The value %(value)s is too large.") % {"value": value.value})
            )
            return None
        return value.value.quantize(Decimal("0.001"))

    for value in parsed.values:
        key = (value.measure_key, value.breakdown)
        if key not in plan.keys:
            mapped = mappings.get(key)
            plan.keys[key] = {
                "key": value.measure_key,
                "breakdown": value.breakdown,
                "count": 0,
                "mapped": key in mappings,
                "measure_id": mapped[0] if mapped else None,
            }
        plan.keys[key]["count"] += 1
        # Schools first, so the first mapping page asks about schools and measures at once.
        official_id = _normalise_id(value.official_id, value.id_scheme)
        school_key = (value.id_scheme, official_id)
        if school_key in links:
            school_id, known = links[school_key], True
        else:
            school_id = by_official_id.get(official_id)
            known = school_id is not None
        if not known:
            plan.unmatched.setdefault(
                school_key,
                {"official_id": official_id, "id_scheme": value.id_scheme, "name": value.unit_name},
            )
        elif school_id is None:
            plan.skipped_schools.add(school_key)
        else:
            plan.recognised_schools.add(school_id)
        if key not in mappings:
            continue
        measure_id, measure = mappings[key]
        if not known:
            continue
        if measure_id is None or school_id is None:
            plan.skipped_values += 1
            continue
        year = year_of(value)
        if year is None:
            continue
        number = checked(value)
        if value.status == Status.REPORTED and number is None:
            continue
        target = (school_id, measure_id, year)
        if target in first_line:
            plan.errors.append(
                (
                    value.line,
                    _(
                        "Line %(line)s already gives %(measure)s of this school for %(year)s: "
                        "map the two columns to different measures or skip one."
                    )
                    % {"line": first_line[target], "measure": measure.code, "year": year},
                )
            )
            continue
        first_line[target] = value.line
        plan.writes[target] = (str(value.status), number, value.n)
        plan.per_measure[measure_id][str(value.status)] += 1
        plan.measures[measure_id] = measure
        plan.matched_schools.add(school_id)
    for value in parsed.comparisons:
        measure_id, measure = mappings.get((value.measure_key, value.breakdown), (None, None))
        if measure is None or measure.comparison_level != value.level:
            continue
        year = year_of(value)
        number = checked(value)
        if year is None or (value.status == Status.REPORTED and number is None):
            continue
        plan.comparisons[(measure_id, year, str(value.level), value.official_id)] = (
            value.unit_name[:200],
            str(value.status),
            number,
            value.n,
        )
    return plan


def _changes(plan: ImportPlan) -> tuple[list, list, int]:
    """New and changed results against the database, plus the count of unchanged ones."""
    existing = {}
    if plan.writes:
        existing = {
            (school_id, measure_id, year): (status, value, n)
            for school_id, measure_id, year, status, value, n in Result.objects.filter(
                school_id__in=plan.matched_schools,
                measure_id__in=plan.measures,
                year__in={key[2] for key in plan.writes},
            ).values_list("school_id", "measure_id", "year", "status", "value", "n")
        }
    created, updated, unchanged = [], [], 0
    for key, written in plan.writes.items():
        before = existing.get(key)
        if before is None:
            created.append(key)
        elif before != written:
            updated.append(key)
        else:
            unchanged += 1
    return created, updated, unchanged


def _preview(plan: ImportPlan) -> dict:
    created, updated, unchanged = _changes(plan)
    measures = plan.measures
    errors = sorted(plan.errors)
    return {
        "encoding": plan.parsed.encoding,
        "delimiter": plan.parsed.delimiter,
        "rows_read": plan.parsed.rows_read,
        "values_read": len(plan.parsed.values),
        "comparisons_read": len(plan.parsed.comparisons),
        "comparisons": len(plan.comparisons),
        "schools_in_file": len(plan.parsed.school_ids),
        "schools_matched": len(plan.recognised_schools),
        "schools_skipped": len(plan.skipped_schools),
        "values_skipped": plan.skipped_values,
        # All of them, not capped: "skip every unmatched school" must reach each one.
        "unmatched": sorted(plan.unmatched.values(), key=lambda e: e["official_id"]),
        "unmapped": sorted(
            (
                {"key": e["key"], "breakdown": e["breakdown"], "count": e["count"]}
                for e in plan.unmapped
            ),
            key=lambda e: (e["key"], e["breakdown"]),
        ),
        "keys": sorted(plan.keys.values(), key=lambda e: (e["mapped"], e["key"], e["breakdown"])),
        "errors": [{"line": line, "message": message} for line, message in errors[:PREVIEW_LIMIT]],
        "error_count": len(errors),
        "measures": [
            {
                "code": measures[pk].code,
                "name": measures[pk].name,
                "reported": counts["reported"],
                "suppressed": counts["suppressed"],
                "no_pupils": counts["no_pupils"],
            }
            for pk, counts in sorted(plan.per_measure.items(), key=lambda i: measures[i[0]].code)
        ],
        "suppressed": plan.suppressed_count,
        "values": len(plan.writes),
        "created": len(created),
        "updated": len(updated),
        "unchanged": unchanged,
        "years": sorted({key[2] for key in plan.writes}),
        "can_commit": plan.can_commit,
    }


# --- upload and reading ------------------------------------------------------------


def _read_file(result_import: ResultImport, progress: Callable[[float], None] | None = None):
    with result_import.file.open("rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != result_import.checksum:
        raise ImportFileError(_("The stored file has changed since it was uploaded."))
    return parse_file(
        data,
        profile=result_import.profile.kind,
        school_year=result_import.school_year,
        progress=progress,
    )


def _read_inline(result_import: ResultImport) -> bool:
    return result_import.size <= settings.RESULTS_IMPORT_INLINE_BYTES


def _schedule_read(result_import: ResultImport) -> None:
    if _read_inline(result_import):
        result_import_read(result_import_id=result_import.pk)
        result_import.refresh_from_db()
    else:
        from selfassessment.tasks import result_import_read_task

        result_import_read_task.delay_on_commit(result_import.pk)


@transaction.atomic
def result_import_upload(
    *,
    actor: User,
    authority: Authority,
    file_name: str,
    data: bytes,
    kind: str = "",
    school_year: str = "",
) -> ResultImport:
    """Store the file and read it: at once when small, in the background when large.

    The header is checked here, so a file of the wrong kind is refused before it is stored.
    """
    if len(data) > settings.RESULTS_IMPORT_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(mb)s MB.")
            % {"mb": settings.RESULTS_IMPORT_MAX_BYTES // (1024 * 1024)}
        )
    try:
        detected = detect_profile(read_header(data))
    except ImportFileError as error:
        raise ValidationError(str(error)) from None
    if kind and kind != detected:
        raise ValidationError(
            _("This file looks like %(detected)s, not %(chosen)s.")
            % {"detected": PROFILES[detected].LABEL, "chosen": PROFILES[kind].LABEL}
        )
    school_year = school_year.strip() or school_year_from_file_name(file_name)
    if detected == "duo" and not school_year:
        raise ValidationError(
            _("A DUO file does not name its school year: enter it, e.g. 2024-2025.")
        )
    if school_year:
        try:
            school_year_to_year(school_year)
        except ValueError as error:
            raise ValidationError(str(error)) from None
    profile, _created = ImportProfile.objects.get_or_create(authority=authority, kind=detected)
    result_import = ResultImport(
        authority=authority,
        profile=profile,
        file_name=file_name[:255],
        size=len(data),
        checksum=hashlib.sha256(data).hexdigest(),
        school_year=school_year,
        uploaded_by=actor,
    )
    # A generated name: what the uploader called the file never becomes a path.
    result_import.file.save(f"{uuid.uuid4().hex}.csv", ContentFile(data), save=False)
    result_import.save()
    audit_entry_create(
        actor=actor,
        action="results.upload",
        target=result_import,
        authority=authority,
        data={"file": result_import.file_name, "sha256": result_import.checksum},
    )
    _schedule_read(result_import)
    return result_import


def _claim(result_import_id: int) -> bool:
    """queued -> reading, or take over a read whose worker died (older than the time limit)."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    return bool(
        ResultImport.objects.filter(pk=result_import_id)
        .filter(
            Q(state=ResultImport.State.QUEUED)
            | Q(state=ResultImport.State.READING, updated_at__lt=stale)
        )
        .update(state=ResultImport.State.READING, progress=1, error="", updated_at=now)
    )


def result_import_read(*, result_import_id: int) -> bool:
    """Read the stored file and write the preview. Not one transaction, so the progress is
    visible to the browser that polls it; safe to run twice (the claim decides)."""
    if not _claim(result_import_id):
        return False
    result_import = ResultImport.objects.select_related("profile__authority").get(
        pk=result_import_id
    )

    def progress(fraction: float) -> None:
        # Reading is most of the work; matching and comparing follow after 90 %.
        ResultImport.objects.filter(pk=result_import_id).update(
            progress=max(1, min(90, int(fraction * 90)))
        )

    try:
        parsed = _read_file(result_import, progress)
        plan = import_plan_build(profile=result_import.profile, parsed=parsed)
        preview = _preview(plan)
    except ImportFileError as error:
        ResultImport.objects.filter(pk=result_import_id).update(
            state=ResultImport.State.FAILED, error=str(error), progress=100, preview={}
        )
        return True
    ResultImport.objects.filter(pk=result_import_id, state=ResultImport.State.READING).update(
        state=ResultImport.State.READY, progress=100, preview=preview, error=""
    )
    return True


# --- mapping ------------------------------------------------------------------------


@dataclass(frozen=True)
class NewMeasure:
    code: str
    name: str
    threshold: Decimal
    higher_is_better: bool = True
    unit: str = ""


@dataclass(frozen=True)
class MeasureChoice:
    """What one source measure becomes: an existing measure, a new one, or skipped."""

    source_key: str
    breakdown: str
    measure: Measure | None = None
    new: NewMeasure | None = None


@dataclass(frozen=True)
class SchoolChoice:
    official_id: str
    id_scheme: str
    unit_name: str
    school: School | None  # None: skip this id in every import


@transaction.atomic
def import_mapping_save(
    *,
    actor: User,
    result_import: ResultImport,
    measures: list[MeasureChoice],
    schools: list[SchoolChoice],
) -> ResultImport:
    """Remember the choices in the authority's profile, then read the file again with them."""
    from selfassessment.services.plans import measure_save

    result_import = ResultImport.objects.select_for_update().get(pk=result_import.pk)
    if result_import.state not in (ResultImport.State.READY, ResultImport.State.FAILED):
        raise ValidationError(_("This import can no longer be changed."))
    authority = result_import.authority
    mappings = []
    for choice in measures:
        measure = choice.measure
        if measure is not None and measure.authority_id != authority.pk:
            raise ValidationError(_("Choose one of your authority's measures."))
        if choice.new is not None:
            measure = measure_save(
                actor=actor,
                authority=authority,
                code=choice.new.code,
                name=choice.new.name,
                threshold=choice.new.threshold,
                higher_is_better=choice.new.higher_is_better,
                unit=choice.new.unit,
            )
        mappings.append(
            MeasureMapping(
                profile=result_import.profile,
                source_key=choice.source_key,
                breakdown=choice.breakdown,
                measure=measure,
            )
        )
    if any(c.school is not None and c.school.authority_id != authority.pk for c in schools):
        raise ValidationError(_("Choose one of your authority's schools."))
    # Upserts, not a query per row: "skip every unlisted school" of a national export
    # decides thousands of ids at once.
    MeasureMapping.objects.bulk_create(
        # One row per key, the last choice winning: an upsert may touch a row only once.
        list({(m.source_key, m.breakdown): m for m in mappings}.values()),
        update_conflicts=True,
        unique_fields=["profile", "source_key", "breakdown"],
        update_fields=["measure", "updated_at"],
    )
    SchoolLink.objects.bulk_create(
        [
            SchoolLink(
                authority=authority,
                id_scheme=choice.id_scheme,
                official_id=choice.official_id,
                unit_name=choice.unit_name[:200],
                school=choice.school,
            )
            for choice in {(c.id_scheme, c.official_id): c for c in schools}.values()
        ],
        batch_size=COMMIT_BATCH,
        update_conflicts=True,
        unique_fields=["authority", "id_scheme", "official_id"],
        update_fields=["school", "unit_name", "updated_at"],
    )
    audit_entry_create(
        actor=actor,
        action="results.mapping",
        target=result_import.profile,
        authority=authority,
        data={
            "measures": {
                f"{c.source_key} [{c.breakdown}]": (
                    c.new.code if c.new else (c.measure.code if c.measure else None)
                )
                for c in measures
            },
            "schools": {c.official_id: c.school.pk if c.school else None for c in schools},
        },
    )
    ResultImport.objects.filter(pk=result_import.pk).update(
        state=ResultImport.State.QUEUED, progress=0, error=""
    )
    result_import.refresh_from_db()
    _schedule_read(result_import)
    return result_import


# --- commit and discard -------------------------------------------------------------


@transaction.atomic
def result_import_commit(*, actor: User, result_import: ResultImport) -> dict:
    """Write every value of the file, or nothing. Re-importing the same file changes
    nothing; a corrected file changes exactly the values it corrects."""
    result_import = (
        ResultImport.objects.select_for_update()
        .select_related("profile__authority")
        .get(pk=result_import.pk)
    )
    if result_import.state != ResultImport.State.READY:
        raise ValidationError(_("This import is not ready to be committed."))
    try:
        parsed = _read_file(result_import)
    except ImportFileError as error:
        raise ValidationError(str(error)) from None
    plan = import_plan_build(profile=result_import.profile, parsed=parsed)
    if not plan.can_commit:
        raise ValidationError(
            _("Nothing was imported: the file has errors or unmapped columns or schools.")
        )
    created, updated, unchanged = _changes(plan)
    now = timezone.now()
    # Upserts of new and changed rows: existing rows keep their ids (the audit log refers
    # to them); unchanged rows are not touched, so they keep their provenance. Built and
    # written a batch at a time, so a national file never holds all its model rows at once.
    pending = created + updated
    for start in range(0, len(pending), COMMIT_BATCH):
        Result.objects.bulk_create(
            [
                Result(
                    school_id=key[0],
                    measure_id=key[1],
                    year=key[2],
                    status=plan.writes[key][0],
                    value=plan.writes[key][1],
                    n=plan.writes[key][2],
                    source=result_import,
                    created_at=now,
                    updated_at=now,
                )
                for key in pending[start : start + COMMIT_BATCH]
            ],
            update_conflicts=True,
            unique_fields=["school", "measure", "year"],
            update_fields=["status", "value", "n", "source", "updated_at"],
        )
    ComparisonFigure.objects.bulk_create(
        [
            ComparisonFigure(
                measure_id=measure_id,
                year=year,
                level=level,
                unit_code=unit_code,
                unit_name=name,
                status=status,
                value=value,
                n=n,
                source=result_import,
                created_at=now,
                updated_at=now,
            )
            for (measure_id, year, level, unit_code), (name, status, value, n) in (
                plan.comparisons.items()
            )
        ],
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["measure", "year", "level", "unit_code"],
        update_fields=["unit_name", "status", "value", "n", "source", "updated_at"],
    )
    summary = {
        "values": len(plan.writes),
        "created": len(created),
        "updated": len(updated),
        "unchanged": unchanged,
        "suppressed": plan.suppressed_count,
        "comparisons": len(plan.comparisons),
        "schools": len(plan.matched_schools),
    }
    ResultImport.objects.filter(pk=result_import.pk).update(
        state=ResultImport.State.COMMITTED,
        committed_by=actor,
        committed_at=now,
        summary=summary,
        updated_at=now,
    )
    audit_entry_create(
        actor=actor,
        action="results.import",
        target=result_import,
        authority=result_import.authority,
        data={**summary, "file": result_import.file_name, "sha256": result_import.checksum},
    )
    return summary


@transaction.atomic
def result_import_discard(*, actor: User, result_import: ResultImport) -> None:
    result_import = ResultImport.objects.select_for_update().get(pk=result_import.pk)
    if not result_import.is_open:
        raise ValidationError(_("This import can no longer be discarded."))
    ResultImport.objects.filter(pk=result_import.pk).update(
        state=ResultImport.State.DISCARDED, updated_at=timezone.now()
    )
    audit_entry_create(
        actor=actor,
        action="results.discard",
        target=result_import,
        authority=result_import.authority,
        data={"file": result_import.file_name},
    )
    # The file goes once the row says discarded; a rollback would leave it in place.
    name = result_import.file.name
    storage = result_import.file.storage
    transaction.on_commit(lambda: storage.delete(name))
