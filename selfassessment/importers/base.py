"""The shape every importer produces, and the number and text handling they share."""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from django.utils.translation import gettext as _


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


class ImportFileError(ValueError):
    """The file as a whole cannot be read (encoding, separator, header, profile)."""


# Slots: a national export is tens of thousands of these, and they are all held at once.
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


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


@dataclass
class ParseResult:
    profile: str
    encoding: str
    delimiter: str
    school_year: str = ""
    rows_read: int = 0
    values: list[ParsedValue] = field(default_factory=list)
    # Country, county and municipality figures: kept for comparison, never as school results.
    comparisons: list[ParsedValue] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def suppressed_count(self) -> int:
        return sum(1 for v in self.values if v.status == Status.SUPPRESSED)

    @property
    def school_ids(self) -> set[str]:
        return {v.official_id for v in self.values}


# Thousands may be grouped with a space, a no-break space or a narrow no-break space.
_GROUPING = re.compile(r"[ \u00a0\u202f]")
_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")


def parse_decimal(raw: str) -> Decimal:
    """'56 875' -> 56875, '0,1' -> 0.1; anything else (like '12,3,4') raises ValueError."""
    text = _GROUPING.sub("", raw.strip()).replace(",", ".")
    if not _DECIMAL.match(text):
        raise ValueError(_("“%(value)s” is not a number.") % {"value": raw.strip()})
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": raw.strip()}) from None


def parse_count(raw: str) -> int:
    number = parse_decimal(raw)
    if number != number.to_integral_value() or number < 0:
        raise ValueError(_("“%(value)s” is not a whole number.") % {"value": raw.strip()})
    return int(number)
