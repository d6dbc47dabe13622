import pytest
from django.test import RequestFactory
from django.utils import timezone

from reports import services
from reports.panels import reports_panel


def _panel(user):
    request = RequestFactory().get("/")
    request.user = user
    return reports_panel(request)


def test_authority_staff_see_this_years_report_and_the_latest_published(
    published, authority_staff, world
):
    this_year = services.report_start(
        actor=authority_staff,
        authority=world.authority,
        year=timezone.localdate().year,
        title="Now",
    )
    template, context = _panel(authority_staff)
    assert template == "reports/panels/reports.html"
    assert context["current"] == this_year
    assert context["latest"] == published


def test_a_leader_sees_the_latest_published_report(published, leader_a):
    _template, context = _panel(leader_a)
    assert context["latest"] == published and context["current"] is None


def test_without_any_report_only_staff_get_the_panel(world, authority_staff, leader_a):
    assert _panel(leader_a) is None
    assert _panel(authority_staff)[1]["current"] is None


@pytest.mark.parametrize("reports", [1, 4])
def test_the_panel_has_a_fixed_query_count(
    published, authority_staff, world, reports, django_assert_num_queries
):
    for year in range(2010, 2010 + reports):
        services.report_start(
            actor=authority_staff, authority=world.authority, year=year, title="R"
        )
    _panel(authority_staff)
    with django_assert_num_queries(2):
        _panel(authority_staff)
