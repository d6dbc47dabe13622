import pytest

pytestmark = pytest.mark.django_db


def url(coalition):
    return f"/coalitions/{coalition.pk}/notify/"


def test_a_member_chooses_the_digest(login, staff_a, coalition):
    assert login(staff_a).post(url(coalition), {"notify": "digest"}).status_code == 302
    assert coalition.members.get(person=staff_a).notify == "digest"


def test_it_redirects_anonymous_to_login(client, coalition):
    assert client.post(url(coalition)).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, coalition):
    assert login(outsider).post(url(coalition), {"notify": "digest"}).status_code == 404


def test_it_forbids_a_non_member(login, leader_a, coalition):
    assert login(leader_a).post(url(coalition), {"notify": "digest"}).status_code == 403


def test_it_rejects_get(login, staff_a, coalition):
    assert login(staff_a).get(url(coalition)).status_code == 405
