import pytest

pytestmark = pytest.mark.django_db


def url(coalition):
    return f"/coalitions/{coalition.pk}/edit/"


def test_the_coordinator_edits(login, coordinator, coalition):
    client = login(coordinator)
    assert client.get(url(coalition)).status_code == 200
    response = client.post(
        url(coalition),
        {
            "kind": "coalition",
            "title": "Data against dropout 2",
            "central_question": "New question?",
            "status": "active",
        },
    )
    assert response.status_code == 302
    coalition.refresh_from_db()
    assert coalition.title == "Data against dropout 2"


def test_it_refuses_an_end_before_the_start(login, coordinator, coalition):
    response = login(coordinator).post(
        url(coalition),
        {
            "kind": "coalition",
            "title": "X",
            "central_question": "Q",
            "status": "active",
            "period_start": "2026-05-01",
            "period_end": "2026-04-01",
        },
    )
    assert response.status_code == 200
    coalition.refresh_from_db()
    assert coalition.title == "Data against dropout"


def test_it_redirects_anonymous_to_login(client, coalition):
    assert client.get(url(coalition)).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, coalition):
    assert login(outsider).get(url(coalition)).status_code == 404


def test_it_forbids_a_lead(login, leader_b, coalition):
    assert login(leader_b).get(url(coalition)).status_code == 403


def test_it_rejects_put(login, coordinator, coalition):
    assert login(coordinator).put(url(coalition)).status_code == 405
