import pytest

from coalitions.models import Card
from coalitions.tests.factories import CardDeckFactory, CardFactory
from qnet.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def card(coalition):
    return CardFactory(deck=CardDeckFactory(coalition=coalition))


def url(card):
    return f"/coalitions/cards/{card.pk}/delete/"


def test_the_lead_deletes_a_card_with_an_audit_entry(login, leader_b, card):
    assert login(leader_b).post(url(card)).status_code == 302
    assert not Card.objects.exists()
    assert AuditEntry.objects.filter(action="coalition.card_delete")


def test_it_redirects_anonymous_to_login(client, card):
    assert client.post(url(card)).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, card):
    assert login(outsider).post(url(card)).status_code == 404


def test_it_forbids_a_member(login, staff_a, card):
    assert login(staff_a).post(url(card)).status_code == 403


def test_it_rejects_get(login, leader_b, card):
    assert login(leader_b).get(url(card)).status_code == 405
