"""Scale data of coalitions (`manage.py seed_scale`): the Demo network's coalitions,
learning networks and projects, with members from the new schools; School A's leader
is in every fourth one."""

from datetime import timedelta

from django.utils import timezone

from coalitions.models import Coalition, CoalitionMember
from qnet.scale import ScaleWorld, register_scale_seeder, scaled

COALITIONS = 60
MEMBERS = 12


def seed_coalitions(world: ScaleWorld) -> dict[str, int]:
    network = world.demo["network"]
    kinds = [kind for kind, _label in Coalition.Kind.choices]
    statuses = [Coalition.Status.ACTIVE, Coalition.Status.ACTIVE, Coalition.Status.PROPOSED]
    today = timezone.localdate()
    coalitions = Coalition.objects.bulk_create(
        [
            Coalition(
                network=network,
                kind=kinds[number % len(kinds)],
                title=f"Working group {number + 1:03d}",
                central_question="How do we make feedback part of every lesson?",
                period_start=today - timedelta(days=200),
                period_end=today + timedelta(days=200),
                status=statuses[number % len(statuses)] if number % 10 else "closed",
            )
            for number in range(scaled(COALITIONS, world.scale))
        ]
    )
    pool = [
        (person, school_id)
        for school_id, staff in world.people_by_school.items()
        for person in staff
    ]
    leader_a = world.demo["people"]["leader_a"]
    members = []
    for index, coalition in enumerate(coalitions):
        chosen = world.rng.sample(pool, min(MEMBERS, len(pool)))
        if index % 4 == 0 and all(person.pk != leader_a.pk for person, _s in chosen):
            chosen[0] = (leader_a, world.demo["schools"]["School A"].pk)
        members.extend(
            CoalitionMember(
                coalition=coalition,
                person=person,
                school_id=school_id,
                role=CoalitionMember.Role.LEAD if position == 0 else CoalitionMember.Role.MEMBER,
            )
            for position, (person, school_id) in enumerate(chosen)
        )
    CoalitionMember.objects.bulk_create(members)
    return {"coalitions": len(coalitions), "coalition members": len(members)}


register_scale_seeder(seed_coalitions, order=400)
