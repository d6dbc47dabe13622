import pytest

from qnet.models import Role
from qnet.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def url(kind, pk):
    return f"/organisations/{kind}/{pk}/"


def test_it_shows_a_school_leader_her_people_and_invite_button(login, leader_a, staff_a, world):
    response = login(leader_a).get(url("school", world.school_a.pk))
    assert response.status_code == 200
    assert b"Sam Acker" in response.content
    assert b"staff-a@example.org" in response.content
    assert b"Invite someone" in response.content


def test_it_hides_emails_and_invite_from_staff(login, staff_a, leader_a, world):
    response = login(staff_a).get(url("school", world.school_a.pk))
    assert response.status_code == 200
    assert b"Lea Albers" in response.content
    assert b"leader-a@example.org" not in response.content
    assert b"Invite someone" not in response.content


def test_it_shows_the_coordinator_the_network_schools(login, coordinator, world):
    response = login(coordinator).get(url("network", world.network.pk))
    assert response.status_code == 200
    assert b"School A" in response.content and b"School B" in response.content


def test_it_lets_the_coordinator_see_a_member_school(login, coordinator, world):
    assert login(coordinator).get(url("school", world.school_a.pk)).status_code == 200


def test_it_redirects_anonymous_to_login(client, world):
    assert client.get(url("school", world.school_a.pk)).status_code == 302


@pytest.mark.parametrize(
    ("persona", "kind", "target"),
    [
        ("leader_a", "school", "school_b"),
        ("staff_a", "network", "other_network"),
        ("coordinator", "school", "school_other"),
        ("authority_staff", "authority", "other_authority"),
        ("other_authority_staff", "school", "school_a"),
    ],
)
def test_it_answers_404_outside_the_scope(login, world, request, persona, kind, target):
    user = request.getfixturevalue(persona)
    assert login(user).get(url(kind, getattr(world, target).pk)).status_code == 404


def test_it_answers_404_for_an_unknown_kind(login, leader_a, world):
    assert login(leader_a).get(url("planet", world.school_a.pk)).status_code == 404


def test_it_rejects_post(login, leader_a, world):
    assert login(leader_a).post(url("school", world.school_a.pk)).status_code == 405


@pytest.mark.parametrize("extra", [1, 30])
def test_its_query_count_is_constant(
    login, authority_staff, world, django_assert_num_queries, extra
):
    for _ in range(extra):
        MembershipFactory(role=Role.AUTHORITY_STAFF, authority=world.authority, school=None)
    client = login(authority_staff)
    with django_assert_num_queries(7):
        assert client.get(url("authority", world.authority.pk)).status_code == 200
