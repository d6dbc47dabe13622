import pytest

from qnet.models import AuditEntry

pytestmark = pytest.mark.django_db


def url(coalition, member):
    return f"/coalitions/{coalition.pk}/members/{member.pk}/remove/"


@pytest.fixture
def member(coalition, staff_a):
    return coalition.members.get(person=staff_a)


def test_the_coordinator_removes_a_member_with_an_audit_entry(
    login, coordinator, coalition, member, staff_a
):
    assert login(coordinator).post(url(coalition, member)).status_code == 302
    assert not coalition.members.filter(person=staff_a).exists()
    entry = AuditEntry.objects.get(action="coalition.member_remove")
    assert entry.data["person"] == staff_a.email


def test_it_redirects_anonymous_to_login(client, coalition, member):
    assert client.post(url(coalition, member)).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, coalition, member):
    assert login(outsider).post(url(coalition, member)).status_code == 404


def test_it_forbids_a_member(login, staff_a, coalition, member):
    assert login(staff_a).post(url(coalition, member)).status_code == 403
    assert coalition.members.filter(pk=member.pk).exists()


def test_it_rejects_get(login, coordinator, coalition, member):
    assert login(coordinator).get(url(coalition, member)).status_code == 405
