import pytest

pytestmark = pytest.mark.django_db


def url(assessment):
    return f"/self-assessment/{assessment.pk}/editors/"


def test_the_leader_invites_a_colleague_to_co_edit(login, leader_a, staff_a, draft_a):
    response = login(leader_a).post(url(draft_a), {"editors": [staff_a.pk]})
    assert response.status_code == 302
    assert list(draft_a.editors.all()) == [staff_a]


def test_it_refuses_someone_who_is_not_staff_of_the_school(login, leader_a, leader_b, draft_a):
    login(leader_a).post(url(draft_a), {"editors": [leader_b.pk]})
    assert not draft_a.editors.exists()


def test_it_forbids_staff(login, staff_a, draft_a):
    assert login(staff_a).post(url(draft_a), {"editors": [staff_a.pk]}).status_code == 403


def test_it_answers_404_outside_the_scope(login, leader_b, draft_a):
    assert login(leader_b).post(url(draft_a), {}).status_code == 404


def test_it_redirects_anonymous_to_login(client, draft_a):
    assert client.post(url(draft_a), {}).status_code == 302


def test_it_rejects_get(login, leader_a, draft_a):
    assert login(leader_a).get(url(draft_a)).status_code == 405
