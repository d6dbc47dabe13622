"""Reads of the selfassessment app, each scoped to what the user may see."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db import models
from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qnet.models import Authority, Role, School, User
from qnet.rules import roles_of
from qnet.selectors import schools_visible_to
from selfassessment.models import (
    Agreement,
    AgreementNote,
    AgreementProposal,
    ComparisonFigure,
    Cycle,
    DialogueMeeting,
    FocusArea,
    Goal,
    Indicator,
    Measure,
    QualityPlan,
    Rating,
    Result,
    ResultStatus,
    SelfAssessment,
    StaffSurvey,
    SurveyAnswer,
    is_hidden,
)


def _get_or_404(queryset: QuerySet, pk: int):
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        raise Http404 from None


def staff_authority(user) -> Authority | None:
    """The authority whose quality work this staff member runs (the first, if several)."""
    ids = roles_of(user).authority_ids
    return Authority.objects.filter(pk__in=ids).order_by("pk").first() if ids else None


# --- self-assessments --------------------------------------------------------


def assessments_visible_to(user) -> QuerySet[SelfAssessment]:
    """The own school's, at any stage; the authority's schools' only once submitted."""
    roles = roles_of(user)
    if not (roles.school_ids or roles.authority_ids):
        return SelfAssessment.objects.none()
    return SelfAssessment.objects.filter(
        Q(school_id__in=roles.school_ids)
        | Q(
            school__authority_id__in=roles.authority_ids,
            status__in=SelfAssessment.AUTHORITY_VISIBLE,
        )
    ).select_related("cycle__plan", "school__authority", "last_saved_by")


def assessment_get_for_user(*, user, pk: int) -> SelfAssessment:
    return _get_or_404(assessments_visible_to(user).prefetch_related("editors"), pk)


@dataclass
class IndicatorRow:
    indicator: Indicator
    rating: Rating | None


@dataclass
class GoalBlock:
    goal: Goal
    rows: list[IndicatorRow] = field(default_factory=list)


@dataclass
class FocusBlock:
    focus_area: FocusArea
    goals: list[GoalBlock] = field(default_factory=list)


def number_tree(focus_areas: list[FocusArea]) -> list[FocusArea]:
    """Numbers by position: focus area 1, goal 1.2, sign 1.2.3. The positions follow the
    plan's order (order, then id), so every page, form and report that shows a sign
    shows it with the same number; `order` alone may repeat or leave gaps."""
    for a, focus_area in enumerate(focus_areas, start=1):
        focus_area.number = str(a)
        for g, goal in enumerate(focus_area.goals.all(), start=1):
            goal.number = f"{a}.{g}"
            for i, indicator in enumerate(goal.indicators.all(), start=1):
                indicator.number = f"{a}.{g}.{i}"
    return focus_areas


def plan_tree(plan: QualityPlan) -> list[FocusArea]:
    """Focus areas with goals, numbered signs of good practice and their measures: four
    queries."""
    return number_tree(
        list(
            plan.focus_areas.prefetch_related(
                Prefetch(
                    "goals",
                    queryset=Goal.objects.prefetch_related(
                        Prefetch(
                            "indicators",
                            queryset=Indicator.objects.prefetch_related(
                                Prefetch("measures", queryset=Measure.objects.order_by("code"))
                            ),
                        )
                    ),
                )
            )
        )
    )


def assessment_form_tree(assessment: SelfAssessment) -> list[FocusBlock]:
    ratings = {rating.indicator_id: rating for rating in assessment.ratings.all()}
    blocks = []
    for focus_area in plan_tree(assessment.cycle.plan):
        block = FocusBlock(focus_area)
        for goal in focus_area.goals.all():
            block.goals.append(
                GoalBlock(
                    goal,
                    [
                        IndicatorRow(indicator, ratings.get(indicator.pk))
                        for indicator in goal.indicators.all()
                    ],
                )
            )
        blocks.append(block)
    return blocks


def school_staff_queryset(school: School) -> QuerySet[User]:
    return User.objects.filter(
        memberships__school=school, memberships__role=Role.SCHOOL_STAFF
    ).order_by("full_name", "email")


