from datetime import timedelta

import pytest

from events import services
from events.models import Event

pytestmark = pytest.mark.django_db


def url(series):
    return f"/events/series/{series.pk}/publish/"


@pytest.fixture
def drafts(coordinator, fmt, event):
    """A series of three draft meetings."""
    return services.series_create(
        actor=coordinator,
        format=fmt,
        title="Learning network",
        starts=[event.starts_at + timedelta(weeks=n) for n in range(1, 4)],
    )


def test_the_confirmation_lists_the_drafts(login, coordinator, drafts):
    response = login(coordinator).get(url(drafts))
    assert response.status_code == 200
    content = response.content.decode()
    assert all(f"Learning network {n}/3" in content for n in range(1, 4))
    assert "Publish 3 meetings" in content
    assert not drafts.events.exclude(status=Event.Status.DRAFT).exists()


def test_posting_publishes_the_series(login, coordinator, drafts):
    response = login(coordinator).post(url(drafts), follow=True)
    assert response.redirect_chain[-1][0] == f"/events/series/{drafts.pk}/"
    assert "3 meetings are published." in response.content.decode()
    assert set(drafts.events.values_list("status", flat=True)) == {Event.Status.PUBLISHED}


def test_posting_twice_says_there_is_nothing_left(login, coordinator, drafts):
    client = login(coordinator)
    client.post(url(drafts))
    response = client.post(url(drafts), follow=True)
    assert "The series has no drafts to publish." in response.content.decode()


def test_the_series_page_offers_publishing_while_there_are_drafts(login, coordinator, drafts):
    client = login(coordinator)
    assert url(drafts) in client.get(f"/events/series/{drafts.pk}/").content.decode()
    client.post(url(drafts))
    assert url(drafts) not in client.get(f"/events/series/{drafts.pk}/").content.decode()


@pytest.mark.parametrize("persona", ["leader_a", "staff_a", "authority_staff"])
def test_people_who_see_the_series_may_not_publish_it(login, request, series, persona):
    client = login(request.getfixturevalue(persona))
    assert client.get(url(series)).status_code == 403
    assert client.post(url(series)).status_code == 403


def test_drafts_are_out_of_the_members_sight(login, leader_a, drafts):
    assert login(leader_a).post(url(drafts)).status_code == 404
    assert not drafts.events.exclude(status=Event.Status.DRAFT).exists()


def test_it_redirects_anonymous_to_login(client, drafts):
    assert client.get(url(drafts)).status_code == 302
    assert client.post(url(drafts)).status_code == 302


def test_it_answers_404_outside_the_scope(login, other_authority_staff, series):
    assert login(other_authority_staff).get(url(series)).status_code == 404


def test_it_rejects_other_methods(login, coordinator, drafts):
    assert login(coordinator).delete(url(drafts)).status_code == 405


@pytest.mark.parametrize("count", [2, 12])
def test_its_query_count_is_constant(
    login, coordinator, fmt, event, world, django_assert_num_queries, count
):
    series = services.series_create(
        actor=coordinator,
        format=fmt,
        title="Learning network",
        starts=[event.starts_at + timedelta(weeks=n) for n in range(1, count + 1)],
        host_schools=[world.school_a, world.school_b],
    )
    client = login(coordinator)
    with django_assert_num_queries(7):
        assert client.get(url(series)).status_code == 200
