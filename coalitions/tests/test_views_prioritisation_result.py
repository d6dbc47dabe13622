import pytest
from django.utils import timezone

from coalitions.tests.factories import CardFactory, PrioritisationPickFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(prioritisation, deck):
    for rank, card in enumerate(deck.cards.all(), start=1):
        PrioritisationPickFactory(prioritisation=prioritisation, card=card, rank=rank)
    prioritisation.status = "finished"
    prioritisation.finished_at = timezone.now()
    prioritisation.save()
    return prioritisation


def url(prioritisation):
    return f"/coalitions/prioritisations/{prioritisation.pk}/result/"


def test_the_team_sees_the_ranked_result(login, leader_a, finished):
    response = login(leader_a).get(url(finished))
    assert response.status_code == 200
    content = response.content.decode()
    assert content.index("Card 1?") < content.index("Card 4?")
    assert "Download CSV" in content


def test_it_has_a_printable_page(login, leader_a, finished):
    response = login(leader_a).get(url(finished) + "?print=1")
    assert response.status_code == 200
    assert b"coalitions/print.css" in response.content
    assert b"navbar" not in response.content


def test_the_coordinator_reads_it(login, coordinator, finished):
    assert login(coordinator).get(url(finished)).status_code == 200


def test_an_open_one_has_no_result(login, leader_a, prioritisation):
    assert login(leader_a).get(url(prioritisation)).status_code == 404


def test_it_redirects_anonymous_to_login(client, finished):
    assert client.get(url(finished)).status_code == 302


def test_it_answers_404_to_another_school(login, leader_b, finished):
    assert login(leader_b).get(url(finished)).status_code == 404


def test_it_rejects_post(login, leader_a, finished):
    assert login(leader_a).post(url(finished)).status_code == 405


@pytest.mark.parametrize("extra", [1, 20])
def test_its_query_count_is_constant(
    login, leader_a, finished, deck, django_assert_num_queries, extra
):
    for rank in range(10, 10 + extra):
        PrioritisationPickFactory(prioritisation=finished, card=CardFactory(deck=deck), rank=rank)
    client = login(leader_a)
    with django_assert_num_queries(4):
        assert client.get(url(finished)).status_code == 200
