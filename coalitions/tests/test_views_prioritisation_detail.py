import pytest

from coalitions.tests.factories import CardFactory, PrioritisationPickFactory

pytestmark = pytest.mark.django_db


def url(prioritisation):
    return f"/coalitions/prioritisations/{prioritisation.pk}/"


def test_the_team_sees_cards_picks_and_ranking(login, staff_a, prioritisation, deck):
    card = deck.cards.first()
    PrioritisationPickFactory(prioritisation=prioritisation, card=card, rank=1)
    response = login(staff_a).get(url(prioritisation))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Save picks" in content and "Save ranking" in content
    assert f'value="{card.pk}" id="card-{card.pk}" checked' in content


def test_the_coordinator_reads_but_cannot_work(login, coordinator, prioritisation):
    response = login(coordinator).get(url(prioritisation))
    assert response.status_code == 200
    assert b"Save picks" not in response.content


def test_a_finished_one_goes_to_its_result(login, staff_a, prioritisation):
    prioritisation.status = "finished"
    prioritisation.save()
    assert login(staff_a).get(url(prioritisation))["Location"].endswith("/result/")


def test_it_redirects_anonymous_to_login(client, prioritisation):
    assert client.get(url(prioritisation)).status_code == 302


@pytest.mark.parametrize("persona", ["leader_b", "outsider"])
def test_it_answers_404_to_other_schools(login, request, prioritisation, persona):
    assert login(request.getfixturevalue(persona)).get(url(prioritisation)).status_code == 404


def test_it_rejects_post(login, staff_a, prioritisation):
    assert login(staff_a).post(url(prioritisation)).status_code == 405


@pytest.mark.parametrize("extra", [1, 20])
def test_its_query_count_is_constant(
    login, staff_a, prioritisation, deck, django_assert_num_queries, extra
):
    for rank in range(1, extra + 1):
        PrioritisationPickFactory(
            prioritisation=prioritisation, card=CardFactory(deck=deck), rank=rank
        )
    client = login(staff_a)
    with django_assert_num_queries(5):
        assert client.get(url(prioritisation)).status_code == 200
