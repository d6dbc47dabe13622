"""The trend chart of a school's results, drawn with matplotlib as inline SVG (made safe
for the CSP and cached by qnet.charts)."""

from decimal import Decimal

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from django.utils.safestring import mark_safe  # noqa: E402

from qnet.charts import (  # noqa: E402
    accessible_svg,
    cached_svg,
    chart_style,
    figure_svg,
    localize_ticks,
)

SCHOOL_COLOUR = "#1b4f72"
AVERAGE_COLOUR = "#6c757d"
THRESHOLD_COLOUR = "#b02a37"


def trend_chart(
    *,
    chart_key: str,
    title: str,
    years: list[int],
    school: list[Decimal | None],
    average: list[Decimal | None],
    threshold: Decimal,
    school_label: str,
    average_label: str,
    threshold_label: str,
    description: str,
) -> str:
    """A line chart of a school against the authority average, as an accessible inline SVG."""
    inputs = {
        "key": chart_key,
        "title": title,
        "years": years,
        "school": school,
        "average": average,
        "threshold": threshold,
        "labels": [school_label, average_label, threshold_label],
        "description": description,
    }

    def draw() -> str:
        with chart_style({"svg.hashsalt": "qnet"}):
            svg = _draw()
        return accessible_svg(
            svg, chart_key=chart_key, title=title, description=description, css_class="qnet-chart"
        )

    def _draw() -> str:
        figure, axes = plt.subplots(figsize=(5, 3), dpi=100)
        try:
            xs = list(range(len(years)))
            for values, colour, label, marker in (
                (school, SCHOOL_COLOUR, school_label, "o"),
                (average, AVERAGE_COLOUR, average_label, "s"),
            ):
                points = [(x, float(v)) for x, v in zip(xs, values, strict=True) if v is not None]
                if points:
                    axes.plot(*zip(*points, strict=True), color=colour, marker=marker, label=label)
            axes.axhline(
                float(threshold), color=THRESHOLD_COLOUR, linestyle="--", label=threshold_label
            )
            axes.set_xticks(xs, [str(year) for year in years])
            localize_ticks(axes)
            axes.spines[["top", "right"]].set_visible(False)
            axes.legend(
                loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, fontsize=8, frameon=False
            )
            figure.tight_layout()
            return figure_svg(figure)
        finally:
            plt.close(figure)

    # Safe to mark: matplotlib output of numbers and escaped labels (bandit B308/B703 reviewed).
    return mark_safe(cached_svg("trend", inputs, draw))  # noqa: S308  # nosec B308, B703
