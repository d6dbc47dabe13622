"""A small results world for the reports tests: a plan, measures, results, a cycle."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from qnet.tests.factories import SchoolFactory
from reports import services
from reports.models import AnnualReport
from selfassessment.models import (
    Cycle,
    FocusArea,
    Goal,
    Indicator,
    Measure,
    QualityPlan,
    Result,
)

YEAR = 2025


def make_results(authority, schools, measures, years, *, small=()):
    """Deterministic values; (school, measure, year) in `small` gets n below the minimum."""
    rows = []
    for s_index, school in enumerate(schools):
        for m_index, measure in enumerate(measures):
            for year in years:
                value = Decimal(40 + (s_index * 7 + m_index * 3 + year) % 30) + Decimal("0.25")
                n = 3 if (school.pk, measure.pk, year) in small else 20 + s_index
                rows.append(Result(school=school, measure=measure, year=year, value=value, n=n))
    Result.objects.bulk_create(rows)


def make_plan(authority, *, measures: int = 2, focus_areas: int = 2):
    plan = QualityPlan.objects.create(
        authority=authority, title="Quality plan", start_year=2022, end_year=2027
    )
    areas, all_measures = [], []
    for f in range(focus_areas):
        area = FocusArea.objects.create(plan=plan, order=f + 1, title=f"Focus area {f + 1}")
        goal = Goal.objects.create(focus_area=area, text="Every pupil reads with confidence.")
        indicator = Indicator.objects.create(goal=goal, statement="Reading is taught daily.")
        for m in range(measures):
            measure = Measure.objects.create(
                authority=authority,
                code=f"m{f}-{m}",
                name=f"Measure {f}.{m}",
                unit="points",
                threshold=Decimal("50"),
                min_group_size=5,
            )
            indicator.measures.add(measure)
            all_measures.append(measure)
        areas.append(area)
    return plan, areas, all_measures


@pytest.fixture
def results_world(world):
    plan, areas, measures = make_plan(world.authority)
    years = [YEAR - 2, YEAR - 1, YEAR]
    make_results(world.authority, [world.school_a, world.school_b], measures, years)
    cycle = Cycle.objects.create(
        plan=plan, year=YEAR, opens_on=date(YEAR, 1, 10), due_on=date(YEAR, 3, 1)
    )
    cycle.schools.add(world.school_a, world.school_b)
    return SimpleNamespace(plan=plan, areas=areas, measures=measures, years=years, cycle=cycle)


def add_schools(authority, measures, years, count: int):
    schools = SchoolFactory.create_batch(count, authority=authority)
    make_results(authority, schools, measures, years)
    return schools


@pytest.fixture
def draft(results_world, authority_staff, world):
    return services.report_start(
        actor=authority_staff,
        authority=world.authority,
        year=YEAR,
        title="Quality report 2025",
        introduction="Where our schools stand.",
    )


@pytest.fixture
def in_review(draft, authority_staff):
    return services.report_submit_for_review(
        actor=authority_staff, report=draft, reviewers=[authority_staff]
    )


@pytest.fixture
def published(in_review, authority_staff, settings, tmp_path) -> AnnualReport:
    settings.MEDIA_ROOT = tmp_path
    return services.report_publish(actor=authority_staff, report=in_review)
