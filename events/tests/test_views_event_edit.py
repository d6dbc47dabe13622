from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def url(event):
    return f"/events/{event.pk}/edit/"


def local(value, event):
    return timezone.localtime(value, event.tzinfo).strftime("%Y-%m-%dT%H:%M")


def form_data(event, **changes):
    data = {
        "title": event.title,
        "starts_at": local(event.starts_at, event),
        "ends_at": local(event.ends_at, event),
        "audience": event.audience,
        "reminder_days": "7, 1",
    }
    data.update(changes)
    return data


def test_it_shows_the_form_in_the_networks_time_zone(login, coordinator, event):
    response = login(coordinator).get(url(event))
    assert response.status_code == 200
    assert local(event.starts_at, event) in response.content.decode()


def test_it_saves_and_raises_the_sequence(login, coordinator, event):
    response = login(coordinator).post(
        url(event), form_data(event, title="New title", venue_name="School B")
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.title, event.venue_name, event.sequence) == ("New title", "School B", 1)


def test_an_end_before_the_start_is_refused(login, coordinator, event):
    before = event.ends_at
    response = login(coordinator).post(
        url(event), form_data(event, ends_at=local(event.starts_at - timedelta(hours=1), event))
    )
    assert response.status_code == 200
    assert "The end must be after the start." in response.content.decode()
    event.refresh_from_db()
    assert event.ends_at == before


def test_invited_audience_needs_schools(login, coordinator, event):
    response = login(coordinator).post(url(event), form_data(event, audience="invited"))
    assert "Choose the schools you invite." in response.content.decode()


def test_members_may_not_edit(login, leader_a, event):
    assert login(leader_a).get(url(event)).status_code == 403


def test_it_redirects_anonymous_to_login(client, event):
    assert client.get(url(event)).status_code == 302


def test_it_answers_404_outside_the_scope(login, coordinator, other_event):
    assert login(coordinator).get(url(other_event)).status_code == 404


def test_it_rejects_other_methods(login, coordinator, event):
    assert login(coordinator).delete(url(event)).status_code == 405


def test_authority_staff_edit_their_dialogue_meeting(login, authority_staff, dialogue_event, world):
    client = login(authority_staff)
    response = client.get(url(dialogue_event))
    assert response.status_code == 200
    assert response.context["form"].initial["invited_schools"] == [world.school_b]
    response = client.post(
        url(dialogue_event),
        form_data(
            dialogue_event, venue_name="School B, room 2", invited_schools=[world.school_b.pk]
        ),
    )
    assert response.status_code == 302
    dialogue_event.refresh_from_db()
    assert dialogue_event.venue_name == "School B, room 2"
    assert list(dialogue_event.invited_schools.all()) == [world.school_b]


def test_a_capacity_past_the_column_is_refused(login, coordinator, event):
    # The database refused it with "integer out of range": a 500.
    response = login(coordinator).post(url(event), form_data(event, capacity="2147483648"))
    assert response.status_code == 200
    assert "capacity" in response.context["form"].errors
    event.refresh_from_db()
    assert event.capacity is None
