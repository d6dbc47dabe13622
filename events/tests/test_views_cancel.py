from datetime import timedelta

import pytest
from django.utils import timezone

from events import services
from events.models import Registration

pytestmark = pytest.mark.django_db


def url(event):
    return f"/events/{event.pk}/cancel/"


def test_it_cancels_the_own_registration_and_promotes_the_next(login, leader_a, leader_b, event):
    event.capacity = 1
    event.save()
    own = services.registration_create(actor=leader_a, event=event)
    waiting = services.registration_create(actor=leader_b, event=event)
    response = login(leader_a).post(url(event))
    assert response.status_code == 302
    own.refresh_from_db()
    waiting.refresh_from_db()
    assert own.status == "cancelled" and waiting.status == "confirmed"


def test_a_leader_cancels_a_colleagues_registration(login, leader_a, staff_a, event):
    registration = services.registration_create(actor=staff_a, event=event)
    login(leader_a).post(url(event), {"registration": registration.pk})
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_staff_may_not_cancel_someone_elses_registration(login, staff_a, leader_a, event):
    registration = services.registration_create(actor=leader_a, event=event)
    assert login(staff_a).post(url(event), {"registration": registration.pk}).status_code == 403
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_after_the_deadline_it_says_so_and_changes_nothing(login, leader_a, event):
    registration = services.registration_create(actor=leader_a, event=event)
    event.cancellation_deadline = timezone.now() - timedelta(minutes=1)
    event.save()
    response = login(leader_a).post(url(event), follow=True)
    assert b"deadline has passed" in response.content
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_it_answers_404_without_a_registration(login, leader_a, event):
    assert login(leader_a).post(url(event)).status_code == 404


def test_it_redirects_anonymous_to_login(client, event):
    assert client.post(url(event)).status_code == 302


def test_it_answers_404_outside_the_scope(login, leader_a, other_event):
    assert login(leader_a).post(url(other_event)).status_code == 404


def test_it_rejects_get(login, leader_a, event):
    assert login(leader_a).get(url(event)).status_code == 405
