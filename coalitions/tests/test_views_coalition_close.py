import pytest

from qnet.models import AuditEntry

pytestmark = pytest.mark.django_db


def url(coalition):
    return f"/coalitions/{coalition.pk}/close/"


def test_the_coordinator_closes_with_a_summary(login, coordinator, coalition):
    response = login(coordinator).post(url(coalition), {"result_summary": "Eleven cases."})
    assert response.status_code == 302
    coalition.refresh_from_db()
    assert coalition.status == "closed" and coalition.result_summary == "Eleven cases."
    assert AuditEntry.objects.filter(action="coalition.close")


def test_it_needs_a_summary(login, coordinator, coalition):
    login(coordinator).post(url(coalition), {"result_summary": ""})
    coalition.refresh_from_db()
    assert coalition.status == "active"


def test_it_redirects_anonymous_to_login(client, coalition):
    assert client.post(url(coalition)).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, coalition):
    assert login(outsider).post(url(coalition), {"result_summary": "x"}).status_code == 404


def test_it_forbids_a_lead(login, leader_b, coalition):
    assert login(leader_b).post(url(coalition), {"result_summary": "x"}).status_code == 403


def test_it_rejects_get(login, coordinator, coalition):
    assert login(coordinator).get(url(coalition)).status_code == 405
