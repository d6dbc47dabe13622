"""The authority rejects a school's proposal with a comment; the status stays."""

import pytest

from qnet.models import Role
from qnet.tests.factories import MembershipFactory, UserFactory
from selfassessment.models import Agreement, AgreementProposal

pytestmark = pytest.mark.django_db


def url(proposal):
    return f"/self-assessment/proposals/{proposal.pk}/reject/"


def data(proposal, comment="Grade 7 has not started yet."):
    return {"version": proposal.agreement.version, "comment": comment}


def test_the_authority_rejects_with_a_comment_the_school_then_reads(
    login, authority_staff, leader_b, proposal_b
):
    response = login(authority_staff).post(url(proposal_b), data(proposal_b))
    assert response.status_code == 302
    proposal_b.refresh_from_db()
    assert proposal_b.state == AgreementProposal.State.REJECTED
    assert Agreement.objects.get(pk=proposal_b.agreement_id).status == Agreement.Status.OPEN
    page = login(leader_b).get(response["Location"]).content.decode()
    assert "Grade 7 has not started yet." in page
    assert "Rejected" in page
    # She may propose again.
    assert "Send the proposal" in page


def test_a_rejection_without_a_comment_is_refused(login, authority_staff, proposal_b):
    response = login(authority_staff).post(url(proposal_b), data(proposal_b, ""), follow=True)
    assert b"Tell the school why" in response.content
    proposal_b.refresh_from_db()
    assert proposal_b.state == AgreementProposal.State.PENDING


def test_the_schools_leader_may_not_reject(login, leader_b, proposal_b):
    assert login(leader_b).post(url(proposal_b), data(proposal_b)).status_code == 403


def test_school_staff_may_not_reject(login, world, proposal_b):
    colleague = UserFactory()
    MembershipFactory(user=colleague, role=Role.SCHOOL_STAFF, school=world.school_b)
    assert login(colleague).post(url(proposal_b), data(proposal_b)).status_code == 403


@pytest.mark.parametrize("persona", ["leader_a", "coordinator", "other_authority_staff"])
def test_it_answers_404_outside_the_scope(login, request, proposal_b, persona):
    client = login(request.getfixturevalue(persona))
    assert client.post(url(proposal_b), data(proposal_b)).status_code == 404


def test_it_redirects_anonymous_to_login(client, proposal_b):
    response = client.post(url(proposal_b), data(proposal_b))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_rejects_get(login, authority_staff, proposal_b):
    assert login(authority_staff).get(url(proposal_b)).status_code == 405
