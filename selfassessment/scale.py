"""Scale data of the self-assessment (`manage.py seed_scale`): five years of results for
every school of the Demo authority, and the new schools in this year's cycle."""

from decimal import Decimal

from django.utils import timezone

from qnet.scale import ScaleWorld, register_scale_seeder
from selfassessment.models import Cycle, Indicator, Measure, Rating, Result, SelfAssessment

YEARS = 5
# Every ninth new school stays below the thresholds: the follow-up list has real work to show.
WEAK_EVERY = 9


def _results(world: ScaleWorld, measures: list[Measure]) -> int:
    rng = world.rng
    this_year = timezone.localdate().year
    rows = []
    weak_ids = {school.pk for school in world.schools[::WEAK_EVERY]}
    for school in world.all_schools:
        weak = school.pk in weak_ids
        for measure in measures:
            threshold = float(measure.threshold)
            sign = 1 if measure.higher_is_better else -1
            for year in range(this_year - YEARS, this_year):
                margin = rng.uniform(0.5, 3) if not weak else -rng.uniform(0.5, 3)
                value = threshold + sign * margin * max(abs(threshold) * 0.05, 0.1)
                rows.append(
                    Result(
                        school=school,
                        measure=measure,
                        year=year,
                        value=Decimal(str(round(value, 1))),
                        n=rng.randint(3, 80),
                    )
                )
    # The demo's own rows for the same school, measure and year stay as they are.
    Result.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
    return Result.objects.filter(measure__in=measures).count()


def _cycle(world: ScaleWorld) -> int:
    authority = world.demo["demo_authority"]
    cycle = Cycle.objects.filter(plan__authority=authority).order_by("-year").first()
    if cycle is None or not world.schools:
        return 0
    cycle.schools.add(*world.schools)
    now = timezone.now()
    states = [
        SelfAssessment.Status.DRAFT,
        SelfAssessment.Status.SUBMITTED,
        SelfAssessment.Status.ACCEPTED,
        SelfAssessment.Status.RETURNED,
    ]
    assessments = SelfAssessment.objects.bulk_create(
        [
            SelfAssessment(
                cycle=cycle,
                school=school,
                status=states[index % len(states)],
                submitted_at=None if index % len(states) == 0 else now,
                decided_at=now if index % len(states) >= 2 else None,
            )
            for index, school in enumerate(world.schools)
        ]
    )
    indicator_ids = list(
        Indicator.objects.filter(goal__focus_area__plan=cycle.plan).values_list("pk", flat=True)
    )
    Rating.objects.bulk_create(
        [
            Rating(
                assessment=assessment,
                indicator_id=indicator_id,
                level=world.rng.randint(1, 4) if assessment.submitted_at else None,
            )
            for assessment in assessments
            for indicator_id in indicator_ids
        ],
        batch_size=5000,
    )
    return len(assessments)


def seed_selfassessment(world: ScaleWorld) -> dict[str, int]:
    measures = list(Measure.objects.filter(authority=world.demo["demo_authority"]))
    return {"results": _results(world, measures), "self-assessments": _cycle(world)}


register_scale_seeder(seed_selfassessment, order=300)
