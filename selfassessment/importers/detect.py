"""Encoding, separator and profile detection, then dispatch to the profile's reader.

A file is read as a stream, a line at a time, and never held whole: an export of 50 MB
would otherwise take a worker gigabytes as bytes, text, rows and values all at once.
"""

import csv
import io
from collections.abc import Callable, Iterator
from itertools import chain
from typing import BinaryIO

from django.utils.translation import gettext as _

from qnet.csv_files import CHUNK, detect_encoding, not_text_error, sniff_delimiter
from selfassessment.importers import duo, generic, udir
from selfassessment.importers.base import ImportFileError, ParsedValue, ParseResult

PROFILES = {
    udir.PROFILE: udir,
    duo.PROFILE: duo,
    generic.PROFILE: generic,
}
# No export has lines or column names near these; a file that does is not one.
MAX_LINE_CHARS = 1024 * 1024
# As long as a source measure may be (MeasureMapping.source_key).
MAX_COLUMN_NAME = 300
PROGRESS_EVERY = 1000


class _Borrowed(io.RawIOBase):
    """The stored file as a text reader wants it: closing the reader leaves the file open
    (its owner closes it), and the bytes read so far tell how far reading has come."""

    def __init__(self, stream: BinaryIO):
        self._stream = stream
        self.position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        self.position += len(data)
        return len(data)


def _lines(text: io.TextIOWrapper) -> Iterator[str]:
    """The file's lines, each of bounded length; a NUL ends the read with a message."""
    while line := text.readline(MAX_LINE_CHARS + 1):
        if len(line) > MAX_LINE_CHARS:
            raise ImportFileError(
                _("A line of the file is longer than %(max)s characters.") % {"max": MAX_LINE_CHARS}
            )
        # Never part of a text export (and PostgreSQL cannot store one).
        if "\x00" in line:
            raise not_text_error()
        yield line


class _Table:
    """A file opened as CSV: its header, separator and encoding, then its rows on demand."""

    def __init__(self, stream: BinaryIO):
        self.encoding = detect_encoding(stream)
        stream.seek(0, io.SEEK_END)
        self.size = max(1, stream.tell())
        stream.seek(0)
        self._raw = _Borrowed(stream)
        text = io.TextIOWrapper(io.BufferedReader(self._raw, CHUNK), self.encoding, newline="")
        lines = _lines(text)
        first = next(lines, "").lstrip("\ufeff")
        if not first.strip():
            raise ImportFileError(_("The file is empty or its first line is blank."))
        self.delimiter = sniff_delimiter(first)
        # Split plainly first: a cell beyond the csv module's own limit must get this
        # message too, not "field larger than field limit".
        parts = first.rstrip("\r\n").split(self.delimiter)
        if any(len(part) > MAX_COLUMN_NAME + 2 for part in parts):
            raise self._long_column_name()
        self._reader = csv.reader(chain([first], lines), delimiter=self.delimiter)
        self.header = [cell.strip() for cell in self._next_row() or []]
        if any(len(cell) > MAX_COLUMN_NAME for cell in self.header):
            raise self._long_column_name()

    @staticmethod
    def _long_column_name() -> ImportFileError:
        return ImportFileError(
            _(
                "A column name in the first line is longer than %(max)s characters: is the "
                "first line the header?"
            )
            % {"max": MAX_COLUMN_NAME}
        )

    def _next_row(self) -> list[str] | None:
        try:
            return next(self._reader, None)
        except csv.Error as error:
            raise ImportFileError(
                _("Line %(line)s cannot be read as CSV: %(error)s")
                % {"line": self._reader.line_num, "error": error}
            ) from None

    def rows(self, progress: Callable[[float], None] | None) -> Iterator[tuple[int, list[str]]]:
        """Numbered rows (line numbers as a spreadsheet shows them), blank ones left out."""
        while (row := self._next_row()) is not None:
            if any(cell.strip() for cell in row):
                yield self._reader.line_num, row
            if progress is not None and self._reader.line_num % PROGRESS_EVERY == 0:
                progress(self._raw.position / self.size)


def _as_stream(source: BinaryIO | bytes) -> BinaryIO:
    return io.BytesIO(source) if isinstance(source, bytes) else source


def read_header(source: BinaryIO | bytes) -> list[str]:
    """Only the header, to refuse a file of the wrong kind before it is stored."""
    return _Table(_as_stream(source)).header


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


def _counted(values: Iterator[ParsedValue], result: ParseResult) -> Iterator[ParsedValue]:
    for value in values:
        if value.comparison:
            result.comparisons_read += 1
        else:
            result.values_read += 1
        yield value


def parse_file(
    source: BinaryIO | bytes,
    *,
    profile: str | None = None,
    school_year: str = "",
    progress: Callable[[float], None] | None = None,
) -> ParseResult:
    """Read the header at once (a wrong file is refused here); the values follow as the
    result's `values` are iterated, which must happen while `source` is open."""
    table = _Table(_as_stream(source))
    detected = detect_profile(table.header)
    if profile and profile != detected:
        raise ImportFileError(
            _("This file looks like %(detected)s, not %(chosen)s.")
            % {"detected": PROFILES[detected].LABEL, "chosen": PROFILES[profile].LABEL}
        )
    result = ParseResult(
        profile=detected,
        encoding=table.encoding,
        delimiter=table.delimiter,
        school_year=school_year,
    )
    values = PROFILES[detected].parse(table.header, table.rows(progress), result)
    result.values = _counted(values, result)
    return result
