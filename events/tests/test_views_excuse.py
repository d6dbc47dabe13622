import pytest

from events import services

pytestmark = pytest.mark.django_db


def url(event):
    return f"/events/{event.pk}/excuse/"


def test_it_records_the_apology(login, leader_a, event):
    registration = services.registration_create(actor=leader_a, event=event)
    response = login(leader_a).post(url(event), {"apology": "Exams at school"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == "excused" and registration.apology == "Exams at school"


def test_an_overlong_apology_is_refused(login, leader_a, event):
    registration = services.registration_create(actor=leader_a, event=event)
    response = login(leader_a).post(url(event), {"apology": "x" * 1001})
    assert response.status_code == 400
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_others_may_not_excuse_a_registration(login, leader_b, leader_a, event):
    registration = services.registration_create(actor=leader_a, event=event)
    assert login(leader_b).post(url(event), {"registration": registration.pk}).status_code == 403


def test_it_redirects_anonymous_to_login(client, event):
    assert client.post(url(event)).status_code == 302


def test_it_answers_404_outside_the_scope(login, leader_a, other_event):
    assert login(leader_a).post(url(other_event)).status_code == 404


def test_it_rejects_get(login, leader_a, event):
    assert login(leader_a).get(url(event)).status_code == 405
