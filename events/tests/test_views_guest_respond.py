import pytest

from events import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(coordinator, event):
    return services.guest_invite(
        actor=coordinator, event=event, name="Ada Lernwerk", email="ada@example.org", role="speaker"
    )


def url(token):
    return f"/events/guests/{token}/"


def test_the_guest_accepts_without_an_account(client, invitation, event):
    guest, token = invitation
    response = client.get(url(token))
    assert response.status_code == 200
    assert event.title in response.content.decode()
    response = client.post(url(token), {"answer": "accept"}, follow=True)
    assert b"You have accepted." in response.content
    guest.refresh_from_db()
    assert guest.status == "accepted"


def test_accepted_speakers_appear_on_the_event(login, client, leader_a, invitation, event):
    client.post(url(invitation[1]), {"answer": "accept"})
    content = login(leader_a).get(f"/events/{event.pk}/").content.decode()
    assert "Ada Lernwerk" in content and "Speaker" in content


def test_a_strange_answer_is_refused(client, invitation):
    guest, token = invitation
    assert client.post(url(token), {"answer": "maybe"}).status_code == 400
    guest.refresh_from_db()
    assert guest.status == "invited"


def test_an_unknown_token_answers_404(client, invitation):
    assert client.get(url("not-the-token")).status_code == 404


def test_it_rejects_other_methods(client, invitation):
    assert client.delete(url(invitation[1])).status_code == 405


def test_an_anonymised_guests_link_answers_404_and_the_event_names_no_speaker(
    login, client, leader_a, invitation, event, anonymise_after_retention
):
    client.post(url(invitation[1]), {"answer": "accept"})
    anonymise_after_retention(event)
    assert client.get(url(invitation[1])).status_code == 404
    content = login(leader_a).get(f"/events/{event.pk}/").content.decode()
    assert "Ada Lernwerk" not in content
    assert "Anonymised participant" in content and "Speaker" in content
