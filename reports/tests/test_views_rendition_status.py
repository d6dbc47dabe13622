import pytest
from django.urls import reverse

from reports import services
from reports.models import Rendition
from reports.tests.helpers import assert_login_redirect


def _url(report, kind="pdf"):
    return reverse("reports:rendition_status", args=[report.pk, kind])


def test_a_running_rendition_polls_with_a_progress_bar(client, published):
    Rendition.objects.filter(report=published).update(status="running", progress=42)
    body = client.get(_url(published), headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in body
    assert 'aria-valuenow="42"' in body and "pct-40" in body
    assert "<script" not in body and "style=" not in body


def test_a_finished_rendition_stops_polling_and_offers_the_download(client, published):
    services.rendition_render(rendition_id=Rendition.objects.get(report=published).pk)
    body = client.get(_url(published)).content.decode()
    assert "hx-trigger" not in body
    assert reverse("reports:pdf", args=[published.pk]) in body


def test_a_failure_shows_the_error_and_a_retry_to_staff(login, published, authority_staff):
    Rendition.objects.filter(report=published).update(
        status="failed", error="RuntimeError: no fonts"
    )
    body = login(authority_staff).get(_url(published)).content.decode()
    assert "no fonts" in body and "Try again" in body


def test_anonymous_is_sent_to_login_for_the_school_zip(client, published):
    assert_login_redirect(client.get(_url(published, "school_status_zip")))


def test_drafts_are_404_to_others(client, draft):
    assert client.get(_url(draft)).status_code == 404


def test_the_school_zip_status_is_forbidden_to_leaders(login, published, leader_a):
    assert login(leader_a).get(_url(published, "school_status_zip")).status_code == 403


def test_it_rejects_post(client, published):
    assert client.post(_url(published)).status_code == 405


@pytest.mark.parametrize("extra", [0, 3])
def test_its_query_count_is_fixed(
    client, published, extra, django_assert_num_queries, world, results_world
):
    from reports.tests.conftest import add_schools

    add_schools(world.authority, results_world.measures, results_world.years, extra)
    with django_assert_num_queries(2):
        client.get(_url(published))
