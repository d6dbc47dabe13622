import pytest

from selfassessment import services
from selfassessment.models import SelfAssessment

pytestmark = pytest.mark.django_db


def url(assessment):
    return f"/self-assessment/{assessment.pk}/accept/"


def test_it_accepts_a_submitted_one(login, authority_staff, submitted_b):
    response = login(authority_staff).post(url(submitted_b), {"comment": "Well done."})
    assert response.status_code == 302
    submitted_b.refresh_from_db()
    assert submitted_b.status == SelfAssessment.Status.ACCEPTED


def test_it_refuses_to_accept_a_returned_one(login, authority_staff, submitted_b):
    services.assessment_return(actor=authority_staff, assessment=submitted_b, comment="Revise")
    response = login(authority_staff).post(url(submitted_b), {}, follow=True)
    assert b"Only a submitted self-assessment" in response.content
    submitted_b.refresh_from_db()
    assert submitted_b.status == SelfAssessment.Status.RETURNED


def test_it_forbids_the_schools_leader(login, leader_b, submitted_b):
    assert login(leader_b).post(url(submitted_b), {}).status_code == 403


def test_it_answers_404_outside_the_scope(login, other_authority_staff, leader_a, submitted_b):
    assert login(other_authority_staff).post(url(submitted_b), {}).status_code == 404
    assert login(leader_a).post(url(submitted_b), {}).status_code == 404


def test_it_redirects_anonymous_to_login(client, submitted_b):
    assert client.post(url(submitted_b), {}).status_code == 302


def test_it_rejects_get(login, authority_staff, submitted_b):
    assert login(authority_staff).get(url(submitted_b)).status_code == 405
