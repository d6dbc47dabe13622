import pytest
from django.urls import reverse

from qnet.models import Notice, Role
from qnet.tests.factories import MembershipFactory, UserFactory
from reports.models import ReviewRequest
from reports.tests.helpers import assert_login_redirect


def _url(report):
    return reverse("reports:submit", args=[report.pk])


@pytest.fixture
def reviewer(world):
    user = UserFactory(email="reviewer@example.org", full_name="Rita Reviewer")
    MembershipFactory(user=user, role=Role.AUTHORITY_STAFF, authority=world.authority, school=None)
    return user


def test_the_form_offers_the_authoritys_staff_only(
    login, draft, authority_staff, reviewer, other_authority_staff, leader_a
):
    body = login(authority_staff).get(reverse("reports:manage", args=[draft.pk])).content.decode()
    assert 'name="reviewers"' in body
    assert "Rita Reviewer" in body and "Anna Amtmann" in body
    assert "Ola Nordmann" not in body and "Lea Albers" not in body


def test_authority_staff_send_a_draft_to_named_reviewers(login, draft, authority_staff, reviewer):
    response = login(authority_staff).post(_url(draft), {"reviewers": [reviewer.pk]})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "in_review"
    assert list(ReviewRequest.objects.values_list("reviewer", flat=True)) == [reviewer.pk]
    assert Notice.objects.get().recipient == reviewer


def test_without_a_reviewer_the_form_comes_back_with_the_error(login, draft, authority_staff):
    response = login(authority_staff).post(_url(draft), {})
    assert response.status_code == 400
    assert "Choose at least one colleague to review the report." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_reviewer_of_another_authority_is_not_a_choice(
    login, draft, authority_staff, other_authority_staff
):
    response = login(authority_staff).post(_url(draft), {"reviewers": [other_authority_staff.pk]})
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.status == "draft" and not ReviewRequest.objects.exists()


def test_a_report_past_the_draft_is_refused_with_a_message(login, in_review, authority_staff):
    response = login(authority_staff).post(_url(in_review), {}, follow=True)
    assert "Only a draft can be sent to review." in response.content.decode()


def test_anonymous_is_sent_to_login(client, draft):
    assert_login_redirect(client.post(_url(draft)))


def test_other_authorities_get_404(login, draft, other_authority_staff):
    assert login(other_authority_staff).post(_url(draft)).status_code == 404


def test_leaders_may_not_submit(login, published, leader_a):
    assert login(leader_a).post(_url(published)).status_code == 403


def test_it_rejects_get(login, draft, authority_staff):
    assert login(authority_staff).get(_url(draft)).status_code == 405
