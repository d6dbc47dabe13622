import pytest

from qnet.models import AuditEntry

pytestmark = pytest.mark.django_db


def url(coalition, member):
    return f"/coalitions/{coalition.pk}/members/{member.pk}/role/"


@pytest.fixture
def member(coalition, staff_a):
    return coalition.members.get(person=staff_a)


def test_the_lead_changes_a_role_with_an_audit_entry(login, leader_b, coalition, member):
    response = login(leader_b).post(url(coalition, member), {f"m{member.pk}-role": "lead"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == "lead"
    entry = AuditEntry.objects.get(action="coalition.member_role_change")
    assert entry.data["from"] == "member" and entry.data["to"] == "lead"


def test_it_redirects_anonymous_to_login(client, coalition, member):
    assert client.post(url(coalition, member)).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, coalition, member):
    assert login(outsider).post(url(coalition, member)).status_code == 404


def test_it_forbids_a_member(login, staff_a, coalition, member):
    response = login(staff_a).post(url(coalition, member), {f"m{member.pk}-role": "lead"})
    assert response.status_code == 403
    member.refresh_from_db()
    assert member.role == "member"


def test_it_rejects_get(login, leader_b, coalition, member):
    assert login(leader_b).get(url(coalition, member)).status_code == 405
