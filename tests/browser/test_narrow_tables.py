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
    live_server, page, browser_login, authority_staff, world
):
    # Participants no longer scroll on a phone (they become cards): results still do.
    _weak_reading(world, range(2022, 2026))
    page.set_viewport_size({"width": 390, "height": 800})
    browser_login(page, live_server, authority_staff)
    page.goto(f"{live_server.url}/self-assessment/results/school/{world.school_a.pk}/")
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


# --- The three tables people read figures from on a phone (390 px) ------------------------
# Results and follow-up keep their grid (a sticky first column, the figures scroll beside
# it inside the box); participants turn into one labelled card per person.

PHONE = {"width": 390, "height": 800}

# Every row's cells: none cut off inside its cell, none lying over another.
LAYOUT_PROBLEMS = """table => {
  const problems = [];
  for (const row of table.querySelectorAll("tbody tr")) {
    const cells = [...row.children];
    cells.forEach((cell, i) => {
      const text = cell.textContent.trim().replace(/\\s+/g, " ");
      if (cell.scrollWidth > cell.clientWidth + 1) problems.push("clipped: " + text);
      const a = cell.getBoundingClientRect();
      for (const other of cells.slice(i + 1)) {
        const b = other.getBoundingClientRect();
        const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (across > 1 && down > 1) {
          problems.push("overlap: " + text + " / " + other.textContent.trim());
        }
      }
    });
  }
  return problems;
}"""

# A figure that wraps onto a second line or is wider than its cell is unreadable. Only
# what is seen counts: the screen-reader labels in a cell are laid out elsewhere.
FIGURE_PROBLEMS = """table => [...table.querySelectorAll("td.qnet-figure")]
  .filter(cell => {
    const lines = [];
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim() || node.parentElement.closest(".visually-hidden")) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        // Text of another size on the same line sits a little higher or lower.
        const line = lines.find(l => rect.top < l.bottom - 1 && rect.bottom > l.top + 1);
        if (!line) lines.push({top: rect.top, bottom: rect.bottom});
      }
    }
    return cell.scrollWidth > cell.clientWidth + 1 || lines.length > 1;
  })
  .map(cell => cell.textContent.trim())"""

PAGE_SCROLLS_SIDEWAYS = (
    "document.documentElement.scrollWidth > document.documentElement.clientWidth"
)


def _assert_sticky_grid(page, expected_figure: str) -> None:
    box = page.locator("main .table-responsive").first
    table = box.locator("table")
    assert not page.evaluate(PAGE_SCROLLS_SIDEWAYS)
    assert table.evaluate(LAYOUT_PROBLEMS) == []
    assert table.evaluate(FIGURE_PROBLEMS) == []
    expect(table.locator("td.qnet-figure", has_text=expected_figure).first).to_be_attached()
    # Scrolled to its far end, the box still shows which row a figure belongs to.
    first_column = table.locator("tbody tr > :first-child").first
    left_before = first_column.evaluate("cell => cell.getBoundingClientRect().left")
    box.evaluate("box => { box.scrollLeft = box.scrollWidth; }")
    assert box.evaluate("box => box.scrollLeft") > 0
    assert first_column.evaluate("cell => cell.getBoundingClientRect().left") == left_before
    # Each figure can be brought whole into view beside the fixed column, not under it.
    hidden = table.evaluate(
        """table => {
          const box = table.closest(".table-responsive");
          const row = table.querySelector("tbody tr");
          const fixed = row.firstElementChild;
          return [...row.querySelectorAll("td.qnet-figure")].filter(cell => {
            box.scrollLeft = cell.offsetLeft - fixed.offsetWidth;
            const rect = cell.getBoundingClientRect();
            return rect.left < fixed.getBoundingClientRect().right - 1
              || rect.right > box.getBoundingClientRect().right + 1;
          }).map(cell => cell.textContent.trim());
        }"""
    )
    assert hidden == []
    assert not page.evaluate(PAGE_SCROLLS_SIDEWAYS)


def _weak_reading(world, years):
    from decimal import Decimal

    from selfassessment.models import Measure, Result

    measure = Measure.objects.create(
        authority=world.authority,
        code="reading-5",
        name="National test reading, grade 5 (scale points)",
        threshold=Decimal("48"),
    )
    for offset, year in enumerate(years):
        Result.objects.create(
            school=world.school_a,
            measure=measure,
            year=year,
            value=Decimal("45.5") + Decimal("0.5") * offset,
            n=30,
        )
    return measure


def test_on_a_phone_the_results_figures_scroll_beside_a_fixed_measure_column(
    live_server, page, browser_login, authority_staff, world
):
    _weak_reading(world, range(2019, 2026))
    page.set_viewport_size(PHONE)
    browser_login(page, live_server, authority_staff)
    page.goto(f"{live_server.url}/self-assessment/results/school/{world.school_a.pk}/")
    _assert_sticky_grid(page, "48.5")
    assert_accessible(page)


def test_on_a_phone_the_follow_up_figures_are_whole_and_in_german_with_a_decimal_comma(
    live_server, page, browser_login, authority_staff, world
):
    authority_staff.preferred_language = "de"
    authority_staff.save(update_fields=["preferred_language"])
    _weak_reading(world, range(2021, 2026))
    page.set_viewport_size(PHONE)
    browser_login(page, live_server, authority_staff)
    page.goto(f"{live_server.url}/self-assessment/follow-up/")
    expect(page.locator("main table tbody tr")).to_have_count(1)
    _assert_sticky_grid(page, "47,5")
    assert_accessible(page)


def test_on_a_phone_each_participant_is_a_card_with_labelled_fields(
    live_server, page, browser_login, coordinator, world
):
    event = EventFactory(network=world.network, status="published")
    for name in ("Alexandra Brandenburg-Oberkirchner", "Bo Li", "Chris Daniels"):
        Registration.objects.create(
            event=event,
            person=UserFactory(full_name=name),
            school=world.school_a,
            status="confirmed",
            notes="Arrives at 10:30 after teaching the first two lessons.",
        )
    page.set_viewport_size(PHONE)
    browser_login(page, live_server, coordinator)
    page.goto(f"{live_server.url}/events/{event.pk}/participants/")
    box = page.locator("main .table-responsive").first
    table = box.locator("table")
    assert not page.evaluate(PAGE_SCROLLS_SIDEWAYS)
    # Nothing to scroll sideways: the card fits the phone.
    assert box.evaluate("box => box.scrollWidth <= box.clientWidth")
    assert table.evaluate(LAYOUT_PROBLEMS) == []
    labels = table.locator("tbody tr").first.evaluate(
        """row => [...row.querySelectorAll("[data-label]")]
          .filter(cell => cell.checkVisibility())
          .map(cell => getComputedStyle(cell, "::before").content)"""
    )
    assert labels == ['"School"', '"Status"', '"Notes"']
    assert_accessible(page)
    # On a wide screen it is a table again, with its column headers visible.
    page.set_viewport_size({"width": 1400, "height": 800})
    expect(table.locator("thead th").first).to_be_visible()
    assert (
        table.locator("tbody td").first.evaluate("cell => getComputedStyle(cell).display")
        == "table-cell"
    )
