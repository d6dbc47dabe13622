"""Scale data of events (`manage.py seed_scale`): 1,000 events of the Demo network over
five years and 20,000 registrations, School A's people among them.

Rows are written directly with bulk_create: the services rightly refuse to register
anyone for a past event, and going through them one by one would take far too long.
"""

from datetime import timedelta

from django.utils import timezone

from events.models import Event, Format, Registration
from qnet.scale import ScaleWorld, register_scale_seeder, scaled

EVENTS = 1000
REGISTRATIONS = 20000
# The one large event the load test opens: an upcoming forum with many participants.
BIG_EVENT_TITLE = "Scale forum"
BIG_EVENT_SHARE = 0.02
PAST_DAYS = 4 * 365
FUTURE_DAYS = 365


def _events(world: ScaleWorld, formats: list[Format], count: int) -> list[Event]:
    network = world.demo["network"]
    rng = world.rng
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    schools = world.all_schools
    events = []
    for number in range(count):
        fmt = formats[number % len(formats)]
        # Spread evenly from four years ago to one year ahead, at a working hour.
        offset = -PAST_DAYS + (PAST_DAYS + FUTURE_DAYS) * number // max(count - 1, 1)
        starts_at = (now + timedelta(days=offset)).replace(hour=9 + number % 6)
        status = Event.Status.PUBLISHED
        if number % 20 == 7:
            status = Event.Status.CANCELLED
        elif number % 20 == 13 and starts_at > now:
            status = Event.Status.DRAFT
        events.append(
            Event(
                format=fmt,
                network=network,
                title=f"{fmt.name} {number + 1}",
                description=f"Meeting {number + 1} of the network's programme.",
                starts_at=starts_at,
                ends_at=starts_at + fmt.default_duration,
                venue_name=f"{rng.choice(schools).name}, hall {number % 4 + 1}",
                host_school=rng.choice(schools),
                status=status,
            )
        )
    big_start = (now + timedelta(days=30)).replace(hour=9)
    forum = next((f for f in formats if f.kind == "forum"), formats[0])
    events.append(
        Event(
            format=forum,
            network=network,
            title=BIG_EVENT_TITLE,
            description="The network's large yearly forum.",
            starts_at=big_start,
            ends_at=big_start + timedelta(hours=8),
            venue_name="Congress centre",
            status=Event.Status.PUBLISHED,
        )
    )
    return Event.objects.bulk_create(events)


def _registration(event: Event, person, school_id: int, now, rng) -> Registration:
    status = Registration.Status.CONFIRMED
    attendance = ""
    waitlisted_at = None
    roll = rng.random()
    if roll < 0.05:
        status = Registration.Status.CANCELLED
    elif roll < 0.08:
        status = Registration.Status.EXCUSED
    elif roll < 0.11 and event.starts_at > now:
        status = Registration.Status.WAITLISTED
        waitlisted_at = now
    if event.starts_at < now and status == Registration.Status.CONFIRMED:
        attendance = Registration.Attendance.PRESENT if roll < 0.9 else "absent"
    return Registration(
        event=event,
        person=person,
        school_id=school_id,
        status=status,
        attendance=attendance,
        waitlisted_at=waitlisted_at,
        registered_by=person,
    )


def seed_events(world: ScaleWorld) -> dict[str, int]:
    formats = list(Format.objects.filter(network=world.demo["network"]).order_by("pk"))
    count = scaled(EVENTS, world.scale)
    # The big event counts towards the 1,000: it is one of them.
    events = _events(world, formats, count - 1)
    rng = world.rng
    now = timezone.now()
    people = world.demo["people"]
    school_a = world.demo["schools"]["School A"].pk
    pool = [
        (person, school_id)
        for school_id, staff in world.people_by_school.items()
        if school_id != school_a
        for person in staff
    ]
    total = scaled(REGISTRATIONS, world.scale)
    big = min(len(pool), round(total * BIG_EVENT_SHARE))
    # Nobody registers for a draft: it is not open yet.
    regular = [e for e in events if e.status != Event.Status.DRAFT and e.title != BIG_EVENT_TITLE]
    per_event, remainder = divmod(total - big, max(len(regular), 1))
    sizes = {event.pk: per_event + (index < remainder) for index, event in enumerate(regular)}
    sizes[events[-1].pk] = big
    rows = []
    for index, event in enumerate(events):
        size = sizes.get(event.pk, 0)
        if not size:
            continue
        # School A's leader and staff take part in every third and fifth event: their
        # school has many registrations, as the load test's leader persona should see.
        chosen = [
            (persona, school_a)
            for persona, every in ((people["leader_a"], 3), (people["staff_a"], 5))
            if index % every == 0
        ][:size]
        chosen += rng.sample(pool, min(size - len(chosen), len(pool)))
        rows.extend(_registration(event, person, school, now, rng) for person, school in chosen)
    Registration.objects.bulk_create(rows, batch_size=5000)
    return {"events": len(events), "registrations": len(rows)}


register_scale_seeder(seed_events, order=200)