def plan_indicator_ids(plan: QualityPlan) -> list[int]:
    return list(
        Indicator.objects.filter(goal__focus_area__plan=plan)
        .order_by("goal__focus_area__order", "goal__order", "order", "pk")
        .values_list("pk", flat=True)
    )


def assessment_progress(assessment: SelfAssessment) -> tuple[int, int]:
    """(signs rated, signs in the plan), in one query."""
    counts = Indicator.objects.filter(goal__focus_area__plan_id=assessment.cycle.plan_id).aggregate(
        total=Count("pk", distinct=True),
        rated=Count(
            "ratings",
            filter=Q(ratings__assessment=assessment, ratings__level__isnull=False),
            distinct=True,
        ),
    )
    return counts["rated"], counts["total"]


def current_assessments_for_user(user) -> list[SelfAssessment]:
    """The latest self-assessment of each of the user's own schools."""
    school_ids = roles_of(user).school_ids
    if not school_ids:
        return []
    latest = {}
    for assessment in (
        SelfAssessment.objects.filter(school_id__in=school_ids)
        .select_related("cycle__plan", "school")
        .annotate(
            rated=Count("ratings", filter=Q(ratings__level__isnull=False)),
            total=Count("ratings"),
        )
        .order_by("school_id", "-cycle__year", "-pk")
    ):
        latest.setdefault(assessment.school_id, assessment)
    return list(latest.values())


# --- cycle overview ----------------------------------------------------------


def cycles_of(authority: Authority) -> list[Cycle]:
    return list(
        Cycle.objects.filter(plan__authority=authority).select_related("plan").order_by("-year")
    )


class OverviewState(models.TextChoices):
    """A school's place in a cycle as the authority's overview shows it."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Awaiting review")
    RETURNED = "returned", _("Returned for revision")
    ACCEPTED = "accepted", _("Accepted")


@dataclass
class OverviewRow:
    school: School
    state: str
    assessment_pk: int | None
    submitted_at: datetime | None
    has_meeting: bool
    in_cycle: bool

    @property
    def state_label(self) -> str:
        return OverviewState(self.state).label

    @property
    def visible(self) -> bool:
        """The authority may open it: submitted at least once."""
        return self.state in (
            OverviewState.SUBMITTED,
            OverviewState.RETURNED,
            OverviewState.ACCEPTED,
        )


# What cycle_overview reads, for caches of it (qnet.caching).
CYCLE_OVERVIEW_DEPENDS_ON = (SelfAssessment, Rating, School, DialogueMeeting)


def cycle_overview(*, authority: Authority, cycle: Cycle) -> list[OverviewRow]:
    """Every school of the authority with its state in the cycle, in one query: also the
    schools that never started (nothing saved yet) or are not part of the cycle at all,
    which a list of self-assessments alone would leave out."""
    draft = SelfAssessment.Status.DRAFT
    schools = (
        School.objects.filter(authority=authority)
        .annotate(
            in_cycle=FilteredRelation(
                "self_assessments", condition=Q(self_assessments__cycle=cycle)
            ),
            assessment_pk=F("in_cycle__pk"),
            assessment_submitted_at=F("in_cycle__submitted_at"),
            state=Case(
                When(in_cycle__pk__isnull=True, then=Value(OverviewState.NOT_STARTED)),
                When(
                    in_cycle__status=draft,
                    in_cycle__last_saved_at__isnull=True,
                    then=Value(OverviewState.NOT_STARTED),
                ),
                When(in_cycle__status=draft, then=Value(OverviewState.IN_PROGRESS)),
                default=F("in_cycle__status"),
                output_field=models.CharField(),
            ),
            has_meeting=Exists(
                DialogueMeeting.objects.filter(cycle=cycle, school_id=OuterRef("pk"))
            ),
        )
        .order_by("name", "pk")
    )
    return [
        OverviewRow(
            school=school,
            state=school.state,
            assessment_pk=school.assessment_pk,
            submitted_at=school.assessment_submitted_at,
            has_meeting=school.has_meeting,
            in_cycle=school.assessment_pk is not None,
        )
        for school in schools
    ]


def overview_state_counts(rows: list[OverviewRow]) -> list[tuple[str, str, int]]:
    """(state, label, number of schools) for every state, in the order of the cycle."""
    counts = Counter(row.state for row in rows)
    return [(state, label, counts[state]) for state, label in OverviewState.choices]


def cycle_get_for_staff(*, user, pk: int) -> Cycle:
    return _get_or_404(
        Cycle.objects.filter(plan__authority_id__in=roles_of(user).authority_ids).select_related(
            "plan__authority"
        ),
        pk,
    )


# --- plans and measures ------------------------------------------------------


def plans_visible_to(user) -> QuerySet[QualityPlan]:
    """Authority staff see their plans; a school's people see the plan they assess against."""
    roles = roles_of(user)
    return (
        QualityPlan.objects.filter(
            Q(authority_id__in=roles.authority_ids) | Q(authority__schools__pk__in=roles.school_ids)
        )
        .distinct()
        .select_related("authority")
    )


