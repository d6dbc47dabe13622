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


def summaries(response):
    calendar = vobject.readOne(response.content.decode())
    return sorted(v.summary.value for v in calendar.contents.get("vevent", []))


def test_a_coordinators_feed_holds_the_events_they_organise(client, coordinator, event, fmt):
    from events.models import Event

    event.online_url = "https://meet.example.org/coordinators"
    event.save()
    EventFactory(format=fmt, title="Cancelled meeting", status=Event.Status.CANCELLED)
    EventFactory(format=fmt, title="Draft meeting", status=Event.Status.DRAFT)
    feed = services.calendar_feed_create(user=coordinator)
    response = client.get(url(feed))
    assert response.status_code == 200
    # Drafts stay out until they are published; a cancelled one stays, marked.
    assert summaries(response) == ["Cancelled meeting", event.title]
    assert b"STATUS:CANCELLED" in response.content
    assert b"meet.example.org/coordinators" in response.content


def test_a_coordinators_feed_leaves_other_networks_out(client, coordinator, other_event):
    feed = services.calendar_feed_create(user=coordinator)
    assert summaries(client.get(url(feed))) == []


def test_a_published_draft_arrives_in_the_feed(client, coordinator, fmt):
    draft = services.event_create(
        actor=coordinator,
        format=fmt,
        starts_at=EventFactory.starts_at.function(),
        title="Soon published",
    )
    feed = services.calendar_feed_create(user=coordinator)
    assert summaries(client.get(url(feed))) == []
    services.event_publish(actor=coordinator, event=draft)
    assert summaries(client.get(url(feed))) == ["Soon published"]


def test_authority_staff_find_their_dialogue_meetings(client, authority_staff, dialogue_event):
    feed = services.calendar_feed_create(user=authority_staff)
    assert summaries(client.get(url(feed))) == [dialogue_event.title]


def test_a_leader_does_not_get_the_networks_events_she_has_not_registered_for(
    client, leader_a, event
):
    feed = services.calendar_feed_create(user=leader_a)
    assert summaries(client.get(url(feed))) == []


@pytest.mark.parametrize("count", [1, 15])
def test_a_coordinators_feed_has_a_constant_query_count(
    client, coordinator, leader_a, fmt, django_assert_num_queries, count
):
    for index in range(count):
        EventFactory(format=fmt, title=f"Organised {index}")
        services.registration_create(actor=leader_a, event=EventFactory(format=fmt))
    feed = services.calendar_feed_create(user=coordinator)
    with django_assert_num_queries(2):
        response = client.get(url(feed))
    assert len(summaries(response)) == 2 * count


def test_the_feed_page_tells_organisers_what_their_feed_holds(login, coordinator, leader_a):
    text = "It also holds the events you organise"
    assert text in login(coordinator).get("/events/feed/").content.decode()
    assert text not in login(leader_a).get("/events/feed/").content.decode()
