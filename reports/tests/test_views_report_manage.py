import pytest
from django.urls import reverse

from qnet.models import Role
from qnet.tests.factories import MembershipFactory, UserFactory
from reports import services
from reports.tests.conftest import add_schools
from reports.tests.helpers import assert_login_redirect

# Whatever the step: a draft lists the staff to ask, a report in review those asked.
QUERIES = 9


def _url(report):
    return reverse("reports:manage", args=[report.pk])


def test_authority_staff_see_chapters_and_next_step(login, in_review, authority_staff):
    body = login(authority_staff).get(_url(in_review)).content.decode()
    assert "Focus area 1" in body and "Publish" in body


def test_a_report_in_review_shows_who_was_asked(login, draft, authority_staff, world):
    reviewer = UserFactory(email="reviewer@example.org", full_name="Rita Reviewer")
    MembershipFactory(
        user=reviewer, role=Role.AUTHORITY_STAFF, authority=world.authority, school=None
    )
    client = login(authority_staff)
    assert "Asked to review" not in client.get(_url(draft)).content.decode()
    services.report_submit_for_review(actor=authority_staff, report=draft, reviewers=[reviewer])
    body = client.get(_url(draft)).content.decode()
    assert "Asked to review" in body and "Rita Reviewer" in body
    assert 'name="reviewers"' not in body


def test_anonymous_is_sent_to_login(client, draft):
    assert_login_redirect(client.get(_url(draft)))


def test_other_authorities_get_404(login, draft, other_authority_staff):
    assert login(other_authority_staff).get(_url(draft)).status_code == 404


def test_a_leader_may_not_manage_a_published_report(login, published, leader_a):
    assert login(leader_a).get(_url(published)).status_code == 403


def test_it_rejects_post(login, draft, authority_staff):
    assert login(authority_staff).post(_url(draft)).status_code == 405


@pytest.mark.parametrize("extra", [0, 8])
def test_its_query_count_does_not_grow(
    login, published, authority_staff, results_world, world, extra, django_assert_num_queries
):
    add_schools(world.authority, results_world.measures, results_world.years, extra)
    client = login(authority_staff)
    client.get(_url(published))
    with django_assert_num_queries(QUERIES):
        client.get(_url(published))


def _add_staff(world, count: int) -> list:
    people = UserFactory.create_batch(count)
    for person in people:
        MembershipFactory(
            user=person, role=Role.AUTHORITY_STAFF, authority=world.authority, school=None
        )
    return people


@pytest.mark.parametrize("extra", [0, 8])
def test_the_draft_pages_query_count_does_not_grow_with_the_staff(
    login, draft, authority_staff, world, extra, django_assert_num_queries
):
    _add_staff(world, extra)
    client = login(authority_staff)
    client.get(_url(draft))
    with django_assert_num_queries(QUERIES):
        client.get(_url(draft))


@pytest.mark.parametrize("extra", [0, 8])
def test_the_review_pages_query_count_does_not_grow_with_the_reviewers(
    login, draft, authority_staff, world, extra, django_assert_num_queries
):
    reviewers = [authority_staff, *_add_staff(world, extra)]
    services.report_submit_for_review(actor=authority_staff, report=draft, reviewers=reviewers)
    client = login(authority_staff)
    client.get(_url(draft))
    with django_assert_num_queries(QUERIES):
        client.get(_url(draft))
