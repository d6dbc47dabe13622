"""A coordinator plans a series in a real browser: builds the first meeting's agenda with
the suggested times, edits and reorders it, hands it to the other meetings and publishes
the whole series. Every page visited is checked with axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from events import services
from events.models import Event
from events.tests.factories import FormatFactory
from tests.axe import assert_accessible

pytestmark = pytest.mark.browser


def local_input(value, tz) -> str:
    return timezone.localtime(value, tz).strftime("%Y-%m-%dT%H:%M")


def agenda_titles(page: Page) -> list[str]:
    return [
        cell.split(" · ")[0].strip()
        for cell in page.locator("main table tbody tr td:nth-child(2)").all_inner_texts()
    ]


@pytest.fixture
def draft_series(coordinator, world):
    fmt = FormatFactory(
        network=world.network, name="Learning network", default_duration=timedelta(hours=3)
    )
    tz = world.network.tzinfo
    first = (
        (timezone.now() + timedelta(days=21))
        .astimezone(tz)
        .replace(hour=9, minute=0, second=0, microsecond=0)
    )
    return services.series_create(
        actor=coordinator,
        format=fmt,
        title="Learning network",
        starts=[first + timedelta(weeks=4 * n) for n in range(3)],
    )


def test_the_coordinator_edits_reorders_copies_and_publishes_a_series_agenda(
    live_server, page, browser_login, coordinator, draft_series, world
):
    tz = world.network.tzinfo
    first, second, third = draft_series.events.order_by("series_number")
    browser_login(page, live_server, coordinator)

    page.goto(f"{live_server.url}/events/series/{draft_series.pk}/")
    expect(page.locator("main h1")).to_have_text("Learning network")
    assert_accessible(page)
    page.get_by_role("link", name="Learning network 1/3").click()
    expect(page.locator("main h1")).to_have_text("Learning network 1/3")
    page.get_by_role("link", name="Agenda", exact=True).click()
    assert_accessible(page)

    # The first item starts with the meeting; each next one where the agenda ends.
    expect(page.get_by_label("Starts")).to_have_value(local_input(first.starts_at, tz))
    page.get_by_label("Kind").select_option("opening")
    page.get_by_label("Title").fill("Welcome")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("The agenda item is added.")
    after_welcome = first.starts_at + timedelta(minutes=30)
    expect(page.get_by_label("Starts")).to_have_value(local_input(after_welcome, tz))
    expect(page.get_by_label("Ends")).to_have_value(
        local_input(after_welcome + timedelta(minutes=30), tz)
    )
    page.get_by_label("Kind").select_option("plenary")
    page.get_by_label("Title").fill("Keynote")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("main table")).to_contain_text("Keynote")
    assert_accessible(page)

    page.get_by_role("link", name="Edit Keynote").click()
    expect(page.locator("main h1")).to_contain_text("Keynote")
    assert_accessible(page)
    page.get_by_label("Title").fill("Keynote: feedback")
    page.get_by_label("Ends").fill(local_input(after_welcome + timedelta(minutes=60), tz))
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("The agenda item is saved.")
    assert agenda_titles(page) == ["Welcome", "Keynote: feedback"]

    page.get_by_role("button", name="Move Keynote: feedback earlier").click()
    expect(page.locator(".messages")).to_contain_text("The agenda is reordered.")
    assert agenda_titles(page) == ["Keynote: feedback", "Welcome"]
    expect(page.get_by_role("button", name="Move Keynote: feedback earlier")).to_be_disabled()
    assert_accessible(page)

    page.get_by_role("link", name="Use this agenda for the whole series").click()
    expect(page.locator("main")).to_contain_text("Learning network 2/3")
    expect(page.locator("main")).to_contain_text("Has no agenda yet.")
    assert_accessible(page)
    page.get_by_role("button", name="Replace the agendas of 2 meetings").click()
    expect(page.locator(".messages")).to_contain_text("The agenda is copied to 2 meetings.")
    for meeting in (second, third):
        assert list(meeting.agenda_items.order_by("starts_at").values_list("title", flat=True)) == [
            "Keynote: feedback",
            "Welcome",
        ]

    page.goto(f"{live_server.url}/events/series/{draft_series.pk}/")
    page.get_by_role("link", name="Publish the series").click()
    expect(page.locator("main")).to_contain_text("These 3 draft meetings are published together")
    assert_accessible(page)
    page.get_by_role("button", name="Publish 3 meetings").click()
    expect(page.locator(".messages")).to_contain_text("3 meetings are published.")
    expect(page.get_by_role("link", name="Publish the series")).to_have_count(0)
    assert_accessible(page)
    assert set(draft_series.events.values_list("status", flat=True)) == {Event.Status.PUBLISHED}
