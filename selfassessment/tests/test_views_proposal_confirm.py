"""The authority confirms a school's proposal: only then does the status change."""

import pytest

from qnet.models import Role
from qnet.tests.factories import MembershipFactory, UserFactory
from selfassessment import services
from selfassessment.models import Agreement, AgreementProposal

pytestmark = pytest.mark.django_db


def url(proposal):
    return f"/self-assessment/proposals/{proposal.pk}/confirm/"


def data(proposal, **extra):
    return {"version": proposal.agreement.version, "comment": "Good work.", **extra}


def test_the_authority_confirms_and_the_status_changes(login, authority_staff, proposal_b):
    client = login(authority_staff)
    response = client.post(url(proposal_b), data(proposal_b))
    assert response.status_code == 302
    assert response["Location"] == f"/self-assessment/agreements/{proposal_b.agreement_id}/"
    proposal_b.refresh_from_db()
    assert proposal_b.state == AgreementProposal.State.CONFIRMED
    agreement = Agreement.objects.get(pk=proposal_b.agreement_id)
    assert agreement.status == Agreement.Status.DONE
    page = client.get(response["Location"]).content.decode()
    assert "Proposal confirmed." in page and "Good work." in page


def test_a_confirmation_from_an_outdated_page_is_refused(login, authority_staff, proposal_b):
    stale = data(proposal_b)
    agreement = proposal_b.agreement
    services.agreement_change(
        actor=authority_staff, agreement=agreement, version=agreement.version, owner="Deputy"
    )
    response = login(authority_staff).post(url(proposal_b), stale, follow=True)
    assert b"Someone changed this agreement" in response.content
    proposal_b.refresh_from_db()
    assert proposal_b.state == AgreementProposal.State.PENDING


def test_a_post_without_the_version_changes_nothing(login, authority_staff, proposal_b):
    response = login(authority_staff).post(url(proposal_b), {"comment": "x"}, follow=True)
    assert b"The page was out of date" in response.content
    proposal_b.refresh_from_db()
    assert proposal_b.state == AgreementProposal.State.PENDING


def test_the_schools_leader_may_not_confirm(login, leader_b, proposal_b):
    assert login(leader_b).post(url(proposal_b), data(proposal_b)).status_code == 403
    proposal_b.refresh_from_db()
    assert proposal_b.state == AgreementProposal.State.PENDING


def test_school_staff_may_not_confirm(login, world, proposal_b):
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
