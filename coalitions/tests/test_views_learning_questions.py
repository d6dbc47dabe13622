import pytest

from coalitions.models import LearningQuestion
from coalitions.tests.factories import CoalitionMemberFactory, LearningQuestionFactory

pytestmark = pytest.mark.django_db


def url(network):
    return f"/coalitions/{network.coalition.pk}/learning-questions/"


def test_the_facilitator_sees_every_question(login, facilitator, learning_network):
    content = login(facilitator).get(url(learning_network)).content.decode()
    assert "Lea&#x27;s private question" in content and "Sam&#x27;s shared question" in content


def test_a_member_sees_own_and_shared_questions(login, staff_a, leader_a, learning_network):
    content = login(staff_a).get(url(learning_network)).content.decode()
    assert "Lea&#x27;s private question" not in content
    assert "Sam&#x27;s shared question" in content
    content = login(leader_a).get(url(learning_network)).content.decode()
    assert "Lea&#x27;s private question" in content


def test_a_member_writes_a_question(login, staff_a, learning_network):
    response = login(staff_a).post(url(learning_network), {"text": "How do we start?"})
    assert response.status_code == 302
    assert LearningQuestion.objects.filter(text="How do we start?", shared_with_group=False)


def test_the_coordinator_may_read_but_not_write(login, coordinator, learning_network):
    client = login(coordinator)
    content = client.get(url(learning_network)).content.decode()
    assert "Lea&#x27;s private question" not in content
    assert client.post(url(learning_network), {"text": "Mine?"}).status_code == 403


def test_it_redirects_anonymous_to_login(client, learning_network):
    assert client.get(url(learning_network)).status_code == 302


def test_it_answers_404_to_a_non_member(login, leader_b, learning_network):
    assert login(leader_b).get(url(learning_network)).status_code == 404


def test_it_rejects_put(login, staff_a, learning_network):
    assert login(staff_a).put(url(learning_network)).status_code == 405


@pytest.mark.parametrize("extra", [1, 15])
def test_its_query_count_is_constant(
    login, facilitator, learning_network, world, django_assert_num_queries, extra
):
    for _ in range(extra):
        member = CoalitionMemberFactory(coalition=learning_network.coalition, school=world.school_b)
        LearningQuestionFactory(member=member)
    client = login(facilitator)
    with django_assert_num_queries(6):
        assert client.get(url(learning_network)).status_code == 200
