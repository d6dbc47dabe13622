"""A coalition's facilitator runs the meetings of its series through the usual event
pages, and nothing else of the network."""

import pytest

from coalitions.tests.meetings_world import build

pytestmark = pytest.mark.django_db

MANAGE_PAGES = ("edit", "agenda", "participants", "minutes", "attendance", "attachments")


@pytest.fixture
def lw(world, coordinator, facilitator, leader_a, staff_a):
    return build(
        world, coordinator=coordinator, facilitator=facilitator, leader_a=leader_a, staff_a=staff_a
    )


@pytest.mark.parametrize("page", MANAGE_PAGES)
def test_the_facilitator_opens_the_management_pages_of_her_meetings(login, facilitator, lw, page):
    assert login(facilitator).get(f"/events/{lw.meetings[0].pk}/{page}/").status_code == 200


@pytest.mark.parametrize("page", MANAGE_PAGES)
def test_the_networks_other_meetings_are_out_of_her_scope(login, facilitator, lw, page):
    assert login(facilitator).get(f"/events/{lw.network_meeting.pk}/{page}/").status_code == 404


def test_she_may_not_copy_a_meeting_into_a_new_event_of_the_network(login, facilitator, lw):
    client = login(facilitator)
    assert client.get(f"/events/{lw.meetings[0].pk}/copy/").status_code == 403
    assert (
        f"/events/{lw.meetings[0].pk}/copy/"
        not in client.get(f"/events/{lw.meetings[0].pk}/").content.decode()
    )


def test_a_member_does_not_run_the_meetings(login, leader_a, lw):
    assert login(leader_a).get(f"/events/{lw.meetings[0].pk}/participants/").status_code == 403
