import pytest

from events import services
from events.models import DatePollVote
from events.tests.test_services_polls import options

pytestmark = pytest.mark.django_db


@pytest.fixture
def poll(coordinator, fmt):
    return services.date_poll_create(
        actor=coordinator, format=fmt, title="Extra meeting", options=options(2)
    )


def url(poll):
    return f"/events/polls/{poll.pk}/vote/"


def test_it_saves_the_answers(login, leader_a, poll):
    first, second = poll.options.all()
    response = login(leader_a).post(url(poll), {f"o{first.pk}": "yes", f"o{second.pk}": "no"})
    assert response.status_code == 302
    assert dict(DatePollVote.objects.values_list("option_id", "answer")) == {
        first.pk: "yes",
        second.pk: "no",
    }


def test_a_missing_answer_is_refused(login, leader_a, poll):
    first, _ = poll.options.all()
    response = login(leader_a).post(url(poll), {f"o{first.pk}": "yes"})
    assert response.status_code == 400
    assert not DatePollVote.objects.exists()


def test_a_closed_poll_takes_no_answers(login, leader_a, coordinator, poll):
    first, second = poll.options.all()
    services.date_poll_close(actor=coordinator, poll=poll, option=first)
    response = login(leader_a).post(
        url(poll), {f"o{first.pk}": "yes", f"o{second.pk}": "no"}, follow=True
    )
    assert b"This poll is closed." in response.content
    assert not DatePollVote.objects.exists()


def test_it_answers_404_outside_the_scope(login, outsider, poll):
    assert login(outsider).post(url(poll)).status_code == 404


def test_it_redirects_anonymous_to_login(client, poll):
    assert client.post(url(poll)).status_code == 302


def test_it_rejects_get(login, leader_a, poll):
    assert login(leader_a).get(url(poll)).status_code == 405
