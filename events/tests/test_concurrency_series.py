"""Whole-series registrations race like single ones: the capacity of each meeting holds,
and people registering for the same series at once do not deadlock (they lock the
meetings in the same order). Real threads and row locks on PostgreSQL."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events import services
from events.models import Event, Registration
from events.services.series_meetings import series_register
from events.tests.factories import FormatFactory
from events.tests.test_concurrency import people_at, run_at_once

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = 24


def test_simultaneous_series_registrations_fill_each_meeting_exactly(postgres, world, coordinator):
    fmt = FormatFactory(network=world.network)
    start = timezone.now() + timedelta(days=10)
    series = services.series_create(
        actor=coordinator,
        format=fmt,
        title="Learning network",
        starts=[start + timedelta(weeks=n) for n in range(3)],
        capacity=10,
    )
    Event.objects.filter(series=series).update(status=Event.Status.PUBLISHED)
    people = people_at([world.school_a, world.school_b], PEOPLE)
    results, errors = run_at_once(
        [lambda person=person: series_register(actor=person, series=series) for person in people]
    )
    assert errors == []
    assert len(results) == PEOPLE
    for meeting in series.events.all():
        statuses = list(Registration.objects.filter(event=meeting).values_list("status", flat=True))
        assert statuses.count("confirmed") == 10
        assert statuses.count("waitlisted") == PEOPLE - 10
