from datetime import timedelta

import pytest
from django.utils import timezone

from events import services
from events.models import Event
from events.tests.factories import EventFactory, FormatFactory


@pytest.fixture
def fmt(world):
    return FormatFactory(network=world.network, name="Coordinator meeting")


@pytest.fixture
def event(fmt):
    """A published meeting of the Demo network in two weeks."""
    return EventFactory(format=fmt, title="Coordinator meeting: results")


@pytest.fixture
def series(coordinator, fmt, event):
    """A published series of three meetings, the first at the time of `event`."""
    created = services.series_create(
        actor=coordinator,
        format=fmt,
        title="Learning network",
        starts=[event.starts_at + timedelta(weeks=n) for n in range(3)],
    )
    created.events.update(status=Event.Status.PUBLISHED)
    return created


@pytest.fixture
def other_event(world):
    """An event of the other authority's network: out of every demo persona's scope."""
    return EventFactory(format=FormatFactory(network=world.other_network), title="Fjord meeting")


@pytest.fixture
def past_event(fmt):
    starts = timezone.now() - timedelta(days=3)
    return EventFactory(
        format=fmt, title="Past meeting", starts_at=starts, ends_at=starts + timedelta(hours=3)
    )


@pytest.fixture
def anonymise_after_retention():
    """Run the retention task as it runs once the period after the event has passed."""
    from django.conf import settings

    from events import services

    def run(event) -> int:
        later = event.ends_at + timedelta(days=settings.EVENTS_RETENTION_DAYS + 1)
        return services.registrations_anonymise_expired(now=later)

    return run


@pytest.fixture
def dialogue_format(authority_staff, world):
    """The Demo authority's format for dialogue meetings: no network, the authority's."""
    from events import services
    from events.models import Kind

    return services.format_create(
        actor=authority_staff,
        authority=world.authority,
        kind=Kind.DIALOGUE_MEETING,
        name="Dialogue meeting",
    )


@pytest.fixture
def dialogue_event(authority_staff, dialogue_format, world):
    """School B's published dialogue meeting with its authority."""
    from events import services
    from events.models import Event

    event = services.event_create(
        actor=authority_staff,
        format=dialogue_format,
        starts_at=timezone.now() + timedelta(days=21),
        audience=Event.Audience.INVITED,
        invited_schools=[world.school_b],
    )
    return services.event_publish(actor=authority_staff, event=event)
