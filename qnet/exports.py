"""CSV downloads that are safe to open in a spreadsheet, laid out as the reader's opens them.

Every CSV download goes through `csv_response` (tests/test_csv_downloads.py checks that no
other module writes CSV).
"""

import csv
import re

from django.http import HttpResponse
from django.utils.formats import get_format

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Quoting keeps a separator inside its cell only for a reader that splits on the file's
# own separator and honours quotes. German, Dutch and Norwegian Excel split a ","-file on
# ";", English Excel a ";"-file on ",", and some readers start a row at every line break:
# so any text right after one of these characters may be read as the start of a cell.
# A formula start there (perhaps behind spaces or a quote, which readers skip or strip)
# gets the same apostrophe as one at the start of the cell.
_FORMULA_AT_A_CELL_START = re.compile(r'(^|[,;\t\r\n])(?=[ "]*[=+\-@\t\r])')


def csv_safe(value) -> str:
    """The cell's text with every place a spreadsheet could start a formula neutralised."""
    text = "" if value is None else str(value)
    return _FORMULA_AT_A_CELL_START.sub(r"\1'", text)


def csv_delimiter() -> str:
    """The separator Excel expects when it opens a CSV file by double-click: ";" where the
    active language writes decimals with a comma (de, nl, nb), "," elsewhere (en)."""
    return ";" if get_format("DECIMAL_SEPARATOR") == "," else ","


def csv_response(*, filename: str, header: list[str], rows) -> HttpResponse:
    """A CSV attachment with a BOM (so Excel reads UTF-8), the active language's separator,
    every cell quoted and neutralised."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=csv_delimiter(), quoting=csv.QUOTE_ALL)
    writer.writerow([csv_safe(cell) for cell in header])
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
    return response
