"""The results chapter of a focus area: per measure the authority's trend, each school
against the threshold, and every school's figures."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reports import sources
from reports.builders.common import (
    YEARS_SHOWN,
    as_float,
    difference_unless_suppressed,
    fmt,
    is_weak,
    mean_unless_suppressed,
    signed,
)


def _measure_blocks(measure, years, schools, values) -> list[dict]:
    """values: (school_id, year) -> Decimal | None (None = suppressed), missing = no result."""
    unit = f" ({measure.unit})" if measure.unit else ""
    direction = _("higher is better") if measure.higher_is_better else _("lower is better")
    blocks = [
        {"type": "heading", "text": f"{measure.name}{unit}"},
        {
            "type": "note",
            "text": _(
                "Threshold %(threshold)s, %(direction)s. Results from fewer than %(min)s "
                "people are not shown."
            )
            % {
                "threshold": fmt(measure.threshold),
                "direction": direction,
                "min": measure.min_group_size,
            },
        },
    ]
    averages, summary_rows = {}, []
    for year in years:
        year_values = [values[(sid, year)] for sid, _name in schools if (sid, year) in values]
        shown = [v for v in year_values if v is not None]
        averages[year] = mean_unless_suppressed(year_values)
        summary_rows.append(
            {
                "head": str(year),
                "key": year,
                "cells": [
                    fmt(averages[year]),
                    str(len(shown)),
                    str(sum(is_weak(measure, v) for v in shown)),
                    str(len(year_values) - len(shown)),
                ],
            }
        )
    key = f"m{measure.pk}"
    blocks.append(
        {
            "type": "table",
            "id": f"{key}-summary",
            "caption": _("%(measure)s: the authority over the years") % {"measure": measure.name},
            "headers": [
                _("Year"),
                _("Average of all schools"),
                _("Schools with a shown result"),
                _("Schools below the threshold"),
                _("Results not shown (small groups)"),
            ],
            "rows": summary_rows,
        }
    )
    shown_averages = [(y, averages[y]) for y in years if averages[y] is not None]
    blocks.append(
        {
            "type": "chart",
            "id": f"{key}-trend",
            "title": _("%(measure)s: average of all schools by year") % {"measure": measure.name},
            "description": _trend_description(measure, shown_averages, len(years)),
            "chart": {
                "kind": "line",
                "x": [str(year) for year in years],
                "series": [
                    {
                        "label": _("Average of all schools"),
                        "values": [as_float(averages[y]) for y in years],
                    }
                ],
                "threshold": as_float(measure.threshold),
                "threshold_label": _("Threshold"),
                "y_label": measure.unit,
            },
        }
    )
    if years:
        latest = years[-1]
        latest_shown = sorted(
            v for (sid, year), v in values.items() if year == latest and v is not None
        )
        weak = sum(is_weak(measure, v) for v in latest_shown)
        lines = [
            {"label": _("Threshold"), "value": as_float(measure.threshold), "style": "threshold"}
        ]
        if averages[latest] is not None:
            lines.append(
                {"label": _("Average"), "value": as_float(averages[latest]), "style": "average"}
            )
        blocks.append(
            {
                "type": "chart",
                "id": f"{key}-distribution",
                "title": _("%(measure)s %(year)s: each school against the threshold")
                % {"measure": measure.name, "year": latest},
                "description": (
                    ngettext(
                        "%(count)s school has a shown result; %(weak)s of them are on the wrong "
                        "side of the threshold.",
                        "%(count)s schools have a shown result; %(weak)s of them are on the wrong "
                        "side of the threshold.",
                        len(latest_shown),
                    )
                    % {"count": len(latest_shown), "weak": weak}
                    + (
                        " "
                        + _("Lowest %(low)s, highest %(high)s.")
                        % {"low": fmt(latest_shown[0]), "high": fmt(latest_shown[-1])}
                        if latest_shown
                        else ""
                    )
                ),
                "chart": {
                    "kind": "bars",
                    "values": [as_float(v) for v in latest_shown],
                    "lines": lines,
                    "x_label": _("Schools, sorted by result"),
                    "y_label": measure.unit,
                },
            }
        )
    rows = []
    for school_id, name in schools:
        cells = []
        for year in years:
            if (school_id, year) not in values:
                cells.append("")
                continue
            value = values[(school_id, year)]
            cells.append({"t": fmt(value), "weak": value is not None and is_weak(measure, value)})
        if all(cell == "" for cell in cells):
            continue
        change = None
        if len(years) >= 2:
            change = difference_unless_suppressed(
                values.get((school_id, years[-1])), values.get((school_id, years[-2]))
            )
        rows.append({"head": name, "key": school_id, "cells": [*cells, signed(change)]})
    blocks.append(
        {
            "type": "table",
            "id": f"{key}-schools",
            "kind": "schools",
            # The print edition shows these figures in one table per chapter (see below):
            # WeasyPrint spends ~15 ms on every table row, and this is 1 row per school.
            "screen_only": True,
            "measure": {
                "code": measure.code,
                "name": measure.name,
                "threshold": fmt(measure.threshold),
            },
            "caption": _("%(measure)s by school") % {"measure": measure.name},
            "headers": [
                _("School"),
                *[str(year) for year in years],
                _("Change on the year before"),
            ],
            "rows": rows,
            "note": _(
                "— : not shown, because the group is too small or a shown figure would reveal "
                "it. ▼ : on the wrong side of the threshold. An empty cell: no result."
            ),
        }
    )
    return blocks


def _trend_description(measure, shown_averages, year_count) -> str:
    if not shown_averages:
        return _("No average can be shown for any year: every year includes a small group.")
    first_year, first = shown_averages[0]
    last_year, last = shown_averages[-1]
    text = _("The average went from %(first)s in %(first_year)s to %(last)s in %(last_year)s.") % {
        "first": fmt(first),
        "first_year": first_year,
        "last": fmt(last),
        "last_year": last_year,
    }
    hidden = year_count - len(shown_averages)
    if hidden:
        text += " " + ngettext(
            "%(count)s year is not shown because it includes a small group.",
            "%(count)s years are not shown because they include a small group.",
            hidden,
        ) % {"count": hidden}
    return text


def build_focus_area_results(*, authority_id: int, year: int, focus_area_id: int | None) -> dict:
    if focus_area_id is None:
        return {"blocks": [{"type": "note", "text": _("This chapter has no focus area.")}]}
    measures = sources.measures_of_focus_area(focus_area_id)
    years = sources.result_years(authority_id=authority_id, up_to=year, count=YEARS_SHOWN)
    if not measures or not years:
        return {
            "blocks": [{"type": "note", "text": _("There are no results for this focus area yet.")}]
        }
    schools = sources.authority_schools(authority_id)
    by_measure: dict[int, dict] = {m.pk: {} for m in measures}
    minimum = {m.pk: m.min_group_size for m in measures}
    for row in sources.results_of(
        authority_id=authority_id, measure_ids=list(by_measure), years=years
    ):
        # Suppression happens here, once: nothing downstream ever sees the hidden value.
        by_measure[row.measure_id][(row.school_id, row.year)] = row.shown_value(
            minimum[row.measure_id]
        )
    blocks = []
    for measure in measures:
        blocks.extend(_measure_blocks(measure, years, schools, by_measure[measure.pk]))
    blocks.append(_print_matrix(measures, years[-1], schools, by_measure))
    return {"blocks": blocks}


def _print_matrix(measures, year, schools, by_measure) -> dict:
    """Every school's result in the report year on every measure of the chapter."""
    rows = []
    for school_id, name in schools:
        cells = []
        for measure in measures:
            if (school_id, year) not in by_measure[measure.pk]:
                cells.append("")
                continue
            value = by_measure[measure.pk][(school_id, year)]
            cells.append({"t": fmt(value), "weak": value is not None and is_weak(measure, value)})
        if any(cell != "" for cell in cells):
            rows.append({"head": name, "key": school_id, "cells": cells})
    return {
        "type": "table",
        "id": "by-school",
        "print_only": True,
        "caption": _("Results of every school in %(year)s") % {"year": year},
        "headers": [_("School"), *[m.name for m in measures]],
        "rows": rows,
        "note": _(
            "— : not shown, because the group is too small. ▼ : on the wrong side of the "
            "threshold. An empty cell: no result. The web edition shows every year."
        ),
    }
