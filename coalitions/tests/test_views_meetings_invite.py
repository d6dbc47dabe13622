"""Inviting a coalition's member schools to every upcoming meeting of its series."""

import pytest

from coalitions.tests.meetings_world import build
from events.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def lw(world, coordinator, facilitator, leader_a, staff_a):
    return build(
        world, coordinator=coordinator, facilitator=facilitator, leader_a=leader_a, staff_a=staff_a
    )


def url(coalition) -> str:
    return f"/coalitions/{coalition.pk}/meetings/invite/"


def test_the_facilitator_invites_the_member_schools(login, facilitator, lw, world):
    response = login(facilitator).post(url(lw.coalition))
    assert response.status_code == 302
    assert response["Location"] == f"/coalitions/{lw.coalition.pk}/"
    for meeting in Event.objects.filter(series=lw.series):
        assert meeting.audience == "invited"
        assert list(meeting.invited_schools.all()) == [world.school_a]


def test_the_coalition_page_offers_it_to_those_who_run_the_meetings(
    login, facilitator, leader_a, lw
):
    assert (
        url(lw.coalition)
        in login(facilitator).get(f"/coalitions/{lw.coalition.pk}/").content.decode()
    )
    page = login(leader_a).get(f"/coalitions/{lw.coalition.pk}/").content.decode()
    assert url(lw.coalition) not in page
    assert lw.meetings[0].title in page


def test_anonymous_is_sent_to_login(client, lw):
    response = client.post(url(lw.coalition))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_member_may_not_invite(login, leader_a, lw):
    assert login(leader_a).post(url(lw.coalition)).status_code == 403
    assert not Event.objects.filter(audience="invited").exists()


def test_outside_the_closed_group_it_does_not_exist(login, leader_b, lw):
    assert login(leader_b).post(url(lw.coalition)).status_code == 404


def test_it_rejects_get(login, facilitator, lw):
    assert login(facilitator).get(url(lw.coalition)).status_code == 405
