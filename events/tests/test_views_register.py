import pytest

from events.models import Registration
from events.tests.factories import AgendaItemFactory
from qnet.models import OutboxMessage

pytestmark = pytest.mark.django_db


def url(event):
    return f"/events/{event.pk}/register/"


def test_it_registers_the_person_and_queues_a_confirmation(login, leader_a, event):
    workshop = AgendaItemFactory(event=event, title="Peer observation", capacity=5)
    response = login(leader_a).post(
        url(event), {"workshops": [workshop.pk], "dietary_notes": "vegetarian"}
    )
    assert response.status_code == 302 and response.url == f"/events/{event.pk}/"
    registration = Registration.objects.get(event=event, person=leader_a)
    assert registration.status == "confirmed"
    assert list(registration.workshops.all()) == [workshop]
    assert registration.dietary_notes == "vegetarian"
    assert OutboxMessage.objects.filter(to=leader_a.email).exists()


def test_a_leader_registers_a_colleague(login, leader_a, staff_a, event):
    response = login(leader_a).post(url(event), {"person": staff_a.pk})
    assert response.status_code == 302
    assert Registration.objects.get(event=event, person=staff_a).registered_by == leader_a


def test_a_full_event_puts_the_person_on_the_waiting_list(login, leader_b, event):
    event.capacity = 0
    event.save()
    response = login(leader_b).post(url(event), follow=True)
    assert b"waiting list" in response.content
    assert Registration.objects.get(person=leader_b).status == "waitlisted"


def test_a_double_registration_gets_a_clear_message_and_changes_nothing(login, leader_a, event):
    client = login(leader_a)
    client.post(url(event))
    response = client.post(url(event))
    assert response.status_code == 400
    assert "You are already registered for this event." in response.content.decode()
    assert Registration.objects.count() == 1


def test_a_full_workshop_gets_a_clear_message_and_changes_nothing(
    login, leader_a, staff_a, leader_b, event
):
    workshop = AgendaItemFactory(event=event, title="Peer observation", capacity=1)
    login(leader_a).post(url(event), {"workshops": [workshop.pk]})
    response = login(leader_b).post(url(event), {"workshops": [workshop.pk]})
    assert response.status_code == 400
    assert "is full" in response.content.decode()
    assert not Registration.objects.filter(person=leader_b).exists()


def test_staff_may_not_register_a_colleague(login, staff_a, leader_a, event):
    response = login(staff_a).post(url(event), {"person": leader_a.pk})
    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_it_redirects_anonymous_to_login(client, event):
    assert client.post(url(event)).status_code == 302
    assert not Registration.objects.exists()


def test_it_answers_404_outside_the_scope(login, leader_a, other_event):
    assert login(leader_a).post(url(other_event)).status_code == 404


def test_it_rejects_get(login, leader_a, event):
    assert login(leader_a).get(url(event)).status_code == 405
