import pytest

from qnet.models import Role
from qnet.tests.factories import MembershipFactory, NetworkFactory, SchoolFactory

pytestmark = pytest.mark.django_db
URL = "/organisations/"


def test_it_lists_the_authority_with_its_counts(login, authority_staff):
    response = login(authority_staff).get(URL)
    assert response.status_code == 200
    assert b"Demo authority" in response.content
    assert b"2 schools" in response.content
    assert b"Other authority" not in response.content


def test_it_lists_only_own_school_for_staff(login, staff_a):
    response = login(staff_a).get(URL)
    assert b"School A" in response.content
    assert b"School B" not in response.content


def test_it_redirects_anonymous_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_shows_an_empty_state(login, facilitator):
    response = login(facilitator).get(URL)
    assert b"You do not belong to any organisation yet." in response.content


def test_it_rejects_post(login, leader_a):
    assert login(leader_a).post(URL).status_code == 405


@pytest.mark.parametrize("extra", [1, 20])
def test_its_query_count_is_constant(
    login, authority_staff, world, django_assert_num_queries, extra
):
    for _ in range(extra):
        NetworkFactory(authority=world.authority)
        school = SchoolFactory(authority=world.authority)
        MembershipFactory(user=authority_staff, role=Role.SCHOOL_STAFF, school=school)
    client = login(authority_staff)
    with django_assert_num_queries(6):
        assert client.get(URL).status_code == 200


def test_a_leader_sees_the_whole_network_size_not_just_her_school(login, leader_b, world):
    response = login(leader_b).get(URL)
    network = next(n for n in response.context["networks"] if n == world.network)
    assert network.school_count == 2
