"""The shape every importer produces, and the number and text handling they share."""

import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from django.utils.translation import gettext as _

from qnet.csv_files import CSVFileError


class Status(StrEnum):
    REPORTED = "reported"
    # The source withheld the figure (small group): stored as a status, never as a number.
    SUPPRESSED = "suppressed"
    # Nobody took part: there is nothing to report, which is not the same as zero.
    NO_PUPILS = "no_pupils"


class Level(StrEnum):
    SCHOOL = "school"
    MUNICIPALITY = "municipality"
    COUNTY = "county"
    COUNTRY = "country"


# One error for a file that cannot be read, whether qnet.csv_files found it (encoding,
# separator) or an importer did (header, profile).
ImportFileError = CSVFileError


# Problems kept by line; the rest are only counted (a file wrong on every line of a
# national export would otherwise fill the worker's memory and the preview page).
ERRORS_KEPT = 200
# Quoted cells are cut to this in messages: a 100 KB cell must not become a 100 KB message.
QUOTED_CHARS = 60
# More schools than any country's export names: beyond it a file is refused, so what is
# kept per school (to ask about it, or to group its lines) stays bounded.
MAX_SCHOOLS = 20_000
# What a count column (PositiveIntegerField) holds.
MAX_COUNT = 2**31 - 1


def quoted(raw: str) -> str:
    """A cell as messages quote it: stripped, and cut short when long."""
    text = raw.strip()
    return text if len(text) <= QUOTED_CHARS else text[: QUOTED_CHARS - 1] + "…"


def too_many_schools() -> ImportFileError:
    return ImportFileError(
        _(
            "The file names more than %(max)s schools, more than a whole country's export. "
            "Filter the export to your region and upload it again."
        )
        % {"max": MAX_SCHOOLS}
    )


@dataclass(frozen=True, slots=True)
class ParsedValue:
    line: int
    official_id: str
    id_scheme: str
    unit_name: str
    school_year: str
    measure_key: str
    breakdown: str
    value: Decimal | None
    n: int | None
    status: Status
    level: Level = Level.SCHOOL
    unit: str = ""
    # Country, county and municipality figures: for comparison, never a school's result.
    comparison: bool = False


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


class ErrorLog:
    """Every problem counted; the first `keep` of them by line kept, in line order."""

    def __init__(self, keep: int = ERRORS_KEPT):
        self.count = 0
        self._keep = keep
        # The worst kept problem on top: the one with the highest line, the latest of those.
        self._heap: list[tuple[int, int, RowError]] = []

    def add(self, line: int, message: str) -> None:
        self.count += 1
        item = (-line, -self.count, RowError(line, message))
        if len(self._heap) < self._keep:
            heapq.heappush(self._heap, item)
        elif item > self._heap[0]:
            heapq.heapreplace(self._heap, item)

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[RowError]:
        return (error for _line, _order, error in sorted(self._heap, reverse=True))


@dataclass
class ParseResult:
    """What reading a file says. `values` yields each value once, while the file is open;
    the counts and `errors` are complete once it is exhausted."""

    profile: str
    encoding: str
    delimiter: str
    school_year: str = ""
    rows_read: int = 0
    values_read: int = 0
    comparisons_read: int = 0
    errors: ErrorLog = field(default_factory=ErrorLog)
    values: Iterator[ParsedValue] = field(default_factory=lambda: iter(()))


# Thousands may be grouped with a space, a no-break space or a narrow no-break space.
_GROUPING = re.compile(r"[ \u00a0\u202f]")
_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")


def parse_decimal(raw: str) -> Decimal:
    """'56 875' -> 56875, '0,1' -> 0.1; anything else (like '12,3,4') raises ValueError."""
    text = _GROUPING.sub("", raw.strip()).replace(",", ".")
    if not _DECIMAL.match(text):
        raise ValueError(_("“%(value)s” is not a number.") % {"value": quoted(raw)})
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": quoted(raw)}) from None


def parse_count(raw: str) -> int:
    number = parse_decimal(raw)
    if number != number.to_integral_value() or number < 0:
        raise ValueError(_("“%(value)s” is not a whole number.") % {"value": quoted(raw)})
    if number > MAX_COUNT:
        raise ValueError(_("“%(value)s” is too large.") % {"value": quoted(raw)})
    return int(number)
