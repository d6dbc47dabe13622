"""Every read the reports app makes of other apps' data, in one place.

Each comes from the owning app's selectors (DESIGN.md: reports reads the other apps only
through them); this module just names them for the builders.
"""

from coalitions.selectors import CoalitionInfo, coalitions_active_in
from events.selectors import events_held_by_kind, participation_by_school
from qnet.selectors import authority_school_names as authority_schools
from selfassessment.selectors.reporting import (
    MeasureInfo,
    ResultRow,
    agreement_counts,
    assessment_status_counts,
    cycle_for_year,
    focus_area_get,
    focus_areas_for_authority,
    focus_areas_of,
    follow_up,
    indicator_count_by_focus_area,
    measures_of_authority,
    measures_of_focus_area,
    plan_for_year,
    rating_levels_by_focus_area,
    result_years,
    results_of,
)

__all__ = [
    "CoalitionInfo",
    "MeasureInfo",
    "ResultRow",
    "agreement_counts",
    "assessment_status_counts",
    "authority_schools",
    "coalitions_active_in",
    "cycle_for_year",
    "events_held_by_kind",
    "focus_area_get",
    "focus_areas_for_authority",
    "focus_areas_of",
    "follow_up",
    "indicator_count_by_focus_area",
    "measures_of_authority",
    "measures_of_focus_area",
    "participation_by_school",
    "plan_for_year",
    "rating_levels_by_focus_area",
    "result_years",
    "results_of",
]
