import pytest

from events.models import AgendaProposal

pytestmark = pytest.mark.django_db


def url(event):
    return f"/events/{event.pk}/proposals/"


def test_a_member_proposes_a_topic(login, leader_a, event):
    response = login(leader_a).post(url(event), {"title": "Peer feedback"}, follow=True)
    assert b"the coordinators will see your proposal" in response.content
    assert AgendaProposal.objects.get().person == leader_a


def test_an_empty_topic_is_refused(login, leader_a, event):
    response = login(leader_a).post(url(event), {"title": ""})
    assert response.status_code == 400
    assert not AgendaProposal.objects.exists()


def test_a_past_meeting_takes_no_proposals(login, leader_a, past_event):
    response = login(leader_a).post(url(past_event), {"title": "Late"}, follow=True)
    assert b"upcoming meetings only" in response.content
    assert not AgendaProposal.objects.exists()


def test_it_answers_404_outside_the_scope(login, leader_a, other_event):
    assert login(leader_a).post(url(other_event), {"title": "x"}).status_code == 404


def test_it_redirects_anonymous_to_login(client, event):
    assert client.post(url(event), {"title": "x"}).status_code == 302


def test_it_rejects_get(login, leader_a, event):
    assert login(leader_a).get(url(event)).status_code == 405
