import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qnet.models import Role
from qnet.tests.factories import MembershipFactory, NetworkMembershipFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def test_it_shows_the_landing_page_to_anonymous_visitors(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Improving schools together" in response.content
    assert reverse("account_login").encode() in response.content


def test_it_greets_a_school_leader_with_her_school(login, leader_a):
    response = login(leader_a).get("/")
    assert response.status_code == 200
    assert b"Hello, Lea" in response.content
    assert b"School A" in response.content
    assert b"School B" not in response.content


def test_it_shows_the_coordinator_the_network(login, coordinator):
    response = login(coordinator).get("/")
    assert b"Demo network" in response.content
    assert b"You coordinate a quality network." in response.content


def test_it_tells_a_person_without_role_how_to_get_one(login, facilitator):
    response = login(facilitator).get("/")
    assert b"You have no role in an organisation yet." in response.content


def test_it_rejects_post(login, leader_a):
    assert login(leader_a).post("/").status_code == 405


def _grow(world, coordinator, count):
    for _ in range(count):
        school = SchoolFactory(authority=world.authority)
        NetworkMembershipFactory(network=world.network, school=school)
        MembershipFactory(role=Role.SCHOOL_STAFF, school=school)


def test_its_query_count_does_not_grow_with_the_network(login, coordinator, world):
    # Every app adds a panel, so the page's total is theirs to pin; this page must only
    # never grow with the data.
    client = login(coordinator)
    _grow(world, coordinator, 1)
    with CaptureQueriesContext(connection) as small:
        assert client.get("/").status_code == 200
    _grow(world, coordinator, 25)
    with CaptureQueriesContext(connection) as large:
        assert client.get("/").status_code == 200
    assert len(large) == len(small)


def test_a_second_visit_takes_the_panels_from_the_cache(
    login, authority_staff, django_assert_max_num_queries
):
    client = login(authority_staff)
    first = client.get("/")
    # Session user and roles (the panels say who shares them): no panel's own reads.
    with django_assert_max_num_queries(3):
        second = client.get("/")
    # The panels, not the page around them (its sign-out form has a fresh CSRF token).
    panels = b'<div class="row g-4">'
    assert second.content.split(panels)[1] == first.content.split(panels)[1]


def test_a_renamed_network_shows_on_the_dashboard_at_once(login, coordinator, world):
    client = login(coordinator)
    assert b"Demo network" in client.get("/").content
    world.network.name = "Renamed network"
    world.network.save()
    assert b"Renamed network" in client.get("/").content


def test_people_of_one_school_share_its_panels_but_not_the_greeting(login, leader_a, staff_a):
    assert b"Hello, Lea" in login(leader_a).get("/").content
    response = login(staff_a).get("/")
    assert b"Hello, Sam" in response.content and b"Hello, Lea" not in response.content
    assert b"School A" in response.content
