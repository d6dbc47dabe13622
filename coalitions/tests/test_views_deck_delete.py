import pytest

from coalitions.models import CardDeck
from coalitions.tests.factories import CardDeckFactory
from qnet.models import AuditEntry

pytestmark = pytest.mark.django_db


def url(deck):
    return f"/coalitions/decks/{deck.pk}/delete/"


def test_the_lead_deletes_with_an_audit_entry(login, leader_b, coalition):
    deck = CardDeckFactory(coalition=coalition)
    assert login(leader_b).post(url(deck)).status_code == 302
    assert not CardDeck.objects.exists()
    assert AuditEntry.objects.filter(action="coalition.deck_delete")


def test_it_redirects_anonymous_to_login(client, coalition):
    assert client.post(url(CardDeckFactory(coalition=coalition))).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, coalition):
    assert login(outsider).post(url(CardDeckFactory(coalition=coalition))).status_code == 404


def test_it_forbids_a_member(login, staff_a, coalition):
    assert login(staff_a).post(url(CardDeckFactory(coalition=coalition))).status_code == 403
    assert CardDeck.objects.exists()


def test_it_rejects_get(login, leader_b, coalition):
    assert login(leader_b).get(url(CardDeckFactory(coalition=coalition))).status_code == 405
