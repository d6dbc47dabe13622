import pytest
from django.urls import reverse

from reports.tests.conftest import add_schools
from reports.tests.helpers import assert_login_redirect


def _url(section):
    return reverse("reports:section_edit", args=[section.report_id, section.pk])


def test_authority_staff_write_the_narrative_and_see_live_tables(login, draft, authority_staff):
    section = draft.sections.first()
    client = login(authority_staff)
    body = client.get(_url(section)).content.decode()
    assert "Measure 0.0" in body and "<svg" in body
    response = client.post(
        _url(section), {"title": "Reading", "narrative": "**Better** than last year."}
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert (section.title, section.narrative) == ("Reading", "**Better** than last year.")


def test_anonymous_is_sent_to_login(client, draft):
    assert_login_redirect(client.get(_url(draft.sections.first())))


def test_a_chapter_of_another_report_is_404(login, draft, authority_staff, other_authority_staff):
    assert login(other_authority_staff).get(_url(draft.sections.first())).status_code == 404
    other = reverse("reports:section_edit", args=[draft.pk, 999999])
    assert login(authority_staff).get(other).status_code == 404


def test_a_published_chapter_cannot_be_changed(login, published, authority_staff, leader_a):
    section = published.sections.first()
    assert login(leader_a).get(_url(section)).status_code == 403
    assert login(authority_staff).post(_url(section), {"title": "x"}).status_code == 403


def test_it_rejects_put(login, draft, authority_staff):
    assert login(authority_staff).put(_url(draft.sections.first())).status_code == 405


@pytest.mark.parametrize("extra", [0, 8])
def test_its_query_count_does_not_grow(
    login, draft, authority_staff, results_world, world, extra, django_assert_num_queries
):
    add_schools(world.authority, results_world.measures, results_world.years, extra)
    section = draft.sections.first()
    client = login(authority_staff)
    client.get(_url(section))
    with django_assert_num_queries(10):
        client.get(_url(section))
