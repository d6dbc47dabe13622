"""A school belongs to a network from `since` up to and including `until`: the ground
floor's pages (organisations, a network's page, the coordinator's view of a school, the
dashboard's organisations panel) and the cached answers honour both dates."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from qnet.models import NetworkMembership
from qnet.tests.factories import days_from_today, membership_dates

pytestmark = pytest.mark.django_db


def network_page(world):
    return f"/organisations/network/{world.network.pk}/"


def school_page(school):
    return f"/organisations/school/{school.pk}/"


def test_current_memberships_run_from_since_to_until_inclusive(world):
    today = timezone.localdate()
    membership_dates(world.network, world.school_a, until=today)
    membership_dates(world.network, world.school_b, until=today - timedelta(days=1))
    current = NetworkMembership.objects.current().filter(network=world.network)
    assert {m.school for m in current} == {world.school_a}
    yesterday = NetworkMembership.objects.current(on=today - timedelta(days=1))
    assert {m.school for m in yesterday.filter(network=world.network)} == {
        world.school_a,
        world.school_b,
    }


def test_a_membership_that_has_not_begun_is_not_current(world):
    membership_dates(world.network, world.school_a, since=days_from_today(1))
    current = NetworkMembership.objects.current().filter(network=world.network)
    assert {m.school for m in current} == {world.school_b}
    later = NetworkMembership.objects.current(on=days_from_today(1))
    assert {m.school for m in later.filter(network=world.network)} == {
        world.school_a,
        world.school_b,
    }


def test_the_database_refuses_an_end_before_the_start(world):
    with pytest.raises(IntegrityError):
        membership_dates(
            world.network, world.school_a, since=days_from_today(0), until=days_from_today(-1)
        )


def test_it_refuses_the_network_page_to_a_leader_whose_school_left(login, leader_a, world):
    membership_dates(world.network, world.school_a, until=days_from_today(-1))
    assert login(leader_a).get(network_page(world)).status_code == 404


def test_it_shows_the_network_page_to_a_leader_of_a_current_school(login, leader_b, world):
    membership_dates(world.network, world.school_a, until=days_from_today(-1))
    assert login(leader_b).get(network_page(world)).status_code == 200


@pytest.mark.parametrize(("until", "status"), [(0, 200), (1, 200), (-1, 404)])
def test_a_membership_grants_the_network_page_up_to_its_last_day(
    login, leader_a, world, until, status
):
    membership_dates(world.network, world.school_a, until=days_from_today(until))
    assert login(leader_a).get(network_page(world)).status_code == status


def test_it_refuses_the_network_page_to_a_school_that_has_not_joined_yet(login, leader_a, world):
    membership_dates(world.network, world.school_a, since=days_from_today(1))
    assert login(leader_a).get(network_page(world)).status_code == 404


def test_the_network_page_lists_only_its_current_schools(login, coordinator, world):
    membership_dates(world.network, world.school_b, until=days_from_today(-1))
    response = login(coordinator).get(network_page(world))
    assert [school.name for school in response.context["schools"]] == ["School A"]


def test_the_coordinator_no_longer_sees_a_school_that_left(login, coordinator, world):
    membership_dates(world.network, world.school_b, until=days_from_today(-1))
    client = login(coordinator)
    assert client.get(school_page(world.school_b)).status_code == 404
    assert client.get(school_page(world.school_a)).status_code == 200


def test_my_organisations_leaves_out_a_network_the_school_left(login, leader_a, leader_b, world):
    membership_dates(world.network, world.school_a, until=days_from_today(-1))
    assert b"Demo network" not in login(leader_a).get("/organisations/").content
    response = login(leader_b).get("/organisations/")
    # School B is still in, School A no longer counts among the network's schools.
    assert [(n.name, n.school_count) for n in response.context["networks"]] == [("Demo network", 1)]


def test_the_dashboard_panel_leaves_out_a_network_the_school_left(login, leader_a, world):
    client = login(leader_a)
    assert b"Demo network" in client.get("/").content
    membership_dates(world.network, world.school_a, until=days_from_today(-1))
    assert b"Demo network" not in client.get("/").content


def test_a_kept_answer_does_not_outlive_the_last_day_of_the_membership(
    login, leader_a, world, monkeypatch
):
    # The membership ends today: today the page and the dashboard panel (both kept by
    # qnet.caching) show the network; tomorrow, with no write in between, they do not.
    membership_dates(world.network, world.school_a, until=days_from_today(0))
    client = login(leader_a)
    assert client.get(network_page(world)).status_code == 200
    assert b"Demo network" in client.get("/").content
    tomorrow = timezone.now() + timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    assert client.get(network_page(world)).status_code == 404
    assert b"Demo network" not in client.get("/").content
