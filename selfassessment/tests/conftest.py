"""A small quality cycle in the root conftest's world: a plan with three signs of good
practice, two measures with results, and a cycle in which School A has a draft and
School B has submitted."""

from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from selfassessment import services
from selfassessment.models import (
    FocusArea,
    Goal,
    Indicator,
    Measure,
    QualityPlan,
    Result,
    SelfAssessment,
)

YEAR = 2026


def rate_all(assessment, user, level=3, evidence="We looked at it."):
    assessment.refresh_from_db()
    entries = {
        rating.indicator_id: {"level": level, "evidence": evidence, "next_steps": "More of it."}
        for rating in assessment.ratings.all()
    }
    return services.assessment_save_draft(
        actor=user, assessment=assessment, version=assessment.version, entries=entries
    )


def form_data(assessment, level=3, evidence="Evidence", version=None):
    data = {"version": version if version is not None else assessment.version}
    for rating in assessment.ratings.all():
        pk = rating.indicator_id
        data[f"level_{pk}"] = level if level is not None else ""
        data[f"evidence_{pk}"] = evidence
        data[f"next_steps_{pk}"] = "Next"
    return data


def add_indicators(plan, count, measures=()):
    focus_area = FocusArea.objects.create(plan=plan, title=f"Area {count}", order=9)
    goal = Goal.objects.create(focus_area=focus_area, text="More goals", order=1)
    for order in range(count):
        indicator = Indicator.objects.create(goal=goal, statement=f"Sign {order}", order=order)
        indicator.measures.set(measures)


@pytest.fixture
def measures(world):
    reading = Measure.objects.create(
        authority=world.authority,
        code="read-5",
        name="Reading grade 5",
        unit="points",
        higher_is_better=True,
        threshold=Decimal("48"),
        min_group_size=5,
    )
    bullying = Measure.objects.create(
        authority=world.authority,
        code="bullying",
        name="Bullying",
        unit="%",
        higher_is_better=False,
        threshold=Decimal("6"),
        min_group_size=10,
    )
    return SimpleNamespace(reading=reading, bullying=bullying)


@pytest.fixture
def plan(world, measures):
    plan = QualityPlan.objects.create(
        authority=world.authority, title="Quality plan", start_year=2026, end_year=2030
    )
    reading = FocusArea.objects.create(plan=plan, title="Reading and writing", order=1)
    citizenship = FocusArea.objects.create(plan=plan, title="Citizenship", order=2)
    goal_reading = Goal.objects.create(focus_area=reading, text="Pupils read well", order=1)
    goal_safe = Goal.objects.create(focus_area=citizenship, text="Pupils feel safe", order=1)
    first = Indicator.objects.create(
        goal=goal_reading,
        statement="Reading strategies are taught in every subject.",
        guidance="Look at lesson plans.",
        assessment_tools="National tests",
        order=1,
    )
    first.measures.set([measures.reading])
    Indicator.objects.create(
        goal=goal_reading, statement="Weak readers get support early.", order=2
    )
    third = Indicator.objects.create(
        goal=goal_safe, statement="The school acts quickly on bullying.", order=1
    )
    third.measures.set([measures.bullying])
    return plan


@pytest.fixture
def cycle(world, plan, authority_staff):
    return services.cycle_open(
        actor=authority_staff,
        plan=plan,
        year=YEAR,
        opens_on=date(YEAR, 1, 10),
        due_on=date(YEAR, 6, 30),
        schools=[world.school_a, world.school_b],
    )


@pytest.fixture
def draft_a(cycle, world):
    return SelfAssessment.objects.get(cycle=cycle, school=world.school_a)


@pytest.fixture
def submitted_b(cycle, world, leader_b):
    assessment = SelfAssessment.objects.get(cycle=cycle, school=world.school_b)
    rate_all(assessment, leader_b)
    return services.assessment_submit(
        actor=leader_b, assessment=assessment, version=assessment.version
    )


@pytest.fixture
def other_cycle(world, other_authority_staff):
    """The other authority's own plan and cycle, for isolation."""
    plan = QualityPlan.objects.create(
        authority=world.other_authority, title="Kvalitetsplan", start_year=2026, end_year=2030
    )
    area = FocusArea.objects.create(plan=plan, title="Lesing", order=1)
    goal = Goal.objects.create(focus_area=area, text="Elevene leser godt", order=1)
    Indicator.objects.create(goal=goal, statement="Lesestrategier i alle fag", order=1)
    return services.cycle_open(
        actor=other_authority_staff,
        plan=plan,
        year=YEAR,
        opens_on=date(YEAR, 1, 10),
        due_on=date(YEAR, 6, 30),
        schools=[world.school_other],
    )


@pytest.fixture
def other_assessment(other_cycle, world, other_authority_staff):
    assessment = other_cycle.assessments.get()
    rate_all(assessment, other_authority_staff)
    return services.assessment_submit(
        actor=other_authority_staff, assessment=assessment, version=assessment.version
    )


@pytest.fixture
def meeting_b(submitted_b, authority_staff, world):
    return services.dialogue_meeting_plan(
        actor=authority_staff,
        school=world.school_b,
        cycle=submitted_b.cycle,
        starts_at=datetime(YEAR, 9, 1, 13, 0, tzinfo=ZoneInfo("Europe/Berlin")),
        place="School B, room 1",
        participants="Principal; authority",
    )


@pytest.fixture
def agreement_b(meeting_b, authority_staff):
    return services.agreement_create(
        actor=authority_staff,
        meeting=meeting_b,
        action="Weekly reading sessions",
        owner="Principal",
        due_on=date(YEAR, 12, 1),
    )


@pytest.fixture
def proposal_b(agreement_b, leader_b):
    """School B's leader proposes that the agreement is done."""
    return services.agreement_propose(
        actor=leader_b, agreement=agreement_b, status="done", reason="Every class reads weekly."
    )


def add_results(school, measure, values, *, n=30, first_year=2022):
    for offset, value in enumerate(values):
        Result.objects.create(
            school=school,
            measure=measure,
            year=first_year + offset,
            value=Decimal(str(value)),
            n=n,
        )


@pytest.fixture
def results(world, measures):
    # School A stays below the reading threshold; School B is fine.
    add_results(world.school_a, measures.reading, [45, 46, 47, 44])
    add_results(world.school_b, measures.reading, [50, 52, 51, 53])
    add_results(world.school_a, measures.bullying, [4, 5, 4, 3], n=40)
    add_results(world.school_b, measures.bullying, [5, 5, 6, 5], n=40)
    return measures


@pytest.fixture
def other_result(world, other_cycle):
    measure = Measure.objects.create(
        authority=world.other_authority, code="lesing", name="Lesing", threshold=Decimal("3")
    )
    return Result.objects.create(
        school=world.school_other, measure=measure, year=2025, value=Decimal("2.5"), n=30
    )


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded exports go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
