import pytest

from events import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(leader_a, event):
    return services.agenda_proposal_create(actor=leader_a, event=event, title="Peer feedback")


def url(proposal):
    return f"/events/{proposal.event_id}/proposals/{proposal.pk}/decide/"


def test_the_coordinator_takes_it_up(login, coordinator, proposal):
    client = login(coordinator)
    assert "Peer feedback" in client.get(f"/events/{proposal.event_id}/agenda/").content.decode()
    assert client.post(url(proposal), {"answer": "accept"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "accepted"


def test_a_strange_answer_is_refused(login, coordinator, proposal):
    assert login(coordinator).post(url(proposal), {"answer": "later"}).status_code == 400


def test_members_may_not_decide(login, leader_a, proposal):
    assert login(leader_a).post(url(proposal), {"answer": "accept"}).status_code == 403


def test_it_redirects_anonymous_to_login(client, proposal):
    assert client.post(url(proposal)).status_code == 302


def test_it_answers_404_outside_the_scope(login, outsider, proposal):
    assert login(outsider).post(url(proposal)).status_code == 404


def test_it_rejects_get(login, coordinator, proposal):
    assert login(coordinator).get(url(proposal)).status_code == 405
