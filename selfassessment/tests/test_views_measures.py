import pytest

from qnet.models import AuditEntry
from selfassessment.models import Measure

pytestmark = pytest.mark.django_db

URL = "/self-assessment/measures/"

NEW = {
    "code": "dropout",
    "name": "Dropout",
    "unit": "%",
    "higher_is_better": "",
    "threshold": "5",
    "min_group_size": "10",
}


def test_it_lists_the_authoritys_measures(login, authority_staff, measures):
    response = login(authority_staff).get(URL)
    assert response.status_code == 200
    assert b"read-5" in response.content and b"bullying" in response.content


def test_it_adds_a_measure_and_logs_it(login, authority_staff, world):
    response = login(authority_staff).post(URL, NEW)
    assert response.status_code == 302
    measure = Measure.objects.get(code="dropout")
    assert measure.authority == world.authority and not measure.higher_is_better
    assert AuditEntry.objects.filter(action="measure.create").exists()


def test_it_refuses_a_duplicate_code(login, authority_staff, measures):
    response = login(authority_staff).post(URL, {**NEW, "code": "read-5"})
    assert response.status_code == 400
    assert b"already used" in response.content


def test_it_shows_the_other_authority_only_its_own(login, other_authority_staff, measures):
    response = login(other_authority_staff).get(URL)
    assert b"read-5" not in response.content


@pytest.mark.parametrize("persona", ["leader_a", "staff_a", "coordinator", "facilitator"])
def test_it_forbids_everyone_but_authority_staff(login, request, persona):
    assert login(request.getfixturevalue(persona)).get(URL).status_code == 403


def test_it_redirects_anonymous_to_login(client):
    assert client.get(URL).status_code == 302


def test_it_rejects_put(login, authority_staff):
    assert login(authority_staff).put(URL).status_code == 405


@pytest.mark.parametrize("extra", [0, 10])
def test_its_query_count_is_constant(
    login, authority_staff, world, django_assert_num_queries, extra
):
    for index in range(extra):
        Measure.objects.create(authority=world.authority, code=f"m{index}", name="M", threshold=1)
    client = login(authority_staff)
    with django_assert_num_queries(5):
        assert client.get(URL).status_code == 200


# --- edit --------------------------------------------------------------------


def edit_url(measure):
    return f"/self-assessment/measures/{measure.pk}/"


def test_edit_changes_the_threshold(login, authority_staff, measures):
    data = {**NEW, "code": "read-5", "name": "Reading", "threshold": "47", "higher_is_better": "on"}
    response = login(authority_staff).post(edit_url(measures.reading), data)
    assert response.status_code == 302
    measures.reading.refresh_from_db()
    assert measures.reading.threshold == 47


def test_edit_shows_the_form(login, authority_staff, measures):
    assert login(authority_staff).get(edit_url(measures.reading)).status_code == 200


def test_edit_forbids_a_school_leader_who_sees_the_measure(login, leader_a, measures):
    assert login(leader_a).get(edit_url(measures.reading)).status_code == 403


def test_edit_answers_404_to_another_authority(login, other_authority_staff, measures):
    assert login(other_authority_staff).get(edit_url(measures.reading)).status_code == 404


def test_edit_redirects_anonymous_to_login(client, measures):
    assert client.get(edit_url(measures.reading)).status_code == 302


def test_edit_rejects_put(login, authority_staff, measures):
    assert login(authority_staff).put(edit_url(measures.reading)).status_code == 405
