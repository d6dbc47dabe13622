import pytest

from coalitions.tests.factories import CounsellingRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def counselling(world, leader_a):
    return CounsellingRequestFactory(
        network=world.network, school=world.school_a, requested_by=leader_a, topic="Peer visits"
    )


def url(counselling):
    return f"/coalitions/counselling/{counselling.pk}/"


def test_the_school_reads_its_request(login, staff_a, counselling):
    response = login(staff_a).get(url(counselling))
    assert response.status_code == 200
    assert b"Peer visits" in response.content
    assert b"Assign an adviser" not in response.content


def test_the_coordinator_gets_the_forms(login, coordinator, counselling):
    assert b"Assign an adviser" in login(coordinator).get(url(counselling)).content


def test_it_redirects_anonymous_to_login(client, counselling):
    assert client.get(url(counselling)).status_code == 302


@pytest.mark.parametrize("persona", ["leader_b", "outsider"])
def test_it_answers_404_to_other_schools(login, request, counselling, persona):
    assert login(request.getfixturevalue(persona)).get(url(counselling)).status_code == 404


def test_it_rejects_post(login, staff_a, counselling):
    assert login(staff_a).post(url(counselling)).status_code == 405


@pytest.mark.parametrize("extra", [1, 10])
def test_its_query_count_is_constant(
    login, coordinator, counselling, world, django_assert_num_queries, extra
):
    from coalitions.tests.factories import CoalitionFactory, CoalitionMemberFactory

    for _ in range(extra):
        CoalitionMemberFactory(coalition=CoalitionFactory(network=world.network), role="expert")
    client = login(coordinator)
    with django_assert_num_queries(4):
        assert client.get(url(counselling)).status_code == 200
