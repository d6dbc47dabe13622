import pytest

from events import services
from events.models import DatePoll, Event
from events.tests.test_services_polls import options

pytestmark = pytest.mark.django_db


@pytest.fixture
def poll(coordinator, fmt):
    return services.date_poll_create(
        actor=coordinator, format=fmt, title="Extra meeting", options=options(2)
    )


def url(poll):
    return f"/events/polls/{poll.pk}/close/"


def test_it_fixes_the_date_and_opens_the_event(login, coordinator, poll):
    chosen = poll.options.last()
    response = login(coordinator).post(url(poll), {"option": chosen.pk})
    event = Event.objects.get()
    assert response.status_code == 302 and response.url == f"/events/{event.pk}/"
    assert event.starts_at == chosen.starts_at
    assert DatePoll.objects.get().status == "closed"


def test_an_option_of_another_poll_answers_404(login, coordinator, fmt, poll):
    other = services.date_poll_create(actor=coordinator, format=fmt, title="B", options=options(1))
    response = login(coordinator).post(url(poll), {"option": other.options.get().pk})
    assert response.status_code == 404
    assert not Event.objects.exists()


def test_members_may_not_close(login, leader_a, poll):
    assert login(leader_a).post(url(poll), {"option": poll.options.first().pk}).status_code == 403


def test_it_answers_404_outside_the_scope(login, outsider, poll):
    assert login(outsider).post(url(poll)).status_code == 404


def test_it_redirects_anonymous_to_login(client, poll):
    assert client.post(url(poll)).status_code == 302


def test_it_rejects_get(login, coordinator, poll):
    assert login(coordinator).get(url(poll)).status_code == 405