def plan_get_for_user(*, user, pk: int) -> QualityPlan:
    return _get_or_404(plans_visible_to(user), pk)


def focus_area_get_for_user(*, user, pk: int) -> FocusArea:
    return _get_or_404(
        FocusArea.objects.filter(plan__in=plans_visible_to(user)).select_related("plan__authority"),
        pk,
    )


def goal_get_for_user(*, user, pk: int) -> Goal:
    return _get_or_404(
        Goal.objects.filter(focus_area__plan__in=plans_visible_to(user)).select_related(
            "focus_area__plan__authority"
        ),
        pk,
    )


def indicator_get_for_user(*, user, pk: int) -> Indicator:
    return _get_or_404(
        Indicator.objects.filter(goal__focus_area__plan__in=plans_visible_to(user))
        .select_related("goal__focus_area__plan__authority")
        .prefetch_related("measures"),
        pk,
    )


def measures_of(authority: Authority) -> QuerySet[Measure]:
    return Measure.objects.filter(authority=authority).order_by("code")


def measures_visible_to(user) -> QuerySet[Measure]:
    roles = roles_of(user)
    return Measure.objects.filter(
        Q(authority_id__in=roles.authority_ids) | Q(authority__schools__pk__in=roles.school_ids)
    ).distinct()


def measure_get_for_user(*, user, pk: int) -> Measure:
    return _get_or_404(measures_visible_to(user).select_related("authority"), pk)


# --- results -----------------------------------------------------------------


def results_school_get_for_user(*, user, pk: int) -> School:
    return _get_or_404(schools_visible_to(user), pk)


def result_get_for_user(*, user, pk: int) -> Result:
    roles = roles_of(user)
    return _get_or_404(
        Result.objects.filter(
            Q(school_id__in=roles.school_ids) | Q(school__authority_id__in=roles.authority_ids)
        ).select_related("measure", "school__authority"),
        pk,
    )


@dataclass
class Figure:
    """A value to show, or None when it must not be shown (shown as "—"): withheld by the
    source, nobody tested, or a group too small."""

    value: Decimal | None
    n: int | None = None
    weak: bool = False
    result_id: int | None = None
    status: str = ResultStatus.REPORTED
    missing: bool = False


def _figure(result: Result, measure: Measure) -> Figure:
    hidden = is_hidden(result.status, result.n, measure.min_group_size)
    return Figure(
        None if hidden else result.value,
        n=result.n,
        weak=not hidden and measure.is_weak(result.value),
        result_id=result.pk,
        status=result.status,
    )


@dataclass
class MeasureRow:
    measure: Measure
    school: dict[int, Figure] = field(default_factory=dict)
    average: dict[int, Figure] = field(default_factory=dict)
    comparison: dict[int, Figure] = field(default_factory=dict)
    comparison_name: str = ""
    cells: list = field(default_factory=list)
    comparison_cells: list = field(default_factory=list)


