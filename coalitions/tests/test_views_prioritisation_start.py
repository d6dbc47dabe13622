import pytest

from coalitions.models import Prioritisation

pytestmark = pytest.mark.django_db


def url(deck):
    return f"/coalitions/decks/{deck.pk}/prioritise/"


def test_a_school_team_member_starts_for_her_school(login, staff_a, deck, world):
    response = login(staff_a).post(url(deck), {"school": world.school_a.pk})
    prioritisation = Prioritisation.objects.get()
    assert response["Location"] == f"/coalitions/prioritisations/{prioritisation.pk}/"
    assert prioritisation.school == world.school_a and prioritisation.status == "open"


def test_it_refuses_another_school(login, staff_a, deck, world):
    login(staff_a).post(url(deck), {"school": world.school_b.pk})
    assert not Prioritisation.objects.exists()


def test_it_redirects_anonymous_to_login(client, deck):
    assert client.post(url(deck)).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, deck):
    assert login(outsider).post(url(deck)).status_code == 404


def test_it_forbids_someone_without_a_school(login, coordinator, deck, world):
    assert login(coordinator).post(url(deck), {"school": world.school_a.pk}).status_code == 403


def test_it_rejects_get(login, staff_a, deck):
    assert login(staff_a).get(url(deck)).status_code == 405
