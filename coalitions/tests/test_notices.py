"""Join requests and counselling tell the people who act on them and those who asked."""

import pytest

from coalitions import services
from coalitions.models import CoalitionMember, CounsellingRequest, MembershipRequest
from coalitions.tests.factories import CoalitionFactory, CoalitionMemberFactory
from qnet.models import Notice, NoticeKind, OutboxMessage

pytestmark = pytest.mark.django_db


def recipients(kind):
    return set(Notice.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def test_a_join_request_tells_the_leads_and_the_facilitator(
    coalition, leader_a, leader_b, staff_a, facilitator, world
):
    CoalitionMemberFactory(
        coalition=coalition, person=facilitator, role=CoalitionMember.Role.FACILITATOR
    )
    services.membership_request_create(person=leader_a, coalition=coalition, school=world.school_a)
    assert recipients(NoticeKind.JOIN_REQUESTED) == {leader_b.email, facilitator.email}
    notice = Notice.objects.get(recipient=leader_b)
    assert notice.params == {"coalition": "Data against dropout", "school": "School A"}
    assert OutboxMessage.objects.filter(to=leader_b.email).count() == 1


def test_without_leads_the_networks_coordinator_hears_of_a_join_request(
    coordinator, leader_a, world
):
    coalition = CoalitionFactory(network=world.network, title="No lead yet")
    services.membership_request_create(person=leader_a, coalition=coalition, school=world.school_a)
    assert recipients(NoticeKind.JOIN_REQUESTED) == {coordinator.email}


@pytest.mark.parametrize(("approve", "word"), [(True, "accepted"), (False, "declined")])
def test_the_decision_tells_the_requester(coalition, leader_a, leader_b, world, approve, word):
    request = services.membership_request_create(
        person=leader_a, coalition=coalition, school=world.school_a
    )
    services.membership_request_decide(actor=leader_b, request=request, approve=approve)
    assert recipients(NoticeKind.JOIN_DECIDED) == {leader_a.email}
    message = OutboxMessage.objects.get(to=leader_a.email)
    assert f"was {word}" in message.body_text
    assert MembershipRequest.objects.get().status != MembershipRequest.Status.PENDING


def test_assigning_counselling_tells_the_adviser_and_the_schools_leaders(
    coordinator, leader_a, facilitator, world
):
    request = services.counselling_request_create(
        actor=leader_a,
        network=world.network,
        school=world.school_a,
        topic="Reading strategies",
        kind=CounsellingRequest.Kind.values[0],
    )
    services.counselling_request_assign(actor=coordinator, request=request, adviser=facilitator)
    assert recipients(NoticeKind.COUNSELLING_ASSIGNED) == {facilitator.email, leader_a.email}
    assert Notice.objects.get(recipient=facilitator).url == f"/coalitions/counselling/{request.pk}/"
