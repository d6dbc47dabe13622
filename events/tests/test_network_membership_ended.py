"""A school's people see a network's events, polls and calendars while the school belongs
to the network (NetworkMembership since..until): School A left the Demo network
yesterday, School B is still in it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from events import services
from events.models import DatePoll, Event, Registration
from events.tests.factories import EventFactory
from events.tests.test_services_polls import options
from qnet.tests.factories import days_from_today, membership_dates

pytestmark = pytest.mark.django_db


@pytest.fixture
def school_a_left(world):
    membership_dates(world.network, world.school_a, until=days_from_today(-1))


def detail(event):
    return f"/events/{event.pk}/"


def month_of(event):
    return event.starts_at.astimezone(event.tzinfo).strftime("%Y-%m")


@pytest.fixture
def poll(coordinator, fmt):
    return services.date_poll_create(
        actor=coordinator, format=fmt, title="Extra meeting", options=options(2)
    )


@pytest.mark.parametrize("page", ["/events/", "/"], ids=["list", "dashboard"])
def test_the_lists_leave_out_the_network_events_of_a_school_that_left(
    login, leader_a, leader_b, event, school_a_left, page
):
    assert event.title not in login(leader_a).get(page).content.decode()
    assert event.title in login(leader_b).get(page).content.decode()


def test_the_month_leaves_out_the_network_events_of_a_school_that_left(
    login, leader_a, leader_b, event, school_a_left
):
    month = {"month": month_of(event)}
    assert event.title not in login(leader_a).get("/events/month/", month).content.decode()
    assert event.title in login(leader_b).get("/events/month/", month).content.decode()


def test_the_event_answers_404_to_a_school_that_left(
    login, leader_a, leader_b, staff_a, event, school_a_left
):
    assert login(leader_a).get(detail(event)).status_code == 404
    assert login(staff_a).get(detail(event)).status_code == 404
    assert login(leader_b).get(detail(event)).status_code == 200


def test_it_refuses_a_registration_from_a_school_that_left(
    login, leader_a, leader_b, event, school_a_left
):
    assert login(leader_a).post(f"/events/{event.pk}/register/").status_code == 404
    assert not Registration.objects.filter(person=leader_a).exists()
    assert login(leader_b).post(f"/events/{event.pk}/register/").status_code == 302
    assert Registration.objects.filter(person=leader_b).exists()


def test_a_leader_of_a_school_that_left_registers_no_colleague_for_a_public_event(
    login, leader_a, staff_a, event, school_a_left
):
    # The event is open to all; the colleagues one may register are those of schools
    # in the event's network.
    Event.objects.filter(pk=event.pk).update(audience=Event.Audience.PUBLIC)
    client = login(leader_a)
    assert client.get(detail(event)).context["may_register_colleagues"] is False
    response = client.post(f"/events/{event.pk}/register/", {"person": staff_a.pk})
    assert response.status_code == 403
    assert not Registration.objects.filter(person=staff_a).exists()


def test_an_invitation_of_a_school_ends_when_the_school_leaves_the_network(
    login, leader_a, fmt, world
):
    invited = EventFactory(format=fmt, audience=Event.Audience.INVITED)
    invited.invited_schools.set([world.school_a])
    client = login(leader_a)
    assert client.get(detail(invited)).status_code == 200
    membership_dates(world.network, world.school_a, until=days_from_today(-1))
    assert client.get(detail(invited)).status_code == 404


def test_a_person_keeps_the_events_they_are_registered_for(
    login, leader_a, event, past_event, school_a_left
):
    # What one signed up for in one's own name stays readable (and cancellable); the
    # coordinator may cancel it. Nothing else of the network does.
    Registration.objects.create(event=event, person=leader_a, status="confirmed")
    Registration.objects.create(event=past_event, person=leader_a, status="confirmed")
    client = login(leader_a)
    assert client.get(detail(event)).status_code == 200
    assert client.get(detail(past_event)).status_code == 200


@pytest.mark.parametrize(
    ("since", "until", "status"),
    [(None, 0, 200), (None, 1, 200), (None, -1, 404), (1, None, 404), (0, None, 200)],
    ids=["ends-today", "ends-tomorrow", "ended-yesterday", "begins-tomorrow", "begins-today"],
)
def test_a_membership_opens_the_network_events_from_its_first_to_its_last_day(
    login, leader_a, event, world, since, until, status
):
    membership_dates(
        world.network,
        world.school_a,
        since=None if since is None else days_from_today(since),
        until=None if until is None else days_from_today(until),
    )
    assert login(leader_a).get(detail(event)).status_code == status


def test_a_kept_visibility_answer_does_not_outlive_the_membership(
    login, leader_a, event, world, monkeypatch
):
    # Today is the membership's last day: the answer "visible" is kept (qnet.caching).
    # Tomorrow, with no write in between, the event is out of sight.
    membership_dates(world.network, world.school_a, until=days_from_today(0))
    client = login(leader_a)
    assert client.get(detail(event)).status_code == 200
    assert client.get(detail(event)).status_code == 200
    tomorrow = timezone.now() + timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    assert client.get(detail(event)).status_code == 404
    assert event.title not in client.get("/").content.decode()


def test_ending_a_membership_takes_effect_at_once(login, leader_a, event, world):
    client = login(leader_a)
    assert client.get(detail(event)).status_code == 200
    membership_dates(world.network, world.school_a, until=days_from_today(-1))
    assert client.get(detail(event)).status_code == 404


def test_the_calendars_answer_404_to_a_school_that_left(
    login, leader_a, leader_b, event, series, school_a_left
):
    client = login(leader_a)
    assert client.get(f"/events/{event.pk}/calendar.ics").status_code == 404
    assert client.get(f"/events/series/{series.pk}/calendar.ics").status_code == 404
    assert client.get(f"/events/series/{series.pk}/").status_code == 404
    other = login(leader_b)
    assert other.get(f"/events/{event.pk}/calendar.ics").status_code == 200
    assert other.get(f"/events/series/{series.pk}/calendar.ics").status_code == 200


def test_the_polls_of_a_network_the_school_left_are_out_of_sight(
    login, leader_a, leader_b, poll, school_a_left
):
    client = login(leader_a)
    assert poll.title not in client.get("/events/polls/").content.decode()
    assert client.get(f"/events/polls/{poll.pk}/").status_code == 404
    first = poll.options.first()
    vote = {f"o{first.pk}": "yes"}
    assert client.post(f"/events/polls/{poll.pk}/vote/", vote).status_code == 404
    assert login(leader_b).get(f"/events/polls/{poll.pk}/").status_code == 200


def test_a_school_that_left_is_no_host_or_guest_to_choose(
    login, coordinator, fmt, world, school_a_left
):
    response = login(coordinator).get("/events/new/", {"format": fmt.pk})
    form = response.context["form"]
    assert list(form.fields["host_school"].queryset) == [world.school_b]
    assert list(form.fields["invited_schools"].queryset) == [world.school_b]
    with pytest.raises(ValidationError, match="not in the network"):
        services.date_poll_create(
            actor=coordinator, format=fmt, title="Extra", options=options(1, world.school_a)
        )
    assert not DatePoll.objects.exists()


def test_editing_an_event_keeps_the_host_that_has_left_since(login, coordinator, fmt, world):
    hosted = EventFactory(format=fmt, host_school=world.school_a)
    membership_dates(world.network, world.school_a, until=days_from_today(-1))
    response = login(coordinator).get(f"/events/{hosted.pk}/edit/")
    choices = response.context["form"].fields["host_school"].queryset
    assert set(choices) == {world.school_a, world.school_b}
