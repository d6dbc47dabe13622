import pytest
from django.core import mail

from events.models import Registration
from qnet.models import AuditEntry

pytestmark = pytest.mark.django_db


def url(event):
    return f"/events/{event.pk}/participants/mail/"


@pytest.fixture
def registered(event, world, leader_a, leader_b, staff_a):
    Registration.objects.create(
        event=event, person=leader_a, school=world.school_a, status="confirmed"
    )
    Registration.objects.create(
        event=event, person=staff_a, school=world.school_a, status="waitlisted"
    )
    Registration.objects.create(
        event=event, person=leader_b, school=world.school_b, status="cancelled"
    )


def test_it_mails_each_confirmed_participant_separately(
    login, coordinator, event, registered, django_capture_on_commit_callbacks
):
    client = login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(event),
            {"audience": "confirmed", "subject": "Room change", "body": "We meet in room 12."},
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["leader-a@example.org"]]
    assert "Room change" in mail.outbox[0].subject
    assert "We meet in room 12." in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="event.mail_participants").exists()


def test_it_can_include_the_waiting_list(
    login, coordinator, event, registered, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        login(coordinator).post(url(event), {"audience": "all", "subject": "S", "body": "B"})
    assert sorted(m.to[0] for m in mail.outbox) == ["leader-a@example.org", "staff-a@example.org"]


def test_it_requires_a_subject_and_text(login, coordinator, event, registered):
    response = login(coordinator).post(url(event), {"audience": "all", "subject": "", "body": ""})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not mail.outbox


def test_it_shows_the_form_with_the_counts(login, coordinator, event, registered):
    response = login(coordinator).get(url(event))
    assert response.status_code == 200
    assert b"1 confirmed, 1 on the waiting list." in response.content


def test_it_forbids_a_participant(login, leader_a, event, registered):
    assert login(leader_a).get(url(event)).status_code == 403


def test_it_answers_404_outside_the_scope(login, coordinator, other_event):
    assert login(coordinator).get(url(other_event)).status_code == 404


def test_it_redirects_anonymous_to_login(client, event):
    assert client.get(url(event)).status_code == 302


def test_it_rejects_put(login, coordinator, event):
    assert login(coordinator).put(url(event)).status_code == 405
