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
