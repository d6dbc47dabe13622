import pytest

from selfassessment.models import SelfAssessment
from selfassessment.tests.conftest import form_data

pytestmark = pytest.mark.django_db


def url(assessment):
    return f"/self-assessment/{assessment.pk}/submit/"


def test_it_saves_and_submits_a_complete_form(login, leader_a, draft_a):
    response = login(leader_a).post(url(draft_a), form_data(draft_a))
    assert response.status_code == 302
    draft_a.refresh_from_db()
    assert draft_a.status == SelfAssessment.Status.SUBMITTED


def test_it_keeps_an_incomplete_form_as_draft_and_says_what_is_missing(login, leader_a, draft_a):
    data = form_data(draft_a, level=None, evidence="kept")
    response = login(leader_a).post(url(draft_a), data, follow=True)
    assert b"3 of 3 still have no level" in response.content
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
