"""The self-assessment in a real browser: filling, returning, revising, accepting,
agreements; two people on one draft; a results file with a bad row. axe on every page."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from selfassessment import services
from selfassessment.models import (
    Agreement,
    FocusArea,
    Goal,
    Indicator,
    Measure,
    QualityPlan,
    Rating,
    Result,
    SelfAssessment,
)
from tests.axe import assert_accessible

pytestmark = pytest.mark.browser

YEAR = 2026
SIGNS = [
    "Reading strategies are taught in every subject.",
    "Weak readers get support within weeks.",
    "The school acts quickly when a pupil does not feel safe.",
]


@pytest.fixture
def cycle(world, authority_staff):
    plan = QualityPlan.objects.create(
        authority=world.authority, title="Quality plan", start_year=2026, end_year=2030
    )
    reading = FocusArea.objects.create(plan=plan, title="Reading and writing", order=1)
    safety = FocusArea.objects.create(plan=plan, title="Citizenship", order=2)
    reading_goal = Goal.objects.create(focus_area=reading, text="Pupils read well")
    safety_goal = Goal.objects.create(focus_area=safety, text="Pupils feel safe")
    for order, statement in enumerate(SIGNS[:2]):
        Indicator.objects.create(goal=reading_goal, statement=statement, order=order)
    Indicator.objects.create(goal=safety_goal, statement=SIGNS[2], guidance="Trace cases.")
    return services.cycle_open(
        actor=authority_staff,
        plan=plan,
        year=YEAR,
        opens_on=date(YEAR, 1, 10),
        due_on=date(YEAR, 12, 15),
        schools=[world.school_a, world.school_b],
    )


def assessment_of(cycle, school) -> SelfAssessment:
    return SelfAssessment.objects.get(cycle=cycle, school=school)


def sign(page: Page, statement: str):
    return page.locator("fieldset.qnet-indicator").filter(has_text=statement)


def rate(page: Page, statement: str, level: str, evidence: str) -> None:
    block = sign(page, statement)
    block.get_by_text(level, exact=True).click()
    block.get_by_label("Evidence").fill(evidence)


def test_a_leader_submits_the_authority_returns_she_revises_and_it_is_accepted(
    live_server, page, new_context, browser_login, leader_a, authority_staff, cycle, world
):
    base = live_server.url
    assessment = assessment_of(cycle, world.school_a)

    browser_login(page, live_server, leader_a)
    page.goto(f"{base}/self-assessment/")
    assert_accessible(page)
    page.get_by_role("link", name="Open the self-assessment").click()
    expect(page).to_have_url(f"{base}/self-assessment/{assessment.pk}/")
    assert_accessible(page)

    # The signs carry their numbers, and the form counts what is rated.
    expect(sign(page, SIGNS[2]).locator("legend").first).to_contain_text("2.1.1")
    expect(page.locator("#rating-progress")).to_contain_text("0 of 3 signs rated")

    # Submitting too early keeps the draft and says what is missing, by number.
    rate(page, SIGNS[0], "3 – Established", "Lesson plans of three subjects.")
    expect(page.locator("#rating-progress")).to_contain_text("1 of 3 signs rated", timeout=10_000)
    page.get_by_role("button", name="Check and submit").click()
    expect(page.locator("main")).to_contain_text("2 signs of good practice still have no level")
    expect(page.locator("main")).to_contain_text("1.1.2")
    expect(page.get_by_role("button", name="Submit to the authority")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Back to the self-assessment").click()
    rate(page, SIGNS[1], "2 – Started", "Screening in August.")
    rate(page, SIGNS[2], "4 – Embedded and sustained", "Cases handled within a week.")
    page.get_by_role("button", name="Check and submit").click()
    # The confirmation step: nothing is submitted until she confirms.
    expect(page.locator("main")).to_contain_text("3 of 3 signs rated")
    assert_accessible(page)
    assert assessment_of(cycle, world.school_a).status == SelfAssessment.Status.DRAFT
    page.get_by_role("button", name="Submit to the authority").click()
    expect(page.locator(".messages")).to_contain_text("Submitted to the authority")
    expect(page.locator("main")).to_contain_text("Cases handled within a week.")
    expect(page.locator("#assessment-form")).to_have_count(0)
    assert_accessible(page)

    # The authority returns it with a comment, and one on sign 1.1.2, after confirming.
    reviewer = new_context().new_page()
    browser_login(reviewer, live_server, authority_staff)
    reviewer.goto(f"{base}/self-assessment/")
    assert_accessible(reviewer)
    # "Awaiting review" in the overview leads straight to the self-assessment.
    reviewer.get_by_role("link", name=re.compile(r"^Awaiting review\s*: School A$")).click()
    expect(reviewer.locator("main h1")).to_contain_text("School A")
    assert_accessible(reviewer)
    reviewer.get_by_label("Comment to the school").fill("Add evidence from the reading tests.")
    reviewer.get_by_label("Comment on sign 1.1.2 (optional)").fill("Which screening test?")
    reviewer.get_by_role("button", name="Return for revision").click()
    expect(reviewer.locator("main h1")).to_contain_text("Return the self-assessment")
    expect(reviewer.locator("main")).to_contain_text("Which screening test?")
    assert_accessible(reviewer)
    assert assessment_of(cycle, world.school_a).status == SelfAssessment.Status.SUBMITTED
    reviewer.get_by_role("button", name="Return to the school").click()
    expect(reviewer.locator(".messages")).to_contain_text("Returned to the school")
    assert_accessible(reviewer)

    # She sees both comments, the one on 1.1.2 next to that sign, revises and submits.
    page.reload()
    expect(page.locator("main")).to_contain_text("Add evidence from the reading tests.")
    expect(sign(page, SIGNS[1]).locator(".qnet-sign-comment")).to_contain_text(
        "Which screening test?"
    )
    expect(sign(page, SIGNS[0]).locator(".qnet-sign-comment")).to_have_count(0)
    assert_accessible(page)
    rate(page, SIGNS[1], "3 – Established", "Screening in August; reading test up 4 points.")
    page.get_by_role("button", name="Check and submit").click()
    page.get_by_role("button", name="Submit to the authority").click()
    expect(page.locator(".messages")).to_contain_text("Submitted to the authority")

    # The authority accepts and records two agreements after the dialogue meeting.
    reviewer.reload()
    expect(reviewer.locator("main")).to_contain_text("reading test up 4 points")
    reviewer.once("dialog", lambda dialog: dialog.accept())
    reviewer.get_by_role("button", name="Accept", exact=True).click()
    expect(reviewer.locator(".messages")).to_contain_text("Self-assessment accepted.")
    reviewer.get_by_role("link", name="Plan the dialogue meeting").click()
    assert_accessible(reviewer)
    reviewer.get_by_label("Date and time").fill(f"{YEAR}-09-14T13:00")
    reviewer.get_by_label("Place").fill("School A, library")
    reviewer.get_by_label("Participants").fill("Lea Albers; Anna Amtmann")
    reviewer.get_by_role("button", name="Save").click()
    expect(reviewer).to_have_url(re.compile(r"/self-assessment/meetings/\d+/$"))
    assert_accessible(reviewer)
    for action, owner in (
        ("Weekly reading-strategy sessions in grades 5 to 7.", "Reading supervisor"),
        ("Analyse the numeracy results with the staff.", "Mathematics team"),
    ):
        reviewer.get_by_label("Action").fill(action)
        reviewer.get_by_label("Owner").fill(owner)
        reviewer.get_by_label("Due on").fill(f"{YEAR}-12-01")
        reviewer.get_by_role("button", name="Record agreement").click()
        expect(reviewer.locator(".messages")).to_contain_text("Agreement recorded.")
    expect(reviewer.locator("main table")).to_contain_text("Analyse the numeracy results")
    assert_accessible(reviewer)

    assessment.refresh_from_db()
    assert assessment.status == SelfAssessment.Status.ACCEPTED
    assert Agreement.objects.filter(meeting__school=world.school_a).count() == 2

    # The school follows up an agreement and proposes it is done; the status waits.
    page.goto(f"{base}/self-assessment/")
    page.get_by_role("link", name=re.compile("Weekly reading-strategy")).click()
    assert_accessible(page)
    page.get_by_label("Progress note").fill("Started in grade 5.")
    page.get_by_role("button", name="Add progress").click()
    expect(page.locator("main")).to_contain_text("Started in grade 5.")
    page.get_by_label("Done").check()
    page.get_by_label("Reason").fill("Grades 5 to 7 have a weekly session since October.")
    page.get_by_role("button", name="Send the proposal").click()
    expect(page.locator(".messages")).to_contain_text("Proposal sent to the authority.")
    expect(page.locator("main")).to_contain_text("The school proposes: Done")
    assert_accessible(page)
    agreement = Agreement.objects.get(action__startswith="Weekly reading-strategy")
    assert agreement.status == Agreement.Status.OPEN

    # The authority confirms it; now it is done, and the school reads the comment.
    reviewer.goto(f"{base}/self-assessment/agreements/{agreement.pk}/")
    assert_accessible(reviewer)
    reviewer.get_by_label("Comment to the school").fill("Confirmed at the visit.")
    reviewer.get_by_role("button", name="Confirm: Done").click()
    expect(reviewer.locator(".messages")).to_contain_text("Proposal confirmed.")
    assert_accessible(reviewer)
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.DONE
    page.reload()
    expect(page.locator("main .qnet-card").first).to_contain_text("Done")
    expect(page.locator("main")).to_contain_text("Confirmed at the visit.")
    assert_accessible(page)


def test_two_people_on_one_draft_the_later_save_is_warned_and_overwrites_nothing(
    live_server, page, new_context, browser_login, leader_a, staff_a, cycle, world
):
    base = live_server.url
    assessment = assessment_of(cycle, world.school_a)
    assessment.editors.add(staff_a)
    url = f"{base}/self-assessment/{assessment.pk}/"

    browser_login(page, live_server, leader_a)
    page.goto(url)
    colleague = new_context().new_page()
    browser_login(colleague, live_server, staff_a)
    colleague.goto(url)
    assert_accessible(colleague)

    sign(page, SIGNS[0]).get_by_label("Evidence").fill("The leader's evidence.")
    expect(page.locator("#save-status")).to_contain_text("Draft saved at", timeout=10_000)
    assert_accessible(page)

    sign(colleague, SIGNS[0]).get_by_label("Evidence").fill("The colleague's evidence.")
    status = colleague.locator("#save-status")
    expect(status).to_contain_text("Not saved: Lea Albers saved a newer version", timeout=10_000)
    expect(status).to_contain_text("The leader's evidence.")
    # Her own text stays in the form for her to copy.
    expect(sign(colleague, SIGNS[0]).get_by_label("Evidence")).to_have_value(
        "The colleague's evidence."
    )
    assert_accessible(colleague)

    rating = Rating.objects.get(assessment=assessment, indicator__statement=SIGNS[0])
    assert rating.evidence == "The leader's evidence."

    colleague.get_by_role("link", name="Load the latest version").click()
    expect(sign(colleague, SIGNS[0]).get_by_label("Evidence")).to_have_value(
        "The leader's evidence."
    )


def test_a_results_file_typed_by_hand_is_refused_with_its_line_number_then_imported(
    live_server, page, browser_login, authority_staff, world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    Measure.objects.create(
        authority=world.authority, code="read-5", name="Reading grade 5", threshold=48
    )
    content = (
        "school,measure,year,value,n\n"
        "School A,read-5,2025,49.5,30\n"
        "School B,read-5,2025,fifty,28\n"
        "School A,read-5,2024,47.0,31\n"
    )
    browser_login(page, live_server, authority_staff)
    # The first import's address still leads to the import.
    page.goto(f"{live_server.url}/self-assessment/results/import/")
    expect(page).to_have_url(re.compile(r"/self-assessment/results/imports/$"))
    assert_accessible(page)

    def upload(text: str) -> None:
        page.get_by_label("Export file").set_input_files(
            {"name": "results.csv", "mimeType": "text/csv", "buffer": text.encode()}
        )
        page.get_by_role("button", name="Read the file").click()
        expect(page.locator("main h1")).to_have_text("results.csv")

    upload(content)
    main = page.locator("main")
    expect(main.get_by_role("alert")).to_contain_text("1 problem in the file.")
    bad_row = main.locator("tbody tr").filter(has_text="fifty")
    expect(bad_row.locator("td").first).to_have_text("3")
    expect(bad_row).to_contain_text("“fifty” is not a number.")
    expect(main.locator("form[action$='/commit/']")).to_have_count(0)
    assert_accessible(page)
    assert not Result.objects.exists()

    # Corrected, the file needs no mapping: qnet knows the schools and the measure code.
    page.goto(f"{live_server.url}/self-assessment/results/imports/")
    upload(content.replace("fifty", "50"))
    main.get_by_role("button", name="Import 3 values").click()
    expect(page.locator(".messages")).to_contain_text("Imported 3 values: 3 new")
    assert_accessible(page)
    assert Result.objects.count() == 3
