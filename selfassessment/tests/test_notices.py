"""Each step of a self-assessment and its follow-up tells the right people, once."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from qnet.models import Notice, NoticeKind, OutboxMessage, Role
from qnet.tests.factories import MembershipFactory, UserFactory
from selfassessment import services
from selfassessment.tests.conftest import YEAR, rate_all

pytestmark = pytest.mark.django_db


def notices_of(kind):
    return list(Notice.objects.filter(kind=kind).select_related("recipient"))


def test_a_submission_tells_the_authoritys_staff_and_no_one_else(
    authority_staff, other_authority_staff, leader_b, submitted_b
):
    [notice] = notices_of(NoticeKind.SELFASSESSMENT_SUBMITTED)
    assert notice.recipient == authority_staff
    assert notice.url == f"/self-assessment/{submitted_b.pk}/"
    assert notice.params == {"school": "School B", "year": YEAR}
    assert OutboxMessage.objects.filter(to=authority_staff.email).count() == 1
    assert not OutboxMessage.objects.filter(to=other_authority_staff.email).exists()


def test_a_return_tells_the_schools_leaders_with_the_comment(
    authority_staff, leader_a, leader_b, submitted_b
):
    second_leader = UserFactory(preferred_language="de")
    MembershipFactory(user=second_leader, role=Role.SCHOOL_LEADER, school=submitted_b.school)
    OutboxMessage.objects.all().delete()
    services.assessment_return(
        actor=authority_staff, assessment=submitted_b, comment="Add evidence"
    )
    notices = notices_of(NoticeKind.SELFASSESSMENT_RETURNED)
    assert {notice.recipient for notice in notices} == {leader_b, second_leader}
    assert OutboxMessage.objects.count() == 2
    english = OutboxMessage.objects.get(to=leader_b.email)
    assert english.subject == "Self-assessment returned: School B"
    assert "Add evidence" in english.body_text
    german = OutboxMessage.objects.get(to=second_leader.email)
    assert german.subject == "Selbstevaluation zurückgegeben: School B"


def test_an_acceptance_tells_the_schools_leaders(authority_staff, leader_b, submitted_b):
    services.assessment_accept(actor=authority_staff, assessment=submitted_b, comment="Well done")
    [notice] = notices_of(NoticeKind.SELFASSESSMENT_ACCEPTED)
    assert notice.recipient == leader_b and notice.params["comment"] == "Well done"


def test_a_refused_submission_tells_nobody(leader_a, draft_a):
    with pytest.raises(ValidationError):
        services.assessment_submit(actor=leader_a, assessment=draft_a, version=draft_a.version)
    assert not Notice.objects.exists()


def test_planning_a_dialogue_meeting_tells_the_schools_leaders(leader_b, meeting_b):
    [notice] = notices_of(NoticeKind.DIALOGUE_PLANNED)
    assert notice.recipient == leader_b
    assert notice.url == f"/self-assessment/meetings/{meeting_b.pk}/"


def test_agreements_recorded_and_changed_tell_the_schools_leaders(
    authority_staff, leader_b, agreement_b
):
    [recorded] = notices_of(NoticeKind.AGREEMENT_RECORDED)
    assert recorded.recipient == leader_b
    assert recorded.params["action"] == "Weekly reading sessions"
    services.agreement_update(
        actor=authority_staff, agreement=agreement_b, due_on=date(YEAR, 12, 15)
    )
    [changed] = notices_of(NoticeKind.AGREEMENT_CHANGED)
    assert changed.params["due_on"] == f"{YEAR}-12-15"
    # Saving the same values is no change and tells nobody.
    services.agreement_update(
        actor=authority_staff, agreement=agreement_b, due_on=date(YEAR, 12, 15)
    )
    assert len(notices_of(NoticeKind.AGREEMENT_CHANGED)) == 1


def test_a_leaders_own_proposal_tells_the_authority_but_not_her(
    leader_b, agreement_b, authority_staff
):
    services.agreement_propose(
        actor=leader_b, agreement=agreement_b, status="done", reason="All classes read."
    )
    proposed = notices_of(NoticeKind.AGREEMENT_PROPOSED)
    assert [notice.recipient for notice in proposed] == [authority_staff]


def test_each_notice_of_a_submission_is_mailed_exactly_once(
    authority_staff, leader_b, cycle, world
):
    assessment = cycle.assessments.get(school=world.school_b)
    rate_all(assessment, leader_b)
    services.assessment_submit(actor=leader_b, assessment=assessment, version=assessment.version)
    notice = Notice.objects.get(kind=NoticeKind.SELFASSESSMENT_SUBMITTED)
    assert OutboxMessage.objects.filter(dedupe_key=f"notice:{notice.pk}").count() == 1


def test_a_replanned_meeting_tells_the_leaders_again(authority_staff, leader_b, meeting_b, world):
    services.dialogue_meeting_plan(
        actor=authority_staff,
        school=world.school_b,
        cycle=meeting_b.cycle,
        starts_at=datetime(YEAR, 9, 8, 13, 0, tzinfo=ZoneInfo("Europe/Berlin")),
        place="School B, hall",
    )
    assert len(notices_of(NoticeKind.DIALOGUE_PLANNED)) == 2


def test_a_planned_meeting_is_one_notice_not_also_a_new_event(
    authority_staff, leader_b, meeting_b, world
):
    # meeting_b was planned through the service, which also published its calendar event.
    assert [notice.recipient for notice in notices_of(NoticeKind.DIALOGUE_PLANNED)] == [leader_b]
    assert not notices_of(NoticeKind.EVENT_PUBLISHED)
