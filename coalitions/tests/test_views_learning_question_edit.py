import pytest

pytestmark = pytest.mark.django_db


def url(question):
    return f"/coalitions/learning-questions/{question.pk}/edit/"


def test_the_owner_rewrites_and_shares_her_question(login, leader_a, learning_network):
    question = learning_network.private_question
    client = login(leader_a)
    assert client.get(url(question)).status_code == 200
    response = client.post(url(question), {"text": "Sharper question?", "shared_with_group": "on"})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == "Sharper question?" and question.shared_with_group


def test_it_redirects_anonymous_to_login(client, learning_network):
    assert client.get(url(learning_network.private_question)).status_code == 302


def test_it_answers_404_to_a_member_who_cannot_see_it(login, staff_a, learning_network):
    assert login(staff_a).get(url(learning_network.private_question)).status_code == 404


def test_it_forbids_the_facilitator_to_rewrite_it(login, facilitator, learning_network):
    question = learning_network.private_question
    assert login(facilitator).post(url(question), {"text": "Mine now"}).status_code == 403
    question.refresh_from_db()
    assert question.text == "Lea's private question"


def test_it_rejects_put(login, leader_a, learning_network):
    assert login(leader_a).put(url(learning_network.private_question)).status_code == 405
