from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Series
from events.tests.factories import FormatFactory

pytestmark = pytest.mark.django_db

URL = "/events/series/new/"


def test_it_creates_numbered_meetings_at_rotating_hosts(login, coordinator, fmt, world):
    start = timezone.localtime(timezone.now() + timedelta(days=10), fmt.network.tzinfo)
    response = login(coordinator).post(
        f"{URL}?format={fmt.pk}",
        {
            "title": "Learning network",
            "first_starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "count": "5",
            "interval_weeks": "6",
            "host_schools": [world.school_a.pk, world.school_b.pk],
        },
    )
    series = Series.objects.get()
    assert response.status_code == 302 and response.url == f"/events/series/{series.pk}/"
    events = list(series.events.order_by("series_number"))
    assert [e.title for e in events][-1] == "Learning network 5/5"
    assert events[1].starts_at - events[0].starts_at == timedelta(weeks=6)
    assert [e.host_school for e in events[:3]] == [world.school_a, world.school_b, world.school_a]


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
