"""Events in a real browser: a coordinator plans a perspective day, school people register,
a full event fills its waiting list and a cancellation moves the next person up.
Every page visited is checked with axe-core."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from events import services
from events.models import AgendaItem, Event, Kind, Registration
from events.tests.factories import EventFactory, FormatFactory
from tests.axe import assert_accessible

pytestmark = pytest.mark.browser


def accept_confirmations(page: Page) -> None:
    # Destructive buttons ask "are you sure?" through window.confirm (static/js/qnet.js).
    page.on("dialog", lambda dialog: dialog.accept())


def local_input(value, tz) -> str:
    return timezone.localtime(value, tz).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def perspective_format(world):
    return FormatFactory(
        network=world.network,
        kind=Kind.PERSPECTIVE_DAY,
        name="Perspective day",
        default_duration=timedelta(hours=6),
        default_capacity=80,
        seats_per_school=4,
    )


def test_the_coordinator_plans_and_publishes_a_perspective_day(
    live_server, page, browser_login, coordinator, perspective_format, world
):
    accept_confirmations(page)
    browser_login(page, live_server, coordinator)
    tz = world.network.tzinfo
    start = (
        (timezone.now() + timedelta(days=30))
        .astimezone(tz)
        .replace(hour=9, minute=0, second=0, microsecond=0)
    )

    page.locator("#main-nav").get_by_role("link", name="Events", exact=True).click()
    expect(page.locator("main h1")).to_have_text("Events")
    assert_accessible(page)

    page.get_by_role("link", name="New event").click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Perspective day")).click()
    expect(page.get_by_label("Capacity")).to_have_value("80")
    page.get_by_label("Title").fill("Perspective day: feedback culture")
    page.get_by_label("Description").fill("Four workshops on **feedback**.")
    page.get_by_label("Starts").fill(local_input(start, tz))
    page.get_by_label("Venue").fill("Town hall")
    assert_accessible(page)
    page.get_by_role("button", name="Save as draft").click()

    expect(page.locator("main h1")).to_have_text("Perspective day: feedback culture")
    expect(page.locator("main")).to_contain_text("Draft")
    assert_accessible(page)
    event = Event.objects.get()
    assert event.ends_at - event.starts_at == timedelta(hours=6)

    page.get_by_role("link", name="Agenda", exact=True).click()
    assert_accessible(page)
    for title, room, capacity in (
        ("Peer observation", "Room 1", "12"),
        ("Pupil voice", "Room 2", ""),
    ):
        page.get_by_label("Kind").select_option("workshop")
        page.get_by_label("Title").fill(title)
        page.get_by_label("Starts").fill(local_input(start + timedelta(hours=1), tz))
        page.get_by_label("Ends").fill(local_input(start + timedelta(hours=3), tz))
        page.get_by_label("Room").fill(room)
        page.get_by_label("Capacity").fill(capacity)
        page.get_by_role("button", name="Add", exact=True).click()
        expect(page.locator("main table")).to_contain_text(title)
    assert_accessible(page)

    page.get_by_role("link", name="Perspective day: feedback culture").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text("The event is published.")
    assert_accessible(page)
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    assert event.agenda_items.filter(kind=AgendaItem.Kind.WORKSHOP).count() == 2


def test_leader_a_registers_herself_and_a_colleague_with_workshops(
    live_server, page, browser_login, leader_a, staff_a, perspective_format
):
    event = EventFactory(format=perspective_format, title="Perspective day: feedback culture")
    start = event.starts_at + timedelta(hours=1)
    peer = AgendaItem.objects.create(
        event=event,
        kind="workshop",
        title="Peer observation",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        capacity=10,
    )
    voice = AgendaItem.objects.create(
        event=event,
        kind="workshop",
        title="Pupil voice",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )
    browser_login(page, live_server, leader_a)
    page.get_by_role("link", name="Perspective day: feedback culture").click()
    assert_accessible(page)

    page.get_by_role("checkbox", name=re.compile("Peer observation")).check()
    page.get_by_label("Dietary requirements").fill("vegetarian")
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("is registered")
    expect(page.locator("#own-registration")).to_be_visible()
    expect(page.locator("main")).to_contain_text("You are registered.")
    assert_accessible(page)

    form = page.locator("form[action$='/register/']")
    form.get_by_label("Who takes part").select_option(label="Sam Acker")
    form.get_by_role("checkbox", name="Pupil voice").check()
    form.get_by_role("button", name="Register", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Sam Acker is registered")
    assert_accessible(page)

    own = Registration.objects.get(event=event, person=leader_a)
    colleague = Registration.objects.get(event=event, person=staff_a)
    assert list(own.workshops.all()) == [peer] and own.dietary_notes == "vegetarian"
    assert list(colleague.workshops.all()) == [voice]
    assert colleague.registered_by == leader_a and colleague.status == "confirmed"


def test_a_full_event_puts_leader_b_on_the_waiting_list_and_a_cancellation_promotes_her(
    live_server, page, new_context, browser_login, leader_a, leader_b, world
):
    event = EventFactory(
        format=FormatFactory(network=world.network), title="Coordinator meeting", capacity=1
    )
    services.registration_create(actor=leader_a, event=event)

    browser_login(page, live_server, leader_b)
    page.goto(f"{live_server.url}/events/{event.pk}/")
    expect(page.locator("main")).to_contain_text("new registrations go on the waiting list")
    assert_accessible(page)
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("waiting list")
    expect(page.locator("main")).to_contain_text("You are on the waiting list (number 1).")
    assert_accessible(page)

    other = new_context().new_page()
    accept_confirmations(other)
    browser_login(other, live_server, leader_a)
    other.goto(f"{live_server.url}/events/{event.pk}/")
    other.get_by_role("button", name="Cancel my registration").click()
    expect(other.locator(".messages")).to_contain_text("is cancelled")
    assert_accessible(other)

    page.reload()
    expect(page.locator("main")).to_contain_text("You are registered.")
    assert_accessible(page)
    assert Registration.objects.get(event=event, person=leader_b).status == "confirmed"


def test_a_date_poll_is_answered_by_two_people_closed_and_becomes_an_event(
    live_server, page, new_context, browser_login, coordinator, leader_a, leader_b, world
):
    fmt = FormatFactory(network=world.network, kind=Kind.LEARNING_NETWORK_MEETING)
    start = timezone.now() + timedelta(days=40)
    poll = services.date_poll_create(
        actor=coordinator,
        format=fmt,
        title="Learning network: extra meeting",
        options=[
            {
                "starts_at": start + timedelta(days=7 * week),
                "ends_at": start + timedelta(days=7 * week, hours=3),
                "venue_name": venue,
            }
            for week, venue in ((0, "School A"), (1, "School B"))
        ],
    )
    first, second = poll.options.all()

    for person, answers in ((leader_a, ("No", "Yes")), (leader_b, ("If need be", "Yes"))):
        member_page = new_context().new_page()
        browser_login(member_page, live_server, person)
        member_page.goto(f"{live_server.url}/events/polls/")
        assert_accessible(member_page)
        member_page.get_by_role("link", name="Learning network: extra meeting").click()
        for option, answer in zip((first, second), answers, strict=True):
            member_page.locator(f"fieldset:has(input[name=o{option.pk}])").get_by_label(
                answer, exact=True
            ).check()
        member_page.get_by_role("button", name="Save my answer").click()
        expect(member_page.locator(".messages")).to_contain_text("your answers are saved")
        expect(member_page.locator("main table")).to_contain_text(person.full_name)
        assert_accessible(member_page)

    accept_confirmations(page)
    browser_login(page, live_server, coordinator)
    page.goto(f"{live_server.url}/events/polls/{poll.pk}/")
    expect(page.locator("main tfoot")).to_contain_text("2 yes, 0 if need be")
    assert_accessible(page)
    page.get_by_label("Date", exact=True).select_option(str(second.pk))
    page.get_by_role("button", name="Close the poll and fix the date").click()

    expect(page.locator("main h1")).to_have_text("Learning network: extra meeting")
    expect(page.locator(".messages")).to_contain_text("The date is fixed")
    assert_accessible(page)
    event = Event.objects.get(title="Learning network: extra meeting")
    assert event.status == Event.Status.PUBLISHED and event.starts_at == second.starts_at
    assert event.venue_name == "School B"
