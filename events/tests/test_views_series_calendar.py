import pytest
import vobject

pytestmark = pytest.mark.django_db


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
