import pytest

from reports.charts import chart_svg

MATH = "$\\undefinedcmd$ $x^{$"

CHARTS = {
    "line": {
        "kind": "line",
        "x": ["2024", MATH],
        "series": [{"label": MATH, "values": [1.0, 2.0]}],
        "threshold": 1.5,
        "threshold_label": MATH,
        "y_label": MATH,
    },
    "bars": {
        "kind": "bars",
        "values": [1.0, 2.0, 3.0],
        "lines": [{"value": 2.0, "label": MATH, "style": "threshold"}],
        "x_label": MATH,
        "y_label": MATH,
    },
    "stacked": {
        "kind": "stacked",
        "categories": [MATH, "Reading"],
        "series": [{"label": MATH, "values": [1, 2]}],
    },
    "hbars": {"kind": "hbars", "categories": [MATH], "values": [3.0], "x_label": MATH},
}


@pytest.mark.parametrize("kind", sorted(CHARTS))
def test_labels_in_matplotlib_math_are_drawn_as_typed(kind):
    svg = chart_svg(chart_id=f"math-{kind}", title="T", description="D", chart=CHARTS[kind])
    assert "$\\undefinedcmd$" in svg
