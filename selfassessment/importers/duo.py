"""DUO exam results per secondary school location (geslaagden/gezakten/cijfers).

One row per department; qnet wants one figure per school location and track, so counts
are summed. `<5` is a suppressed count: a total with any suppressed part is suppressed
too (it could otherwise be worked back). Average grades are combined weighted by the
candidates, and only when every part's number of candidates is known.
"""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from selfassessment.importers.base import (
    ParsedValue,
    ParseResult,
    RowError,
    Status,
    parse_count,
    parse_decimal,
)

PROFILE = "duo"
LABEL = gettext_lazy("DUO exam results")
# The number of candidates is the n of the other figures, not a measure of its own.
SKIPPED_BY_DEFAULT: tuple[str, ...] = ("EXAMENKANDIDATEN",)
COUNTS = ["EXAMENKANDIDATEN", "GESLAAGDEN", "GEZAKTEN"]
AVERAGES = [
    "GEMIDDELD CIJFER SCHOOLEXAMEN",
    "GEMIDDELD CIJFER CENTRAAL EXAMEN",
    "GEMIDDELD CIJFER CIJFERLIJST",
]
REQUIRED = ["INSTELLINGSCODE", "VESTIGINGSCODE", "INSTELLINGSNAAM VESTIGING", "ONDERWIJSTYPE VO"]
SUPPRESSED = "<5"


def matches(header: list[str]) -> bool:
    return "VESTIGINGSCODE" in header and "EXAMENKANDIDATEN" in header


def _count(raw: str) -> int | None:
    """None for a suppressed count."""
    raw = raw.strip()
    return None if raw == SUPPRESSED else parse_count(raw)


def parse(header: list[str], rows, result: ParseResult) -> None:
    missing = [name for name in REQUIRED + COUNTS if name not in header]
    if missing:
        result.errors.append(
            RowError(1, _("Missing columns: %(names)s.") % {"names": ", ".join(missing)})
        )
        return
    index = {name: i for i, name in enumerate(header)}
    # DUO names the school year in the file name, not in a column: the upload form asks.
    school_year = result.school_year
    groups: dict[tuple[str, str], dict] = defaultdict(
        lambda: {"lines": [], "counts": defaultdict(list), "averages": defaultdict(list)}
    )
    for line, row in rows:
        result.rows_read += 1
        if len(row) != len(header):
            result.errors.append(
                RowError(
                    line,
                    _("Expected %(expected)s columns, found %(found)s (is the file truncated?).")
                    % {"expected": len(header), "found": len(row)},
                )
            )
            continue
        location = row[index["VESTIGINGSCODE"]].strip().upper()
        if len(location) != 6 or location[:4] != row[index["INSTELLINGSCODE"]].strip().upper():
            result.errors.append(
                RowError(
                    line, _("“%(code)s” is not a 6-character location code.") % {"code": location}
                )
            )
            continue
        track = " ".join(
            part
            for part in (row[index["ONDERWIJSTYPE VO"]].strip(), _cell(row, index, "LEERWEG VMBO"))
            if part
        )
        group = groups[(location, track)]
        group["name"] = row[index["INSTELLINGSNAAM VESTIGING"]].strip()
        group["lines"].append(line)
        try:
            candidates = _count(row[index["EXAMENKANDIDATEN"]])
            for column in COUNTS:
                group["counts"][column].append(_count(row[index[column]]))
            for column in AVERAGES:
                if column in index:
                    raw = row[index[column]].strip()
                    average = parse_decimal(raw) if raw else None
                    group["averages"][column].append((average, candidates))
        except ValueError as error:
            result.errors.append(RowError(line, str(error)))
    for (location, track), group in groups.items():
        first_line = group["lines"][0]
        candidates = _sum(group["counts"]["EXAMENKANDIDATEN"])
        for column in COUNTS:
            total = _sum(group["counts"][column])
            result.values.append(
                _value(location, group, track, school_year, column, total, candidates, first_line)
            )
        for column, parts in group["averages"].items():
            result.values.append(
                _value(
                    location,
                    group,
                    track,
                    school_year,
                    column,
                    _weighted(parts),
                    candidates,
                    first_line,
                )
            )


def _cell(row, index, name) -> str:
    return row[index[name]].strip() if name in index else ""


def _sum(parts: list[int | None]) -> int | None:
    return None if any(part is None for part in parts) else sum(parts)


def _weighted(parts: list[tuple[Decimal | None, int | None]]) -> Decimal | None:
    """The candidates-weighted mean, or None when any weight or average is unknown."""
    if not parts or any(avg is None or weight is None for avg, weight in parts):
        return None
    total = sum(weight for _avg, weight in parts)
    if total == 0:
        return None
    mean = sum(avg * weight for avg, weight in parts) / total
    return mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _value(location, group, track, school_year, column, value, candidates, line) -> ParsedValue:
    return ParsedValue(
        line=line,
        official_id=location,
        id_scheme="nl_brin_location",
        unit_name=group["name"],
        school_year=school_year,
        measure_key=column,
        breakdown=track,
        value=None if value is None else Decimal(value),
        n=candidates,
        status=_status(value, candidates),
    )


def _status(value, candidates: int | None) -> Status:
    if value is not None:
        return Status.REPORTED
    return Status.NO_PUPILS if candidates == 0 else Status.SUPPRESSED
