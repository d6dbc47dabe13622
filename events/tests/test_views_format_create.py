import pytest

from events.models import Format

pytestmark = pytest.mark.django_db

URL = "/events/formats/new/"


def data(world, **changes):
    values = {
        "network": world.network.pk,
        "kind": "perspective_day",
        "name": "Perspective day",
        "duration_minutes": "360",
        "cadence": "Once a year",
        "default_capacity": "80",
        "seats_per_school": "4",
    }
    values.update(changes)
    return values


def test_it_creates_a_format(login, coordinator, world):
    response = login(coordinator).post(URL, data(world))
    assert response.status_code == 302
    fmt = Format.objects.get()
    assert fmt.default_duration.total_seconds() == 360 * 60
    assert (fmt.default_capacity, fmt.seats_per_school) == (80, 4)


def test_a_duplicate_name_is_refused(login, coordinator, world, fmt):
    response = login(coordinator).post(URL, data(world, name=fmt.name))
    assert response.status_code == 200
    assert "exists already" in response.content.decode()
    assert Format.objects.count() == 1


def test_another_network_cannot_be_chosen(login, coordinator, world):
    response = login(coordinator).post(URL, data(world, network=world.other_network.pk))
    assert response.status_code == 200
    assert not Format.objects.exists()


def test_members_may_not_create_formats(login, leader_a):
    assert login(leader_a).get(URL).status_code == 403


def test_it_redirects_anonymous_to_login(client):
    assert client.get(URL).status_code == 302


def test_it_rejects_other_methods(login, coordinator):
    assert login(coordinator).delete(URL).status_code == 405
