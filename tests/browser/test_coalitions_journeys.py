"""Journeys through coalitions, learning networks, card decks and counselling in Chromium.

Every page visited is checked with axe-core.
"""

import re

import pytest
from playwright.sync_api import expect

from coalitions.models import (
    Card,
    CardDeck,
    Coalition,
    CoalitionMember,
    CounsellingRequest,
    LearningQuestion,
    Prioritisation,
    Resource,
)
from tests.axe import assert_accessible

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def dropout(world, leader_b, staff_a, leader_a):
    coalition = Coalition.objects.create(
        network=world.network,
        title="Data against dropout",
        central_question="How can teams use data to prevent dropout?",
        status=Coalition.Status.ACTIVE,
    )
    CoalitionMember.objects.create(
        coalition=coalition, person=leader_b, school=world.school_b, role="lead"
    )
    CoalitionMember.objects.create(coalition=coalition, person=staff_a, school=world.school_a)
    return coalition


def test_staff_a_posts_and_shares_a_pdf_that_leader_b_finds_in_the_library(
    live_server, page, new_context, browser_login, staff_a, leader_b, dropout
):
    base = live_server.url
    browser_login(page, live_server, staff_a)
    page.locator("#main-nav").get_by_role("link", name="Coalitions", exact=True).click()
    expect(page).to_have_url(f"{base}/coalitions/")
    assert_accessible(page)

    page.get_by_role("link", name="Data against dropout").click()
    expect(page.locator("main h1")).to_have_text("Data against dropout")
    assert_accessible(page)

    page.get_by_role("link", name="New thread").first.click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Which absence figures can we share?")
    page.get_by_label("Your post").fill("Weekly totals per class, **no names**.")
    page.get_by_role("button", name="Post").click()
    expect(page.locator("main h1")).to_have_text("Which absence figures can we share?")
    expect(page.locator("main strong", has_text="no names")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Data against dropout").click()
    page.get_by_role("link", name="Add a resource").click()
    assert_accessible(page)
    page.get_by_label("Kind").select_option("good_practice")
    page.get_by_label("Title").fill("Early-signal routine of School A")
    page.get_by_label("Description").fill("Who calls whom on Monday morning.")
    page.get_by_label("File").set_input_files(
        files=[{"name": "early-signals.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_label("Tags").fill("Dropout, early signals")
    page.get_by_label("Visible to").select_option("network")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("The resource is in the library.")
    assert_accessible(page)
    assert Resource.objects.get().file_name == "early-signals.pdf"

    other = new_context().new_page()
    browser_login(other, live_server, leader_b)
    other.goto(f"{base}/coalitions/library/")
    assert_accessible(other)
    other.get_by_role("textbox", name="Search").fill("early signal")
    other.get_by_label("Kind").select_option("good_practice")
    other.get_by_role("button", name="Search").click()
    link = other.get_by_role("link", name="Early-signal routine of School A")
    expect(link).to_be_visible()
    assert_accessible(other)
    with other.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "early-signals.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read() == PDF


def test_school_a_team_runs_a_card_prioritisation(
    live_server, page, new_context, browser_login, leader_a, staff_a, dropout, world
):
    base = live_server.url
    deck = CardDeck.objects.create(coalition=dropout, title="Grip on dropout")
    fronts = [f"Question {n}: who do we lose?" for n in range(1, 9)]
    for order, front in enumerate(fronts, start=1):
        Card.objects.create(deck=deck, front=front, back=f"Suggestion {order}", order=order)

    browser_login(page, live_server, staff_a)
    page.goto(f"{base}/coalitions/decks/{deck.pk}/")
    expect(page.locator("main h1")).to_have_text("Grip on dropout")
    assert_accessible(page)
    page.get_by_role("button", name="Start a prioritisation").click()
    expect(page).to_have_url(re.compile(r"/coalitions/prioritisations/\d+/$"))
    assert_accessible(page)
    for index in (4, 1, 6):
        page.get_by_label(fronts[index]).check()
    page.get_by_role("button", name="Save picks").click()
    expect(page.locator(".alert-success")).to_contain_text("Now rank them")
    assert_accessible(page)
    prioritisation = Prioritisation.objects.get()

    # Another member of the school's team ranks and finishes.
    other = new_context().new_page()
    browser_login(other, live_server, leader_a)
    other.goto(f"{base}/coalitions/prioritisations/{prioritisation.pk}/")
    rank_form = other.locator("form", has=other.get_by_role("button", name="Save ranking"))
    rank_form.get_by_label(fronts[6]).fill("1")
    rank_form.get_by_label(fronts[1]).fill("2")
    rank_form.get_by_label(fronts[4]).fill("3")
    other.get_by_role("button", name="Save ranking").click()
    expect(other.locator(".alert-success")).to_contain_text("The ranking was saved.")
    assert_accessible(other)
    other.once("dialog", lambda dialog: dialog.accept())
    other.get_by_role("button", name="Finish and keep the result").click()
    expect(other.locator("main h1")).to_have_text("What matters most to School A")
    rows = other.locator("main table tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text(fronts[6])
    expect(rows.nth(2)).to_contain_text(fronts[4])
    assert_accessible(other)

    other.get_by_role("link", name="Printable page").click()
    expect(other.locator("h1")).to_have_text("What matters most to School A")
    assert_accessible(other)


def test_leader_a_files_a_counselling_request_that_the_coordinator_assigns(
    live_server, page, new_context, browser_login, leader_a, coordinator, world
):
    base = live_server.url
    browser_login(page, live_server, leader_a)
    page.goto(f"{base}/coalitions/counselling/")
    assert_accessible(page)
    page.get_by_role("link", name="Ask for counselling").click()
    assert_accessible(page)
    page.get_by_label("Topic").fill("Setting up peer lesson visits")
    page.get_by_label("Kind of advice").select_option("process")
    page.get_by_label("Preferred dates").fill("Tuesday afternoons")
    page.get_by_role("button", name="Send request").click()
    expect(page.locator("main h1")).to_have_text("Setting up peer lesson visits")
    expect(page.locator("main")).to_contain_text("Open")
    assert_accessible(page)
    request = CounsellingRequest.objects.get()

    other = new_context().new_page()
    browser_login(other, live_server, coordinator)
    expect(other.locator("main")).to_contain_text("Setting up peer lesson visits")
    assert_accessible(other)
    other.get_by_role("link", name="Setting up peer lesson visits").click()
    expect(other).to_have_url(f"{base}/coalitions/counselling/{request.pk}/")
    assert_accessible(other)
    other.get_by_role("combobox", name="Adviser").select_option(label=str(coordinator))
    other.get_by_role("region", name="Assign an adviser").get_by_role("textbox", name="Notes").fill(
        "I will call you this week."
    )
    other.get_by_role("button", name="Assign", exact=True).click()
    expect(other.locator(".alert-success")).to_contain_text("The adviser was assigned.")
    assert_accessible(other)

    page.reload()
    expect(page.locator("main")).to_contain_text("Assigned")
    expect(page.locator("main")).to_contain_text("I will call you this week.")
    assert_accessible(page)


def test_the_facilitator_reads_a_participants_learning_question(
    live_server, page, browser_login, facilitator, leader_a, world
):
    network = Coalition.objects.create(
        network=world.network,
        title="Learning culture and quality care",
        kind=Coalition.Kind.LEARNING_NETWORK,
        is_closed_group=True,
        central_question="How are quality care and school culture connected?",
        status=Coalition.Status.ACTIVE,
    )
    CoalitionMember.objects.create(coalition=network, person=facilitator, role="facilitator")
    member = CoalitionMember.objects.create(
        coalition=network, person=leader_a, school=world.school_a
    )
    LearningQuestion.objects.create(
        member=member, text="How can team meetings become a place to learn from each other?"
    )

    browser_login(page, live_server, facilitator)
    expect(page.locator("main")).to_contain_text("Learning culture and quality care")
    page.get_by_role("link", name="Learning culture and quality care").click()
    expect(page.locator("main h1")).to_have_text("Learning culture and quality care")
    assert_accessible(page)
    page.get_by_role("link", name="All learning questions").click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^How can team meetings")).click()
    expect(page.locator("main h1")).to_have_text("Learning question of Lea Albers")
    assert_accessible(page)
    page.get_by_role("textbox", name="Progress note").fill("Try pairs instead of a round.")
    page.get_by_role("button", name="Add note").click()
    expect(page.locator("main")).to_contain_text("Try pairs instead of a round.")
    assert_accessible(page)
