import pytest

from events import services

pytestmark = pytest.mark.django_db

URL = "/events/feed/"


def test_it_offers_to_create_an_address(login, leader_a):
    response = login(leader_a).get(URL)
    assert response.status_code == 200
    assert b"Create my calendar address" in response.content


def test_it_shows_the_current_address(login, leader_a):
    feed = services.calendar_feed_create(user=leader_a)
    response = login(leader_a).get(URL)
    assert f"/events/feed/{feed.token}.ics" in response.content.decode()


def test_it_never_shows_someone_elses_address(login, leader_a, leader_b):
    feed = services.calendar_feed_create(user=leader_b)
    assert feed.token not in login(leader_a).get(URL).content.decode()


def test_it_redirects_anonymous_to_login(client):
    assert client.get(URL).status_code == 302


def test_it_rejects_post(login, leader_a):
    assert login(leader_a).post(URL).status_code == 405
