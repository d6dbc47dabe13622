from decimal import Decimal

import pytest

from qnet.models import AuditEntry
from selfassessment.models import Result

pytestmark = pytest.mark.django_db


@pytest.fixture
def result(world, results):
    return Result.objects.get(school=world.school_a, measure=results.reading, year=2025)


def url(result):
    return f"/self-assessment/results/{result.pk}/edit/"


def test_it_shows_the_form_to_authority_staff(login, authority_staff, result):
    response = login(authority_staff).get(url(result))
    assert response.status_code == 200
    assert b"audit log" in response.content


def test_it_saves_a_corrected_result_and_logs_it(login, authority_staff, result):
    response = login(authority_staff).post(url(result), {"value": "47.5", "n": "31"})
    assert response.status_code == 302
    # Back to the school's figures, still correcting.
    assert response["Location"] == f"/self-assessment/results/school/{result.school_id}/?mode=edit"
    result.refresh_from_db()
    assert (str(result.value), result.n) == ("47.500", 31)
    assert AuditEntry.objects.filter(action="result.update").exists()


def test_it_rerenders_bad_input(login, authority_staff, result):
    response = login(authority_staff).post(url(result), {"value": "lots", "n": "0"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_it_forbids_the_schools_leader(login, leader_a, result):
    assert login(leader_a).get(url(result)).status_code == 403


def test_it_answers_404_outside_the_scope(login, other_authority_staff, leader_b, result):
    assert login(other_authority_staff).get(url(result)).status_code == 404
    assert login(leader_b).get(url(result)).status_code == 404


def test_it_redirects_anonymous_to_login(client, result):
    assert client.get(url(result)).status_code == 302


def test_it_rejects_put(login, authority_staff, result):
    assert login(authority_staff).put(url(result)).status_code == 405


@pytest.mark.parametrize("n", ["2147483648", "10000001"])
def test_a_count_past_the_column_is_refused(login, authority_staff, result, n):
    # The database refused 2147483648 with "integer out of range": a 500.
    response = login(authority_staff).post(url(result), {"value": "47.5", "n": n})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["n"]
    result.refresh_from_db()
    assert result.n != int(n)


def test_it_shows_and_takes_the_value_as_german_writes_it(login, authority_staff, result):
    # A German figure is typed "4,9": a number field refused it, and showed "4.900".
    Result.objects.filter(pk=result.pk).update(value=Decimal("4.900"))
    type(authority_staff).objects.filter(pk=authority_staff.pk).update(preferred_language="de")
    client = login(authority_staff)
    assert 'value="4,9"' in client.get(url(result)).content.decode()
    response = client.post(url(result), {"value": "47,5", "n": "31"})
    assert response.status_code == 302
    result.refresh_from_db()
    assert result.value == Decimal("47.5")
