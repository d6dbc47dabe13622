import pytest

from selfassessment.models import SelfAssessment

pytestmark = pytest.mark.django_db


def url(assessment):
    return f"/self-assessment/{assessment.pk}/return/"


def test_it_shows_what_the_school_will_read_before_returning(login, authority_staff, submitted_b):
    sign = submitted_b.ratings.order_by("indicator__goal__focus_area__order").first()
    data = {"comment": "Add evidence.", f"sign_{sign.indicator_id}": "Which tests?"}
    response = login(authority_staff).post(url(submitted_b), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Return to the school" in content
    assert "Which tests?" in content and 'name="confirmed" value="1"' in content
    submitted_b.refresh_from_db()
    assert submitted_b.status == SelfAssessment.Status.SUBMITTED


def test_it_returns_a_submitted_one_with_the_comment_once_confirmed(
    login, authority_staff, submitted_b
):
    sign = submitted_b.ratings.first()
    data = {"comment": "Add evidence.", f"sign_{sign.indicator_id}": "Which tests?"}
    response = login(authority_staff).post(url(submitted_b), {**data, "confirmed": "1"})
    assert response.status_code == 302
    submitted_b.refresh_from_db()
    assert submitted_b.status == SelfAssessment.Status.RETURNED
    assert submitted_b.authority_comment == "Add evidence."
    sign.refresh_from_db()
    assert sign.review_comment == "Which tests?"


def test_it_refuses_without_a_comment(login, authority_staff, submitted_b):
    response = login(authority_staff).post(url(submitted_b), {"comment": "", "confirmed": "1"})
    assert response.status_code == 400
    assert b"Say what the school should revise." in response.content
    submitted_b.refresh_from_db()
    assert submitted_b.status == SelfAssessment.Status.SUBMITTED


def test_it_forbids_the_schools_leader(login, leader_b, submitted_b):
    assert login(leader_b).post(url(submitted_b), {"comment": "x"}).status_code == 403


def test_it_answers_404_for_a_draft_and_other_authorities(
    login, authority_staff, other_authority_staff, draft_a, submitted_b
):
    assert login(authority_staff).post(url(draft_a), {"comment": "x"}).status_code == 404
    assert login(other_authority_staff).post(url(submitted_b), {"comment": "x"}).status_code == 404


def test_it_redirects_anonymous_to_login(client, submitted_b):
    assert client.post(url(submitted_b), {"comment": "x"}).status_code == 302


def test_it_rejects_get(login, authority_staff, submitted_b):
    assert login(authority_staff).get(url(submitted_b)).status_code == 405
