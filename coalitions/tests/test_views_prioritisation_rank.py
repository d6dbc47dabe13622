import pytest

from coalitions.tests.factories import PrioritisationPickFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def picks(prioritisation, deck):
    return [
        PrioritisationPickFactory(prioritisation=prioritisation, card=card, rank=rank)
        for rank, card in enumerate(deck.cards.all()[:3], start=1)
    ]


def url(prioritisation):
    return f"/coalitions/prioritisations/{prioritisation.pk}/rank/"


def test_the_team_reorders(login, leader_a, prioritisation, picks):
    first, second, third = picks
    response = login(leader_a).post(
        url(prioritisation),
        {f"rank_{first.pk}": 3, f"rank_{second.pk}": 1, f"rank_{third.pk}": 2},
    )
    assert response.status_code == 302
    order = list(prioritisation.picks.order_by("rank").values_list("pk", flat=True))
    assert order == [second.pk, third.pk, first.pk]


def test_a_rank_out_of_range_changes_nothing(login, leader_a, prioritisation, picks):
    login(leader_a).post(url(prioritisation), {f"rank_{p.pk}": 9 for p in picks})
    assert [p.rank for p in prioritisation.picks.order_by("pk")] == [1, 2, 3]


def test_it_redirects_anonymous_to_login(client, prioritisation):
    assert client.post(url(prioritisation)).status_code == 302


def test_it_answers_404_to_another_school(login, leader_b, prioritisation):
    assert login(leader_b).post(url(prioritisation)).status_code == 404


def test_it_forbids_the_coordinator(login, coordinator, prioritisation, picks):
    assert login(coordinator).post(url(prioritisation)).status_code == 403


def test_it_rejects_get(login, staff_a, prioritisation):
    assert login(staff_a).get(url(prioritisation)).status_code == 405
