import pytest

from coalitions.tests.factories import PrioritisationPickFactory

pytestmark = pytest.mark.django_db


def url(prioritisation):
    return f"/coalitions/prioritisations/{prioritisation.pk}/finish/"


def test_the_team_finishes(login, staff_a, prioritisation, deck):
    PrioritisationPickFactory(prioritisation=prioritisation, card=deck.cards.first())
    response = login(staff_a).post(url(prioritisation))
    assert response["Location"].endswith(f"/prioritisations/{prioritisation.pk}/result/")
    prioritisation.refresh_from_db()
    assert prioritisation.status == "finished" and prioritisation.finished_at


def test_it_needs_a_pick(login, staff_a, prioritisation):
    login(staff_a).post(url(prioritisation))
    prioritisation.refresh_from_db()
    assert prioritisation.status == "open"


def test_a_finished_one_cannot_be_changed(login, staff_a, prioritisation, deck):
    PrioritisationPickFactory(prioritisation=prioritisation, card=deck.cards.first())
    client = login(staff_a)
    client.post(url(prioritisation))
    client.post(f"/coalitions/prioritisations/{prioritisation.pk}/pick/", {"cards": []})
    assert prioritisation.picks.count() == 1


def test_it_redirects_anonymous_to_login(client, prioritisation):
    assert client.post(url(prioritisation)).status_code == 302


def test_it_answers_404_to_another_school(login, leader_b, prioritisation):
    assert login(leader_b).post(url(prioritisation)).status_code == 404


def test_it_forbids_the_coordinator(login, coordinator, prioritisation):
    assert login(coordinator).post(url(prioritisation)).status_code == 403


def test_it_rejects_get(login, staff_a, prioritisation):
    assert login(staff_a).get(url(prioritisation)).status_code == 405