def _averages(measure_ids, years, authority_id) -> dict[tuple[int, int], Figure]:
    """Authority averages over the schools that had pupils. An average that includes a
    suppressed or too small result is suppressed too: it would give the hidden value away,
    and leaving it out would make the average say something it doesn't."""
    averages = {}
    for row in (
        Result.objects.filter(
            measure_id__in=measure_ids, year__in=years, school__authority_id=authority_id
        )
        .exclude(status=ResultStatus.NO_PUPILS)
        .values("measure_id", "year")
        .annotate(
            mean=Avg("value"),
            hidden=Count(
                "pk",
                filter=Q(status=ResultStatus.SUPPRESSED) | Q(n__lt=F("measure__min_group_size")),
            ),
            schools=Count("pk"),
        )
    ):
        hidden = row["hidden"] or row["mean"] is None
        value = None if hidden else Decimal(row["mean"]).quantize(Decimal("0.1"))
        averages[(row["measure_id"], row["year"])] = Figure(value, n=row["schools"])
    return averages


def _comparisons(measures: list[Measure], years: list[int]) -> dict[int, tuple[str, dict]]:
    """The official comparison figure per measure and year, where the measure asks for one
    and the imports hold exactly one unit at that level (a county file for one county);
    with several, qnet cannot tell which one the school belongs to, so it shows none."""
    wanted = {m.pk: m for m in measures if m.comparison_level}
    if not wanted:
        return {}
    units: dict[tuple[int, int], list] = defaultdict(list)
    for figure in ComparisonFigure.objects.filter(measure_id__in=wanted, year__in=years):
        if figure.level == wanted[figure.measure_id].comparison_level:
            units[(figure.measure_id, figure.year)].append(figure)
    found: dict[int, tuple[str, dict]] = {}
    for (measure_id, year), figures in units.items():
        if len(figures) != 1:
            continue
        figure = figures[0]
        hidden = figure.status != ResultStatus.REPORTED
        name, by_year = found.setdefault(measure_id, (figure.unit_name, {}))
        by_year[year] = Figure(None if hidden else figure.value, n=figure.n, status=figure.status)
    return found


# What school_results reads (its key in qnet.caching).
SCHOOL_RESULTS_DEPENDS_ON = (Result, Measure, ComparisonFigure, School, Authority)


def school_results(*, school: School) -> tuple[list[int], list[MeasureRow]]:
    """The school's results per measure and year next to the authority's averages."""
    measures = list(measures_of(school.authority_id))
    results = list(Result.objects.filter(school=school, measure__in=measures))
    years = sorted({result.year for result in results})
    by_measure = {measure.pk: MeasureRow(measure) for measure in measures}
    for result in results:
        row = by_measure[result.measure_id]
        row.school[result.year] = _figure(result, row.measure)
    for (measure_id, year), figure in _averages(
        [m.pk for m in measures], years, school.authority_id
    ).items():
        by_measure[measure_id].average[year] = figure
    for measure_id, (name, by_year) in _comparisons(measures, years).items():
        by_measure[measure_id].comparison_name = name
        by_measure[measure_id].comparison = by_year
    rows = [row for row in by_measure.values() if row.school]
    for row in rows:
        row.cells = [(year, row.school.get(year), row.average.get(year)) for year in years]
        row.comparison_cells = [row.comparison.get(year) for year in years]
    return years, rows


# --- follow-up ---------------------------------------------------------------


@dataclass
class FlaggedSchool:
    school: School
    measure: Measure
    figures: list[tuple[int, Figure]]
    weak_years: int
    trend: Decimal | None
    open_agreements: list[Agreement] = field(default_factory=list)

    @property
    def improving(self) -> bool | None:
        if self.trend is None or self.trend == 0:
            return None
        return (self.trend > 0) == self.measure.higher_is_better


# What follow_up_list reads, for caches of it (qnet.caching).
FOLLOW_UP_DEPENDS_ON = (Result, Measure, School, Agreement, DialogueMeeting)


