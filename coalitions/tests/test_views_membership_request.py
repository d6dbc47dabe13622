import pytest

from coalitions.models import MembershipRequest

pytestmark = pytest.mark.django_db


def url(coalition):
    return f"/coalitions/{coalition.pk}/join/"


def test_a_leader_asks_to_join_for_her_school(login, leader_a, coalition, world):
    response = login(leader_a).post(url(coalition), {"school": world.school_a.pk, "message": "Hi"})
    assert response.status_code == 302
    request = MembershipRequest.objects.get()
    assert request.person == leader_a and request.status == "pending"


def test_asking_twice_keeps_one_request(login, leader_a, coalition, world):
    client = login(leader_a)
    client.post(url(coalition), {"school": world.school_a.pk})
    client.post(url(coalition), {"school": world.school_a.pk})
    assert MembershipRequest.objects.count() == 1


def test_it_refuses_a_school_that_is_not_hers(login, leader_a, coalition, world):
    login(leader_a).post(url(coalition), {"school": world.school_b.pk})
    assert not MembershipRequest.objects.exists()


def test_it_redirects_anonymous_to_login(client, coalition):
    assert client.post(url(coalition)).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, coalition):
    assert login(outsider).post(url(coalition)).status_code == 404


def test_it_forbids_a_member(login, staff_a, coalition, world):
    assert login(staff_a).post(url(coalition), {"school": world.school_a.pk}).status_code == 403


def test_it_rejects_get(login, leader_a, coalition):
    assert login(leader_a).get(url(coalition)).status_code == 405
