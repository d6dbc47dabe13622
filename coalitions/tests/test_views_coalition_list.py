import pytest

from coalitions.tests.factories import CoalitionFactory, CoalitionMemberFactory

pytestmark = pytest.mark.django_db

URL = "/coalitions/"


def test_it_lists_the_coalitions_of_the_users_network(login, leader_a, coalition, other_coalition):
    response = login(leader_a).get(URL)
    assert response.status_code == 200
    assert b"Data against dropout" in response.content
    assert b"Fjord coalition" not in response.content


def test_it_hides_a_closed_learning_network_from_non_members(login, leader_b, learning_network):
    response = login(leader_b).get(URL)
    assert b"Learning culture" not in response.content


def test_it_shows_a_closed_learning_network_to_its_members(login, leader_a, learning_network):
    assert b"Learning culture" in login(leader_a).get(URL).content


def test_it_shows_the_facilitator_without_a_school_role_their_network(
    login, facilitator, learning_network
):
    assert b"Learning culture" in login(facilitator).get(URL).content


def test_it_offers_the_coordinator_a_new_coalition(login, coordinator, coalition):
    assert b"New coalition" in login(coordinator).get(URL).content


def test_it_filters_by_kind(login, leader_a, coalition, project):
    response = login(leader_a).get(URL + "?kind=project")
    assert b"Werkstatt" in response.content
    assert b"Data against dropout" not in response.content


def test_it_redirects_anonymous_to_login(client, world):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_rejects_post(login, leader_a, world):
    assert login(leader_a).post(URL).status_code == 405


@pytest.mark.parametrize("extra", [1, 15])
def test_its_query_count_is_constant(
    login, leader_a, world, coalition, django_assert_num_queries, extra
):
    for _ in range(extra):
        other = CoalitionFactory(network=world.network)
        CoalitionMemberFactory.create_batch(2, coalition=other, school=world.school_a)
    client = login(leader_a)
    # User, roles; one's coalition roles (also the visibility filter's list of the
    # coalitions one is a member of) and one's schools' networks; the visible ids; the cards.
    with django_assert_num_queries(6):
        assert client.get(URL).status_code == 200
    # The second time the cards come from the cache.
    with django_assert_num_queries(5):
        assert client.get(URL).status_code == 200


def test_a_long_list_is_paged_and_keeps_the_filter(login, leader_a, world):
    for _ in range(26):
        CoalitionFactory(network=world.network, kind="project")
    client = login(leader_a)
    first = client.get(URL + "?kind=project").content.decode()
    assert first.count("<article") == 24
    assert "?kind=project&amp;page=2" in first
    assert client.get(URL + "?kind=project&page=2").content.decode().count("<article") == 2