def follow_up_list(*, authority: Authority, n: int = 2, m: int = 3) -> tuple[list[int], list]:
    """Schools whose result on a measure is on the wrong side of its threshold in at least
    `n` of the authority's last `m` result years. Suppressed results never count: a figure
    too small to show is too small to judge a school by."""
    years = _last_result_years(authority, m)
    if not years:
        return [], []
    results = Result.objects.filter(school__authority=authority, year__in=years)
    if n > 0:
        # Only the schools the database counts as weak can be flagged. Building every
        # result of 200 schools as objects to find that out cost the page most of its time.
        candidates = _weak_pairs(authority, years, n)
        results = results.filter(
            school_id__in={school for school, _measure in candidates},
            measure_id__in={measure for _school, measure in candidates},
        )
    series: dict[tuple[int, int], dict[int, Result]] = defaultdict(dict)
    for result in results.select_related("measure", "school"):
        series[(result.school_id, result.measure_id)][result.year] = result
    flagged = []
    for by_year in series.values():
        any_result = next(iter(by_year.values()))
        measure, school = any_result.measure, any_result.school
        figures, weak_years, shown = [], 0, []
        for year in years:
            result = by_year.get(year)
            if result is None:
                figures.append((year, Figure(None, missing=True)))
                continue
            figure = _figure(result, measure)
            weak_years += figure.weak
            figures.append((year, figure))
            if figure.value is not None:
                shown.append(figure.value)
        if weak_years >= n:
            trend = shown[-1] - shown[0] if len(shown) >= 2 else None
            flagged.append(FlaggedSchool(school, measure, figures, weak_years, trend))
    flagged.sort(key=lambda item: (item.school.name, item.measure.code))
    agreements = defaultdict(list)
    for agreement in Agreement.objects.filter(
        meeting__school_id__in={item.school.pk for item in flagged},
        status__in=Agreement.OPEN_STATES,
    ).select_related("meeting"):
        agreements[agreement.meeting.school_id].append(agreement)
    for item in flagged:
        item.open_agreements = agreements[item.school.pk]
    return years, flagged


def flagged_school_count(*, authority: Authority, n: int = 2, m: int = 3) -> int:
    """The number of schools follow_up_list flags, counted in the database (dashboard)."""
    years = _last_result_years(authority, m)
    if not years or n <= 0:
        return len({item.school.pk for item in follow_up_list(authority=authority, n=n, m=m)[1]})
    return len({school for school, _measure in _weak_pairs(authority, years, n)})


def _last_result_years(authority: Authority, m: int) -> list[int]:
    return sorted(
        Result.objects.filter(school__authority=authority)
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")[:m]
    )


def _weak_pairs(authority: Authority, years: list[int], n: int) -> set[tuple[int, int]]:
    """(school id, measure id) with a weak result in at least `n` of the years, by the rule
    of _figure: shown (reported, group not too small) and on the wrong side of the
    threshold. Results are unique per school, measure and year, so rows count years."""
    shown = Q(status=ResultStatus.REPORTED) & (
        Q(n__isnull=True) | Q(n__gte=F("measure__min_group_size"))
    )
    wrong_side = Q(measure__higher_is_better=True, value__lt=F("measure__threshold")) | Q(
        measure__higher_is_better=False, value__gt=F("measure__threshold")
    )
    rows = (
        Result.objects.filter(shown, wrong_side, school__authority=authority, year__in=years)
        .order_by()
        .values("school_id", "measure_id")
        .annotate(weak_years=Count("pk"))
        .filter(weak_years__gte=n)
    )
    return {(row["school_id"], row["measure_id"]) for row in rows}


# --- dialogue and agreements -------------------------------------------------


def meetings_visible_to(user) -> QuerySet[DialogueMeeting]:
    roles = roles_of(user)
    return DialogueMeeting.objects.filter(
        Q(school_id__in=roles.school_ids) | Q(school__authority_id__in=roles.authority_ids)
    ).select_related("school__authority", "cycle__plan")


def meeting_get_for_user(*, user, pk: int) -> DialogueMeeting:
    return _get_or_404(
        meetings_visible_to(user).prefetch_related(
            Prefetch(
                "agreements",
                queryset=Agreement.objects.prefetch_related(
                    Prefetch("notes", queryset=AgreementNote.objects.select_related("author"))
                ),
            )
        ),
        pk,
    )


