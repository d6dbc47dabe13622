"""What a results file means before anything is written: schools, measures and years
resolved with the authority's remembered mapping, the values it would store, and the
preview shown to the uploader. Only reads the database."""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from qnet.models import Authority, School
from selfassessment.importers import ErrorLog, ImportFileError, ParseResult, Status, generic
from selfassessment.importers.base import MAX_COUNT, MAX_SCHOOLS, quoted, too_many_schools
from selfassessment.models import ImportProfile, Measure, MeasureMapping, Result, SchoolLink

VALUE_LIMIT = Decimal("1e9")
# Every measure of a file (with its breakdown) is a question on the mapping page: a file
# naming more is refused rather than kept in memory and asked about.
MAX_MEASURE_KEYS = 5_000
# As long as the columns that remember them: longer ones are line errors, not a failed save.
_LENGTHS = {
    "measure_key": MeasureMapping._meta.get_field("source_key").max_length,
    "breakdown": MeasureMapping._meta.get_field("breakdown").max_length,
    "official_id": SchoolLink._meta.get_field("official_id").max_length,
}
_NAME_CHARS = SchoolLink._meta.get_field("unit_name").max_length
# The id scheme of a local code, under which a school may also be named (the short shape).
LOCAL = "local"
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


def _unfit(value, *, named: bool = False) -> str | None:
    """What makes a value impossible to store: a measure, breakdown or school id longer
    than its column, or a number of pupils beyond it (DUO's sums can be). A school given
    by its name (`named`) is never remembered by it, so its length does not matter."""
    for name, limit in _LENGTHS.items():
        text = getattr(value, name)
        if len(text) > limit:
            if name == "official_id" and named:
                continue
            if name == "official_id" and value.id_scheme == LOCAL:
                # Too long for an id: a school's name, and none of the authority's.
                return _("Unknown school “%(school)s”.") % {"school": quoted(text)}
            return _("“%(text)s” is longer than %(max)s characters.") % {
                "text": quoted(text),
                "max": limit,
            }
    if value.n is not None and value.n > MAX_COUNT:
        return _("The value %(value)s is too large.") % {"value": value.n}
    return None


# --- the plan: what a file would write ---------------------------------------------


@dataclass
class ImportPlan:
    """Everything a file means for one authority with its current mapping."""

    parsed: ParseResult
    errors: ErrorLog = field(default_factory=ErrorLog)
    # The distinct ids of schools in the file, ours or not (bounded by MAX_SCHOOLS).
    school_ids: set[str] = field(default_factory=set)
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


def _school_index(authority: Authority) -> tuple[dict, dict, dict]:
    by_official_id = {}
    # Names as people type them; a name two schools share names neither (None).
    by_name: dict[str, int | None] = {}
    for pk, official_id, name in School.objects.filter(authority=authority).values_list(
        "pk", "official_id", "name"
    ):
        if official_id:
            by_official_id[official_id.strip()] = pk
            by_official_id.setdefault(official_id.strip().upper(), pk)
        key = name.strip().casefold()
        by_name[key] = None if key in by_name else pk
    links = {
        (scheme, official_id): school_id
        for scheme, official_id, school_id in SchoolLink.objects.filter(
            authority=authority
        ).values_list("id_scheme", "official_id", "school_id")
    }
    return by_official_id, links, by_name


