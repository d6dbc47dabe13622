"""A school's people see and join a network's open coalitions, its library and its
counselling while the school belongs to the network (NetworkMembership since..until).
School A left the Demo network yesterday; School B is still in it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coalitions.models import CounsellingRequest, MembershipRequest
from coalitions.tests.factories import CoalitionFactory, ResourceFactory
from qnet.tests.factories import (
    NetworkFactory,
    NetworkMembershipFactory,
    days_from_today,
    membership_dates,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_coalition(world):
    """An open coalition of the Demo network without members."""
    return CoalitionFactory(network=world.network, title="Open door")


@pytest.fixture
def school_a_left(world):
    membership_dates(world.network, world.school_a, until=days_from_today(-1))


def detail(coalition):
    return f"/coalitions/{coalition.pk}/"


def test_the_list_leaves_out_the_coalitions_of_a_network_the_school_left(
    login, leader_a, leader_b, open_coalition, school_a_left
):
    assert b"Open door" not in login(leader_a).get("/coalitions/").content
    assert b"Open door" in login(leader_b).get("/coalitions/").content


def test_a_coalition_answers_404_to_a_school_that_left(
    login, leader_a, leader_b, open_coalition, school_a_left
):
    assert login(leader_a).get(detail(open_coalition)).status_code == 404
    assert login(leader_b).get(detail(open_coalition)).status_code == 200


@pytest.mark.parametrize(("until", "status"), [(0, 200), (1, 200), (-1, 404)])
def test_a_membership_opens_the_coalitions_up_to_its_last_day(
    login, leader_a, open_coalition, world, until, status
):
    membership_dates(world.network, world.school_a, until=days_from_today(until))
    assert login(leader_a).get(detail(open_coalition)).status_code == status


def test_a_school_that_has_not_joined_yet_sees_no_coalition(login, leader_a, open_coalition, world):
    membership_dates(world.network, world.school_a, since=days_from_today(1))
    assert login(leader_a).get(detail(open_coalition)).status_code == 404


def test_the_open_coalitions_close_for_a_school_at_the_end_of_its_last_day(
    login, leader_a, open_coalition, world, monkeypatch
):
    membership_dates(world.network, world.school_a, until=days_from_today(0))
    client = login(leader_a)
    assert b"Open door" in client.get("/coalitions/").content
    tomorrow = timezone.now() + timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    assert b"Open door" not in client.get("/coalitions/").content
    assert client.get(detail(open_coalition)).status_code == 404


def test_a_school_that_left_cannot_ask_to_join(
    login, leader_a, open_coalition, world, school_a_left
):
    response = login(leader_a).post(
        f"/coalitions/{open_coalition.pk}/join/", {"school": world.school_a.pk}
    )
    assert response.status_code == 404
    assert not MembershipRequest.objects.exists()


def test_a_named_member_keeps_the_coalition_after_the_school_left(
    login, staff_a, coalition, school_a_left
):
    # Membership of a coalition is given to a person by name; the coordinator or a lead
    # removes it. What the school's network membership gave (the open coalitions) ends.
    assert login(staff_a).get(detail(coalition)).status_code == 200


def test_the_library_hides_network_material_from_a_school_that_left(
    login, leader_a, leader_b, open_coalition, school_a_left
):
    ResourceFactory(coalition=open_coalition, title="Network material", visibility="network")
    assert b"Network material" not in login(leader_a).get("/coalitions/library/").content
    assert b"Network material" in login(leader_b).get("/coalitions/library/").content


def test_a_school_that_left_asks_the_network_for_no_counselling(
    login, leader_a, leader_b, school_a_left
):
    assert login(leader_a).get("/coalitions/counselling/new/").status_code == 403
    assert login(leader_b).get("/coalitions/counselling/new/").status_code == 200


def test_counselling_goes_to_the_network_the_school_belongs_to_now(login, leader_a, world):
    membership_dates(world.network, world.school_a, until=days_from_today(-1))
    current = NetworkFactory(authority=world.authority, name="New network")
    NetworkMembershipFactory(network=current, school=world.school_a)
    response = login(leader_a).post(
        "/coalitions/counselling/new/",
        {"school": world.school_a.pk, "topic": "Peer visits", "kind": "process"},
    )
    assert response.status_code == 302
    assert CounsellingRequest.objects.get().network == current
