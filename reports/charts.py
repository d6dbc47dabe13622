"""Charts drawn from a chapter's data with matplotlib (Agg), as inline vector SVG.

The same SVG goes into the web page and the PDF. matplotlib writes CSS into `style`
attributes and a <style> element, which the portal's CSP forbids; they are rewritten to
presentation attributes. Text stays text (qnet.charts.chart_style), so the PDF embeds it
with the document's fonts and readers can select it.
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from qnet.charts import (  # noqa: E402
    accessible_svg,
    cached_svg,
    chart_style,
    figure_svg,
    localize_ticks,
)

MAIN = "#1b4f72"
SECOND = "#6c757d"
THRESHOLD = "#b02a37"
LEVEL_COLOURS = ["#b02a37", "#e0a800", "#3f8f5f", "#1b4f72"]


def _line(axes, chart):
    xs = list(range(len(chart["x"])))
    for colour, series in zip((MAIN, SECOND), chart["series"], strict=False):
        points = [(x, v) for x, v in zip(xs, series["values"], strict=True) if v is not None]
        if points:
            axes.plot(*zip(*points, strict=True), color=colour, marker="o", label=series["label"])
    if chart.get("threshold") is not None:
        axes.axhline(
            chart["threshold"], color=THRESHOLD, linestyle="--", label=chart["threshold_label"]
        )
    axes.set_xticks(xs, chart["x"])
    if chart.get("y_label"):
        axes.set_ylabel(chart["y_label"])


def _bars(axes, chart):
    values = chart["values"]
    # One filled step path instead of a bar per school: 200 schools stay one SVG element.
    if values:
        # Start the axis near the data, not at zero: differences between schools and to
        # the threshold are what the chart is for.
        marks = [*values, *(line["value"] for line in chart.get("lines", []))]
        low, high = min(marks), max(marks)
        floor = low - max((high - low) * 0.25, abs(low) * 0.02, 0.1)
        axes.stairs(values, fill=True, color=MAIN, baseline=floor)
        axes.set_xlim(0, len(values))
        axes.set_ylim(floor, high + (high - floor) * 0.05)
    for line in chart.get("lines", []):
        threshold = line.get("style") == "threshold"
        axes.axhline(
            line["value"],
            color=THRESHOLD if threshold else SECOND,
            linestyle="--" if threshold else ":",
            label=line["label"],
            zorder=3,
        )
    axes.set_xticks([])
    axes.set_xlabel(chart["x_label"])
    if chart.get("y_label"):
        axes.set_ylabel(chart["y_label"])


def _stacked(axes, chart):
    categories = chart["categories"]
    left = [0] * len(categories)
    ys = list(range(len(categories)))
    for colour, series in zip(LEVEL_COLOURS, chart["series"], strict=False):
        axes.barh(ys, series["values"], left=left, color=colour, label=series["label"])
        left = [a + b for a, b in zip(left, series["values"], strict=True)]
    axes.set_yticks(ys, [c if len(c) < 40 else c[:38] + "…" for c in categories])
    axes.invert_yaxis()


def _hbars(axes, chart):
    ys = list(range(len(chart["categories"])))
    axes.barh(ys, chart["values"], color=MAIN)
    axes.set_yticks(ys, chart["categories"])
    axes.invert_yaxis()
    axes.set_xlabel(chart["x_label"])


_DRAW = {"line": _line, "bars": _bars, "stacked": _stacked, "hbars": _hbars}


def chart_svg(*, chart_id: str, title: str, description: str, chart: dict) -> str:
    """An accessible inline SVG: role img, labelled by its title and description."""
    inputs = {"id": chart_id, "title": title, "description": description, "chart": chart}

    def draw() -> str:
        # A fixed salt keeps the output byte-identical between runs for the same data.
        with chart_style({"svg.hashsalt": "qnet-reports", "font.family": "DejaVu Sans"}):
            svg = _draw()
        return accessible_svg(
            svg,
            chart_key=chart_id,
            title=title,
            description=description,
            css_class="report-chart",
        )

    def _draw() -> str:
        height = 3.0
        if chart["kind"] in ("stacked", "hbars"):
            height = max(2.0, 0.45 * len(chart["categories"]) + 1.2)
        figure, axes = plt.subplots(figsize=(6.4, height), dpi=100)
        try:
            _DRAW[chart["kind"]](axes, chart)
            localize_ticks(axes)
            axes.spines[["top", "right"]].set_visible(False)
            handles, _labels = axes.get_legend_handles_labels()
            if handles:
                axes.legend(
                    loc="upper center",
                    bbox_to_anchor=(0.5, -0.18 if chart["kind"] != "stacked" else -0.1),
                    ncol=4,
                    fontsize=8,
                    frameon=False,
                )
            figure.tight_layout()
            return figure_svg(figure)
        finally:
            plt.close(figure)

    # The page and the PDF of a published report draw the same charts from the same frozen
    # snapshot on every request: cached, they are drawn once.
    return cached_svg("report", inputs, draw)
