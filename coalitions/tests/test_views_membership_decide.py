import pytest

from coalitions.models import MembershipRequest
from qnet.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def join_request(coalition, leader_a, world):
    return MembershipRequest.objects.create(
        coalition=coalition, person=leader_a, school=world.school_a
    )


def url(join_request):
    return f"/coalitions/{join_request.coalition_id}/requests/{join_request.pk}/decide/"


def test_the_lead_admits_with_an_audit_entry(login, leader_b, join_request, coalition, leader_a):
    response = login(leader_b).post(url(join_request), {"decision": "approve"})
    assert response.status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == "approved"
    assert coalition.members.filter(person=leader_a, school__name="School A").exists()
    assert AuditEntry.objects.filter(action="coalition.member_add")


def test_the_lead_declines(login, leader_b, join_request, coalition, leader_a):
    login(leader_b).post(url(join_request), {"decision": "decline"})
    join_request.refresh_from_db()
    assert join_request.status == "declined"
    assert not coalition.members.filter(person=leader_a).exists()


def test_it_redirects_anonymous_to_login(client, join_request):
    assert client.post(url(join_request)).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, join_request):
    assert login(outsider).post(url(join_request), {"decision": "approve"}).status_code == 404


def test_it_forbids_a_member(login, staff_a, join_request):
    assert login(staff_a).post(url(join_request), {"decision": "approve"}).status_code == 403


def test_it_rejects_get(login, leader_b, join_request):
    assert login(leader_b).get(url(join_request)).status_code == 405
