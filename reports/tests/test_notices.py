"""Review and publication of a quality report tell the authority's staff."""

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


def test_sending_to_review_tells_the_other_staff(
    draft, authority_staff, colleague, other_authority_staff
):
    services.report_submit_for_review(actor=authority_staff, report=draft)
    [notice] = Notice.objects.filter(kind=NoticeKind.REPORT_IN_REVIEW)
    assert notice.recipient == colleague
    assert notice.url == f"/reports/{draft.pk}/manage/"
    assert OutboxMessage.objects.filter(to=colleague.email).count() == 1


def test_publishing_tells_the_other_staff(
    in_review, authority_staff, colleague, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    services.report_publish(actor=authority_staff, report=in_review)
    [notice] = Notice.objects.filter(kind=NoticeKind.REPORT_PUBLISHED)
    assert notice.recipient == colleague
    assert notice.url == f"/reports/{in_review.pk}/"
