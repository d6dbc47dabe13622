import pytest

from coalitions.tests.factories import CardDeckFactory, CardFactory, PrioritisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def deck(coalition):
    deck = CardDeckFactory(coalition=coalition, title="Grip on dropout")
    CardFactory(deck=deck, front="Who are we losing?")
    return deck


def url(deck):
    return f"/coalitions/decks/{deck.pk}/"


def test_a_school_leader_sees_the_cards_and_can_start(login, leader_a, deck):
    response = login(leader_a).get(url(deck))
    assert response.status_code == 200
    assert b"Who are we losing?" in response.content
    assert b"Start a prioritisation" in response.content
    assert b"Add a card" not in response.content


def test_the_lead_adds_a_card(login, leader_b, deck):
    response = login(leader_b).post(url(deck), {"front": "What works?", "back": "", "order": 0})
    assert response.status_code == 302
    assert list(deck.cards.values_list("front", flat=True))[-1] == "What works?"


def test_it_redirects_anonymous_to_login(client, deck):
    assert client.get(url(deck)).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, deck):
    assert login(outsider).get(url(deck)).status_code == 404


def test_it_forbids_a_reader_to_add_cards(login, leader_a, deck):
    assert login(leader_a).post(url(deck), {"front": "x", "order": 0}).status_code == 403


def test_it_rejects_put(login, leader_a, deck):
    assert login(leader_a).put(url(deck)).status_code == 405


@pytest.mark.parametrize("extra", [1, 20])
def test_its_query_count_is_constant(
    login, leader_a, deck, world, django_assert_num_queries, extra
):
    CardFactory.create_batch(extra, deck=deck)
    PrioritisationFactory.create_batch(extra, deck=deck, school=world.school_a)
    client = login(leader_a)
    with django_assert_num_queries(8):
        assert client.get(url(deck)).status_code == 200
