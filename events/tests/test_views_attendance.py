import pytest

from events.models import Registration

pytestmark = pytest.mark.django_db


def url(event):
    return f"/events/{event.pk}/attendance/"


def test_it_marks_attendance_after_the_event(login, coordinator, leader_a, staff_a, past_event):
    present = Registration.objects.create(event=past_event, person=leader_a, status="confirmed")
    absent = Registration.objects.create(event=past_event, person=staff_a, status="confirmed")
    client = login(coordinator)
    assert client.get(url(past_event)).status_code == 200
    response = client.post(
        url(past_event), {f"r{present.pk}": "present", f"r{absent.pk}": "absent"}
    )
    assert response.status_code == 302
    present.refresh_from_db()
    absent.refresh_from_db()
    assert (present.attendance, absent.attendance) == ("present", "absent")


def test_an_unknown_value_is_refused(login, coordinator, leader_a, past_event):
    registration = Registration.objects.create(
        event=past_event, person=leader_a, status="confirmed"
    )
    response = login(coordinator).post(url(past_event), {f"r{registration.pk}": "asleep"})
    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.attendance == ""


def test_before_the_event_it_explains_and_offers_no_form(login, coordinator, leader_a, event):
    Registration.objects.create(event=event, person=leader_a, status="confirmed")
    response = login(coordinator).get(url(event))
    assert b"once the event has begun" in response.content
    assert b"Save attendance" not in response.content


def test_members_may_not_mark_attendance(login, leader_a, past_event):
    assert login(leader_a).get(url(past_event)).status_code == 403
    assert login(leader_a).post(url(past_event)).status_code == 403


def test_it_redirects_anonymous_to_login(client, past_event):
    assert client.get(url(past_event)).status_code == 302


def test_it_answers_404_outside_the_scope(login, coordinator, other_event):
    assert login(coordinator).get(url(other_event)).status_code == 404


def test_it_rejects_other_methods(login, coordinator, past_event):
    assert login(coordinator).delete(url(past_event)).status_code == 405


def test_it_lists_an_anonymised_registration_without_a_name(
    login, coordinator, leader_a, past_event, world, anonymise_after_retention
):
    registration = Registration.objects.create(
        event=past_event, person=leader_a, school=world.school_a, status="confirmed"
    )
    anonymise_after_retention(past_event)
    client = login(coordinator)
    content = client.get(url(past_event)).content.decode()
    assert "Anonymised participant" in content and "Lea Albers" not in content
    # Attendance is a figure, not a name: it can still be corrected.
    response = client.post(url(past_event), {f"r{registration.pk}": "present"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.attendance == "present"
