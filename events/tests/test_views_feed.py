import pytest
import vobject

from events import services
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def url(feed):
    return f"/events/feed/{feed.token}.ics"


def test_it_holds_the_events_the_person_is_registered_for(client, leader_a, event, fmt):
    event.online_url = "https://meet.example.org/room-42"
    event.save()
    services.registration_create(actor=leader_a, event=event)
    EventFactory(format=fmt, title="Not registered")
    feed = services.calendar_feed_create(user=leader_a)
    response = client.get(url(feed))
    assert response.status_code == 200
    parsed = vobject.readOne(response.content.decode())
    assert [v.summary.value for v in parsed.vevent_list] == [event.title]
    assert b"room-42" in response.content


def test_a_cancelled_event_stays_in_the_feed_as_cancelled(client, leader_a, event, coordinator):
    services.registration_create(actor=leader_a, event=event)
    services.event_cancel(actor=coordinator, event=event)
    feed = services.calendar_feed_create(user=leader_a)
    assert b"STATUS:CANCELLED" in client.get(url(feed)).content


def test_an_unknown_or_revoked_token_answers_404(client, leader_a):
    feed = services.calendar_feed_create(user=leader_a)
    services.calendar_feed_revoke(user=leader_a)
    assert client.get(url(feed)).status_code == 404
    assert client.get("/events/feed/not-a-token.ics").status_code == 404


def test_it_rejects_post(client, leader_a):
    feed = services.calendar_feed_create(user=leader_a)
    assert client.post(url(feed)).status_code == 405


@pytest.mark.parametrize("count", [1, 15])
def test_its_query_count_is_constant(client, leader_a, fmt, django_assert_num_queries, count):
    for _ in range(count):
        services.registration_create(actor=leader_a, event=EventFactory(format=fmt))
    feed = services.calendar_feed_create(user=leader_a)
    with django_assert_num_queries(2):
        assert client.get(url(feed)).status_code == 200
