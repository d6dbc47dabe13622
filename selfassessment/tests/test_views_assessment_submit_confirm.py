"""The confirmation step before a school submits its self-assessment."""

import pytest

from selfassessment import services
from selfassessment.models import SelfAssessment
from selfassessment.tests.conftest import add_indicators, rate_all

pytestmark = pytest.mark.django_db


def url(assessment):
    return f"/self-assessment/{assessment.pk}/submit/confirm/"


def test_a_complete_draft_shows_the_progress_and_the_submit_button(login, leader_a, draft_a):
    rate_all(draft_a, leader_a)
    response = login(leader_a).get(url(draft_a))
    assert response.status_code == 200
    content = response.content.decode()
    assert "3 of 3 signs rated" in content
    assert "Submit to the authority" in content
    draft_a.refresh_from_db()
    assert draft_a.status == SelfAssessment.Status.DRAFT


def test_an_incomplete_draft_lists_the_missing_signs_by_number(login, leader_a, draft_a):
    first = draft_a.ratings.order_by("indicator__goal__focus_area__order", "indicator__order")[0]
    rate_all(draft_a, leader_a, level=None)
    draft_a.refresh_from_db()
    services.assessment_save_draft(
        actor=leader_a,
        assessment=draft_a,
        version=draft_a.version,
        entries={first.indicator_id: {"level": 2}},
    )
    content = login(leader_a).get(url(draft_a)).content.decode()
    assert "1 of 3 signs rated" in content
    assert "2 signs of good practice still have no level" in content
    assert "1.1.2" in content and "2.1.1" in content
    assert "Submit to the authority" not in content


def test_confirming_submits(login, leader_a, draft_a):
    rate_all(draft_a, leader_a)
    draft_a.refresh_from_db()
    client = login(leader_a)
    response = client.post(url(draft_a), {"version": draft_a.version})
    assert response.status_code == 302
    assert response["Location"] == f"/self-assessment/{draft_a.pk}/"
    draft_a.refresh_from_db()
    assert draft_a.status == SelfAssessment.Status.SUBMITTED
    assert b"Submitted to the authority" in client.get(response["Location"]).content


def test_confirming_an_incomplete_draft_is_refused(login, leader_a, draft_a):
    response = login(leader_a).post(url(draft_a), {"version": draft_a.version}, follow=True)
    assert b"3 of 3 still have no level" in response.content
    draft_a.refresh_from_db()
    assert draft_a.status == SelfAssessment.Status.DRAFT


def test_confirming_from_an_outdated_page_is_refused(login, leader_a, draft_a):
    seen = draft_a.version
    rate_all(draft_a, leader_a)
    response = login(leader_a).post(url(draft_a), {"version": seen}, follow=True)
    assert b"Someone changed this self-assessment" in response.content
    draft_a.refresh_from_db()
    assert draft_a.status == SelfAssessment.Status.DRAFT


def test_a_post_without_the_version_is_a_bad_request(login, leader_a, draft_a):
    assert login(leader_a).post(url(draft_a), {}).status_code == 400


def test_it_forbids_staff_who_were_not_invited(login, staff_a, draft_a):
    assert login(staff_a).get(url(draft_a)).status_code == 403
    assert login(staff_a).post(url(draft_a), {"version": 1}).status_code == 403


def test_a_submitted_one_cannot_be_submitted_again(login, leader_b, submitted_b):
    assert login(leader_b).get(url(submitted_b)).status_code == 403


@pytest.mark.parametrize(
    "persona", ["leader_b", "coordinator", "authority_staff", "other_authority_staff"]
)
def test_it_answers_404_outside_the_scope(login, request, draft_a, persona):
    assert login(request.getfixturevalue(persona)).get(url(draft_a)).status_code == 404


def test_it_redirects_anonymous_to_login(client, draft_a):
    response = client.get(url(draft_a))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_rejects_put(login, leader_a, draft_a):
    assert login(leader_a).put(url(draft_a)).status_code == 405


@pytest.mark.parametrize("extra", [0, 10])
def test_its_query_count_is_constant(
    login, leader_a, draft_a, plan, django_assert_num_queries, extra
):
    add_indicators(plan, extra)
    client = login(leader_a)
    with django_assert_num_queries(9):
        assert client.get(url(draft_a)).status_code == 200
