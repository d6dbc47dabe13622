"""Large data for load tests, on top of the demo world (`manage.py seed_scale`).

At scale 1 the Demo authority gets 200 more schools in the Demo network with 2,000
people; the apps add their own rows (events and registrations, results, coalitions)
through seeders in their `scale.py` modules. The command finds those modules the way
the admin finds `admin.py` (autodiscovery), so qnet still imports no app.

Rows are written with bulk_create in one transaction: minutes, not hours, and a run
that fails leaves nothing behind. The data is recognisable by SCALE_PREFIX in the
official ids of the schools, which is also how a second run knows it has nothing to do.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from qnet.demo import DEMO_PASSWORD
from qnet.models import Membership, NetworkMembership, Role, School, User
from qnet.registry import OrderedRegistry

SCALE_PREFIX = "SCALE-"
SCHOOLS = 200
PEOPLE_PER_SCHOOL = 10
KINDS = [kind for kind, _label in School.Kind.choices if kind != School.Kind.OTHER]


def scaled(base: int, scale: float) -> int:
    """At least one of everything, so a tiny test run still touches every table."""
    return max(1, round(base * scale))


@dataclass
class ScaleWorld:
    """What the apps' scale seeders build on: the demo world plus the new rows."""

    demo: dict
    scale: float
    schools: list[School] = field(default_factory=list)
    # Everyone who belongs to a school, by school id: leaders first.
    people_by_school: dict[int, list[User]] = field(default_factory=dict)
    rng: random.Random = field(default_factory=lambda: random.Random(2026))  # noqa: S311

    @property
    def all_schools(self) -> list[School]:
        """The demo network's schools and the new ones, all of the Demo authority."""
        demo_authority = self.demo["demo_authority"]
        demo_schools = [
            s for s in self.demo["schools"].values() if s.authority_id == demo_authority.pk
        ]
        return demo_schools + self.schools


ScaleSeeder = Callable[[ScaleWorld], dict[str, int]]
_seeders: OrderedRegistry[ScaleSeeder] = OrderedRegistry()


def register_scale_seeder(seeder: ScaleSeeder, *, order: int = 500) -> None:
    _seeders.add(seeder, order=order)


def scale_seeders() -> list[ScaleSeeder]:
    return list(_seeders)


def already_seeded() -> int:
    return School.objects.filter(official_id__startswith=SCALE_PREFIX).count()


def seed_people(world: ScaleWorld) -> dict[str, int]:
    """Schools of the Demo authority in the Demo network, each with a leader and staff."""
    authority = world.demo["demo_authority"]
    network = world.demo["network"]
    count = scaled(SCHOOLS, world.scale)
    world.schools = School.objects.bulk_create(
        [
            School(
                authority=authority,
                name=f"Scale school {number:03d}",
                kind=KINDS[number % len(KINDS)],
                city=f"District {number % 17 + 1}",
                official_id=f"{SCALE_PREFIX}{number:04d}",
            )
            for number in range(1, count + 1)
        ]
    )
    NetworkMembership.objects.bulk_create(
        [
            NetworkMembership(network=network, school=school, since=date(2022, 8, 1))
            for school in world.schools
        ]
    )
    # One hash for everyone: hashing 2,000 passwords one by one would take minutes.
    password = make_password(DEMO_PASSWORD)
    people_per_school = PEOPLE_PER_SCHOOL
    users = []
    for school in world.schools:
        number = school.official_id.removeprefix(SCALE_PREFIX)
        for person in range(people_per_school):
            users.append(
                User(
                    email=f"scale-{number}-{person:02d}@example.org",
                    full_name=f"Person {person + 1} of school {number}",
                    password=password,
                )
            )
    users = User.objects.bulk_create(users)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users]
    )
    memberships = []
    for index, school in enumerate(world.schools):
        staff = users[index * people_per_school : (index + 1) * people_per_school]
        world.people_by_school[school.pk] = staff
        for position, user in enumerate(staff):
            role = Role.SCHOOL_LEADER if position == 0 else Role.SCHOOL_STAFF
            memberships.append(Membership(user=user, role=role, school=school))
    Membership.objects.bulk_create(memberships)
    people = world.demo["people"]
    schools = world.demo["schools"]
    world.people_by_school[schools["School A"].pk] = [people["leader_a"], people["staff_a"]]
    world.people_by_school[schools["School B"].pk] = [people["leader_b"]]
    return {"schools": len(world.schools), "users": len(users)}
