"""A learning network that owns a series of three meetings for its members, shared by
the tests of coalitions' and events' series pages."""

from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from coalitions import services as coalition_services
from coalitions.models import Coalition, CoalitionMember
from events import services as event_services
from events.models import Event, Kind


def build(world, *, coordinator, facilitator, leader_a, staff_a, leader_b=None, meetings=3):
    fmt = event_services.format_create(
        actor=coordinator,
        network=world.network,
        kind=Kind.LEARNING_NETWORK_MEETING,
        name="Learning-network meeting",
        default_duration=timedelta(hours=3),
    )
    start = timezone.now() + timedelta(days=14)
    series = event_services.series_create(
        actor=coordinator,
        format=fmt,
        title="Learning culture",
        starts=[start + timedelta(weeks=4 * n) for n in range(meetings)],
    )
    learning = coalition_services.coalition_create(
        actor=coordinator,
        network=world.network,
        title="Learning culture",
        kind=Coalition.Kind.LEARNING_NETWORK,
        is_closed_group=True,
    )
    coalition_services.coalition_update(actor=coordinator, coalition=learning, series=series)
    coalition_services.member_add(
        actor=coordinator,
        coalition=learning,
        person=facilitator,
        role=CoalitionMember.Role.FACILITATOR,
    )
    for person in (leader_a, staff_a):
        coalition_services.member_add(
            actor=coordinator, coalition=learning, person=person, school=world.school_a
        )
    for meeting in series.events.order_by("series_number"):
        event_services.event_update(
            actor=coordinator, event=meeting, audience=Event.Audience.COALITION
        )
        event_services.event_publish(actor=coordinator, event=meeting)
    # A meeting of the whole network, not of the learning network's series.
    network_meeting = event_services.event_create(
        actor=coordinator, format=fmt, starts_at=start, title="Network meeting"
    )
    event_services.event_publish(actor=coordinator, event=network_meeting)
    return SimpleNamespace(
        fmt=fmt,
        series=series,
        coalition=learning,
        meetings=list(series.events.order_by("series_number")),
        network_meeting=network_meeting,
    )
