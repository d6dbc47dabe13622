import pytest

from events.tests.factories import FormatFactory

pytestmark = pytest.mark.django_db

URL = "/events/formats/"


def test_it_lists_the_coordinators_formats(login, coordinator, fmt, world):
    foreign = FormatFactory(network=world.other_network, name="Fjord format")
    response = login(coordinator).get(URL)
    assert response.status_code == 200
    assert fmt.name in response.content.decode()
    assert foreign.name not in response.content.decode()


def test_members_may_not_see_it(login, leader_a):
    assert login(leader_a).get(URL).status_code == 403


def test_it_redirects_anonymous_to_login(client):
    assert client.get(URL).status_code == 302


def test_it_rejects_post(login, coordinator):
    assert login(coordinator).post(URL).status_code == 405


@pytest.mark.parametrize("count", [1, 20])
def test_its_query_count_is_constant(login, coordinator, world, django_assert_num_queries, count):
    for _ in range(count):
        FormatFactory(network=world.network)
    client = login(coordinator)
    with django_assert_num_queries(3):
        assert client.get(URL).status_code == 200
