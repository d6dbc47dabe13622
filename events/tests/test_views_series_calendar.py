from datetime import timedelta

import pytest
import vobject

from events import services
from events.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(coordinator, fmt, event):
    created = services.series_create(
        actor=coordinator,
        format=fmt,
        title="Learning network",
        starts=[event.starts_at + timedelta(weeks=n) for n in range(3)],
    )
    created.events.update(status=Event.Status.PUBLISHED)
    return created


def url(series):
    return f"/events/series/{series.pk}/calendar.ics"


def test_it_holds_every_meeting(login, leader_a, series):
    response = login(leader_a).get(url(series))
    assert response.status_code == 200
    parsed = vobject.readOne(response.content.decode())
    assert len(parsed.vevent_list) == 3


def test_it_answers_404_outside_the_scope(login, other_authority_staff, series):
    assert login(other_authority_staff).get(url(series)).status_code == 404


def test_it_redirects_anonymous_to_login(client, series):
    assert client.get(url(series)).status_code == 302


def test_it_rejects_post(login, leader_a, series):
    assert login(leader_a).post(url(series)).status_code == 405
