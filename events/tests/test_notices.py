"""Publishing an event tells the people of the schools it is meant for, one mail each."""

import pytest

from events import services
from events.models import Event
from events.tests.factories import EventFactory
from qnet.models import Notice, NoticeKind, OutboxMessage, Role
from qnet.tests.factories import (
    MembershipFactory,
    NetworkMembershipFactory,
    SchoolFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(fmt):
    return EventFactory(format=fmt, title="Perspective day", status=Event.Status.DRAFT)


def recipients():
    return set(
        Notice.objects.filter(kind=NoticeKind.EVENT_PUBLISHED).values_list(
            "recipient__email", flat=True
        )
    )


def test_a_network_event_tells_everyone_of_the_networks_schools_once(
    coordinator, leader_a, leader_b, staff_a, outsider, authority_staff, draft
):
    # A person with two roles in the network's schools still gets one notice and one mail.
    MembershipFactory(
        user=staff_a, role=Role.SCHOOL_LEADER, school=leader_b.memberships.get().school
    )
    services.event_publish(actor=coordinator, event=draft)
    assert recipients() == {leader_a.email, leader_b.email, staff_a.email}
    assert OutboxMessage.objects.filter(subject="Event published: Perspective day").count() == 3
    notice = Notice.objects.get(recipient=leader_a)
    assert notice.url == f"/events/{draft.pk}/"


def test_an_invited_event_tells_only_the_invited_schools(
    coordinator, leader_a, leader_b, staff_a, draft, world
):
    draft.audience = Event.Audience.INVITED
    draft.save()
    draft.invited_schools.set([world.school_a])
    services.event_publish(actor=coordinator, event=draft)
    assert recipients() == {leader_a.email, staff_a.email}


def test_a_school_that_left_the_network_is_not_told(coordinator, leader_a, leader_b, draft, world):
    from datetime import timedelta

    from django.utils import timezone

    world.network.memberships.filter(school=world.school_b).update(
        since=timezone.localdate() - timedelta(days=30),
        until=timezone.localdate() - timedelta(days=1),
    )
    services.event_publish(actor=coordinator, event=draft)
    assert recipients() == {leader_a.email}


def test_publishing_to_many_people_costs_few_queries(
    coordinator, draft, world, django_assert_max_num_queries
):
    def populate(count):
        for _ in range(count):
            school = SchoolFactory(authority=world.authority)
            NetworkMembershipFactory(network=world.network, school=school)
            MembershipFactory(user=UserFactory(), role=Role.SCHOOL_STAFF, school=school)

    populate(40)
    # The notices are one INSERT and the counts one UPDATE; only the mails (an outbox row
    # each, in a savepoint) grow with the audience.
    with django_assert_max_num_queries(30 + 3 * 40):
        services.event_publish(actor=coordinator, event=draft)
    assert Notice.objects.count() == 40
