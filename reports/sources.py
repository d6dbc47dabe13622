"""Every read the reports app makes of other apps' data, and the only such place.

Most reads go through the other apps' selectors. The aggregate reads a yearly report needs
(results of all schools for many measures, activity counts of a year) have no selector
there yet; they live here, each one a fixed number of queries whatever the number of
schools, so that they can move into their app's selectors.py unchanged.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from coalitions.models import Coalition, CoalitionMember
from events.models import Event, Registration
from qnet.models import Authority, School
from selfassessment import selectors as sa_selectors
from selfassessment.models import (
    Agreement,
    Cycle,
    FocusArea,
    Indicator,
    Measure,
    QualityPlan,
    Rating,
    Result,
    SelfAssessment,
)

# --- qnet -----------------------------------------------------------------------


def authority_schools(authority_id: int) -> list[tuple[int, str]]:
    """(id, name) of every school of the authority, by name: one query."""
    return list(
        School.objects.filter(authority_id=authority_id)
        .order_by("name", "pk")
        .values_list("pk", "name")
    )


# --- selfassessment: plans and results ------------------------------------------


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
    value: Decimal
    n: int


def results_of(*, authority_id: int, measure_ids: list[int], years: list[int]) -> list[ResultRow]:
    """Every result of the authority's schools for these measures and years: one query."""
    return [
        ResultRow(*row)
        for row in Result.objects.filter(
            school__authority_id=authority_id, measure_id__in=measure_ids, year__in=years
        ).values_list("school_id", "measure_id", "year", "value", "n")
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
    """The weak-results follow-up list as the selfassessment app computes it."""
    return sa_selectors.follow_up_list(authority=authority)


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


# --- events and coalitions -----------------------------------------------------


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


def _held_events(authority_id: int, year: int):
    start, end = _year_bounds(year)
    return Event.objects.filter(
        network__authority_id=authority_id,
        status=Event.Status.PUBLISHED,
        starts_at__gte=start,
        starts_at__lt=end,
    )


def events_held_by_kind(*, authority_id: int, year: int) -> list[tuple[str, str, int, int]]:
    """(kind, label, events, participants) of the events the authority's networks held
    that year; participants are confirmed registrations not marked absent: one query."""
    from events.models import Kind

    labels = dict(Kind.choices)
    rows = (
        _held_events(authority_id, year)
        .values_list("format__kind")
        .annotate(
            events=Count("pk", distinct=True),
            people=Count(
                "registrations",
                filter=Q(registrations__status=Registration.Status.CONFIRMED)
                & ~Q(registrations__attendance=Registration.Attendance.ABSENT),
            ),
        )
        .values_list("format__kind", "events", "people")
        .order_by("format__kind")
    )
    return [(kind, str(labels.get(kind, kind)), events, people) for kind, events, people in rows]


def participation_by_school(*, authority_id: int, year: int) -> dict[int, tuple[int, int]]:
    """school id -> (events attended, people who took part) that year: one query."""
    start, end = _year_bounds(year)
    rows = (
        Registration.objects.filter(
            event__in=_held_events(authority_id, year),
            status=Registration.Status.CONFIRMED,
            school__authority_id=authority_id,
        )
        .exclude(attendance=Registration.Attendance.ABSENT)
        .values_list("school_id")
        .annotate(events=Count("event_id", distinct=True), people=Count("person_id", distinct=True))
        .values_list("school_id", "events", "people")
    )
    return {school_id: (events, people) for school_id, events, people in rows}


@dataclass(frozen=True)
class CoalitionInfo:
    title: str
    kind: str
    status: str
    members: int
    schools: int
    output: str


def coalitions_active_in(*, authority_id: int, year: int) -> list[CoalitionInfo]:
    """Coalitions of the authority's networks that ran at some time in that year: one query."""
    coalitions = (
        Coalition.objects.filter(network__authority_id=authority_id)
        .exclude(status=Coalition.Status.PROPOSED)
        .filter(Q(period_start__isnull=True) | Q(period_start__year__lte=year))
        .filter(Q(period_end__isnull=True) | Q(period_end__year__gte=year))
        .annotate(
            member_count=Count("members", distinct=True),
            school_count=Count(
                "members__school",
                distinct=True,
                filter=Q(
                    members__role__in=[CoalitionMember.Role.LEAD, CoalitionMember.Role.MEMBER]
                ),
            ),
        )
        .order_by("title", "pk")
    )
    return [
        CoalitionInfo(
            title=coalition.title,
            kind=coalition.get_kind_display(),
            status=coalition.get_status_display(),
            members=coalition.member_count,
            schools=coalition.school_count,
            output=coalition.result_summary or coalition.expected_output,
        )
        for coalition in coalitions
    ]
