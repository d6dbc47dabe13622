from datetime import timedelta

import pytest

from events import services
from events.models import Event

pytestmark = pytest.mark.django_db


def test_it_lists_the_meetings(login, leader_a, series):
    response = login(leader_a).get(f"/events/series/{series.pk}/")
    assert response.status_code == 200
    assert "Learning network 3/3" in response.content.decode()


def test_it_answers_404_outside_the_scope(login, other_authority_staff, series):
    assert login(other_authority_staff).get(f"/events/series/{series.pk}/").status_code == 404


def test_it_answers_404_while_all_meetings_are_drafts(login, leader_a, series):
    series.events.update(status=Event.Status.DRAFT)
    assert login(leader_a).get(f"/events/series/{series.pk}/").status_code == 404


def test_it_redirects_anonymous_to_login(client, series):
    assert client.get(f"/events/series/{series.pk}/").status_code == 302


def test_it_rejects_post(login, leader_a, series):
    assert login(leader_a).post(f"/events/series/{series.pk}/").status_code == 405


@pytest.mark.parametrize("count", [2, 12])
def test_its_query_count_is_constant(
    login, leader_a, coordinator, fmt, event, django_assert_num_queries, count
):
    series = services.series_create(
        actor=coordinator,
        format=fmt,
        title="Learning network",
        starts=[event.starts_at + timedelta(weeks=n) for n in range(count)],
    )
    series.events.update(status=Event.Status.PUBLISHED)
    client = login(leader_a)
    # Besides the series and its meetings: the series the leader runs (events.groups)
    # and, as the registration form's cache is cold, her colleagues (two queries).
    with django_assert_num_queries(8):
        assert client.get(f"/events/series/{series.pk}/").status_code == 200
