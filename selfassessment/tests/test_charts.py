from decimal import Decimal

from selfassessment.charts import trend_chart


def chart(**overrides):
    arguments = {
        "chart_key": "read 5",
        "title": "Reading <grade 5>",
        "years": [2023, 2024, 2025],
        "school": [Decimal("47"), None, Decimal("49")],
        "average": [Decimal("48"), Decimal("48.5"), None],
        "threshold": Decimal("48"),
        "school_label": "School A",
        "average_label": "Average",
        "threshold_label": "Threshold",
        "description": "School A: 2023: 47, 2024: —, 2025: 49.",
        **overrides,
    }
    return trend_chart(**arguments)


def test_the_chart_is_an_accessible_inline_svg():
    svg = chart()
    assert svg.startswith('<svg role="img" aria-labelledby="chart-read-5-t chart-read-5-d"')
    assert '<title id="chart-read-5-t">Reading &lt;grade 5&gt;</title>' in svg
    assert "School A: 2023: 47, 2024: —, 2025: 49." in svg


def test_the_chart_carries_no_inline_css_for_the_strict_csp():
    svg = chart()
    assert "style=" not in svg and "<style" not in svg
    assert 'fill="#ffffff"' in svg


def test_two_charts_on_one_page_share_no_element_ids():
    import re

    first = set(re.findall(r'id="([^"]+)"', chart(chart_key="a")))
    second = set(re.findall(r'id="([^"]+)"', chart(chart_key="b")))
    assert first and not first & second


def test_a_school_name_in_matplotlib_math_is_drawn_as_typed():
    svg = trend_chart(
        chart_key="math",
        title="Reading",
        years=[2024, 2025],
        school=[Decimal("45"), Decimal("46")],
        average=[Decimal("47"), Decimal("48")],
        threshold=Decimal("48"),
        school_label="$\\undefinedcmd$ school",
        average_label="$x^{$",
        threshold_label="Threshold",
        description="d",
    )
    assert "$\\undefinedcmd$ school" in svg
