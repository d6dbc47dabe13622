import csv
import io

import pytest
from django.utils import timezone

from coalitions.tests.factories import PrioritisationPickFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(prioritisation, deck):
    cards = list(deck.cards.all())
    cards[0].front = "=cmd|' /C calc'!A0"
    cards[0].save()
    for rank, card in enumerate(cards[:2], start=1):
        PrioritisationPickFactory(prioritisation=prioritisation, card=card, rank=rank)
    prioritisation.status = "finished"
    prioritisation.finished_at = timezone.now()
    prioritisation.save()
    return prioritisation


def url(prioritisation):
    return f"/coalitions/prioritisations/{prioritisation.pk}/result.csv"


def test_it_exports_the_ranking_with_formulas_neutralised(login, staff_a, finished):
    response = login(staff_a).get(url(finished))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="grip-on-dropout')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Rank", "Question", "Suggestions"]
    assert rows[1][0] == "1"
    assert rows[1][1] == "'=cmd|' /C calc'!A0"
    assert rows[1][2].startswith("'=HYPERLINK")
    assert rows[2][1] == "Card 2?"


def test_it_redirects_anonymous_to_login(client, finished):
    assert client.get(url(finished)).status_code == 302


def test_it_answers_404_to_another_school(login, leader_b, finished):
    assert login(leader_b).get(url(finished)).status_code == 404


def test_it_answers_404_while_open(login, staff_a, prioritisation):
    assert login(staff_a).get(url(prioritisation)).status_code == 404


def test_it_rejects_post(login, staff_a, finished):
    assert login(staff_a).post(url(finished)).status_code == 405
