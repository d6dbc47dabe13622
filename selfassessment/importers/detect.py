"""Encoding, separator and profile detection, then dispatch to the profile's reader."""

import csv
import io
from collections.abc import Callable

from django.utils.translation import gettext as _

from selfassessment.importers import duo, generic, udir
from selfassessment.importers.base import ImportFileError, ParseResult

PROFILES = {
    udir.PROFILE: udir,
    duo.PROFILE: duo,
    generic.PROFILE: generic,
}
DELIMITERS = [";", "|", ",", "\t"]


def decode(data: bytes) -> tuple[str, str]:
    """The file's text and the encoding it was in: BOMs first, then UTF-8, then cp1252."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ImportFileError(_("The file claims UTF-16 but is damaged.")) from None
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if b"\x00" in data[:4096]:
        raise ImportFileError(
            _("This is not a text file. Export the data as CSV (UTF-8, UTF-16 or Windows-1252).")
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise ImportFileError(
            _("The file's encoding is not UTF-8, UTF-16 or Windows-1252.")
        ) from None


def sniff_delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    if counts[best] == 0:
        raise ImportFileError(
            _("No column separator found in the first line (expected ; | , or tab).")
        )
    return best


def _text(data: bytes) -> tuple[str, str, str]:
    """The file's text, its encoding and its column separator."""
    text, encoding = decode(data)
    text = text.lstrip("\ufeff")
    # A NUL character is never part of a text export (and PostgreSQL cannot store one).
    if "\x00" in text:
        raise ImportFileError(
            _("This is not a text file. Export the data as CSV (UTF-8, UTF-16 or Windows-1252).")
        )
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise ImportFileError(_("The file is empty or its first line is blank."))
    return text, encoding, sniff_delimiter(first_line)


def read_table(data: bytes) -> tuple[list[str], list[tuple[int, list[str]]], str, str]:
    """Header, numbered rows (line numbers as a spreadsheet shows them), encoding, delimiter."""
    text, encoding, delimiter = _text(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        header = [cell.strip() for cell in next(reader)]
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((reader.line_num, row))
    except csv.Error as error:
        raise ImportFileError(
            _("Line %(line)s cannot be read as CSV: %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from None
    return header, rows, encoding, delimiter


def read_header(data: bytes) -> list[str]:
    """Only the header, to refuse a file of the wrong kind before it is stored."""
    text, _encoding, delimiter = _text(data)
    first_line = text.split("\n", 1)[0].rstrip("\r")
    return [cell.strip() for cell in next(csv.reader([first_line], delimiter=delimiter))]


def _reporting(rows: list, progress: Callable[[float], None] | None, every: int = 1000):
    """The rows again, telling `progress` how far reading has come every `every` rows."""
    total = len(rows) or 1
    for number, row in enumerate(rows, start=1):
        if progress is not None and number % every == 0:
            progress(number / total)
        yield row


def detect_profile(header: list[str]) -> str:
    for name, module in PROFILES.items():
        if module.matches(header):
            return name
    raise ImportFileError(
        _(
            "The columns match no known export (Udir statistics bank, DUO exam results or "
            "qnet's generic CSV). Check that the first line is the header."
        )
    )


def parse_file(
    data: bytes,
    *,
    profile: str | None = None,
    school_year: str = "",
    progress: Callable[[float], None] | None = None,
) -> ParseResult:
    header, rows, encoding, delimiter = read_table(data)
    detected = detect_profile(header)
    if profile and profile != detected:
        raise ImportFileError(
            _("This file looks like %(detected)s, not %(chosen)s.")
            % {"detected": PROFILES[detected].LABEL, "chosen": PROFILES[profile].LABEL}
        )
    result = ParseResult(
        profile=detected, encoding=encoding, delimiter=delimiter, school_year=school_year
    )
    PROFILES[detected].parse(header, _reporting(rows, progress), result)
    return result
