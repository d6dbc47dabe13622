import pytest
from django.urls import reverse

from reports import services
from reports.tests.conftest import add_schools

URL = reverse("reports:archive")


def test_anyone_sees_published_reports_by_year(client, published):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Quality report 2025" in response.content.decode()
    assert reverse("reports:detail", args=[published.pk]) in response.content.decode()


def test_drafts_are_listed_only_for_their_authority(
    login, draft, authority_staff, other_authority_staff, leader_a
):
    assert (
        reverse("reports:manage", args=[draft.pk])
        in login(authority_staff).get(URL).content.decode()
    )
    for person in (other_authority_staff, leader_a):
        body = login(person).get(URL).content.decode()
        assert "Quality report 2025" not in body


def test_it_rejects_post(client, world):
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("extra", [0, 6])
def test_its_query_count_does_not_grow(
    login,
    published,
    authority_staff,
    world,
    results_world,
    django_assert_num_queries,
    extra,
    settings,
    tmp_path,
):
    for year in range(2018, 2018 + extra):
        report = services.report_start(
            actor=authority_staff, authority=world.authority, year=year, title=f"R {year}"
        )
        services.report_submit_for_review(
            actor=authority_staff, report=report, reviewers=[authority_staff]
        )
    add_schools(world.authority, results_world.measures, results_world.years, extra)
    client = login(authority_staff)
    client.get(URL)
    with django_assert_num_queries(5):
        client.get(URL)


def test_it_lists_the_reports_without_reading_their_snapshots(login, published, authority_staff):
    response = login(authority_staff).get(URL)
    reports = [report for _year, items in response.context["years"] for report in items]
    assert reports == [published]
    assert all("snapshot" in report.get_deferred_fields() for report in reports)
