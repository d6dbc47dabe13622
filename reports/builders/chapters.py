"""The standing chapters: self-assessment overview, follow-up, network activity, free text."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reports import sources
from reports.builders.common import fmt

LEVEL_LABELS = {1: "1", 2: "2", 3: "3", 4: "4"}


def build_self_assessment_overview(*, authority_id: int, year: int) -> dict:
    cycle = sources.cycle_for_year(authority_id, year)
    if cycle is None:
        return {
            "blocks": [
                {
                    "type": "note",
                    "text": _("There was no self-assessment cycle in %(year)s.") % {"year": year},
                }
            ]
        }
    school_count, counts = sources.assessment_status_counts(cycle)
    submitted = sum(counts.get(s, 0) for s in ("submitted", "returned", "accepted"))
    blocks = [
        {
            "type": "figures",
            "items": [
                {"label": _("Schools in the cycle"), "value": str(school_count)},
                {"label": _("Self-assessments submitted"), "value": str(submitted)},
                {"label": _("Accepted by the authority"), "value": str(counts.get("accepted", 0))},
                {"label": _("Returned for revision"), "value": str(counts.get("returned", 0))},
                {
                    "label": _("Not yet submitted"),
                    "value": str(max(school_count - submitted, 0)),
                },
            ],
        }
    ]
    levels = sources.rating_levels_by_focus_area(cycle)
    indicators = sources.indicator_count_by_focus_area(cycle.plan)
    focus_areas = sources.focus_areas_of(cycle.plan)
    rows, series = [], {level: [] for level in LEVEL_LABELS}
    for focus_area in focus_areas:
        counts_here = levels.get(focus_area.pk, {})
        cells = [str(counts_here.get(level, 0)) for level in LEVEL_LABELS]
        cells.append(str(counts_here.get(None, 0)))
        cells.append(str(indicators.get(focus_area.pk, 0)))
        rows.append({"head": focus_area.title, "key": focus_area.pk, "cells": cells})
        for level in LEVEL_LABELS:
            series[level].append(counts_here.get(level, 0))
    level_names = [
        _("Not yet in place"),
        _("Started"),
        _("Established"),
        _("Embedded"),
    ]
    blocks.append(
        {
            "type": "table",
            "id": "sa-levels",
            "caption": _(
                "How the schools rated themselves, by focus area (submitted self-assessments)"
            ),
            "headers": [
                _("Focus area"),
                *[
                    f"{n} – {name}"
                    for n, name in zip(LEVEL_LABELS.values(), level_names, strict=True)
                ],
                _("Not rated"),
                _("Signs of good practice"),
            ],
            "rows": rows,
        }
    )
    if rows:
        totals = {level: sum(series[level]) for level in LEVEL_LABELS}
        blocks.append(
            {
                "type": "chart",
                "id": "sa-levels-chart",
                "title": _("Self-assessment ratings by focus area"),
                "description": _(
                    "Across all focus areas, %(l1)s ratings say not yet in place, %(l2)s started, "
                    "%(l3)s established and %(l4)s embedded."
                )
                % {f"l{level}": totals[level] for level in LEVEL_LABELS},
                "chart": {
                    "kind": "stacked",
                    "categories": [f.title for f in focus_areas],
                    "series": [
                        {"label": name, "values": series[level]}
                        for level, name in zip(LEVEL_LABELS, level_names, strict=True)
                    ],
                },
            }
        )
    return {"blocks": blocks}


# --- follow-up ------------------------------------------------------------------------


AGREEMENT_STATES = [
    ("open", "Open"),
    ("in_progress", "In progress"),
    ("done", "Done"),
    ("dropped", "Dropped"),
]


def build_follow_up(*, authority, year: int) -> dict:
    years, flagged = sources.follow_up(authority)
    agreements = sources.agreement_counts(authority_id=authority.pk, year=year)
    state_labels = {
        "open": _("Open"),
        "in_progress": _("In progress"),
        "done": _("Done"),
        "dropped": _("Dropped"),
    }
    blocks = [
        {
            "type": "figures",
            "items": [
                {
                    "label": _("Schools followed up for weak results"),
                    "value": str(len({item.school.pk for item in flagged})),
                },
                {
                    "label": _("Agreements made in %(year)s") % {"year": year},
                    "value": str(sum(agreements.values())),
                },
            ],
        }
    ]
    rows = []
    for item in flagged:
        cells = [
            {"t": fmt(figure.value), "weak": figure.weak} if not figure.missing else ""
            for _year, figure in item.figures
        ]
        cells.append(str(item.weak_years))
        cells.append(str(len(item.open_agreements)))
        rows.append(
            {
                "head": f"{item.school.name} · {item.measure.name}",
                "key": item.school.pk,
                "cells": cells,
            }
        )
    blocks.append(
        {
            "type": "table",
            "id": "follow-up",
            "caption": _("Schools with results on the wrong side of the threshold"),
            "headers": [
                _("School and measure"),
                *[str(y) for y in years],
                _("Years below the threshold"),
                _("Open agreements"),
            ],
            "rows": rows,
            "note": _("— : not shown, because the group is too small."),
        }
    )
    blocks.append(
        {
            "type": "table",
            "id": "agreements",
            "caption": _("Agreements from the %(year)s dialogue meetings, by state")
            % {"year": year},
            "headers": [_("State"), _("Agreements")],
            "rows": [
                {
                    "head": state_labels[state],
                    "key": state,
                    "cells": [str(agreements.get(state, 0))],
                }
                for state, _label in AGREEMENT_STATES
            ],
        }
    )
    return {"blocks": blocks}


# --- network activity -------------------------------------------------------------------


def build_network_activity(*, authority_id: int, year: int) -> dict:
    kinds = sources.events_held_by_kind(authority_id=authority_id, year=year)
    participation = sources.participation_by_school(authority_id=authority_id, year=year)
    schools = sources.authority_schools(authority_id)
    coalitions = sources.coalitions_active_in(authority_id=authority_id, year=year)
    taking_part = sum(1 for sid, _n in schools if participation.get(sid, (0, 0))[0])
    blocks = [
        {
            "type": "figures",
            "items": [
                {"label": _("Network meetings held"), "value": str(sum(k[2] for k in kinds))},
                {
                    "label": _("Schools that took part"),
                    "value": _("%(part)s of %(all)s") % {"part": taking_part, "all": len(schools)},
                },
                {"label": _("Coalitions and learning networks"), "value": str(len(coalitions))},
            ],
        },
        {
            "type": "table",
            "id": "events",
            "caption": _("Meetings held in %(year)s, by format") % {"year": year},
            "headers": [_("Format"), _("Meetings"), _("Participants")],
            "rows": [
                {"head": label, "key": kind, "cells": [str(events), str(people)]}
                for kind, label, events, people in kinds
            ],
        },
    ]
    if kinds:
        blocks.append(
            {
                "type": "chart",
                "id": "events-chart",
                "title": _("Meetings held in %(year)s, by format") % {"year": year},
                "description": "; ".join(
                    ngettext(
                        "%(label)s: %(count)s meeting", "%(label)s: %(count)s meetings", events
                    )
                    % {"label": label, "count": events}
                    for _kind, label, events, _people in kinds
                ),
                "chart": {
                    "kind": "hbars",
                    "categories": [label for _kind, label, _e, _p in kinds],
                    "values": [events for _kind, _label, events, _p in kinds],
                    "x_label": _("Meetings"),
                },
            }
        )
    blocks.append(
        {
            "type": "table",
            "id": "participation",
            "caption": _("Participation by school in %(year)s") % {"year": year},
            "headers": [_("School"), _("Meetings attended"), _("People who took part")],
            "rows": [
                {
                    "head": name,
                    "key": sid,
                    "cells": [
                        str(participation.get(sid, (0, 0))[0]),
                        str(participation.get(sid, (0, 0))[1]),
                    ],
                }
                for sid, name in schools
            ],
        }
    )
    blocks.append(
        {
            "type": "table",
            "id": "coalitions",
            "caption": _("Coalitions and learning networks in %(year)s") % {"year": year},
            "headers": [
                _("Title"),
                _("Kind"),
                _("Status"),
                _("Members"),
                _("Schools"),
                _("Output"),
            ],
            "rows": [
                {
                    "head": c.title,
                    "key": index,
                    "cells": [c.kind, c.status, str(c.members), str(c.schools), c.output],
                }
                for index, c in enumerate(coalitions)
            ],
            "text_columns": [0, 1, 4],
        }
    )
    return {"blocks": blocks}


def build_free_text(**_kwargs) -> dict:
    return {"blocks": []}
