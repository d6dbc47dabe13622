"""The school's leader proposes to close an agreement: done, or dropped, with a reason."""

import pytest

from qnet.models import Role
from qnet.tests.factories import MembershipFactory, UserFactory
from selfassessment.models import Agreement, AgreementProposal

pytestmark = pytest.mark.django_db


def url(agreement):
    return f"/self-assessment/agreements/{agreement.pk}/propose/"


def test_the_leader_proposes_and_the_authority_is_asked(login, leader_b, agreement_b):
    client = login(leader_b)
    response = client.post(url(agreement_b), {"status": "done", "reason": "All classes read."})
    assert response.status_code == 302
    proposal = AgreementProposal.objects.get()
    assert (proposal.status, proposal.state) == ("done", "pending")
    agreement_b.refresh_from_db()
    assert agreement_b.status == Agreement.Status.OPEN
    page = client.get(response["Location"]).content.decode()
    assert "The school proposes: Done" in page
    assert "The authority decides" in page
    # No second proposal while one waits.
    assert "Send the proposal" not in page


def test_a_proposal_without_a_reason_is_shown_again_with_the_error(login, leader_b, agreement_b):
    response = login(leader_b).post(url(agreement_b), {"status": "dropped", "reason": ""})
    assert response.status_code == 400
    assert b"This field is required." in response.content
    assert not AgreementProposal.objects.exists()


def test_a_second_proposal_is_refused_with_a_message(login, leader_b, proposal_b):
    response = login(leader_b).post(
        url(proposal_b.agreement), {"status": "dropped", "reason": "x"}, follow=True
    )
    assert b"already waiting" in response.content
    assert AgreementProposal.objects.count() == 1


def test_school_staff_may_not_propose(login, world, agreement_b):
    colleague = UserFactory()
    MembershipFactory(user=colleague, role=Role.SCHOOL_STAFF, school=world.school_b)
    response = login(colleague).post(url(agreement_b), {"status": "done", "reason": "x"})
    assert response.status_code == 403


def test_the_authority_may_not_propose(login, authority_staff, agreement_b):
    response = login(authority_staff).post(url(agreement_b), {"status": "done", "reason": "x"})
    assert response.status_code == 403


@pytest.mark.parametrize("persona", ["leader_a", "coordinator", "other_authority_staff"])
def test_it_answers_404_outside_the_scope(login, request, agreement_b, persona):
    client = login(request.getfixturevalue(persona))
    assert client.post(url(agreement_b), {"status": "done", "reason": "x"}).status_code == 404


def test_it_redirects_anonymous_to_login(client, agreement_b):
    response = client.post(url(agreement_b), {"status": "done", "reason": "x"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_rejects_get(login, leader_b, agreement_b):
    assert login(leader_b).get(url(agreement_b)).status_code == 405
