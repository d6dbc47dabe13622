import pytest

pytestmark = pytest.mark.django_db


def url(prioritisation):
    return f"/coalitions/prioritisations/{prioritisation.pk}/pick/"


def test_the_team_picks_cards_in_order(login, staff_a, prioritisation, deck):
    cards = list(deck.cards.all())
    response = login(staff_a).post(url(prioritisation), {"cards": [cards[2].pk, cards[0].pk]})
    assert response.status_code == 302
    picks = list(prioritisation.picks.order_by("rank").values_list("card_id", "rank"))
    assert picks == [(cards[0].pk, 1), (cards[2].pk, 2)]


def test_unpicking_closes_the_gap(login, staff_a, prioritisation, deck):
    cards = list(deck.cards.all())
    client = login(staff_a)
    client.post(url(prioritisation), {"cards": [c.pk for c in cards[:3]]})
    client.post(url(prioritisation), {"cards": [cards[0].pk, cards[2].pk]})
    ranks = list(prioritisation.picks.order_by("rank").values_list("card_id", "rank"))
    assert ranks == [(cards[0].pk, 1), (cards[2].pk, 2)]


def test_it_refuses_a_card_of_another_deck(login, staff_a, prioritisation):
    from coalitions.tests.factories import CardFactory

    login(staff_a).post(url(prioritisation), {"cards": [CardFactory().pk]})
    assert not prioritisation.picks.exists()


def test_it_redirects_anonymous_to_login(client, prioritisation):
    assert client.post(url(prioritisation)).status_code == 302


def test_it_answers_404_to_another_school(login, leader_b, prioritisation):
    assert login(leader_b).post(url(prioritisation)).status_code == 404


def test_it_forbids_the_coordinator(login, coordinator, prioritisation, deck):
    response = login(coordinator).post(url(prioritisation), {"cards": [deck.cards.first().pk]})
    assert response.status_code == 403


def test_it_rejects_get(login, staff_a, prioritisation):
    assert login(staff_a).get(url(prioritisation)).status_code == 405
