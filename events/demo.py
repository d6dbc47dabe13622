"""Demo data of events: a school year of the Demo network's exchange formats.

Idempotent: formats and series are found by name, events by (network, title), so
`seed_demo` can run at every start. Dates are relative to today, so the demo always
has one past meeting and upcoming ones.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from events import services
from events.models import (
    AgendaItem,
    DatePoll,
    Event,
    Format,
    GuestInvitation,
    Kind,
    Minutes,
    Registration,
    Series,
)

FORMATS = [
    (
        Kind.COORDINATOR_MEETING,
        "Coordinator meeting",
        timedelta(hours=3),
        "Four times a school year",
        30,
        2,
        "The coordinators of the network's schools meet to plan the year, share what "
        "works and agree on the next steps.",
    ),
    (
        Kind.PERSPECTIVE_DAY,
        "Perspective day",
        timedelta(hours=6),
        "Once a year",
        80,
        4,
        "A day with parallel workshops in which school teams look at their practice "
        "from a new perspective.",
    ),
    (
        Kind.FORUM,
        "Network forum",
        timedelta(hours=30),
        "Once a year, one and a half days",
        120,
        6,
        "The network's conference with keynotes, good practice and honorary guests.",
    ),
    (
        Kind.LEARNING_NETWORK_MEETING,
        "Learning-network meeting",
        timedelta(hours=3),
        "Five meetings per learning network",
        16,
        2,
        "School leaders work on their own learning question, with facilitators and experts.",
    ),
    (
        Kind.KICK_OFF,
        "Kick-off",
        timedelta(hours=2),
        "At the start of the school year",
        None,
        None,
        "The start of the network's year, held online.",
    ),
]


PAST_MEETING = "Coordinator meeting: planning the school year"


def _at(day_offset: int, hour: int, tz, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=day_offset)
    return datetime.combine(day, time(hour, minute), tzinfo=tz)


def _event(actor, fmt, title, starts_at, **fields) -> Event:
    existing = Event.objects.filter(network=fmt.network, title=title).first()
    if existing is not None:
        return existing
    return services.event_create(
        actor=actor, format=fmt, title=title, starts_at=starts_at, **fields
    )


def _publish(actor, event: Event) -> Event:
    if event.status == Event.Status.DRAFT:
        event = services.event_publish(actor=actor, event=event)
    return event


def _register(actor, event: Event, person, workshops=()) -> None:
    if Registration.objects.filter(event=event, person=person).exists():
        return
    services.registration_create(actor=actor, event=event, person=person, workshops=workshops)


def _past_meeting(coordinator, fmt, tz, people) -> None:
    """A meeting that took place, with apologies and attendance.

    Its registrations are written as plain rows: the services rightly refuse to register
    anyone for an event in the past.
    """
    title = PAST_MEETING
    if Event.objects.filter(network=fmt.network, title=title).exists():
        return
    event = _publish(
        coordinator,
        _event(
            coordinator,
            fmt,
            title,
            _at(-21, 14, tz),
            description="We agreed on the dates of the year and the focus of the perspective day.",
            venue_name="School C",
            venue_address="Westend 12",
        ),
    )
    attendance = [
        (people["leader_a"], "School A", Registration.Attendance.PRESENT),
        (people["staff_a"], "School A", Registration.Attendance.ABSENT),
        (people["leader_b"], "School B", Registration.Attendance.EXCUSED),
    ]
    schools = {school.name: school for school in fmt.network.schools.all()}
    for person, school, mark in attendance:
        Registration.objects.create(
            event=event,
            person=person,
            school=schools.get(school),
            status=Registration.Status.EXCUSED
            if mark == Registration.Attendance.EXCUSED
            else Registration.Status.CONFIRMED,
            attendance=mark,
            apology="Parents' evening at our school." if mark == "excused" else "",
            registered_by=person,
        )


def _date_poll(coordinator, fmt, tz, schools, people) -> None:
    """An open poll for a sixth, extra learning-network meeting, already answered by two."""
    title = "Learning network: an extra meeting on feedback"
    if DatePoll.objects.filter(network=fmt.network, title=title).exists():
        return
    poll = services.date_poll_create(
        actor=coordinator,
        format=fmt,
        title=title,
        description="The group asked for one more meeting. Which date suits you?",
        options=[
            {
                "starts_at": _at(offset, 15, tz),
                "ends_at": _at(offset, 18, tz),
                "venue_name": school,
                "host_school": schools[school],
            }
            for offset, school in ((230, "School E"), (237, "School F"), (244, "School A"))
        ],
    )
    options = list(poll.options.all())
    answers = {
        "leader_a": ["yes", "maybe", "no"],
        "leader_b": ["yes", "no", "yes"],
    }
    for persona, row in answers.items():
        services.date_poll_vote(
            actor=people[persona],
            poll=poll,
            answers={option.pk: answer for option, answer in zip(options, row, strict=True)},
        )


FORUM_GUESTS = [
    ("Prof. Dr. Ada Lernwerk", "ada.lernwerk@example.org", "speaker", True),
    ("Jonas Praxis", "jonas.praxis@example.org", "speaker", True),
    ("Mayor Helga Rathaus", "helga.rathaus@example.org", "honorary_guest", None),
]


def _forum_guests(coordinator, forum) -> None:
    """Speakers and an honorary guest; two have answered, one has not yet."""
    for name, email, role, accepts in FORUM_GUESTS:
        if GuestInvitation.objects.filter(event=forum, email=email).exists():
            continue
        guest, _token = services.guest_invite(
            actor=coordinator, event=forum, name=name, email=email, role=role
        )
        if accepts is not None:
            services.guest_respond(guest=guest, accept=accepts)


def _past_minutes(coordinator, network) -> None:
    event = Event.objects.get(network=network, title=PAST_MEETING)
    if Minutes.objects.filter(event=event).exists():
        return
    services.minutes_save(
        actor=coordinator,
        event=event,
        summary="Six schools took part. We looked back on last year's perspective day and "
        "planned the dates of this school year.",
        decisions="* The perspective day takes up feedback culture.\n"
        "* A learning network of five meetings starts before the winter holidays.",
        action_items=[
            {"description": "Send the dates of the year to all schools", "owner": "Clara"},
            {"description": "Ask two schools to host the learning network", "owner": "Clara"},
        ],
    )
    services.minutes_finalise(actor=coordinator, event=event)


@transaction.atomic
def seed_events(world: dict) -> None:
    network = world["network"]
    people = world["people"]
    coordinator = people["coordinator"]
    tz = network.tzinfo
    schools = world["schools"]
    formats = {}
    for kind, name, duration, cadence, capacity, seats, description in FORMATS:
        formats[kind], _ = Format.objects.get_or_create(
            network=network,
            name=name,
            defaults={
                "kind": kind,
                "default_duration": duration,
                "cadence": cadence,
                "default_capacity": capacity,
                "seats_per_school": seats,
                "description": description,
            },
        )

    meeting = formats[Kind.COORDINATOR_MEETING]
    _past_meeting(coordinator, meeting, tz, people)
    _past_minutes(coordinator, network)
    upcoming_meetings = [
        (12, "Coordinator meeting: results of the self-assessments", "School A", "Nordpark 3"),
        (68, "Coordinator meeting: preparing the forum", "School D", "Ostufer 7"),
        (150, "Coordinator meeting: looking back on the year", "School E", "Altstadt 21"),
    ]
    for offset, title, venue, address in upcoming_meetings:
        event = _publish(
            coordinator,
            _event(
                coordinator,
                meeting,
                title,
                _at(offset, 14, tz),
                venue_name=venue,
                venue_address=address,
                host_school=schools[venue],
                description="Agenda and papers follow one week before the meeting.",
            ),
        )
        if offset == 12:
            _register(coordinator, event, people["leader_a"])
            _register(people["leader_a"], event, people["staff_a"])
            _register(coordinator, event, people["leader_b"])

    day = formats[Kind.PERSPECTIVE_DAY]
    title = "Perspective day: feedback culture"
    perspective = Event.objects.filter(network=network, title=title).first()
    if perspective is None:
        perspective = _event(
            coordinator,
            day,
            title,
            _at(33, 9, tz),
            venue_name="Town hall",
            venue_address="Marktplatz 1",
            description=(
                "How do pupils, teachers and school leaders give each other feedback that "
                "helps?\n\n* keynote in the morning\n* four parallel workshops\n"
                "* a market place of good practice"
            ),
        )
        start = perspective.starts_at
        plan = [
            (AgendaItem.Kind.OPENING, "Welcome and keynote", 0, 60, "Great hall", "", None),
            (AgendaItem.Kind.BREAK, "Coffee", 60, 90, "Foyer", "", None),
            (AgendaItem.Kind.WORKSHOP, "Pupil feedback in lessons", 90, 210, "Room 1", "", 20),
            (AgendaItem.Kind.WORKSHOP, "Peer observation", 90, 210, "Room 2", "", 20),
            (AgendaItem.Kind.WORKSHOP, "Feedback to the school leader", 90, 210, "Room 3", "", 15),
            (AgendaItem.Kind.WORKSHOP, "Data conversations in teams", 90, 210, "Room 4", "", 15),
            (AgendaItem.Kind.LUNCH, "Lunch", 210, 270, "Foyer", "", None),
            (AgendaItem.Kind.PLENARY, "Market place and closing", 270, 360, "Great hall", "", None),
        ]
        for kind, item_title, begin, end, room, moderator, capacity in plan:
            services.agenda_item_create(
                actor=coordinator,
                event=perspective,
                kind=kind,
                title=item_title,
                starts_at=start + timedelta(minutes=begin),
                ends_at=start + timedelta(minutes=end),
                room=room,
                moderator=moderator or "Clara Koordinator",
                capacity=capacity,
            )
    perspective = _publish(coordinator, perspective)
    workshops = list(perspective.agenda_items.filter(kind=AgendaItem.Kind.WORKSHOP))
    if workshops:
        _register(people["leader_a"], perspective, people["leader_a"], [workshops[0]])

    forum = _publish(
        coordinator,
        _event(
            coordinator,
            formats[Kind.FORUM],
            "Network forum 2027",
            _at(96, 13, tz),
            ends_at=_at(97, 16, tz),
            venue_name="Congress centre",
            venue_address="Am Hafen 5",
            audience=Event.Audience.PUBLIC,
            description="One and a half days of keynotes, workshops and good practice from "
            "the network's schools, with speakers from research and the authority.",
        ),
    )
    _register(people["leader_b"], forum, people["leader_b"])
    _forum_guests(coordinator, forum)

    learning = formats[Kind.LEARNING_NETWORK_MEETING]
    series_title = "Learning network: learning culture and quality"
    if not Series.objects.filter(network=network, title=series_title).exists():
        series = services.series_create(
            actor=coordinator,
            format=learning,
            title=series_title,
            starts=[_at(19 + 42 * index, 15, tz) for index in range(5)],
            host_schools=[schools[name] for name in ("School B", "School C", "School D")],
            description="Each participant works on a learning question of their own school.",
        )
        # Without a venue of their own, the meetings are held at their host schools.
        for event in series.events.order_by("series_number"):
            _publish(coordinator, event)
        first = series.events.get(series_number=1)
        _register(people["leader_a"], first, people["leader_a"])
        _register(people["leader_b"], first, people["leader_b"])

    _date_poll(coordinator, learning, tz, schools, people)

    kick_off = _publish(
        coordinator,
        _event(
            coordinator,
            formats[Kind.KICK_OFF],
            "Kick-off of the network year",
            _at(5, 16, tz),
            online_url="https://meet.example.org/qnet-kick-off",
            venue_name="Online",
            description="A short online start: the year's plan, the formats and who is who.",
        ),
    )
    _register(people["staff_a"], kick_off, people["staff_a"])
