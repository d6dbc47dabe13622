"""A dialogue meeting appears in the calendars as an event of the dialogue-meeting format."""

from datetime import timedelta

import pytest

from events.models import Kind
from selfassessment import services

pytestmark = pytest.mark.django_db


def test_planning_puts_the_meeting_in_the_school_calendar(meeting_b, world, login, leader_b):
    event = meeting_b.event
    assert event is not None
    assert event.format.kind == Kind.DIALOGUE_MEETING
    assert event.authority == world.authority
    assert list(event.invited_schools.all()) == [world.school_b]
    assert event.is_published
    assert event.starts_at == meeting_b.starts_at
    response = login(leader_b).get(f"/events/{event.pk}/")
    assert response.status_code == 200
    assert login(leader_b).get(f"/events/{event.pk}/calendar.ics").status_code == 200


def test_another_school_does_not_see_the_meeting(meeting_b, login, leader_a):
    assert login(leader_a).get(f"/events/{meeting_b.event.pk}/").status_code == 404


def test_moving_the_meeting_moves_the_event_and_raises_its_sequence(
    meeting_b, authority_staff, world
):
    event = meeting_b.event
    sequence = event.sequence
    later = meeting_b.starts_at + timedelta(days=2)
    moved = services.dialogue_meeting_plan(
        actor=authority_staff,
        school=world.school_b,
        cycle=meeting_b.cycle,
        starts_at=later,
        place="Town hall",
    )
    event.refresh_from_db()
    assert moved.event_id == event.pk
    assert event.starts_at == later and event.venue_name == "Town hall"
    assert event.sequence > sequence


def test_planning_again_unchanged_keeps_the_sequence(meeting_b, authority_staff, world):
    sequence = meeting_b.event.sequence
    services.dialogue_meeting_plan(
        actor=authority_staff,
        school=world.school_b,
        cycle=meeting_b.cycle,
        starts_at=meeting_b.starts_at,
        place=meeting_b.place,
    )
    meeting_b.event.refresh_from_db()
    assert meeting_b.event.sequence == sequence
