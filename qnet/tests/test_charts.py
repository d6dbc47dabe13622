from decimal import Decimal

from qnet.charts import accessible_svg, cached_svg
from selfassessment.charts import trend_chart

SVG = '<?xml?><svg width="10pt" height="5pt"><style>a{}</style><g id="x" style="fill: #000"/></svg>'


def test_a_chart_is_drawn_once_for_the_same_inputs_and_again_for_new_ones():
    drawn = []

    def draw():
        drawn.append(1)
        return f"<svg>{len(drawn)}</svg>"

    first = cached_svg("test", {"values": [Decimal("1.5"), None]}, draw)
    again = cached_svg("test", {"values": [Decimal("1.5"), None]}, draw)
    other = cached_svg("test", {"values": [Decimal("1.6"), None]}, draw)
    assert first == again == "<svg>1</svg>"
    assert other == "<svg>2</svg>"
    assert len(drawn) == 2


def test_the_svg_has_no_inline_css_unique_ids_and_a_label():
    svg = accessible_svg(SVG, chart_key="Read 5", title="T <1>", description="D", css_class="c")
    assert "style" not in svg
    assert 'id="chart-read-5-x"' in svg and 'fill="#000"' in svg
    assert svg.startswith('<svg role="img" aria-labelledby="chart-read-5-t chart-read-5-d"')
    assert '<title id="chart-read-5-t">T &lt;1&gt;</title>' in svg


def test_a_school_chart_changes_when_its_results_change():
    common = {
        "chart_key": "read",
        "title": "Reading",
        "years": [2024, 2025],
        "average": [Decimal("47"), Decimal("48")],
        "threshold": Decimal("48"),
        "school_label": "School",
        "average_label": "Average",
        "threshold_label": "Threshold",
        "description": "d",
    }
    before = trend_chart(school=[Decimal("45"), Decimal("46")], **common)
    after = trend_chart(school=[Decimal("45"), Decimal("49")], **common)
    assert before != after
    assert before == trend_chart(school=[Decimal("45"), Decimal("46")], **common)


def _tick_labels(language: str) -> list[str]:
    import matplotlib.pyplot as plt
    from django.utils import translation

    from qnet.charts import localize_ticks

    with translation.override(language):
        figure, axes = plt.subplots()
        try:
            axes.plot([0, 1, 2], [45.5, 46.0, 47.5])
            axes.set_xticks([0, 1, 2], ["2023", "2024", "2025"])
            localize_ticks(axes)
            figure.canvas.draw()
            return [label.get_text() for label in axes.get_yticklabels()], [
                label.get_text() for label in axes.get_xticklabels()
            ]
        finally:
            plt.close(figure)


def test_chart_ticks_have_a_decimal_comma_in_german_dutch_and_norwegian():
    english, years = _tick_labels("en")
    assert "46.00" in english and not any("," in label for label in english)
    assert years == ["2023", "2024", "2025"]
    for language in ("de", "nl", "nb"):
        ticks, years = _tick_labels(language)
        assert "46,00" in ticks, (language, ticks)
        assert not any("." in label for label in ticks)
        # Named ticks are left as they were.
        assert years == ["2023", "2024", "2025"]


def test_a_trend_chart_is_drawn_and_cached_per_language():
    from django.utils import translation

    common = {
        "chart_key": "read-lang",
        "title": "Reading",
        "years": [2024, 2025],
        "school": [Decimal("45.5"), Decimal("46.5")],
        "average": [Decimal("47"), Decimal("48")],
        "threshold": Decimal("48"),
        "school_label": "School",
        "average_label": "Average",
        "threshold_label": "Threshold",
        "description": "d",
    }
    with translation.override("en"):
        english = trend_chart(**common)
    with translation.override("de"):
        german = trend_chart(**common)
    assert ">46.0<" in english.replace(" ", "")
    assert ">46,0<" in german.replace(" ", "")
