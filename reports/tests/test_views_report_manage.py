import pytest
from django.urls import reverse

from reports.tests.conftest import add_schools
from reports.tests.helpers import assert_login_redirect


def _url(report):
    return reverse("reports:manage", args=[report.pk])


def test_authority_staff_see_chapters_and_next_step(login, in_review, authority_staff):
    body = login(authority_staff).get(_url(in_review)).content.decode()
    assert "Focus area 1" in body and "Publish" in body


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
    with django_assert_num_queries(9):
        client.get(_url(published))
