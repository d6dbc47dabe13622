from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Event
from events.tests.factories import FormatFactory

pytestmark = pytest.mark.django_db

URL = "/events/new/"


def local(value):
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_it_offers_the_coordinators_formats_first(login, coordinator, fmt, world):
    foreign = FormatFactory(network=world.other_network, name="Fjord format")
    response = login(coordinator).get(URL)
    assert response.status_code == 200
    assert fmt.name in response.content.decode()
    assert foreign.name not in response.content.decode()


def test_it_fills_the_form_from_the_format(login, coordinator, world):
    fmt = FormatFactory(network=world.network, default_capacity=40, seats_per_school=3)
    response = login(coordinator).get(URL, {"format": fmt.pk})
    form = response.context["form"]
    assert form.initial["capacity"] == 40 and form.initial["seats_per_school"] == 3


def test_it_creates_a_draft_with_the_formats_duration(login, coordinator, fmt, world):
    start = (timezone.now() + timedelta(days=20)).replace(second=0, microsecond=0)
    response = login(coordinator).post(
        f"{URL}?format={fmt.pk}",
        {
            "title": "Coordinator meeting: spring",
            "starts_at": local(start),
            "audience": "network",
            "reminder_days": "7, 1",
            "host_school": world.school_a.pk,
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302 and response.url == f"/events/{event.pk}/"
    assert event.status == "draft"
    assert event.starts_at == start
    assert event.ends_at == start + fmt.default_duration
    assert event.host_school == world.school_a


def test_an_end_before_the_start_is_refused(login, coordinator, fmt):
    start = timezone.now() + timedelta(days=20)
    response = login(coordinator).post(
        f"{URL}?format={fmt.pk}",
        {
            "title": "Backwards",
            "starts_at": local(start),
            "ends_at": local(start - timedelta(hours=2)),
            "audience": "network",
        },
    )
    assert response.status_code == 200
    assert "The end must be after the start." in response.content.decode()
    assert not Event.objects.exists()


def test_members_may_not_create_events(login, leader_a, fmt):
    assert login(leader_a).get(URL).status_code == 403


def test_it_answers_404_for_another_networks_format(login, coordinator, world):
    foreign = FormatFactory(network=world.other_network)
    assert login(coordinator).get(URL, {"format": foreign.pk}).status_code == 404


def test_it_redirects_anonymous_to_login(client):
    assert client.get(URL).status_code == 302


def test_it_rejects_other_methods(login, coordinator, fmt):
    assert login(coordinator).delete(URL).status_code == 405


def test_authority_staff_open_the_form_of_a_dialogue_meeting(
    login, authority_staff, dialogue_format, world
):
    response = login(authority_staff).get(URL, {"format": dialogue_format.pk})
    assert response.status_code == 200
    # A dialogue meeting has no network: the authority's schools are the ones to invite.
    offered = list(response.context["form"].fields["invited_schools"].queryset)
    assert offered == [world.school_a, world.school_b]


def test_authority_staff_create_a_dialogue_meeting_with_one_school(
    login, authority_staff, dialogue_format, world
):
    start = (timezone.now() + timedelta(days=20)).replace(second=0, microsecond=0)
    response = login(authority_staff).post(
        f"{URL}?format={dialogue_format.pk}",
        {
            "title": "Dialogue meeting: School B",
            "starts_at": local(start),
            "audience": "invited",
            "invited_schools": [world.school_b.pk],
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302 and response.url == f"/events/{event.pk}/"
    assert event.network is None and event.authority == world.authority
    assert list(event.invited_schools.all()) == [world.school_b]


def test_a_school_of_another_authority_cannot_be_invited_to_a_dialogue_meeting(
    login, authority_staff, dialogue_format, world
):
    start = timezone.now() + timedelta(days=20)
    response = login(authority_staff).post(
        f"{URL}?format={dialogue_format.pk}",
        {
            "title": "Dialogue meeting",
            "starts_at": local(start),
            "audience": "invited",
            "invited_schools": [world.school_other.pk],
        },
    )
    assert response.status_code == 200
    assert "invited_schools" in response.context["form"].errors
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("capacity", "2147483648"),  # past the column: the database refused it (a 500)
        ("seats_per_school", "2147483648"),
        ("capacity", "100001"),
        ("starts_at", "9999-12-31T23:59"),  # adding the format's duration overflowed (a 500)
        ("starts_at", "0001-01-01T00:00"),
        ("registration_closes_at", "9999-12-31T23:59"),
    ],
)
def test_numbers_and_dates_out_of_bounds_are_refused(login, coordinator, fmt, field, value):
    data = {"title": "Edge", "starts_at": "2026-09-01T10:00", "audience": "network", field: value}
    response = login(coordinator).post(f"{URL}?format={fmt.pk}", data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not Event.objects.exists()
