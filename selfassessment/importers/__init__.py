"""Reading results files as the official systems export them (Udir, DUO) or in qnet's
generic long format, into one normalised shape. Nothing here touches the database: the
services map the parsed values to measures and schools, preview and commit them.
"""

from selfassessment.importers.base import (
    ErrorLog,
    ImportFileError,
    ParsedValue,
    ParseResult,
    RowError,
    Status,
)
from selfassessment.importers.detect import PROFILES, parse_file

__all__ = [
    "PROFILES",
    "ErrorLog",
    "ImportFileError",
    "ParseResult",
    "ParsedValue",
    "RowError",
    "Status",
    "parse_file",
]
