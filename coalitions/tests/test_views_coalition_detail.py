import pytest

from coalitions.models import Coalition, CoalitionMember, Resource
from coalitions.tests.factories import (
    CardDeckFactory,
    CoalitionMemberFactory,
    LearningQuestionFactory,
    MilestoneFactory,
    PostFactory,
    ResourceFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db


def url(coalition):
    return f"/coalitions/{coalition.pk}/"


def test_it_shows_question_members_by_school_discussion_and_library(
    login, leader_a, coalition, world
):
    ThreadFactory(coalition=coalition, title="First thread")
    ResourceFactory(coalition=coalition, title="Network example", visibility="network")
    response = login(leader_a).get(url(coalition))
    assert response.status_code == 200
    content = response.content.decode()
    assert "How do we keep students on board?" in content
    assert "School A" in content and "School B" in content
    assert "Lead" in content
    assert "First thread" in content
    assert "Network example" in content


def test_it_shows_a_non_member_of_the_network_a_join_form(login, leader_a, coalition):
    assert b"Ask to join" in login(leader_a).get(url(coalition)).content


def test_it_shows_milestones_on_a_project(login, leader_a, project):
    assert b"Kick-off" in login(leader_a).get(url(project)).content


def test_it_shows_the_facilitator_all_learning_questions(login, facilitator, learning_network):
    content = login(facilitator).get(url(learning_network.coalition)).content
    assert b"Lea&#x27;s private question" in content
    assert b"Sam&#x27;s shared question" in content


def test_it_shows_a_member_only_own_and_shared_questions(login, staff_a, learning_network):
    content = login(staff_a).get(url(learning_network.coalition)).content
    assert b"Lea&#x27;s private question" not in content
    assert b"Sam&#x27;s shared question" in content


def test_it_lets_authority_staff_read(login, authority_staff, coalition):
    assert login(authority_staff).get(url(coalition)).status_code == 200


def test_it_redirects_anonymous_to_login(client, coalition):
    assert client.get(url(coalition)).status_code == 302


@pytest.mark.parametrize("persona", ["outsider", "other_authority_staff"])
def test_it_answers_404_outside_the_network(login, request, coalition, persona):
    user = request.getfixturevalue(persona)
    assert login(user).get(url(coalition)).status_code == 404


@pytest.mark.parametrize("persona", ["leader_b", "authority_staff"])
def test_it_answers_404_for_a_closed_learning_network_to_non_members(
    login, request, learning_network, persona
):
    user = request.getfixturevalue(persona)
    assert login(user).get(url(learning_network.coalition)).status_code == 404


def test_it_rejects_post(login, leader_a, coalition):
    assert login(leader_a).post(url(coalition)).status_code == 405


def _grow(coalition, world, n):
    for i in range(n):
        member = CoalitionMemberFactory(
            coalition=coalition,
            school=world.school_a if i % 2 else world.school_b,
            role=CoalitionMember.Role.MEMBER,
        )
        thread = ThreadFactory(coalition=coalition)
        PostFactory(thread=thread)
        ResourceFactory(coalition=coalition, visibility=Resource.Visibility.NETWORK)
        CardDeckFactory(coalition=coalition)
        if coalition.kind == Coalition.Kind.PROJECT:
            MilestoneFactory(coalition=coalition)
        if coalition.kind == Coalition.Kind.LEARNING_NETWORK:
            LearningQuestionFactory(member=member, shared_with_group=True)


@pytest.mark.parametrize("extra", [1, 12])
def test_its_query_count_is_constant_for_a_coalition(
    login, leader_b, coalition, world, django_assert_num_queries, extra
):
    _grow(coalition, world, extra)
    client = login(leader_b)
    with django_assert_num_queries(12):
        assert client.get(url(coalition)).status_code == 200


@pytest.mark.parametrize("extra", [1, 12])
def test_its_query_count_is_constant_for_a_learning_network(
    login, staff_a, learning_network, world, django_assert_num_queries, extra
):
    _grow(learning_network.coalition, world, extra)
    client = login(staff_a)
    with django_assert_num_queries(13):
        assert client.get(url(learning_network.coalition)).status_code == 200
