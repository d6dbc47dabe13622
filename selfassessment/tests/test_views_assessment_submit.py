import pytest

from selfassessment.models import SelfAssessment
from selfassessment.tests.conftest import form_data

pytestmark = pytest.mark.django_db


def url(assessment):
    return f"/self-assessment/{assessment.pk}/submit/"


def test_it_saves_the_form_and_asks_for_confirmation_before_submitting(login, leader_a, draft_a):
    response = login(leader_a).post(url(draft_a), form_data(draft_a, evidence="Saved first"))
    assert response.status_code == 302
    assert response["Location"] == f"/self-assessment/{draft_a.pk}/submit/confirm/"
    draft_a.refresh_from_db()
    assert draft_a.status == SelfAssessment.Status.DRAFT
    assert set(draft_a.ratings.values_list("evidence", flat=True)) == {"Saved first"}


def test_an_incomplete_form_is_kept_as_draft_and_the_next_page_says_what_is_missing(
    login, leader_a, draft_a
):
    data = form_data(draft_a, level=None, evidence="kept")
    response = login(leader_a).post(url(draft_a), data, follow=True)
    assert b"3 signs of good practice still have no level" in response.content
    assert b"Submit to the authority" not in response.content
    draft_a.refresh_from_db()
    assert draft_a.status == SelfAssessment.Status.DRAFT
    assert set(draft_a.ratings.values_list("evidence", flat=True)) == {"kept"}


def test_it_refuses_a_stale_form_with_409(login, leader_a, draft_a):
    client = login(leader_a)
    client.post(f"/self-assessment/{draft_a.pk}/save/", form_data(draft_a))
    response = client.post(url(draft_a), form_data(draft_a, version=1))
    assert response.status_code == 409
    draft_a.refresh_from_db()
    assert draft_a.status == SelfAssessment.Status.DRAFT


def test_it_forbids_staff_who_were_not_invited(login, staff_a, draft_a):
    assert login(staff_a).post(url(draft_a), form_data(draft_a)).status_code == 403


def test_it_answers_404_outside_the_scope(login, leader_b, draft_a):
    assert login(leader_b).post(url(draft_a), form_data(draft_a)).status_code == 404


def test_it_redirects_anonymous_to_login(client, draft_a):
    assert client.post(url(draft_a), {}).status_code == 302


def test_it_rejects_get(login, leader_a, draft_a):
    assert login(leader_a).get(url(draft_a)).status_code == 405
