"""Attendance across a series: people × meetings, for those who run the series."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coalitions.tests.meetings_world import build
from events.models import Event, Registration
from events.services.series_meetings import series_register
from qnet.models import Membership, Role
from qnet.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lw(world, coordinator, facilitator, leader_a, staff_a):
    return build(
        world, coordinator=coordinator, facilitator=facilitator, leader_a=leader_a, staff_a=staff_a
    )


def url(lw) -> str:
    return f"/events/series/{lw.series.pk}/attendance/"


def test_the_facilitator_sees_who_came_to_which_meeting(login, facilitator, leader_a, lw):
    series_register(actor=leader_a, series=lw.series)
    first = lw.meetings[0]
    Event.objects.filter(pk=first.pk).update(
        starts_at=timezone.now() - timedelta(hours=4), ends_at=timezone.now() - timedelta(hours=1)
    )
    Registration.objects.filter(event=first, person=leader_a).update(attendance="present")
    page = login(facilitator).get(url(lw))
    assert page.status_code == 200
    html = page.content.decode()
    assert leader_a.full_name in html
    assert "Present" in html and "Registered, not marked" in html


def test_without_registrations_it_says_so(login, facilitator, lw):
    assert "Nobody has registered." in login(facilitator).get(url(lw)).content.decode()


def test_anonymous_is_sent_to_login(client, lw):
    response = client.get(url(lw))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_member_may_not_see_the_others_attendance(login, staff_a, lw):
    assert login(staff_a).get(url(lw)).status_code == 403


def test_outside_the_audience_the_series_does_not_exist(login, leader_b, lw):
    assert login(leader_b).get(url(lw)).status_code == 404


def test_it_rejects_post(login, facilitator, lw):
    assert login(facilitator).post(url(lw)).status_code == 405


@pytest.mark.parametrize("people", [2, 15])
def test_its_query_count_is_constant(
    login, facilitator, coordinator, world, lw, people, django_assert_num_queries
):
    for n in range(people):
        person = UserFactory(email=f"teacher-{n}@example.org")
        Membership.objects.create(user=person, role=Role.SCHOOL_STAFF, school=world.school_a)
        series_register(actor=person, series=lw.series)
    client = login(facilitator)
    # Session and user, roles, the series the facilitator runs (events.groups), the series,
    # whether she sees a meeting of it, the meetings, the registrations with their people.
    with django_assert_num_queries(8):
        assert client.get(url(lw)).status_code == 200
