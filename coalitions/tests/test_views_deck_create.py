import pytest

from coalitions.models import CardDeck

pytestmark = pytest.mark.django_db


def url(coalition):
    return f"/coalitions/{coalition.pk}/decks/new/"


def test_the_lead_creates_a_deck(login, leader_b, coalition):
    client = login(leader_b)
    assert client.get(url(coalition)).status_code == 200
    response = client.post(url(coalition), {"title": "Grip on dropout", "description": ""})
    deck = CardDeck.objects.get()
    assert response["Location"] == f"/coalitions/decks/{deck.pk}/"


def test_it_redirects_anonymous_to_login(client, coalition):
    assert client.get(url(coalition)).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, coalition):
    assert login(outsider).get(url(coalition)).status_code == 404


def test_it_forbids_a_member(login, staff_a, coalition):
    assert login(staff_a).post(url(coalition), {"title": "x"}).status_code == 403


def test_it_rejects_put(login, leader_b, coalition):
    assert login(leader_b).put(url(coalition)).status_code == 405
