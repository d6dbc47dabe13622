"""Review tells the colleagues named; publication tells all of the authority's staff."""

import pytest

from qnet.models import Notice, NoticeKind, OutboxMessage, Role
from qnet.tests.factories import MembershipFactory, UserFactory
from reports import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(world):
    user = UserFactory(email="colleague@example.org")
    MembershipFactory(user=user, role=Role.AUTHORITY_STAFF, authority=world.authority, school=None)
    return user


@pytest.fixture
def bystander(world):
    """Staff of the same authority who was not asked to review."""
    user = UserFactory(email="bystander@example.org")
    MembershipFactory(user=user, role=Role.AUTHORITY_STAFF, authority=world.authority, school=None)
    return user


def test_sending_to_review_tells_only_the_named_reviewers(
    draft, authority_staff, colleague, bystander, other_authority_staff
):
    colleague.preferred_language = "de"
    colleague.save()
    services.report_submit_for_review(
        actor=authority_staff, report=draft, reviewers=[colleague, authority_staff]
    )
    # The sender named themself too, but is never told of their own act.
    [notice] = Notice.objects.filter(kind=NoticeKind.REPORT_IN_REVIEW)
    assert notice.recipient == colleague
    assert notice.url == f"/reports/{draft.pk}/manage/"
    [message] = OutboxMessage.objects.all()
    assert message.to == colleague.email
    assert message.subject.startswith("Qualitätsbericht zur Durchsicht bereit")


def test_each_named_reviewer_gets_one_mail_in_their_language(
    draft, authority_staff, colleague, bystander
):
    bystander.preferred_language = "nb"
    bystander.save()
    services.report_submit_for_review(
        actor=authority_staff, report=draft, reviewers=[colleague, bystander]
    )
    assert set(
        Notice.objects.filter(kind=NoticeKind.REPORT_IN_REVIEW).values_list("recipient", flat=True)
    ) == {colleague.pk, bystander.pk}
    subjects = {
        message.to: message.subject
        for message in OutboxMessage.objects.filter(to__in=[colleague.email, bystander.email])
    }
    assert OutboxMessage.objects.count() == 2
    assert subjects[colleague.email].startswith("Quality report ready for review")
    assert subjects[bystander.email].startswith("Kvalitetsmelding klar for gjennomgang")


def test_publishing_tells_the_other_staff(
    in_review, authority_staff, colleague, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    services.report_publish(actor=authority_staff, report=in_review)
    [notice] = Notice.objects.filter(kind=NoticeKind.REPORT_PUBLISHED)
    assert notice.recipient == colleague
    assert notice.url == f"/reports/{in_review.pk}/"
