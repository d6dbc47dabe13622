import pytest

from coalitions.models import ProgressNote

pytestmark = pytest.mark.django_db


def url(question):
    return f"/coalitions/learning-questions/{question.pk}/"


def test_the_facilitator_reads_a_private_question_and_adds_a_note(
    login, facilitator, learning_network
):
    question = learning_network.private_question
    client = login(facilitator)
    response = client.get(url(question))
    assert response.status_code == 200
    assert b"Lea&#x27;s private question" in response.content
    response = client.post(url(question), {"text": "Try pairs.", "noted_on": "2026-11-20"})
    assert response.status_code == 302
    assert ProgressNote.objects.get().author == facilitator


def test_the_owner_adds_a_note(login, leader_a, learning_network):
    question = learning_network.private_question
    login(leader_a).post(url(question), {"text": "Tried it.", "noted_on": "2026-11-20"})
    assert question.notes.count() == 1


def test_another_member_reads_a_shared_question_but_writes_no_note(
    login, leader_a, learning_network
):
    question = learning_network.shared_question
    client = login(leader_a)
    assert client.get(url(question)).status_code == 200
    assert client.post(url(question), {"text": "x", "noted_on": "2026-11-20"}).status_code == 403


def test_a_member_gets_404_for_a_private_question(login, staff_a, learning_network):
    assert login(staff_a).get(url(learning_network.private_question)).status_code == 404


def test_a_non_member_gets_404(login, leader_b, learning_network):
    assert login(leader_b).get(url(learning_network.shared_question)).status_code == 404


def test_it_redirects_anonymous_to_login(client, learning_network):
    assert client.get(url(learning_network.shared_question)).status_code == 302


def test_it_rejects_put(login, leader_a, learning_network):
    assert login(leader_a).put(url(learning_network.private_question)).status_code == 405


def test_a_note_dated_outside_the_calendars_years_is_refused(login, leader_a, learning_network):
    question = learning_network.private_question
    response = login(leader_a).post(url(question), {"text": "Tried it.", "noted_on": "9999-12-31"})
    assert "noted_on" in response.context["form"].errors
    assert not question.notes.exists()