def import_plan_build(*, profile: ImportProfile, parsed: ParseResult) -> ImportPlan:
    """Resolve measures, schools and years of a parsed file; three queries (four for the
    generic format), nothing written.

    Takes the file's values one at a time as they are read, keeping only what a commit
    writes and what the mapping asks about. A file naming more measures or schools than
    any export does raises ImportFileError.
    """
    # The reader's problems and the plan's are one list, in line order.
    plan = ImportPlan(parsed=parsed, errors=parsed.errors)
    mappings = {
        (m.source_key, m.breakdown): (m.measure_id, m.measure)
        for m in MeasureMapping.objects.filter(profile=profile).select_related("measure")
    }
    if profile.kind == generic.PROFILE:
        # A generic file is written for qnet: a code without a breakdown that is one of the
        # authority's measure codes is that measure, without asking (a saved choice wins).
        for measure in Measure.objects.filter(authority=profile.authority):
            mappings.setdefault((measure.code, ""), (measure.pk, measure))
    by_official_id, links, by_name = _school_index(profile.authority)
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
            plan.errors.add(
                value.line,
                _("“%(year)s” is not a school year.") % {"year": quoted(value.school_year)},
            )
        return year

    def checked(value) -> Decimal | None:
        if value.value is None:
            return None
        if abs(value.value) >= VALUE_LIMIT:
            plan.errors.add(
                value.line,
                _("The value %(value)s is too large.") % {"value": quoted(str(value.value))},
            )
            return None
        return value.value.quantize(Decimal("0.001"))

    for value in parsed.values:
        # A school may be named rather than given by its id, in the short shape. The id
        # wins where both fit; so does a remembered link, below.
        named = (
            by_name.get(value.official_id.strip().casefold()) if value.id_scheme == LOCAL else None
        )
        problem = _unfit(value, named=named is not None)
        if problem:
            plan.errors.add(value.line, problem)
            continue
        if value.comparison:
            _compare(plan, value, mappings, year_of, checked)
            continue
        if value.official_id not in plan.school_ids:
            if len(plan.school_ids) >= MAX_SCHOOLS:
                raise too_many_schools()
            plan.school_ids.add(value.official_id)
        key = (value.measure_key, value.breakdown)
        if key not in plan.keys:
            if len(plan.keys) >= MAX_MEASURE_KEYS:
                raise ImportFileError(
                    _(
                        "The file names more than %(max)s different measures: too many to "
                        "map. Leave out the columns or lines you do not need."
                    )
                    % {"max": MAX_MEASURE_KEYS}
                )
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
            school_id = by_official_id.get(official_id) or named
            known = school_id is not None
        if not known:
            plan.unmatched.setdefault(
                school_key,
                {
                    "official_id": official_id,
                    "id_scheme": value.id_scheme,
                    "name": value.unit_name[:_NAME_CHARS],
                },
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
            plan.errors.add(value.line, _duplicate(profile, first_line[target], measure, year))
            continue
        first_line[target] = value.line
        plan.writes[target] = (str(value.status), number, value.n)
        plan.per_measure[measure_id][str(value.status)] += 1
        plan.measures[measure_id] = measure
        plan.matched_schools.add(school_id)
    return plan


def _duplicate(profile: ImportProfile, line: int, measure: Measure, year: int) -> str:
    if profile.kind == generic.PROFILE:
        # One value per line: the line is there twice (or two breakdowns map to one measure).
        return _("Duplicate of line %(line)s (same school, measure and year).") % {"line": line}
    return _(
        "Line %(line)s already gives %(measure)s of this school for %(year)s: "
        "map the two columns to different measures or skip one."
    ) % {"line": line, "measure": measure.code, "year": year}


def _compare(plan: ImportPlan, value, mappings: dict, year_of, checked) -> None:
    """A country, county or municipality figure, kept where a mapped measure asks for it."""
    measure_id, measure = mappings.get((value.measure_key, value.breakdown), (None, None))
    if measure is None or measure.comparison_level != value.level:
        return
    year = year_of(value)
    number = checked(value)
    if year is None or (value.status == Status.REPORTED and number is None):
        return
    plan.comparisons[(measure_id, year, str(value.level), value.official_id)] = (
        value.unit_name[:_NAME_CHARS],
        str(value.status),
        number,
        value.n,
    )


def plan_changes(plan: ImportPlan) -> tuple[list, list, int]:
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


def plan_preview(plan: ImportPlan) -> dict:
    created, updated, unchanged = plan_changes(plan)
    measures = plan.measures
    return {
        "encoding": plan.parsed.encoding,
        "delimiter": plan.parsed.delimiter,
        "rows_read": plan.parsed.rows_read,
        "values_read": plan.parsed.values_read,
        "comparisons_read": plan.parsed.comparisons_read,
        "comparisons": len(plan.comparisons),
        "schools_in_file": len(plan.school_ids),
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
        # The first problems by line (the reader keeps no more); the count is exact.
        "errors": [{"line": error.line, "message": error.message} for error in plan.errors],
        "error_count": plan.errors.count,
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
