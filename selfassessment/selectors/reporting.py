"""Aggregate reads for the annual quality report: whole-authority figures per year.

Each is a fixed number of queries whatever the number of schools; the reports app reads
the self-assessment data only through these and the selectors in __init__.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count

from qnet.models import Authority
from selfassessment.models import (
    Agreement,
    Cycle,
    FocusArea,
    Indicator,
    Measure,
    QualityPlan,
    Rating,
    Result,
    ResultStatus,
    SelfAssessment,
    is_hidden,
)


def plan_for_year(authority_id: int, year: int) -> QualityPlan | None:
    """The quality plan in force in that year (the latest one that covers it)."""
    return (
        QualityPlan.objects.filter(
            authority_id=authority_id, start_year__lte=year, end_year__gte=year
        )
        .order_by("-start_year", "-pk")
        .first()
    )


def focus_areas_of(plan: QualityPlan) -> list[FocusArea]:
    return list(FocusArea.objects.filter(plan=plan).order_by("order", "pk"))


def focus_area_get(*, authority_id: int, pk: int) -> FocusArea | None:
    return (
        FocusArea.objects.filter(pk=pk, plan__authority_id=authority_id)
        .select_related("plan")
        .first()
    )


def focus_areas_for_authority(authority_id: int) -> list[FocusArea]:
    return list(
        FocusArea.objects.filter(plan__authority_id=authority_id)
        .select_related("plan")
        .order_by("-plan__start_year", "order", "pk")
    )


@dataclass(frozen=True)
class MeasureInfo:
    pk: int
    code: str
    name: str
    unit: str
    higher_is_better: bool
    threshold: Decimal
    min_group_size: int


def _info(measure: Measure) -> MeasureInfo:
    return MeasureInfo(
        pk=measure.pk,
        code=measure.code,
        name=measure.name,
        unit=measure.unit,
        higher_is_better=measure.higher_is_better,
        threshold=measure.threshold,
        min_group_size=measure.min_group_size,
    )


def measures_of_focus_area(focus_area_id: int) -> list[MeasureInfo]:
    """The measures linked to the focus area's signs of good practice: one query."""
    measures = (
        Measure.objects.filter(indicators__goal__focus_area_id=focus_area_id)
        .distinct()
        .order_by("code")
    )
    return [_info(measure) for measure in measures]


def measures_of_authority(authority_id: int) -> list[MeasureInfo]:
    return [_info(m) for m in Measure.objects.filter(authority_id=authority_id).order_by("code")]


@dataclass(frozen=True)
class ResultRow:
    school_id: int
    measure_id: int
    year: int
    value: Decimal | None
    n: int | None
    status: str = ResultStatus.REPORTED

    def shown_value(self, min_group_size: int) -> Decimal | None:
        """The value, or None where it must show as "—" (see `is_hidden`)."""
        return None if is_hidden(self.status, self.n, min_group_size) else self.value


def results_of(*, authority_id: int, measure_ids: list[int], years: list[int]) -> list[ResultRow]:
    """Every result of the authority's schools for these measures and years: one query.
    A school where nobody was tested has no result, so it is left out (not suppressed)."""
    return [
        ResultRow(*row)
        for row in Result.objects.filter(
            school__authority_id=authority_id, measure_id__in=measure_ids, year__in=years
        )
        .exclude(status=ResultStatus.NO_PUPILS)
        .values_list("school_id", "measure_id", "year", "value", "n", "status")
    ]


def result_years(*, authority_id: int, up_to: int, count: int) -> list[int]:
    """The last `count` years up to `up_to` in which the authority has any result."""
    years = (
        Result.objects.filter(school__authority_id=authority_id, year__lte=up_to)
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")[:count]
    )
    return sorted(years)


# --- selfassessment: cycle, assessments, follow-up ------------------------------


def cycle_for_year(authority_id: int, year: int) -> Cycle | None:
    return (
        Cycle.objects.filter(plan__authority_id=authority_id, year=year)
        .select_related("plan")
        .order_by("-pk")
        .first()
    )


def assessment_status_counts(cycle: Cycle) -> tuple[int, dict[str, int]]:
    """Schools in the cycle, and self-assessments per state: two queries."""
    schools = cycle.schools.count()
    counts = dict(
        SelfAssessment.objects.filter(cycle=cycle)
        .values_list("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    return schools, counts


def rating_levels_by_focus_area(cycle: Cycle) -> dict[int, dict[int | None, int]]:
    """Per focus area, how many ratings sit at each level, counting only what the
    authority may read (submitted self-assessments): one query."""
    levels: dict[int, dict[int | None, int]] = defaultdict(dict)
    for focus_area_id, level, count in (
        Rating.objects.filter(
            assessment__cycle=cycle, assessment__status__in=SelfAssessment.AUTHORITY_VISIBLE
        )
        .values_list("indicator__goal__focus_area_id", "level")
        .annotate(count=Count("pk"))
        .values_list("indicator__goal__focus_area_id", "level", "count")
    ):
        levels[focus_area_id][level] = count
    return levels


def indicator_count_by_focus_area(plan: QualityPlan) -> dict[int, int]:
    return dict(
        Indicator.objects.filter(goal__focus_area__plan=plan)
        .values_list("goal__focus_area_id")
        .annotate(count=Count("pk"))
        .values_list("goal__focus_area_id", "count")
    )


def follow_up(authority: Authority):
    """The weak-results follow-up list, as the follow-up page shows it."""
    from selfassessment.selectors import follow_up_list

    return follow_up_list(authority=authority)


def agreement_counts(*, authority_id: int, year: int) -> dict[str, int]:
    """Agreements made in that year's dialogue meetings, per state: one query."""
    return dict(
        Agreement.objects.filter(
            meeting__school__authority_id=authority_id, meeting__cycle__year=year
        )
        .values_list("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
