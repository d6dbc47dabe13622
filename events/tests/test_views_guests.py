import pytest

from events.models import GuestInvitation

pytestmark = pytest.mark.django_db


def url(event):
    return f"/events/{event.pk}/guests/"


def test_it_invites_a_guest(login, coordinator, event):
    client = login(coordinator)
    assert client.get(url(event)).status_code == 200
    response = client.post(
        url(event), {"name": "Ada Lernwerk", "email": "ada@example.org", "role": "speaker"}
    )
    assert response.status_code == 302
    assert GuestInvitation.objects.get().name == "Ada Lernwerk"
    assert "Ada Lernwerk" in client.get(url(event)).content.decode()


def test_a_bad_address_is_refused(login, coordinator, event):
    response = login(coordinator).post(
        url(event), {"name": "Ada", "email": "not-an-address", "role": "speaker"}
    )
    assert response.status_code == 200
    assert not GuestInvitation.objects.exists()


def test_members_may_not_invite(login, leader_a, event):
    assert login(leader_a).get(url(event)).status_code == 403


def test_it_redirects_anonymous_to_login(client, event):
    assert client.get(url(event)).status_code == 302


def test_it_answers_404_outside_the_scope(login, coordinator, other_event):
    assert login(coordinator).get(url(other_event)).status_code == 404


def test_it_rejects_other_methods(login, coordinator, event):
    assert login(coordinator).delete(url(event)).status_code == 405


def test_it_lists_anonymised_guests_without_name_or_address(
    login, coordinator, event, anonymise_after_retention
):
    client = login(coordinator)
    client.post(url(event), {"name": "Ada Lernwerk", "email": "ada@example.org", "role": "speaker"})
    anonymise_after_retention(event)
    response = client.get(url(event))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Anonymised participant" in content and "Speaker" in content
    assert "Ada Lernwerk" not in content and "ada@example.org" not in content
