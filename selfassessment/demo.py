"""Demo data for the quality cycle: the Demo authority's plan 2026–2030, measures with four
years of results, this year's cycle with self-assessments in every state, and a dialogue
meeting with agreements. Idempotent: natural keys, and a cycle is set up only once."""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from selfassessment import services
from selfassessment.models import (
    Agreement,
    Cycle,
    DialogueMeeting,
    FocusArea,
    Goal,
    Indicator,
    Level,
    Measure,
    QualityPlan,
    Rating,
    Result,
    SelfAssessment,
    StaffSurvey,
    SurveyAnswer,
)

MEASURES = [
    # code, name, unit, higher is better, threshold, minimum group, typical value, spread
    ("read-5", "National test reading, grade 5", "scale points", True, "48", 5, 50, 3),
    ("num-5", "National test numeracy, grade 5", "scale points", True, "48", 5, 50, 3),
    ("read-8", "National test reading, grade 8", "scale points", True, "50", 5, 52, 3),
    ("wellbeing", "Pupil survey: well-being", "index 1–5", True, "3.8", 10, 4.1, 0.2),
    ("bullying", "Pupil survey: pupils who report bullying", "%", False, "6", 10, 4.5, 1.5),
    ("dropout", "Dropout", "%", False, "5", 10, 3.5, 1.2),
]

PLAN = [
    (
        "Reading and writing",
        "Every pupil reads with understanding and writes for different purposes.",
        [
            (
                "Reading strategies are taught explicitly in every subject, "
                "not only in language lessons.",
                "Look at lesson plans across subjects: where do pupils learn how to read "
                "a text of that subject?",
                "National tests in reading; classroom observation; lesson plans",
                ["read-5", "read-8"],
            ),
            (
                "Pupils who fall behind in reading are found early and get targeted "
                "support within weeks.",
                "How long does it take from a weak screening result to the first support "
                "session? Who decides?",
                "Screening tests; records of support; talks with the reading supervisor",
                ["read-5"],
            ),
            (
                "Pupils write regularly and get feedback that tells them how to improve "
                "their next text.",
                "Collect five texts per class and the feedback on them.",
                "Samples of pupil work; pupil survey (feedback); observation",
                [],
            ),
        ],
    ),
    (
        "Mathematics",
        "Pupils master basic numeracy and use mathematics to solve everyday problems.",
        [
            (
                "Lessons give pupils time to explain and discuss their solutions.",
                "Observe three lessons per grade level with a shared observation form.",
                "Classroom observation; lesson study",
                [],
            ),
            (
                "The staff analyse the numeracy test results together, and the analysis "
                "changes how they teach.",
                "Which changes in teaching came out of last year's analysis?",
                "National tests in numeracy; minutes of staff meetings",
                ["num-5"],
            ),
            (
                "Pupils meet practical and exploratory tasks in mathematics every week.",
                "",
                "Pupil survey; lesson plans",
                ["num-5"],
            ),
        ],
    ),
    (
        "Citizenship and social responsibility",
        "Pupils feel safe, take part, and take responsibility for their school community.",
        [
            (
                "Every pupil has at least one adult at school whom they trust.",
                "Ask pupils directly, not only through the survey.",
                "Pupil survey; pupil conversations",
                ["wellbeing"],
            ),
            (
                "The school acts quickly and systematically when a pupil does not feel safe.",
                "Trace the last three cases: how many days from the report to a plan?",
                "Pupil survey (bullying); case records",
                ["bullying"],
            ),
            (
                "Pupils have real influence through the pupil council and class meetings.",
                "",
                "Minutes of the pupil council; pupil survey (participation)",
                ["wellbeing"],
            ),
            (
                "Staff follow up pupils at risk of dropping out together with parents and "
                "support services.",
                "",
                "Attendance records; dropout figures; meetings with support services",
                ["dropout"],
            ),
        ],
    ),
]

# Two schools stay below the threshold on reading and numeracy year after year.
WEAK_SCHOOLS = {"School G": ("read-5", "num-5", "read-8"), "School K": ("read-5", "num-5")}
STATES = {
    "School A": SelfAssessment.Status.DRAFT,
    "School B": SelfAssessment.Status.SUBMITTED,
}
EVIDENCE = [
    "Lesson plans from three subjects show explicit strategy teaching in two of them.",
    "The screening in August found 14 pupils; all had a support plan within three weeks.",
    "Observation in six lessons: pupils explained their solutions in four of them.",
    "The pupil survey shows a rise in the share of pupils who feel heard.",
    "Minutes of the pupil council show three proposals carried out this year.",
]
NEXT_STEPS = [
    "Agree on a shared reading-strategy routine for all subjects.",
    "Train the new teachers in the screening routine before the autumn.",
    "Use lesson study in the mathematics team twice a term.",
    "Start class meetings every month in all grades.",
]


