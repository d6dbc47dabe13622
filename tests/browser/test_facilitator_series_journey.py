"""The facilitator runs her learning network's series in Chromium: she adds and edits a
meeting, invites the network's member schools, and follows the registrations and the
attendance across the series; a school leader registers for the whole series in one
step. Every page visited is checked with axe-core."""

import re

import pytest
from playwright.sync_api import expect

from coalitions.tests.meetings_world import build
from events.models import Event, Registration
from tests.axe import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def lw(world, coordinator, facilitator, leader_a, staff_a):
    return build(
        world, coordinator=coordinator, facilitator=facilitator, leader_a=leader_a, staff_a=staff_a
    )


def test_the_facilitator_runs_her_series_and_a_leader_registers_for_all_of_it(
    live_server, page, new_context, browser_login, facilitator, leader_a, staff_a, lw, world
):
    base = live_server.url
    assert facilitator.email == "facilitator@example.org"
    browser_login(page, live_server, facilitator)
    page.locator("#main-nav").get_by_role("link", name="Coalitions", exact=True).click()
    page.get_by_role("link", name="Learning culture").first.click()
    expect(page.locator("main h1")).to_have_text("Learning culture")
    meetings = page.locator("section[aria-labelledby=h-meetings]")
    expect(meetings).to_contain_text(lw.meetings[0].title)
    assert_accessible(page)

    # A fourth meeting, added as a draft and then edited.
    meetings.get_by_role("link", name="Add a meeting").click()
    expect(page.locator("main h1")).to_have_text("New meeting of Learning culture")
    assert_accessible(page)
    page.get_by_label("Title").fill("Learning culture 4/4: looking back")
    starts = lw.meetings[-1].starts_at.astimezone(world.network.tzinfo)
    page.get_by_label("Starts").fill(f"{starts.year + 1}-02-10T14:00")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.locator(".alert-success")).to_contain_text("The meeting is saved as a draft.")
    expect(page.locator("main h1")).to_have_text("Learning culture 4/4: looking back")
    assert_accessible(page)
    page.get_by_role("link", name="Edit", exact=True).click()
    page.get_by_label("Venue").fill("School A, library")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".alert-success")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    added = Event.objects.get(title="Learning culture 4/4: looking back")
    assert (added.series_id, added.series_number, added.venue_name, added.status) == (
        lw.series.pk,
        4,
        "School A, library",
        Event.Status.PUBLISHED,
    )

    # The member schools are invited to every upcoming meeting, in one step.
    page.goto(f"{base}/coalitions/{lw.coalition.pk}/")
    page.get_by_role("button", name="Invite the member schools to all upcoming meetings").click()
    expect(page.locator(".alert-success")).to_contain_text("invited to 4 meetings")
    assert_accessible(page)
    assert set(Event.objects.filter(series=lw.series).values_list("audience", flat=True)) == {
        "invited"
    }

    # Leader A registers her colleague for the whole series.
    leader = new_context().new_page()
    leader.set_viewport_size({"width": 390, "height": 800})
    browser_login(leader, live_server, leader_a)
    leader.goto(f"{base}/events/series/{lw.series.pk}/")
    assert_accessible(leader)
    leader.get_by_label("Who takes part").select_option(label=str(staff_a))
    leader.get_by_role("button", name="Register for all 4 upcoming meetings").click()
    expect(leader.locator(".alert-success")).to_contain_text(
        f"{staff_a} is registered for 4 meetings."
    )
    assert_accessible(leader)
    leader.get_by_role("button", name=re.compile("Register for all")).click()
    expect(leader.locator(".alert-success")).to_contain_text("is registered for 4 meetings.")
    assert Registration.objects.filter(event__series=lw.series, status="confirmed").count() == 8

    # The facilitator sees who registered, for one meeting and across the series.
    page.goto(f"{base}/events/{lw.meetings[0].pk}/")
    page.get_by_role("link", name="Participants").click()
    expect(page.locator("main")).to_contain_text(str(staff_a))
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{base}/events/series/{lw.series.pk}/")
    page.get_by_role("link", name="Attendance across the series").click()
    expect(page.locator("main h1")).to_have_text("Attendance: Learning culture")
    table = page.locator("main table")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table).to_contain_text(str(leader_a))
    assert_accessible(page)
    # On a phone only the table scrolls sideways, never the page.
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
