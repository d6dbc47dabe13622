"""qnet's generic long format, for every source without a profile of its own.

One value per line: school_id, id_scheme, school_year, measure_code, breakdown, value, n,
status, unit, source. `status` is reported (default), suppressed or no_pupils; a
suppressed or no_pupils line leaves `value` empty.

The short shape school, measure, year, value, n (qnet's first results import, and what
people type by hand) is the same format under other column names: `school` is a
school's official id or its name in qnet, `measure` a qnet measure code, `year` the year
the result belongs to.
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from selfassessment.importers.base import (
    ParsedValue,
    ParseResult,
    Status,
    parse_count,
    parse_decimal,
    quoted,
)

PROFILE = "generic"
LABEL = gettext_lazy("qnet generic CSV")
# Every measure code of a generic file is meant to be imported.
SKIPPED_BY_DEFAULT: tuple[str, ...] = ()
COLUMNS = [
    "school_id", "id_scheme", "school_year", "measure_code", "breakdown",
    "value", "n", "status", "unit", "source",
]  # fmt: skip
REQUIRED = ["school_id", "school_year", "measure_code", "value"]
# The short shape's column names; a file may use either name of a column.
ALIASES = {"school": "school_id", "measure": "measure_code", "year": "school_year"}
ID_SCHEMES = {"no_orgnr", "nl_brin_location", "de_schulnummer", "local"}


def _column(name: str) -> str:
    # Spreadsheets capitalise headers ("School", "Value"); the names are not case-sensitive.
    name = name.lower()
    return ALIASES.get(name, name)


def _index(header: list[str]) -> dict[str, int]:
    """Column positions by their generic name; the generic name wins over its alias."""
    index: dict[str, int] = {}
    for position, name in enumerate(header):
        column = _column(name)
        if column not in index or name.lower() == column:
            index[column] = position
    return index


def matches(header: list[str]) -> bool:
    return all(name in _index(header) for name in REQUIRED)


def template_csv() -> str:
    """The downloadable template: the header and two example lines."""
    return (
        ",".join(COLUMNS)
        + "\r\n0910001,de_schulnummer,2025-26,READ5,all,512.4,48,reported,points,VERA 3\r\n"
        + "0910002,de_schulnummer,2025-26,READ5,all,,4,suppressed,points,VERA 3\r\n"
    )


def parse(header: list[str], rows, result: ParseResult) -> Iterator[ParsedValue]:
    index = _index(header)
    for line, row in rows:
        result.rows_read += 1
        if len(row) != len(header):
            result.errors.add(
                line,
                _("Expected %(expected)s columns, found %(found)s.")
                % {"expected": len(header), "found": len(row)},
            )
            continue

        def cell(name, row=row):
            return row[index[name]].strip() if name in index else ""

        try:
            status = Status(cell("status") or Status.REPORTED)
        except ValueError:
            result.errors.add(
                line, _("Unknown status “%(status)s”.") % {"status": quoted(cell("status"))}
            )
            continue
        scheme = cell("id_scheme") or "local"
        if scheme not in ID_SCHEMES:
            result.errors.add(
                line, _("Unknown id scheme “%(scheme)s”.") % {"scheme": quoted(scheme)}
            )
            continue
        if not cell("school_id") or not cell("measure_code") or not cell("school_year"):
            result.errors.add(line, _("school_id, school_year and measure_code are required."))
            continue
        try:
            n = parse_count(cell("n")) if cell("n") else None
            if status == Status.REPORTED:
                value = parse_decimal(cell("value"))
                if n == 0:
                    raise ValueError(_("A reported result comes from at least one person."))
            elif cell("value"):
                raise ValueError(
                    _("A %(status)s line must leave value empty.") % {"status": status}
                )
            else:
                value = None
        except ValueError as error:
            result.errors.add(line, str(error))
            continue
        yield ParsedValue(
            line=line,
            official_id=cell("school_id"),
            id_scheme=scheme,
            unit_name="",
            school_year=cell("school_year"),
            measure_key=cell("measure_code"),
            breakdown=cell("breakdown"),
            value=value,
            n=n,
            status=status,
            unit=cell("unit"),
        )
