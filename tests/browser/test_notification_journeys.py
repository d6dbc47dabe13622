"""Notices in a real browser: what one persona does shows up for the people concerned,
as a count in the navbar and in their list of notices, and is mailed once through the
outbox. Every page visited is checked with axe-core."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from coalitions.models import Coalition, CoalitionMember
from events.models import Event
from events.tests.factories import EventFactory, FormatFactory
from qnet.models import Notice, NoticeKind, OutboxMessage
from selfassessment import services as sa_services
from selfassessment.models import FocusArea, Goal, Indicator, QualityPlan
from tests.axe import assert_accessible

pytestmark = pytest.mark.browser

SIGN = "Reading strategies are taught in every subject."


def navbar_notices(page: Page):
    return page.locator("#nav-notices")


def open_notices(page: Page, base: str) -> None:
    navbar_notices(page).click()
    expect(page).to_have_url(f"{base}/notices/")
    expect(page.locator("main h1")).to_have_text("Notices")
    assert_accessible(page)


@pytest.fixture
def cycle(world, authority_staff):
    plan = QualityPlan.objects.create(
        authority=world.authority, title="Quality plan", start_year=2026, end_year=2030
    )
    area = FocusArea.objects.create(plan=plan, title="Reading and writing", order=1)
    goal = Goal.objects.create(focus_area=area, text="Pupils read well")
    Indicator.objects.create(goal=goal, statement=SIGN, order=1)
    return sa_services.cycle_open(
        actor=authority_staff,
        plan=plan,
        year=2026,
        opens_on=date(2026, 1, 10),
        due_on=date(2026, 12, 15),
        schools=[world.school_a],
    )


def test_a_submission_reaches_the_authority_and_its_return_reaches_the_leader(
    live_server, page, new_context, browser_login, leader_a, authority_staff, cycle, world
):
    base = live_server.url
    assessment = cycle.assessments.get(school=world.school_a)

    browser_login(page, live_server, leader_a)
    expect(navbar_notices(page)).to_have_text("Notices")
    page.goto(f"{base}/self-assessment/{assessment.pk}/")
    block = page.locator("fieldset.qnet-indicator").filter(has_text=SIGN)
    block.get_by_text("3 – Established", exact=True).click()
    block.get_by_label("Evidence").fill("Lesson plans of three subjects.")
    # Submitting is checked on a confirmation page first.
    page.get_by_role("button", name="Check and submit").click()
    page.get_by_role("button", name="Submit to the authority").click()
    expect(page.locator(".messages")).to_contain_text("Submitted to the authority")
    # The leader did it herself: no notice for her.
    expect(navbar_notices(page)).to_have_text("Notices")

    reviewer = new_context().new_page()
    browser_login(reviewer, live_server, authority_staff)
    expect(navbar_notices(reviewer)).to_have_text("Notices 1 unread")
    assert_accessible(reviewer)
    assert (
        OutboxMessage.objects.filter(
            to=authority_staff.email, subject="Self-assessment submitted: School A"
        ).count()
        == 1
    )
    open_notices(reviewer, base)
    notice = reviewer.locator(".qnet-notice-unread")
    expect(notice).to_contain_text("School A submitted its self-assessment for 2026.")
    notice.get_by_role("button").click()
    expect(reviewer).to_have_url(f"{base}/self-assessment/{assessment.pk}/")
    expect(navbar_notices(reviewer)).to_have_text("Notices")

    reviewer.get_by_label("Comment to the school").fill("Add evidence from the reading tests.")
    reviewer.get_by_role("button", name="Return for revision").click()
    # Returning, too, shows what the school will read before it goes.
    expect(reviewer.locator("main h1")).to_contain_text("Return the self-assessment")
    reviewer.get_by_role("button", name="Return to the school").click()
    expect(reviewer.locator(".messages")).to_contain_text("Returned to the school")

    page.reload()
    expect(navbar_notices(page)).to_have_text("Notices 1 unread")
    open_notices(page, base)
    expect(page.locator(".qnet-notice-unread")).to_contain_text(
        "returned for revision: Add evidence from the reading tests."
    )
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.locator(".messages")).to_contain_text("All notices are marked as read.")
    expect(page.locator(".qnet-notice-unread")).to_have_count(0)
    expect(navbar_notices(page)).to_have_text("Notices")
    assert_accessible(page)


def test_a_published_event_reaches_the_leaders_of_the_network(
    live_server, page, new_context, browser_login, coordinator, leader_a, world
):
    base = live_server.url
    draft = EventFactory(
        format=FormatFactory(network=world.network, name="Forum"),
        title="Forum on feedback culture",
        status=Event.Status.DRAFT,
    )
    page.on("dialog", lambda dialog: dialog.accept())
    browser_login(page, live_server, coordinator)
    page.goto(f"{base}/events/{draft.pk}/")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text("The event is published.")

    leader = new_context().new_page()
    browser_login(leader, live_server, leader_a)
    expect(navbar_notices(leader)).to_have_text("Notices 1 unread")
    open_notices(leader, base)
    notice = leader.locator(".qnet-notice-unread")
    expect(notice).to_contain_text("New event on ")
    expect(notice).to_contain_text(": Forum on feedback culture")
    notice.get_by_role("button").click()
    expect(leader).to_have_url(f"{base}/events/{draft.pk}/")
    assert_accessible(leader)
    assert OutboxMessage.objects.filter(to=leader_a.email).count() == 1


def test_a_join_request_reaches_the_lead_and_the_decision_the_requester(
    live_server, page, new_context, browser_login, leader_a, leader_b, world
):
    base = live_server.url
    coalition = Coalition.objects.create(
        network=world.network,
        title="Data against dropout",
        central_question="How can teams use data to prevent dropout?",
        status=Coalition.Status.ACTIVE,
    )
    CoalitionMember.objects.create(
        coalition=coalition, person=leader_b, school=world.school_b, role="lead"
    )
    browser_login(page, live_server, leader_a)
    page.goto(f"{base}/coalitions/{coalition.pk}/")
    page.get_by_role("button", name="Ask to join").click()
    expect(page.locator(".messages")).to_contain_text("Your request was sent")

    lead = new_context().new_page()
    browser_login(lead, live_server, leader_b)
    expect(navbar_notices(lead)).to_have_text("Notices 1 unread")
    open_notices(lead, base)
    notice = lead.locator(".qnet-notice-unread")
    expect(notice).to_contain_text("Someone from School A asks to join Data against dropout.")
    notice.get_by_role("button").click()
    expect(lead).to_have_url(f"{base}/coalitions/{coalition.pk}/")
    assert_accessible(lead)
    assert Notice.objects.get(kind=NoticeKind.JOIN_REQUESTED).read_at is not None

    # The lead admits her; the requester hears of it.
    lead.goto(f"{base}/coalitions/{coalition.pk}/members/")
    lead.get_by_role("button", name="Admit").click()
    expect(lead.get_by_role("button", name="Admit")).to_have_count(0)
    page.reload()
    expect(navbar_notices(page)).to_have_text("Notices 1 unread")
    open_notices(page, base)
    expect(page.locator(".qnet-notice-unread")).to_contain_text(
        "Your request to join Data against dropout was accepted."
    )
    decided = Notice.objects.get(recipient=leader_a, kind=NoticeKind.JOIN_DECIDED)
    assert OutboxMessage.objects.filter(dedupe_key=f"notice:{decided.pk}").count() == 1


def test_notification_settings_are_chosen_per_kind(live_server, page, browser_login, leader_a):
    base = live_server.url
    browser_login(page, live_server, leader_a)
    page.goto(f"{base}/profile/")
    page.get_by_role("link", name="Notification settings").first.click()
    expect(page).to_have_url(f"{base}/profile/notifications/")
    assert_accessible(page)
    page.get_by_label("Event published").select_option("digest")
    page.get_by_label("Agreement falls due").select_option("off")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Your notification settings were saved.")
    expect(page.get_by_label("Event published")).to_have_value("digest")
    assert_accessible(page)


def test_the_follow_up_cycle_tells_each_side_what_the_other_did(
    live_server, page, new_context, browser_login, authority_staff, leader_a, world, cycle
):
    """Accepted, the dialogue meeting, an agreement recorded and falling due reach the
    school; its proposal to close the agreement reaches the authority; the confirmation
    reaches the school again. One outbox row per notice, each in the list."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from selfassessment.tests.conftest import rate_all

    base = live_server.url
    assessment = cycle.assessments.get(school=world.school_a)
    assessment = rate_all(assessment, leader_a)
    sa_services.assessment_submit(actor=leader_a, assessment=assessment, version=assessment.version)
    sa_services.assessment_accept(
        actor=authority_staff, assessment=assessment, comment="A clear picture, thank you."
    )
    meeting = sa_services.dialogue_meeting_plan(
        actor=authority_staff,
        school=world.school_a,
        cycle=cycle,
        starts_at=datetime(2026, 12, 14, 13, 0, tzinfo=ZoneInfo("Europe/Berlin")),
        place="School A, library",
    )
    today = timezone.localdate()
    agreement = sa_services.agreement_create(
        actor=authority_staff,
        meeting=meeting,
        action="Weekly reading sessions in grades 5 to 7.",
        owner="Reading supervisor",
        due_on=today + timedelta(days=3),
    )
    sa_services.agreement_reminders_send(today=today)

    browser_login(page, live_server, leader_a)
    expect(navbar_notices(page)).to_have_text("Notices 4 unread")
    open_notices(page, base)
    unread = page.locator(".qnet-notice-unread")
    expect(unread).to_have_count(4)
    for text in (
        "The self-assessment of School A for 2026 was accepted. A clear picture, thank you.",
        "The dialogue meeting of School A is planned for",
        "New agreement for School A: Weekly reading sessions in grades 5 to 7.",
        "An agreement of School A falls due on",
    ):
        expect(unread.filter(has_text=text)).to_have_count(1)
    for kind in (
        NoticeKind.SELFASSESSMENT_ACCEPTED,
        NoticeKind.DIALOGUE_PLANNED,
        NoticeKind.AGREEMENT_RECORDED,
        NoticeKind.AGREEMENT_DUE,
    ):
        notice = Notice.objects.get(recipient=leader_a, kind=kind)
        assert OutboxMessage.objects.filter(dedupe_key=f"notice:{notice.pk}").count() == 1

    # She opens the agreement from its notice and proposes that it is done.
    unread.filter(has_text="New agreement for School A").get_by_role("button").click()
    expect(page).to_have_url(f"{base}/self-assessment/agreements/{agreement.pk}/")
    page.get_by_label("Done").check()
    page.get_by_label("Reason").fill("Every class of grades 5 to 7 has its session.")
    page.get_by_role("button", name="Send the proposal").click()
    expect(page.locator(".messages")).to_contain_text("Proposal sent to the authority.")

    reviewer = new_context().new_page()
    browser_login(reviewer, live_server, authority_staff)
    # Her submission earlier, and now her proposal.
    expect(navbar_notices(reviewer)).to_have_text("Notices 2 unread")
    open_notices(reviewer, base)
    proposal = reviewer.locator(".qnet-notice-unread").filter(has_text="proposes")
    expect(proposal).to_contain_text("School A proposes to mark an agreement as done")
    expect(proposal).to_contain_text("Every class of grades 5 to 7 has its session.")
    proposal.get_by_role("button").click()
    expect(reviewer).to_have_url(f"{base}/self-assessment/agreements/{agreement.pk}/")
    reviewer.get_by_label("Comment to the school").fill("Confirmed at the visit.")
    reviewer.get_by_role("button", name="Confirm: Done").click()
    expect(reviewer.locator(".messages")).to_contain_text("Proposal confirmed.")

    page.reload()
    # The three she has not opened yet, and the confirmation.
    expect(navbar_notices(page)).to_have_text("Notices 4 unread")
    open_notices(page, base)
    expect(page.locator(".qnet-notice-unread").first).to_contain_text(
        "An agreement of School A was changed: Weekly reading sessions in grades 5 to 7."
    )
    changed = Notice.objects.get(recipient=leader_a, kind=NoticeKind.AGREEMENT_CHANGED)
    assert OutboxMessage.objects.filter(dedupe_key=f"notice:{changed.pk}").count() == 1
