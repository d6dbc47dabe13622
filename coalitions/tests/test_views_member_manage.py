import pytest

from coalitions.models import CoalitionMember
from coalitions.tests.factories import CoalitionFactory
from qnet.models import AuditEntry

pytestmark = pytest.mark.django_db


def url(coalition):
    return f"/coalitions/{coalition.pk}/members/"


def test_the_lead_sees_members_and_adds_one_with_an_audit_entry(
    login, leader_b, leader_a, coalition, world
):
    client = login(leader_b)
    assert b"Sam Acker" in client.get(url(coalition)).content
    response = client.post(
        url(coalition),
        {"email": "LEADER-A@example.org", "school": world.school_a.pk, "role": "member"},
    )
    assert response.status_code == 302
    assert CoalitionMember.objects.filter(coalition=coalition, person=leader_a).exists()
    entry = AuditEntry.objects.get(action="coalition.member_add")
    assert entry.actor == leader_b and entry.authority == world.authority


def test_the_coordinator_appoints_a_facilitator_without_a_school(
    login, coordinator, facilitator, coalition
):
    login(coordinator).post(
        url(coalition), {"email": facilitator.email, "school": "", "role": "facilitator"}
    )
    assert CoalitionMember.objects.get(person=facilitator).role == "facilitator"


def test_it_refuses_an_unknown_address(login, leader_b, coalition):
    response = login(leader_b).post(
        url(coalition), {"email": "nobody@example.org", "role": "member"}
    )
    assert response.status_code == 200
    assert b"Invite the person first" in response.content


def test_it_holds_the_member_limit(login, leader_b, leader_a, coalition):
    coalition.member_limit = 2
    coalition.save()
    response = login(leader_b).post(url(coalition), {"email": leader_a.email, "role": "member"})
    assert response.status_code == 200
    assert b"The group is full" in response.content
    assert coalition.members.count() == 2


def test_it_redirects_anonymous_to_login(client, coalition):
    assert client.get(url(coalition)).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, coalition):
    assert login(outsider).get(url(coalition)).status_code == 404


@pytest.mark.parametrize("persona", ["staff_a", "leader_a", "authority_staff"])
def test_it_forbids_anyone_but_coordinator_and_leads(login, request, coalition, persona):
    assert login(request.getfixturevalue(persona)).get(url(coalition)).status_code == 403


def test_it_rejects_put(login, leader_b, coalition):
    assert login(leader_b).put(url(coalition)).status_code == 405


def test_another_coalitions_lead_cannot_manage(login, leader_b, world):
    other = CoalitionFactory(network=world.network)
    assert login(leader_b).get(url(other)).status_code == 403