def meeting_for(*, school: School, cycle: Cycle) -> DialogueMeeting | None:
    return DialogueMeeting.objects.filter(school=school, cycle=cycle).first()


def assessment_for_meeting(*, user, meeting: DialogueMeeting) -> SelfAssessment | None:
    return assessments_visible_to(user).filter(school=meeting.school, cycle=meeting.cycle).first()


def agreement_get_for_user(*, user, pk: int) -> Agreement:
    roles = roles_of(user)
    return _get_or_404(
        Agreement.objects.filter(
            Q(meeting__school_id__in=roles.school_ids)
            | Q(meeting__school__authority_id__in=roles.authority_ids)
        )
        .select_related("meeting__school__authority", "meeting__cycle")
        .prefetch_related(
            Prefetch("notes", queryset=AgreementNote.objects.select_related("author")),
            Prefetch(
                "proposals",
                queryset=AgreementProposal.objects.select_related("proposed_by", "decided_by"),
            ),
        ),
        pk,
    )


def proposal_get_for_user(*, user, pk: int) -> AgreementProposal:
    """A status proposal, seen by whoever sees its agreement."""
    roles = roles_of(user)
    return _get_or_404(
        AgreementProposal.objects.filter(
            Q(agreement__meeting__school_id__in=roles.school_ids)
            | Q(agreement__meeting__school__authority_id__in=roles.authority_ids)
        ).select_related("agreement__meeting__school__authority"),
        pk,
    )


# What agreements_overdue reads, for caches of it (qnet.caching keys also hold the day).
OVERDUE_DEPENDS_ON = (Agreement, DialogueMeeting, School, Cycle)


def agreements_overdue(
    *,
    authority: Authority | None = None,
    school_ids=None,
    today: date | None = None,
) -> QuerySet[Agreement]:
    """Agreements past their due date that are neither done nor dropped, of one
    authority's schools or of the given schools, oldest first (follow-up lists, and the
    overdue reminders). `today` is the local date unless given."""
    today = today or timezone.localdate()
    agreements = Agreement.objects.filter(due_on__lt=today, status__in=Agreement.OPEN_STATES)
    if authority is not None:
        agreements = agreements.filter(meeting__school__authority=authority)
    if school_ids is not None:
        agreements = agreements.filter(meeting__school_id__in=school_ids)
    return agreements.select_related("meeting__school", "meeting__cycle").order_by("due_on", "pk")


def open_agreements_for_schools(school_ids) -> list[Agreement]:
    return list(
        Agreement.objects.filter(
            meeting__school_id__in=school_ids, status__in=Agreement.OPEN_STATES
        )
        .select_related("meeting__school")
        .prefetch_related(
            Prefetch(
                "proposals",
                queryset=AgreementProposal.objects.filter(state=AgreementProposal.State.PENDING),
            )
        )
        .order_by("due_on", "pk")
    )


def assessment_counts(*, authority: Authority) -> dict:
    """Per state, the self-assessments of the authority's latest cycle."""
    cycle = Cycle.objects.filter(plan__authority=authority).order_by("-year", "-pk").first()
    if cycle is None:
        return {"cycle": None}
    counts = dict(
        SelfAssessment.objects.filter(cycle=cycle)
        .values_list("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    return {
        "cycle": cycle,
        **{status: counts.get(status, 0) for status in SelfAssessment.Status.values},
    }


# --- staff survey ------------------------------------------------------------


def survey_summary(assessment: SelfAssessment) -> tuple[StaffSurvey | None, dict[int, Decimal]]:
    """The survey and, only once it is closed with enough responses, its averages."""
    survey = StaffSurvey.objects.filter(assessment=assessment).first()
    if survey is None or not survey.results_visible:
        return survey, {}
    averages = {
        row["indicator_id"]: Decimal(row["mean"]).quantize(Decimal("0.1"))
        for row in SurveyAnswer.objects.filter(survey=survey)
        .values("indicator_id")
        .annotate(mean=Avg("value"))
    }
    return survey, averages
