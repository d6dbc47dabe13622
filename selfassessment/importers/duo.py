"""DUO exam results per secondary school location (geslaagden/gezakten/cijfers).

One row per department; qnet wants one figure per school location and track, so counts
are summed. `<5` is a suppressed count: a total with any suppressed part is suppressed
too (it could otherwise be worked back). Average grades are combined weighted by the
candidates, and only when every part's number of candidates is known.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from selfassessment.importers.base import (
    MAX_SCHOOLS,
    ParsedValue,
    ParseResult,
    Status,
    parse_count,
    parse_decimal,
    quoted,
    too_many_schools,
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


@dataclass(slots=True)
class _Average:
    """A candidates-weighted mean built a department at a time; unknown (None) as soon as
    any part's average or number of candidates is."""

    weighted: Decimal = Decimal(0)
    weight: int = 0
    parts: int = 0
    known: bool = True

    def add(self, average: Decimal | None, candidates: int | None) -> None:
        self.parts += 1
        if average is None or candidates is None:
            self.known = False
        elif self.known:
            self.weighted += average * candidates
            self.weight += candidates

    @property
    def value(self) -> Decimal | None:
        if not self.parts or not self.known or self.weight == 0:
            return None
        return (self.weighted / self.weight).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(slots=True)
class _Group:
    """One school location and track: its departments' counts summed (None once any part
    is suppressed, as the total could otherwise be worked back) and averages combined."""

    name: str
    first_line: int
    counts: dict[str, int | None] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    averages: dict[str, _Average] = field(default_factory=dict)

    def add(self, counts: dict[str, int | None], averages: dict[str, Decimal | None]) -> None:
        for column, count in counts.items():
            total = self.counts[column]
            self.counts[column] = None if total is None or count is None else total + count
        for column, average in averages.items():
            self.averages.setdefault(column, _Average()).add(average, counts["EXAMENKANDIDATEN"])


def parse(header: list[str], rows, result: ParseResult) -> Iterator[ParsedValue]:
    missing = [name for name in REQUIRED + COUNTS if name not in header]
    if missing:
        result.errors.add(1, _("Missing columns: %(names)s.") % {"names": ", ".join(missing)})
        return
    index = {name: i for i, name in enumerate(header)}
    # DUO names the school year in the file name, not in a column: the upload form asks.
    school_year = result.school_year
    groups: dict[tuple[str, str], _Group] = {}
    for line, row in rows:
        result.rows_read += 1
        if len(row) != len(header):
            result.errors.add(
                line,
                _("Expected %(expected)s columns, found %(found)s (is the file truncated?).")
                % {"expected": len(header), "found": len(row)},
            )
            continue
        location = row[index["VESTIGINGSCODE"]].strip().upper()
        if len(location) != 6 or location[:4] != row[index["INSTELLINGSCODE"]].strip().upper():
            result.errors.add(
                line,
                _("“%(code)s” is not a 6-character location code.") % {"code": quoted(location)},
            )
            continue
        track = " ".join(
            part
            for part in (row[index["ONDERWIJSTYPE VO"]].strip(), _cell(row, index, "LEERWEG VMBO"))
            if part
        )
        group = groups.get((location, track))
        if group is None:
            # Every group is kept to the end: their number is what memory the read takes.
            if len(groups) >= MAX_SCHOOLS:
                raise too_many_schools()
            group = groups[(location, track)] = _Group(
                name=row[index["INSTELLINGSNAAM VESTIGING"]].strip(), first_line=line
            )
        else:
            group.name = row[index["INSTELLINGSNAAM VESTIGING"]].strip()
        try:
            counts = {column: _count(row[index[column]]) for column in COUNTS}
            averages = {
                column: parse_decimal(raw) if (raw := row[index[column]].strip()) else None
                for column in AVERAGES
                if column in index
            }
        except ValueError as error:
            result.errors.add(line, str(error))
            continue
        group.add(counts, averages)
    for (location, track), group in groups.items():
        candidates = group.counts["EXAMENKANDIDATEN"]
        for column in COUNTS:
            yield _value(
                location, group, track, school_year, column, group.counts[column], candidates
            )
        for column, average in group.averages.items():
            yield _value(location, group, track, school_year, column, average.value, candidates)


def _cell(row, index, name) -> str:
    return row[index[name]].strip() if name in index else ""


def _value(location, group, track, school_year, column, value, candidates) -> ParsedValue:
    return ParsedValue(
        line=group.first_line,
        official_id=location,
        id_scheme="nl_brin_location",
        unit_name=group.name,
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
