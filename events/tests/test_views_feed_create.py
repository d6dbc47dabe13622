import pytest

from events.models import CalendarFeed

pytestmark = pytest.mark.django_db

URL = "/events/feed/new/"


def test_it_creates_a_new_address_and_retires_the_old(login, leader_a):
    client = login(leader_a)
    assert client.post(URL).status_code == 302
    first = CalendarFeed.objects.get()
    client.post(URL)
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert CalendarFeed.objects.filter(revoked_at__isnull=True).count() == 1


def test_it_redirects_anonymous_to_login(client):
    assert client.post(URL).status_code == 302
    assert not CalendarFeed.objects.exists()


def test_it_rejects_get(login, leader_a):
    assert login(leader_a).get(URL).status_code == 405
