import pytest

from coalitions.tests.factories import CardDeckFactory

pytestmark = pytest.mark.django_db


def url(deck):
    return f"/coalitions/decks/{deck.pk}/edit/"


def test_the_lead_renames_a_deck(login, leader_b, coalition):
    deck = CardDeckFactory(coalition=coalition)
    client = login(leader_b)
    assert client.get(url(deck)).status_code == 200
    assert client.post(url(deck), {"title": "New name", "description": ""}).status_code == 302
    deck.refresh_from_db()
    assert deck.title == "New name"


def test_it_redirects_anonymous_to_login(client, coalition):
    assert client.get(url(CardDeckFactory(coalition=coalition))).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, coalition):
    assert login(outsider).get(url(CardDeckFactory(coalition=coalition))).status_code == 404


def test_it_forbids_a_member(login, staff_a, coalition):
    assert login(staff_a).get(url(CardDeckFactory(coalition=coalition))).status_code == 403


def test_it_rejects_put(login, leader_b, coalition):
    assert login(leader_b).put(url(CardDeckFactory(coalition=coalition))).status_code == 405
