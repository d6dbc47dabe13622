import pytest
from django.test import RequestFactory

from qnet.tests.factories import SchoolFactory
from selfassessment.panels import selfassessment_panel
from selfassessment.tests.conftest import add_results

pytestmark = pytest.mark.django_db


def panel_html(response):
    content = response.content.decode()
    start = content.index('id="panel-selfassessment"')
    return content[start : start + 3000]


def test_a_leader_sees_her_state_and_open_agreements(login, leader_b, agreement_b):
    html = panel_html(login(leader_b).get("/"))
    assert "Submitted" in html
    assert "Weekly reading sessions" in html


def test_authority_staff_see_what_awaits_review_and_who_is_flagged(
    login, authority_staff, submitted_b, draft_a, results
):
    html = panel_html(login(authority_staff).get("/"))
    assert "1 awaiting your review" in html
    assert "1 in draft" in html
    assert "1 school flagged for follow-up" in html


def test_people_without_a_school_or_authority_get_no_panel(login, coordinator, cycle):
    assert b'id="panel-selfassessment"' not in login(coordinator).get("/").content


@pytest.mark.parametrize("extra", [0, 10])
def test_the_panel_keeps_a_fixed_number_of_queries(
    authority_staff, submitted_b, results, django_assert_num_queries, extra
):
    for _index in range(extra):
        school = SchoolFactory(authority=submitted_b.school.authority)
        add_results(school, results.reading, [1, 2])
    request = RequestFactory().get("/")
    request.user = authority_staff
    with django_assert_num_queries(6):
        selfassessment_panel(request)
