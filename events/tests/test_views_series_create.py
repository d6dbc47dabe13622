from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Series
from events.tests.factories import FormatFactory

pytestmark = pytest.mark.django_db

URL = "/events/series/new/"


def post_series(client, fmt, **data):
    start = timezone.localtime(timezone.now() + timedelta(days=10), fmt.network.tzinfo)
    return client.post(
        f"{URL}?format={fmt.pk}",
        {
            "title": "Learning network",
            "first_starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "count": "5",
            "interval_weeks": "6",
            **data,
        },
    )


def turn(school) -> str:
    return f"host_turn_{school.pk}"


def test_it_creates_numbered_meetings_at_rotating_hosts(login, coordinator, fmt, world):
    response = post_series(
        login(coordinator), fmt, **{turn(world.school_a): "1", turn(world.school_b): "2"}
    )
    series = Series.objects.get()
    assert response.status_code == 302 and response.url == f"/events/series/{series.pk}/"
    events = list(series.events.order_by("series_number"))
    assert [e.title for e in events][-1] == "Learning network 5/5"
    assert events[1].starts_at - events[0].starts_at == timedelta(weeks=6)
    assert [e.host_school for e in events[:3]] == [world.school_a, world.school_b, world.school_a]


def test_the_hosts_take_turns_in_the_order_the_coordinator_numbers_them(
    login, coordinator, fmt, world
):
    # School B before School A: not the alphabetical order the form lists them in.
    post_series(login(coordinator), fmt, **{turn(world.school_b): "1", turn(world.school_a): "7"})
    events = list(Series.objects.get().events.order_by("series_number"))
    assert [e.host_school for e in events[:3]] == [world.school_b, world.school_a, world.school_b]


def test_a_school_without_a_number_does_not_host(login, coordinator, fmt, world):
    post_series(login(coordinator), fmt, **{turn(world.school_b): "3"})
    hosts = set(Series.objects.get().events.values_list("host_school", flat=True))
    assert hosts == {world.school_b.pk}


def test_two_schools_with_the_same_turn_are_refused(login, coordinator, fmt, world):
    response = post_series(
        login(coordinator), fmt, **{turn(world.school_a): "1", turn(world.school_b): "1"}
    )
    assert response.status_code == 200
    assert "Give each host school a turn of its own." in response.content.decode()
    assert not Series.objects.exists()


def test_without_a_venue_each_meeting_is_at_its_host_school(login, coordinator, fmt, world):
    world.school_a.city = "Utrecht"
    world.school_a.save()
    post_series(login(coordinator), fmt, **{turn(world.school_a): "1", turn(world.school_b): "2"})
    first, second = Series.objects.get().events.order_by("series_number")[:2]
    assert (first.venue_name, first.venue_address) == ("School A", "Utrecht")
    assert second.venue_name == "School B"


def test_the_form_lists_the_network_schools_with_a_turn_field(login, coordinator, fmt, world):
    content = login(coordinator).get(URL, {"format": fmt.pk}).content.decode()
    assert f'name="{turn(world.school_a)}"' in content and "Host schools and their turn" in content
    assert f'name="{turn(world.school_other)}"' not in content


def test_it_offers_formats_first(login, coordinator, fmt):
    response = login(coordinator).get(URL)
    assert response.status_code == 200 and fmt.name in response.content.decode()


def test_bad_input_is_refused(login, coordinator, fmt):
    response = login(coordinator).post(f"{URL}?format={fmt.pk}", {"title": "", "count": "50"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Series.objects.exists()


def test_members_may_not_create_series(login, leader_a):
    assert login(leader_a).get(URL).status_code == 403


def test_it_answers_404_for_another_networks_format(login, coordinator, world):
    foreign = FormatFactory(network=world.other_network)
    assert login(coordinator).get(URL, {"format": foreign.pk}).status_code == 404


def test_it_redirects_anonymous_to_login(client):
    assert client.get(URL).status_code == 302


def test_it_rejects_other_methods(login, coordinator):
    assert login(coordinator).delete(URL).status_code == 405
