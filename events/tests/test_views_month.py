from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Event

pytestmark = pytest.mark.django_db


def month_of(event):
    return event.starts_at.astimezone(event.tzinfo).strftime("%Y-%m")


def test_it_shows_the_events_of_the_month(login, leader_a, event, other_event):
    response = login(leader_a).get("/events/month/", {"month": month_of(event)})
    assert response.status_code == 200
    assert event.title in response.content.decode()
    assert other_event.title not in response.content.decode()


def test_the_list_answers_the_month_view_too(login, leader_a, event):
    response = login(leader_a).get("/events/", {"view": "month", "month": month_of(event)})
    assert response.status_code == 200
    assert "events/month.html" in [t.name for t in response.templates]
    assert event.title in response.content.decode()


def test_a_bad_month_falls_back_to_this_month(login, leader_a):
    response = login(leader_a).get("/events/month/", {"month": "2026-13"})
    assert response.status_code == 200
    assert response.context["first"] == timezone.localdate().replace(day=1)


def test_it_redirects_anonymous_to_login(client):
    assert client.get("/events/month/").status_code == 302


def test_it_rejects_post(login, leader_a):
    assert login(leader_a).post("/events/month/").status_code == 405


@pytest.mark.parametrize("count", [3, 60])
def test_its_query_count_is_constant(login, leader_a, fmt, django_assert_num_queries, count):
    start = timezone.now().replace(day=1, hour=8) + timedelta(days=40)
    Event.objects.bulk_create(
        Event(
            format=fmt,
            network=fmt.network,
            title=f"Meeting {n}",
            starts_at=start + timedelta(hours=n * 7),
            ends_at=start + timedelta(hours=n * 7 + 1),
            status="published",
        )
        for n in range(count)
    )
    client = login(leader_a)
    with django_assert_num_queries(5):
        response = client.get("/events/month/", {"month": start.strftime("%Y-%m")})
    assert response.status_code == 200


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "0000-01", "1999-12", "2101-01"])
def test_a_month_outside_the_calendars_years_is_no_page(login, leader_a, month):
    # Its neighbours (the previous and next links) overflowed at the years 1 and 9999.
    assert login(leader_a).get("/events/month/", {"month": month}).status_code == 404


@pytest.mark.parametrize(
    ("month", "missing", "present"),
    [("2100-12", 'rel="next"', 'rel="prev"'), ("2000-01", 'rel="prev"', 'rel="next"')],
)
def test_the_first_and_last_months_lead_no_further(login, leader_a, month, missing, present):
    response = login(leader_a).get("/events/month/", {"month": month})
    assert response.status_code == 200
    assert missing not in response.content.decode() and present in response.content.decode()
