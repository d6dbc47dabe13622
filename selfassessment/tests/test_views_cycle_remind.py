import pytest

from qnet.models import OutboxMessage

pytestmark = pytest.mark.django_db


def url(cycle):
    return f"/self-assessment/cycles/{cycle.pk}/remind/"


def test_it_reminds_the_schools_that_have_not_submitted(
    login, authority_staff, leader_a, draft_a, submitted_b
):
    OutboxMessage.objects.all().delete()  # the notice of B's submission is not a reminder
    response = login(authority_staff).post(url(draft_a.cycle), follow=True)
    assert b"1 reminder sent." in response.content
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == [leader_a.email]


def test_a_second_press_the_same_day_sends_nothing(login, authority_staff, leader_a, draft_a):
    client = login(authority_staff)
    client.post(url(draft_a.cycle))
    response = client.post(url(draft_a.cycle), follow=True)
    assert b"Nothing to send" in response.content
    assert OutboxMessage.objects.count() == 1


@pytest.mark.parametrize("persona", ["leader_a", "coordinator", "other_authority_staff"])
def test_it_answers_404_to_everyone_but_the_authoritys_staff(login, request, cycle, persona):
    assert login(request.getfixturevalue(persona)).post(url(cycle)).status_code == 404


def test_it_redirects_anonymous_to_login(client, cycle):
    assert client.post(url(cycle)).status_code == 302


def test_it_rejects_get(login, authority_staff, cycle):
    assert login(authority_staff).get(url(cycle)).status_code == 405
