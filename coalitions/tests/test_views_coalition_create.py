import pytest

from coalitions.models import Coalition
from qnet.models import AuditEntry

pytestmark = pytest.mark.django_db

URL = "/coalitions/new/"


def data(network, **extra):
    return {
        "network": network.pk,
        "kind": "coalition",
        "title": "Teams in charge",
        "central_question": "What do teams need?",
        "status": "proposed",
        **extra,
    }


def test_the_coordinator_creates_a_coalition(login, coordinator, world):
    client = login(coordinator)
    assert client.get(URL).status_code == 200
    response = client.post(URL, data(world.network))
    coalition = Coalition.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/coalitions/{coalition.pk}/"
    assert coalition.network == world.network
    assert AuditEntry.objects.filter(action="coalition.create")


def test_only_a_learning_network_can_be_closed(login, coordinator, world):
    response = login(coordinator).post(URL, data(world.network, is_closed_group="on"))
    assert response.status_code == 200
    assert not Coalition.objects.exists()


def test_it_refuses_a_network_the_user_does_not_coordinate(login, coordinator, world):
    response = login(coordinator).post(URL, data(world.other_network))
    assert response.status_code == 200
    assert not Coalition.objects.exists()


def test_it_redirects_anonymous_to_login(client, world):
    assert client.get(URL).status_code == 302


def test_it_forbids_a_school_leader(login, leader_a, world):
    assert login(leader_a).post(URL, data(world.network)).status_code == 403


def test_it_rejects_put(login, coordinator, world):
    assert login(coordinator).put(URL).status_code == 405
