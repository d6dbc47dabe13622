import csv
import io
import re
from itertools import islice

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from qnet.exports import csv_response, csv_safe
from qnet.markup import render_markdown


def test_markdown_keeps_formatting_and_drops_script():
    html = render_markdown("**bold** <script>alert(1)</script> [x](javascript:alert(1))")
    assert "<strong>bold</strong>" in html
    assert "<script" not in html
    assert "javascript:" not in html


def test_markdown_of_nothing_is_empty():
    assert render_markdown(None) == ""


def test_csv_safe_neutralises_formulas_and_keeps_text():
    assert csv_safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csv_safe("-5") == "'-5"
    assert csv_safe("School A") == "School A"
    assert csv_safe(None) == ""


def test_csv_response_is_an_attachment_with_safe_cells():
    response = csv_response(filename="x.csv", header=["name"], rows=[["@SUM(A1)"]])
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert "'@SUM(A1)" in response.content.decode("utf-8-sig")


def _cells_as_a_splitting_reader_sees_them(raw: str) -> list[str]:
    """What a spreadsheet that splits on another separator than the file's, or at every
    line break, takes for cells: every piece between , ; tab and line breaks, with the
    spaces and quotes it strips from a cell's start."""
    return [piece.lstrip(' "') for piece in re.split(r"[,;\t\r\n]", raw)]


@pytest.mark.parametrize(
    "text",
    ["x;=HYPERLINK(1)", "x,=cmd", "x\t=cmd", "x\n=cmd", "x\r\n@SUM(A1)", 'x; "=cmd"', "a;+1;-2"],
)
@pytest.mark.parametrize("language", ["en", "de"])
def test_no_piece_of_a_cell_starts_a_formula_for_any_separator(text, language):
    with translation.override(language):
        response = csv_response(filename="x.csv", header=["note"], rows=[[text]])
    raw = response.content.decode("utf-8-sig")
    for cell in _cells_as_a_splitting_reader_sees_them(raw):
        assert not cell.startswith(("=", "+", "-", "@")), (text, cell)
    # A reader that splits on the file's own separator sees the one cell, text intact.
    delimiter = ";" if language == "de" else ","
    rows = list(csv.reader(io.StringIO(raw), delimiter=delimiter))
    assert rows[1] == [csv_safe(text)] and csv_safe(text).replace("'", "") == text.replace("'", "")


@given(st.lists(st.text(), min_size=1, max_size=4))
def test_no_text_makes_a_formula_for_any_reader(cells):
    raw = csv_response(filename="x.csv", header=["a"], rows=[cells]).content.decode("utf-8-sig")
    for cell in _cells_as_a_splitting_reader_sees_them(raw):
        assert not cell.startswith(("=", "+", "-", "@")), (cells, cell)
    assert next(islice(csv.reader(io.StringIO(raw, newline="")), 1, None)) == [
        csv_safe(cell) for cell in cells
    ]


def test_every_cell_is_quoted_so_a_separator_in_the_text_stays_in_its_cell():
    response = csv_response(filename="x.csv", header=["name", "n"], rows=[["A; B", 3]])
    assert response.content.decode("utf-8-sig") == '"name","n"\r\n"A; B","3"\r\n'


@pytest.mark.parametrize(
    ("language", "delimiter"), [("en", ","), ("de", ";"), ("nl", ";"), ("nb", ";")]
)
def test_the_separator_is_the_one_excel_expects_in_the_language(language, delimiter):
    with translation.override(language):
        response = csv_response(filename="x.csv", header=["a", "b"], rows=[["1,5", "2"]])
    assert response.content.decode("utf-8-sig").splitlines()[1] == delimiter.join(['"1,5"', '"2"'])
