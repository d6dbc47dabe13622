import pytest

from qnet import services
from qnet.models import Role

pytestmark = pytest.mark.django_db
URL = "/audit/"


def test_it_lists_what_happened_in_the_authority(login, authority_staff, leader_a, world):
    services.invitation_create(
        invited_by=leader_a, email="n@example.org", role=Role.SCHOOL_STAFF, scope=world.school_a
    )
    response = login(authority_staff).get(URL)
    assert response.status_code == 200
    assert b"invitation.create" in response.content
    assert b"Lea Albers" in response.content


def test_it_hides_other_authorities_entries(login, other_authority_staff, leader_a, world):
    services.invitation_create(
        invited_by=leader_a, email="n@example.org", role=Role.SCHOOL_STAFF, scope=world.school_a
    )
    response = login(other_authority_staff).get(URL)
    assert b"invitation.create" not in response.content
    assert b"Nothing has been recorded yet." in response.content


def test_it_forbids_school_leaders(login, leader_a):
    assert login(leader_a).get(URL).status_code == 403


def test_it_redirects_anonymous_to_login(client):
    assert client.get(URL).status_code == 302


def test_it_rejects_post(login, authority_staff):
    assert login(authority_staff).post(URL).status_code == 405


@pytest.mark.parametrize("entries", [2, 120])
def test_it_paginates_with_a_constant_query_count(
    login, authority_staff, world, django_assert_num_queries, entries
):
    for _ in range(entries):
        services.audit_entry_create(
            actor=authority_staff, action="test.entry", target=world.school_a
        )
    client = login(authority_staff)
    with django_assert_num_queries(5):
        response = client.get(URL)
    assert len(response.context["page"].object_list) == min(entries, 50)
