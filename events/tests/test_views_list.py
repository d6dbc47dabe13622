from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Event, Kind, Registration
from events.tests.factories import EventFactory, FormatFactory

pytestmark = pytest.mark.django_db

URL = "/events/"


def test_it_lists_the_upcoming_events_of_the_users_networks_and_public_ones(
    login, leader_a, event, other_event, past_event, world
):
    public = EventFactory(
        format=FormatFactory(network=world.other_network),
        title="Open forum",
        audience=Event.Audience.PUBLIC,
    )
    response = login(leader_a).get(URL)
    assert response.status_code == 200
    listed = [pk for pk, _own_status in response.context["page"].object_list]
    assert listed == [event.pk, public.pk]
    html = response.content.decode()
    assert event.title in html and public.title in html
    assert other_event.title not in html and past_event.title not in html


def test_it_hides_drafts_from_members_but_not_from_coordinators(login, leader_a, coordinator, fmt):
    draft = EventFactory(format=fmt, status=Event.Status.DRAFT, title="Draft meeting")
    assert draft.title not in login(leader_a).get(URL).content.decode()
    assert draft.title in login(coordinator).get(URL).content.decode()


def test_it_filters_by_format(login, leader_a, event, world):
    forum = EventFactory(format=FormatFactory(network=world.network, kind=Kind.FORUM))
    response = login(leader_a).get(URL, {"kind": Kind.FORUM})
    assert [pk for pk, _own_status in response.context["page"].object_list] == [forum.pk]


def test_it_shows_the_users_registration_state(login, leader_a, event):
    Registration.objects.create(event=event, person=leader_a, status="waitlisted")
    response = login(leader_a).get(URL)
    assert b"Waiting list" in response.content


def test_it_paginates(login, coordinator, fmt):
    start = timezone.now() + timedelta(days=1)
    Event.objects.bulk_create(
        Event(
            format=fmt,
            network=fmt.network,
            title=f"Meeting {n}",
            starts_at=start + timedelta(hours=n),
            ends_at=start + timedelta(hours=n, minutes=30),
            status="published",
        )
        for n in range(25)
    )
    page2 = login(coordinator).get(URL, {"page": 2})
    assert len(page2.context["page"].object_list) == 5


def test_it_redirects_anonymous_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_it_rejects_post(login, leader_a):
    assert login(leader_a).post(URL).status_code == 405


def test_it_shows_coordinators_the_create_buttons_and_no_one_else(login, coordinator, leader_a):
    assert b"New event" in login(coordinator).get(URL).content
    assert b"New event" not in login(leader_a).get(URL).content


@pytest.mark.parametrize("count", [10, 1000])
def test_its_query_count_is_constant(login, leader_a, fmt, django_assert_num_queries, count):
    start = timezone.now() + timedelta(days=1)
    Event.objects.bulk_create(
        Event(
            format=fmt,
            network=fmt.network,
            title=f"Meeting {n}",
            starts_at=start + timedelta(hours=n),
            ends_at=start + timedelta(hours=n, minutes=30),
            status="published",
        )
        for n in range(count)
    )
    client = login(leader_a)
    # Session user, roles; one's registrations, schools' networks and invitations (one
    # UNION) and coalition series, which decide what one sees (EventScope); the page's
    # ids; its rows.
    with django_assert_num_queries(6):
        assert client.get(URL).status_code == 200


def test_a_changed_event_shows_at_once(login, leader_a, event):
    client = login(leader_a)
    client.get(URL)
    Event.objects.filter(pk=event.pk).update(title="Moved to the town hall")
    assert "Moved to the town hall" in client.get(URL).content.decode()


def test_a_renamed_network_shows_at_once(login, leader_a, event):
    client = login(leader_a)
    client.get(URL)
    event.network.name = "Renamed network"
    event.network.save()
    assert "Renamed network" in client.get(URL).content.decode()


def test_two_people_share_rows_but_not_their_registration_state(
    login, leader_a, coordinator, event
):
    Registration.objects.create(event=event, person=leader_a, status="confirmed")
    assert b"Registered" in login(leader_a).get(URL).content
    assert b"Registered" not in login(coordinator).get(URL).content


def test_a_second_visit_takes_the_rows_from_the_cache(
    login, leader_a, event, django_assert_num_queries
):
    from qnet import caching

    client = login(leader_a)
    client.get(URL)
    # Session user, roles, what decides which events one sees (two), the visible ids;
    # not the events' rows.
    with django_assert_num_queries(5):
        response = client.get(URL)
    assert event.title in response.content.decode()
    assert caching.stats()["event-rows"] == caching.Counts(hit=1, miss=1, bypass=0)
