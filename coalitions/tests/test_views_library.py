import pytest

from coalitions.models import Resource
from coalitions.tests.factories import CoalitionFactory, ResourceFactory

pytestmark = pytest.mark.django_db

URL = "/coalitions/library/"


@pytest.fixture
def resources(coalition, other_coalition, learning_network, world):
    return {
        "public": ResourceFactory(
            coalition=coalition, title="Public example", visibility="public", tags="dropout,data"
        ),
        "network": ResourceFactory(
            coalition=coalition, title="Network material", visibility="network", kind="material"
        ),
        "coalition": ResourceFactory(
            coalition=coalition, title="Coalition case", visibility="coalition", kind="case"
        ),
        "closed": ResourceFactory(
            coalition=learning_network.coalition, title="Closed group note", visibility="coalition"
        ),
        "foreign": ResourceFactory(
            coalition=other_coalition, title="Fjord tool", visibility="network", kind="tool"
        ),
    }


def test_anonymous_sees_only_public_resources(client, resources):
    response = client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Public example" in content
    assert "Network material" not in content and "Coalition case" not in content


def test_a_network_member_sees_public_network_and_open_coalition_resources(
    login, leader_a, resources
):
    content = login(leader_a).get(URL).content.decode()
    assert "Public example" in content and "Network material" in content
    assert "Coalition case" in content
    assert "Fjord tool" not in content


def test_closed_group_resources_stay_with_members(login, leader_b, staff_a, resources):
    assert "Closed group note" not in login(leader_b).get(URL).content.decode()
    assert "Closed group note" in login(staff_a).get(URL).content.decode()


def test_it_filters_by_kind_tag_and_text(login, leader_a, resources):
    client = login(leader_a)
    content = client.get(URL + "?kind=material").content.decode()
    assert "Network material" in content and "Public example" not in content
    content = client.get(URL + "?tag=dropout").content.decode()
    assert "Public example" in content and "Network material" not in content
    content = client.get(URL + "?q=case").content.decode()
    assert "Coalition case" in content and "Public example" not in content


def test_a_tag_matches_whole_tags_only(login, leader_a, coalition):
    ResourceFactory(coalition=coalition, title="Dat", tags="dat", visibility="network")
    ResourceFactory(coalition=coalition, title="Data", tags="data", visibility="network")
    content = login(leader_a).get(URL + "?tag=data").content.decode()
    assert ">Data<" in content and ">Dat<" not in content


def test_it_paginates(login, leader_a, coalition):
    ResourceFactory.create_batch(25, coalition=coalition, visibility="network")
    content = login(leader_a).get(URL + "?page=2").content.decode()
    assert "Page 2 of 2" in content


def test_it_answers_an_outsider_with_public_resources_only(login, outsider, resources):
    content = login(outsider).get(URL).content.decode()
    assert "Public example" in content and "Network material" not in content


def test_it_rejects_post(client, world):
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("extra", [1, 25])
def test_its_query_count_is_constant(
    login, leader_a, world, coalition, django_assert_num_queries, extra
):
    for i in range(extra):
        other = CoalitionFactory(network=world.network)
        ResourceFactory(coalition=other, visibility=Resource.Visibility.COALITION, tags=f"t{i}")
        ResourceFactory(coalition=coalition, visibility=Resource.Visibility.PUBLIC)
    client = login(leader_a)
    with django_assert_num_queries(8):
        assert client.get(URL + "?q=Resource").status_code == 200


@pytest.mark.parametrize("extra", [1, 25])
def test_its_query_count_is_constant_for_anonymous(
    client, world, coalition, django_assert_num_queries, extra
):
    ResourceFactory.create_batch(extra, coalition=coalition, visibility="public")
    with django_assert_num_queries(3):
        assert client.get(URL).status_code == 200
