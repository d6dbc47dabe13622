"""On a phone a wide table scrolls inside its box: static/js/qnet.js makes every such box
reachable by keyboard, on any page, instead of each template doing it (axe
scrollable-region-focusable)."""

import pytest
from playwright.sync_api import expect

from events.models import Registration
from events.tests.factories import EventFactory
from qnet.tests.factories import UserFactory
from tests.axe import assert_accessible

pytestmark = pytest.mark.browser


def test_a_table_that_scrolls_on_a_phone_takes_focus_and_one_that_fits_does_not(
    live_server, page, browser_login, coordinator, world
):
    event = EventFactory(network=world.network, status="published")
    for _ in range(3):
        Registration.objects.create(
            event=event, person=UserFactory(), school=world.school_a, status="confirmed"
        )
    page.set_viewport_size({"width": 390, "height": 800})
    browser_login(page, live_server, coordinator)
    page.goto(f"{live_server.url}/events/{event.pk}/participants/")
    box = page.locator("main .table-responsive")
    expect(box).to_have_attribute("tabindex", "0")
    expect(box).to_have_attribute("role", "region")
    assert_accessible(page)
    page.set_viewport_size({"width": 1400, "height": 800})
    expect(box).not_to_have_attribute("tabindex", "0")


def test_on_a_phone_only_the_table_scrolls_sideways_not_the_page(
    live_server, page, browser_login, authority_staff, world
):
    """The results table has hidden labels ("edit Reading 2025") in its far cells."""
    from decimal import Decimal

    from selfassessment.models import Measure, Result

    measure = Measure.objects.create(
        authority=world.authority, code="reading", name="Reading", threshold=Decimal("48")
    )
    for year in range(2019, 2026):
        Result.objects.create(
            school=world.school_a, measure=measure, year=year, value=Decimal("50"), n=30
        )
    page.set_viewport_size({"width": 390, "height": 800})
    browser_login(page, live_server, authority_staff)
    page.goto(f"{live_server.url}/self-assessment/results/school/{world.school_a.pk}/")
    box = page.locator("main .table-responsive")
    assert box.evaluate("box => box.scrollWidth > box.clientWidth")
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
