import pytest

from events import services

pytestmark = pytest.mark.django_db

URL = "/events/feed/revoke/"


def test_it_switches_the_address_off(login, client, leader_a):
    feed = services.calendar_feed_create(user=leader_a)
    assert login(leader_a).post(URL).status_code == 302
    assert client.get(f"/events/feed/{feed.token}.ics").status_code == 404


def test_it_leaves_other_peoples_addresses_alone(login, leader_a, leader_b):
    feed = services.calendar_feed_create(user=leader_b)
    login(leader_a).post(URL)
    feed.refresh_from_db()
    assert feed.revoked_at is None


def test_it_redirects_anonymous_to_login(client):
    assert client.post(URL).status_code == 302


def test_it_rejects_get(login, leader_a):
    assert login(leader_a).get(URL).status_code == 405
