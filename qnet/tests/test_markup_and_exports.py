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
