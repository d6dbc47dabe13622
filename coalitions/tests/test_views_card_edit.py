import pytest

from coalitions.tests.factories import CardDeckFactory, CardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def card(coalition):
    return CardFactory(deck=CardDeckFactory(coalition=coalition), front="Old?")


def url(card):
    return f"/coalitions/cards/{card.pk}/edit/"


def test_the_lead_edits_a_card(login, leader_b, card):
    client = login(leader_b)
    assert client.get(url(card)).status_code == 200
    response = client.post(url(card), {"front": "New?", "back": "Hint", "order": 3})
    assert response.status_code == 302
    card.refresh_from_db()
    assert (card.front, card.back, card.order) == ("New?", "Hint", 3)


def test_it_redirects_anonymous_to_login(client, card):
    assert client.get(url(card)).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, card):
    assert login(outsider).get(url(card)).status_code == 404


def test_it_forbids_a_member(login, staff_a, card):
    assert login(staff_a).get(url(card)).status_code == 403


def test_it_rejects_put(login, leader_b, card):
    assert login(leader_b).put(url(card)).status_code == 405
