import pytest

from events import services
from events.tests.factories import FormatFactory
from events.tests.test_services_polls import options

pytestmark = pytest.mark.django_db

URL = "/events/polls/"


def test_it_lists_the_polls_of_the_users_networks(login, leader_a, coordinator, fmt, world):
    services.date_poll_create(actor=coordinator, format=fmt, title="Ours", options=options())
    response = login(leader_a).get(URL)
    assert response.status_code == 200
    assert "Ours" in response.content.decode()


def test_it_hides_other_networks_polls(login, leader_a, world):
    from qnet.models import Role
    from qnet.tests.factories import MembershipFactory, UserFactory

    other_coordinator = UserFactory()
    MembershipFactory(
        user=other_coordinator, role=Role.COORDINATOR, network=world.other_network, school=None
    )
    services.date_poll_create(
        actor=other_coordinator,
        format=FormatFactory(network=world.other_network),
        title="Theirs",
        options=options(),
    )
    assert "Theirs" not in login(leader_a).get(URL).content.decode()


def test_it_redirects_anonymous_to_login(client):
    assert client.get(URL).status_code == 302


def test_it_rejects_post(login, leader_a):
    assert login(leader_a).post(URL).status_code == 405


@pytest.mark.parametrize("count", [1, 15])
def test_its_query_count_is_constant(
    login, leader_a, coordinator, fmt, django_assert_num_queries, count
):
    for n in range(count):
        services.date_poll_create(actor=coordinator, format=fmt, title=f"P{n}", options=options())
    client = login(leader_a)
    with django_assert_num_queries(5):
        assert client.get(URL).status_code == 200
