"""Udir statistics bank CSV (national tests; grades, completion and pupil survey share it).

Nine leading columns name the unit; every further column is
`<school year>.<subject>.<grade>.<ownership>.<gender>.<measure>`. `*` means suppressed;
an empty value with 0 participants means nobody was tested. Only 9-digit organisation
numbers at level 4 are schools; country, county and municipality rows are comparisons.
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from selfassessment.importers.base import (
    Level,
    ParsedValue,
    ParseResult,
    Status,
    parse_count,
    parse_decimal,
)

PROFILE = "udir"
LABEL = gettext_lazy("Udir statistics bank")
LEADING = [
    "EnhetNivaa", "Nasjonaltkode", "Fylkekode", "Kommunekode", "Organisasjonsnummer",
    "Nasjonalt", "Fylke", "Kommune", "EnhetNavn",
]  # fmt: skip
PARTICIPANTS = "Antall elever deltatt"
# The uncertainty and the number tested describe a score; they are no measure of their own.
SKIPPED_BY_DEFAULT = ("Usikkerhet", PARTICIPANTS)
LEVELS = {"1": Level.COUNTRY, "2": Level.COUNTY, "3": Level.MUNICIPALITY, "4": Level.SCHOOL}


def matches(header: list[str]) -> bool:
    return "Organisasjonsnummer" in header and "EnhetNivaa" in header


def _split(column: str) -> tuple[str, str, str] | None:
    """(school year, measure key, breakdown) of a wide column, or None if it isn't one.

    The grade itself contains a dot ("5. årstrinn"), so the parts are taken from both ends.
    """
    parts = column.split(".")
    if len(parts) < 6:
        return None
    year, subject = parts[0], parts[1]
    ownership, gender, measure = parts[-3], parts[-2], parts[-1]
    grade = ".".join(parts[2:-3])
    return year, f"{subject} · {grade} · {measure}", f"{ownership} · {gender}"


def parse(header: list[str], rows, result: ParseResult) -> Iterator[ParsedValue]:
    required = ("EnhetNivaa", "Organisasjonsnummer", "EnhetNavn")
    missing = [name for name in required if name not in header]
    if missing:
        result.errors.add(1, _("Missing columns: %(names)s.") % {"names": ", ".join(missing)})
        return
    index = {name: i for i, name in enumerate(header)}
    wide = [(i, _split(name)) for i, name in enumerate(header) if name not in LEADING]
    if any(split is None for _i, split in wide) or not wide:
        result.errors.add(1, _("The value columns are not in Udir's dotted form."))
        return
    # The participants column of the same year/subject/grade/group gives n for its siblings.
    n_column = {}
    for i, (year, key, breakdown) in wide:
        if key.endswith(PARTICIPANTS):
            n_column[(year, key.rsplit(" · ", 1)[0], breakdown)] = i
    for line, row in rows:
        result.rows_read += 1
        if len(row) != len(header):
            result.errors.add(
                line,
                _("Expected %(expected)s columns, found %(found)s (is the file truncated?).")
                % {"expected": len(header), "found": len(row)},
            )
            continue
        level = LEVELS.get(row[index["EnhetNivaa"]].strip())
        official_id = row[index["Organisasjonsnummer"]].strip()
        if level is None:
            result.errors.add(line, _("Unknown unit level."))
            continue
        is_school = level == Level.SCHOOL and len(official_id) == 9 and official_id.isdigit()
        for i, (year, key, breakdown) in wide:
            n_index = n_column.get((year, key.rsplit(" · ", 1)[0], breakdown))
            try:
                n = _participants(row[n_index]) if n_index is not None else None
                status, value = _value(row[i], n)
            except ValueError as error:
                result.errors.add(line, f"{header[i]}: {error}")
                continue
            yield ParsedValue(
                line=line,
                official_id=official_id,
                id_scheme="no_orgnr",
                unit_name=row[index["EnhetNavn"]].strip(),
                school_year=year,
                measure_key=key,
                breakdown=breakdown,
                value=value,
                n=n,
                status=status,
                level=level,
                comparison=not is_school,
            )


def _participants(raw: str) -> int | None:
    raw = raw.strip()
    if raw in ("", "*"):
        return None
    return parse_count(raw)


def _value(raw: str, n: int | None):
    raw = raw.strip()
    if raw == "*":
        return Status.SUPPRESSED, None
    if raw == "":
        if n in (0, None):
            return Status.NO_PUPILS, None
        raise ValueError(_("empty, but %(n)s pupils took part") % {"n": n})
    return Status.REPORTED, parse_decimal(raw)
