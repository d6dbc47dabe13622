import pytest

from coalitions.tests.factories import CounsellingRequestFactory

pytestmark = pytest.mark.django_db

URL = "/coalitions/counselling/"


@pytest.fixture
def requests_(world, leader_a, leader_b):
    return {
        "a": CounsellingRequestFactory(
            network=world.network, school=world.school_a, requested_by=leader_a, topic="Peer visits"
        ),
        "b": CounsellingRequestFactory(
            network=world.network, school=world.school_b, requested_by=leader_b, topic="Survey"
        ),
        "other": CounsellingRequestFactory(
            network=world.other_network, school=world.school_other, topic="Fjord topic"
        ),
    }


def test_a_school_sees_its_own_requests(login, staff_a, requests_):
    content = login(staff_a).get(URL).content.decode()
    assert "Peer visits" in content and "Survey" not in content


def test_the_coordinator_sees_all_of_the_network(login, coordinator, requests_):
    content = login(coordinator).get(URL).content.decode()
    assert "Peer visits" in content and "Survey" in content and "Fjord topic" not in content


def test_a_leader_is_offered_a_new_request(login, leader_a, requests_):
    assert b"Ask for counselling" in login(leader_a).get(URL).content


def test_it_filters_by_status(login, coordinator, requests_):
    assert b"Peer visits" not in login(coordinator).get(URL + "?status=done").content


def test_it_redirects_anonymous_to_login(client, world):
    assert client.get(URL).status_code == 302


def test_it_shows_an_outsider_nothing_of_the_network(login, outsider, requests_):
    content = login(outsider).get(URL).content.decode()
    assert "Peer visits" not in content


def test_it_rejects_post(login, leader_a, world):
    assert login(leader_a).post(URL).status_code == 405


@pytest.mark.parametrize("extra", [1, 20])
def test_its_query_count_is_constant(login, coordinator, world, django_assert_num_queries, extra):
    CounsellingRequestFactory.create_batch(extra, network=world.network, school=world.school_a)
    client = login(coordinator)
    with django_assert_num_queries(4):
        assert client.get(URL).status_code == 200
