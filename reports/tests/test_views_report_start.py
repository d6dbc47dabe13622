from django.urls import reverse

from reports.models import AnnualReport
from reports.tests.helpers import assert_login_redirect

URL = reverse("reports:start")


def test_authority_staff_start_a_report_with_proposed_chapters(
    login, authority_staff, results_world
):
    client = login(authority_staff)
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"year": 2025, "title": "Report 2025", "introduction": "Hello"})
    report = AnnualReport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "reports:manage", args=[report.pk]
    )
    assert report.sections.count() == 5


def test_a_second_report_for_the_year_shows_an_error(login, authority_staff, draft):
    response = login(authority_staff).post(URL, {"year": 2025, "title": "Again"})
    assert response.status_code == 200
    assert "already a report" in response.content.decode()


def test_anonymous_is_sent_to_login(client, world):
    assert_login_redirect(client.get(URL))


def test_school_leaders_may_not_start_a_report(login, leader_a):
    assert login(leader_a).get(URL).status_code == 403


def test_it_rejects_put(login, authority_staff):
    assert login(authority_staff).put(URL).status_code == 405
