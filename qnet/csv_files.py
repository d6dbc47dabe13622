"""Reading the encoding and the column separator of an uploaded CSV file, the way the
files people bring are written: UTF-8 (with or without BOM), UTF-16 with BOM, or what
Excel saves as plain "CSV" on Windows in Western Europe (Windows-1252); `;` where the
decimal comma rules, `,` elsewhere, sometimes `|` or a tab.

Used by the results import (selfassessment.importers), which streams files of 50 MB,
and by the operators' organisation import (qnet.organisation_import).
"""

import codecs
from typing import BinaryIO

from django.utils.translation import gettext as _

DELIMITERS = [";", "|", ",", "\t"]
CHUNK = 64 * 1024


class CSVFileError(ValueError):
    """The file as a whole cannot be read (encoding, separator, header, profile)."""


def not_text_error() -> CSVFileError:
    return CSVFileError(
        _("This is not a text file. Export the data as CSV (UTF-8, UTF-16 or Windows-1252).")
    )


def _damaged(encoding: str) -> CSVFileError:
    if encoding == "utf-16":
        return CSVFileError(_("The file claims UTF-16 but is damaged."))
    if encoding == "utf-8-sig":
        return CSVFileError(
            _(
                "The file claims UTF-8 but holds bytes that are not UTF-8. Save it again as "
                "“CSV UTF-8” and upload it."
            )
        )
    return CSVFileError(_("The file's encoding is not UTF-8, UTF-16 or Windows-1252."))


def _decodes(stream: BinaryIO, encoding: str) -> bool:
    """Whether the whole file is text in `encoding`: one pass, a chunk at a time."""
    decoder = codecs.getincrementaldecoder(encoding)()
    stream.seek(0)
    try:
        while chunk := stream.read(CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(stream: BinaryIO) -> str:
    """BOMs first, then UTF-8 if every byte of the file is UTF-8, else Windows-1252.

    The whole file is checked here, so a byte its encoding cannot decode is a message
    about the file before anything is read, wherever the byte is.
    """
    stream.seek(0)
    head = stream.read(4096)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif b"\x00" in head:
        raise not_text_error()
    elif _decodes(stream, "utf-8"):
        return "utf-8"
    else:
        encoding = "cp1252"
    if not _decodes(stream, encoding):
        raise _damaged(encoding)
    return encoding


def sniff_delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    if counts[best] == 0:
        raise CSVFileError(
            _("No column separator found in the first line (expected ; | , or tab).")
        )
    return best