def _ratings(assessment: SelfAssessment, rng: random.Random, complete: bool) -> None:
    ratings = list(assessment.ratings.all())
    for index, rating in enumerate(ratings):
        if not complete and index >= 2:
            break
        rating.level = rng.choice(Level.values)
        rating.evidence = rng.choice(EVIDENCE)
        rating.next_steps = rng.choice(NEXT_STEPS)
        rating.changed_in_version = 2
    Rating.objects.bulk_update(ratings, ["level", "evidence", "next_steps", "changed_in_version"])


def _results(authority, schools, measures) -> None:
    if Result.objects.filter(measure__authority=authority).exists():
        return
    rng = random.Random(2026)  # noqa: S311 - reproducible demo figures, not secrets
    rows = []
    this_year = timezone.localdate().year
    for school in schools:
        for code, measure in measures.items():
            _c, _n, _u, higher, threshold, min_size, typical, spread = next(
                m for m in MEASURES if m[0] == code
            )
            for year in range(this_year - 4, this_year):
                value = typical + rng.uniform(-spread, spread)
                if code in WEAK_SCHOOLS.get(school.name, ()):
                    value = float(threshold) - (rng.uniform(1.5, 3) * (1 if higher else -1))
                n = rng.randint(18, 60)
                if school.name == "School H" and code == "read-8" and year == this_year - 3:
                    n = 4  # a special school's tiny grade: shown as "—"
                rows.append(
                    Result(
                        school=school,
                        measure=measure,
                        year=year,
                        value=Decimal(str(round(value, 1))),
                        n=n,
                    )
                )
    Result.objects.bulk_create(rows, ignore_conflicts=True)


@transaction.atomic
def seed_selfassessment(world: dict) -> None:
    authority = world["demo_authority"]
    staff = world["people"]["authority"]
    schools = [s for s in world["schools"].values() if s.authority_id == authority.pk]
    measures = {}
    for code, name, unit, higher, threshold, min_size, *_rest in MEASURES:
        measures[code], _ = Measure.objects.get_or_create(
            authority=authority,
            code=code,
            defaults={
                "name": name,
                "unit": unit,
                "higher_is_better": higher,
                "threshold": Decimal(threshold),
                "min_group_size": min_size,
            },
        )
    plan, _ = QualityPlan.objects.get_or_create(
        authority=authority,
        title="Quality plan for our schools",
        defaults={"start_year": 2026, "end_year": 2030},
    )
    for fa_order, (title, goal_text, indicators) in enumerate(PLAN, start=1):
        focus_area, _ = FocusArea.objects.get_or_create(
            plan=plan, title=title, defaults={"order": fa_order}
        )
        goal, _ = Goal.objects.get_or_create(
            focus_area=focus_area, text=goal_text, defaults={"order": 1}
        )
        for order, (statement, guidance, tools, codes) in enumerate(indicators, start=1):
            indicator, created = Indicator.objects.get_or_create(
                goal=goal,
                statement=statement,
                defaults={"order": order, "guidance": guidance, "assessment_tools": tools},
            )
            if created:
                indicator.measures.set([measures[code] for code in codes])
    _results(authority, schools, measures)

    year = max(timezone.localdate().year, plan.start_year)
    cycle = Cycle.objects.filter(plan=plan, year=year).first()
    if cycle is None:
        cycle = _cycle(world, plan, year, schools, staff)
    _closed_survey(cycle, world["schools"]["School B"])


