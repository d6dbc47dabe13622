from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Event

pytestmark = pytest.mark.django_db


def url(event):
    return f"/events/{event.pk}/copy/"


def test_it_copies_the_event_to_a_new_date(login, coordinator, event):
    start = timezone.localtime(event.starts_at + timedelta(days=7), event.tzinfo)
    response = login(coordinator).post(url(event), {"starts_at": start.strftime("%Y-%m-%dT%H:%M")})
    copy = Event.objects.exclude(pk=event.pk).get()
    assert response.status_code == 302 and response.url == f"/events/{copy.pk}/"
    assert copy.status == "draft" and copy.title == event.title
    assert copy.starts_at == start.replace(second=0, microsecond=0)


def test_a_missing_date_is_refused(login, coordinator, event):
    assert login(coordinator).post(url(event), {"starts_at": ""}).status_code == 200
    assert Event.objects.count() == 1


def test_members_may_not_copy(login, leader_a, event):
    assert login(leader_a).get(url(event)).status_code == 403


def test_it_redirects_anonymous_to_login(client, event):
    assert client.get(url(event)).status_code == 302


def test_it_answers_404_outside_the_scope(login, coordinator, other_event):
    assert login(coordinator).get(url(other_event)).status_code == 404


def test_it_rejects_other_methods(login, coordinator, event):
    assert login(coordinator).delete(url(event)).status_code == 405


@pytest.mark.parametrize("start", ["0001-01-01T00:00", "9999-12-31T23:59", "1999-12-31T23:59"])
def test_a_start_outside_the_calendars_years_is_refused(login, coordinator, event, start):
    # Shifting the event's times there overflowed (a 500).
    response = login(coordinator).post(url(event), {"starts_at": start})
    assert response.status_code == 200
    assert "between the years 2000 and 2100" in response.content.decode()
    assert Event.objects.count() == 1
