import pytest

from coalitions.models import CounsellingRequest
from qnet.models import AuditEntry

pytestmark = pytest.mark.django_db

URL = "/coalitions/counselling/new/"


def test_a_leader_asks_for_counselling(login, leader_a, world):
    client = login(leader_a)
    assert client.get(URL).status_code == 200
    response = client.post(
        URL,
        {
            "school": world.school_a.pk,
            "topic": "Peer visits",
            "kind": "process",
            "preferred_dates": "Tuesdays",
        },
    )
    request = CounsellingRequest.objects.get()
    assert response["Location"] == f"/coalitions/counselling/{request.pk}/"
    assert request.network == world.network and request.status == "open"
    assert AuditEntry.objects.filter(action="counselling.create")


def test_it_rerenders_without_a_topic(login, leader_a, world):
    response = login(leader_a).post(URL, {"school": world.school_a.pk, "kind": "process"})
    assert response.status_code == 200
    assert not CounsellingRequest.objects.exists()


def test_it_refuses_another_school(login, leader_a, world):
    login(leader_a).post(URL, {"school": world.school_b.pk, "topic": "x", "kind": "process"})
    assert not CounsellingRequest.objects.exists()


def test_it_redirects_anonymous_to_login(client, world):
    assert client.get(URL).status_code == 302


@pytest.mark.parametrize("persona", ["staff_a", "coordinator"])
def test_it_forbids_anyone_but_a_school_leader(login, request, world, persona):
    assert login(request.getfixturevalue(persona)).get(URL).status_code == 403


def test_it_rejects_put(login, leader_a, world):
    assert login(leader_a).put(URL).status_code == 405