def _closed_survey(cycle: Cycle, school) -> None:
    """School B asked its staff first: eight colleagues answered, the survey is closed."""
    assessment = SelfAssessment.objects.filter(cycle=cycle, school=school).first()
    if assessment is None or StaffSurvey.objects.filter(assessment=assessment).exists():
        return
    responses = 8
    survey = StaffSurvey.objects.create(
        assessment=assessment,
        status=StaffSurvey.Status.CLOSED,
        min_responses=5,
        response_count=responses,
        closed_at=timezone.now(),
    )
    rng = random.Random(5)  # noqa: S311 - reproducible demo figures, not secrets
    indicator_ids = list(
        Indicator.objects.filter(goal__focus_area__plan=cycle.plan).values_list("pk", flat=True)
    )
    SurveyAnswer.objects.bulk_create(
        [
            SurveyAnswer(survey=survey, indicator_id=pk, value=rng.choice([2, 3, 3, 4, 4, 5]))
            for _response in range(responses)
            for pk in indicator_ids
        ]
    )


def _cycle(world, plan, year, schools, staff) -> Cycle:
    cycle = services.cycle_open(
        actor=staff,
        plan=plan,
        year=year,
        opens_on=date(year, 1, 15),
        due_on=date(year, 12, 15),
        schools=schools,
    )
    rng = random.Random(7)  # noqa: S311 - reproducible demo figures, not secrets
    now = timezone.now()
    for index, assessment in enumerate(
        cycle.assessments.select_related("school")
        .prefetch_related("ratings")
        .order_by("school__name")
    ):
        name = assessment.school.name
        status = STATES.get(
            name,
            SelfAssessment.Status.ACCEPTED if index % 2 == 0 else SelfAssessment.Status.RETURNED,
        )
        _ratings(assessment, rng, complete=status != SelfAssessment.Status.DRAFT)
        comment = {
            SelfAssessment.Status.RETURNED: "Thank you. Please add evidence from your own "
            "results for the reading signs before we meet.",
            SelfAssessment.Status.ACCEPTED: "A thorough and honest analysis. See you at the "
            "dialogue meeting.",
        }.get(status, "")
        SelfAssessment.objects.filter(pk=assessment.pk).update(
            status=status,
            version=2,
            last_saved_by=world["people"]["leader_a"] if name == "School A" else None,
            last_saved_at=now,
            submitted_at=None if status == SelfAssessment.Status.DRAFT else now,
            decided_at=now if comment else None,
            authority_comment=comment,
        )
    _meetings(world, cycle, staff)
    return cycle


def _meetings(world, cycle, staff) -> None:
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    agreements = {
        "School C": [
            (
                "Introduce a weekly reading-strategy session in grades 5–7, led by the "
                "reading supervisor.",
                "Principal and reading supervisor",
                90,
                Agreement.Status.IN_PROGRESS,
                "The sessions started in grade 5; grades 6 and 7 follow after the autumn break.",
            ),
            (
                "Analyse the numeracy results in a staff meeting and choose two changes "
                "in teaching.",
                "Mathematics team",
                45,
                Agreement.Status.OPEN,
                "",
            ),
            # Past its due date and still open: flagged as overdue on the follow-up list.
            (
                "Visit two reading lessons at a school of the network and report back to "
                "the staff.",
                "Reading supervisor",
                -14,
                Agreement.Status.OPEN,
                "",
            ),
            (
                "Hold class meetings every month and report back to the pupil council.",
                "Deputy principal",
                -10,
                Agreement.Status.DONE,
                "All classes held class meetings; the pupil council discussed the results.",
            ),
        ],
        "School G": [
            (
                "Corrective plan for reading: reading supervisor from the authority two "
                "days a month; screening of all pupils in grades 3–7.",
                "Principal",
                60,
                Agreement.Status.OPEN,
                "",
            ),
        ],
    }
    for school_name, items in agreements.items():
        school = world["schools"][school_name]
        meeting = DialogueMeeting.objects.filter(school=school, cycle=cycle).first()
        if meeting is None:
            meeting = services.dialogue_meeting_plan(
                actor=staff,
                school=school,
                cycle=cycle,
                starts_at=datetime.combine(today - timedelta(days=20), time(13, 0), tz),
                place=f"{school_name}, meeting room",
                participants="Principal, deputy principal, reading supervisor; "
                "Anna Amtmann (authority)",
                notes="We went through the self-assessment and the results of the last "
                "four years. The school sees reading as its main area for the coming year.",
            )
        for action, owner, due_in, status, note in items:
            agreement = services.agreement_create(
                actor=staff,
                meeting=meeting,
                action=action,
                owner=owner,
                due_on=today + timedelta(days=due_in),
            )
            if note:
                services.agreement_note_add(
                    actor=staff, agreement=agreement, text=note, status=status
                )
