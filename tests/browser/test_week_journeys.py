"""A week in qnet for each persona, across the apps they use, in a language other than
English: events, coalitions, the self-assessment and the annual report.

Each persona's account prefers German, Dutch or Norwegian before they sign in; every page
on the way must keep that `<html lang>` and pass axe-core. The interface is being
translated while these tests run, so the steps find controls by URL, form action and field
id, and match only the data the test made (names of events, schools, threads).
"""

import re
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from coalitions import services as coalition_services
from coalitions.models import Coalition, CoalitionMember, LearningQuestion, Post, ProgressNote
from events import services as event_services
from events.models import DatePollVote, Event, Kind, Minutes, Registration
from events.tests.factories import EventFactory, FormatFactory
from reports import services as report_services
from reports.models import AnnualReport
from reports.tests.conftest import make_plan, make_results
from selfassessment import services as assessment_services
from selfassessment.models import (
    Agreement,
    DialogueMeeting,
    FocusArea,
    Goal,
    Indicator,
    QualityPlan,
    Rating,
    SelfAssessment,
)
from tests.browser.week import Week

pytestmark = pytest.mark.browser

YEAR = 2026
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


class _HeldTask:
    """Stands in for the PDF task: publishing queues it, no worker renders in these tests."""

    def __init__(self):
        self.queued: list[int] = []

    def delay_on_commit(self, rendition_id):
        self.queued.append(rendition_id)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _held_pdf(monkeypatch):
    monkeypatch.setattr("reports.tasks.render_pdf", _HeldTask())


# --- the week's data ------------------------------------------------------------------


@pytest.fixture
def meeting_format(world):
    return FormatFactory(
        network=world.network, kind=Kind.COORDINATOR_MEETING, name="Coordinator meeting"
    )


@pytest.fixture
def perspective_day(world):
    fmt = FormatFactory(
        network=world.network,
        kind=Kind.PERSPECTIVE_DAY,
        name="Perspective day",
        default_duration=timedelta(hours=6),
        default_capacity=80,
    )
    return EventFactory(format=fmt, title="Perspective day: feedback culture", capacity=80)


@pytest.fixture
def full_meeting(meeting_format, leader_a):
    """One seat, taken by leader-a: the next registration goes on the waiting list."""
    event = EventFactory(format=meeting_format, title="Coordinator meeting December", capacity=1)
    event_services.registration_create(actor=leader_a, event=event)
    return event


@pytest.fixture
def plan_with_results(world):
    """The Demo authority's plan (two focus areas) and three years of results."""
    plan, _areas, measures = make_plan(world.authority)
    make_results(world.authority, [world.school_a, world.school_b], measures, [2023, 2024, 2025])
    return plan


@pytest.fixture
def cycle(plan_with_results, authority_staff, world):
    return assessment_services.cycle_open(
        actor=authority_staff,
        plan=plan_with_results,
        year=YEAR,
        opens_on=date(YEAR, 1, 10),
        due_on=date(YEAR, 12, 15),
        schools=[world.school_a, world.school_b],
    )


def assessment_of(cycle, school) -> SelfAssessment:
    return SelfAssessment.objects.get(cycle=cycle, school=school)


def submit(cycle, school, leader) -> SelfAssessment:
    assessment = assessment_of(cycle, school)
    indicators = assessment.ratings.values_list("indicator_id", flat=True)
    evidence = f"Lesson visits at {school.name}."
    entries = {pk: {"level": 3, "evidence": evidence} for pk in indicators}
    return assessment_services.assessment_submit(
        actor=leader, assessment=assessment, version=assessment.version, entries=entries
    )


@pytest.fixture
def dropout(world, leader_b, staff_a):
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


# --- the journeys ---------------------------------------------------------------------


def test_the_coordinators_week_in_german_plans_an_event_runs_a_poll_writes_minutes(
    live_server, page, browser_login, coordinator, leader_b, world, meeting_format, full_meeting
):
    full = full_meeting
    event_services.registration_create(actor=leader_b, event=full)
    last_week = timezone.now() - timedelta(days=7)
    past = EventFactory(
        format=meeting_format,
        title="Coordinator meeting November",
        starts_at=last_week,
        ends_at=last_week + timedelta(hours=3),
    )
    first_day = timezone.now() + timedelta(days=40)
    poll = event_services.date_poll_create(
        actor=coordinator,
        format=meeting_format,
        title="Coordinator meeting January",
        options=[
            {
                "starts_at": first_day + timedelta(days=7 * week),
                "ends_at": first_day + timedelta(days=7 * week, hours=3),
                "venue_name": venue,
            }
            for week, venue in ((0, "School A"), (1, "School B"))
        ],
    )
    early, late = poll.options.order_by("starts_at")

    week = Week(page, live_server, browser_login, coordinator, "de")

    # Monday: a new coordinator meeting from the format, saved as a draft and published.
    week.visit("/events/")
    week.follow(page.locator("main a[href='/events/new/']").first, "/events/new/")
    week.follow(
        page.locator(f"main a[href='/events/new/?format={meeting_format.pk}']"),
        f"/events/new/?format={meeting_format.pk}",
    )
    starts = (timezone.now() + timedelta(days=21)).astimezone(world.network.tzinfo)
    form = page.locator("main form[method=post]")
    form.locator("#id_title").fill("Coordinator meeting: peer visits")
    form.locator("#id_starts_at").fill(starts.strftime("%Y-%m-%dT09:00"))
    form.locator("#id_venue_name").fill("School A, library")
    week.submit(form)
    expect(page).to_have_url(re.compile(r"/events/\d+/$"))
    expect(page.locator("main h1")).to_have_text("Coordinator meeting: peer visits")
    week.check()
    event = Event.objects.get(title="Coordinator meeting: peer visits")
    assert event.status == Event.Status.DRAFT
    week.submit(week.form(f"/events/{event.pk}/publish/"))
    week.answered()
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED

    # Tuesday: who comes to the full meeting, and who waits.
    week.visit(f"/events/{full.pk}/participants/")
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text=leader_b.full_name)).to_have_count(1)

    # Wednesday: her own answer to the date poll, then the date is fixed.
    week.visit("/events/polls/")
    week.follow(page.get_by_role("link", name=poll.title), f"/events/polls/{poll.pk}/")
    vote = week.form(f"/events/polls/{poll.pk}/vote/")
    vote.locator(f"input[name=o{early.pk}][value=no]").check()
    vote.locator(f"input[name=o{late.pk}][value=yes]").check()
    week.submit(vote)
    week.answered()
    assert DatePollVote.objects.get(option=late, person=coordinator).answer == "yes"
    close = week.form(f"/events/polls/{poll.pk}/close/")
    close.locator("#close-option").select_option(str(late.pk))
    week.submit(close)
    expect(page.locator("main h1")).to_have_text(poll.title)
    week.answered()
    fixed = Event.objects.get(title=poll.title)
    assert fixed.starts_at == late.starts_at and fixed.status == Event.Status.PUBLISHED

    # Thursday: the minutes of last week's meeting, with an action, made final.
    week.visit(f"/events/{past.pk}/minutes/")
    minutes_form = page.locator("main form[method=post]:not([action])")
    minutes_form.locator("#id_summary").fill("We compared **peer visit** routines.")
    minutes_form.locator("#id_decisions").fill("- Every school visits one other school.")
    minutes_form.locator("#id_actions-0-description").fill("Send the visit calendar")
    minutes_form.locator("#id_actions-0-owner").fill("Clara")
    week.submit(minutes_form)
    week.answered()
    week.submit(week.form(f"/events/{past.pk}/minutes/finalise/"))
    expect(page).to_have_url(week.url(f"/events/{past.pk}/"))
    week.answered()
    minutes = Minutes.objects.get(event=past)
    assert minutes.is_final and minutes.action_items.get().description == "Send the visit calendar"

    # Friday: a new coalition for the network.
    week.visit("/coalitions/")
    week.follow(page.locator("main a[href='/coalitions/new/']").first, "/coalitions/new/")
    form = page.locator("main form[method=post]")
    form.locator("#id_network").select_option(str(world.network.pk))
    form.locator("#id_kind").select_option(Coalition.Kind.COALITION)
    form.locator("#id_title").fill("Peer visits that stick")
    form.locator("#id_central_question").fill("How do peer visits change lessons?")
    form.locator("#id_status").select_option(Coalition.Status.ACTIVE)
    week.submit(form)
    expect(page).to_have_url(re.compile(r"/coalitions/\d+/$"))
    expect(page.locator("main h1")).to_have_text("Peer visits that stick")
    week.answered()
    assert Coalition.objects.get(title="Peer visits that stick").network == world.network


def test_leader_as_week_in_norwegian_registers_two_rates_a_sign_and_reads_the_report(
    live_server,
    page,
    browser_login,
    leader_a,
    staff_a,
    authority_staff,
    perspective_day,
    cycle,
    world,
):
    report = report_services.report_start(
        actor=authority_staff, authority=world.authority, year=2025, title="Our schools in 2025"
    )
    report_services.report_submit_for_review(
        actor=authority_staff, report=report, reviewers=[authority_staff]
    )
    report_services.report_publish(actor=authority_staff, report=report)
    assessment = assessment_of(cycle, world.school_a)
    indicator = Indicator.objects.filter(goal__focus_area__plan=cycle.plan).order_by("pk").first()

    week = Week(page, live_server, browser_login, leader_a, "nb")

    # Monday: herself and a colleague for the perspective day, and the date in her calendar.
    week.visit("/events/")
    week.follow(
        page.get_by_role("link", name=perspective_day.title), f"/events/{perspective_day.pk}/"
    )
    register = week.form(f"/events/{perspective_day.pk}/register/")
    register.locator("#id_person").select_option(str(leader_a.pk))
    register.locator("#id_dietary_notes").fill("vegetarian")
    week.submit(register)
    expect(page.locator("#own-registration")).to_be_visible()
    week.answered()
    register = week.form(f"/events/{perspective_day.pk}/register/")
    register.locator("#id_person").select_option(str(staff_a.pk))
    week.submit(register)
    week.answered()
    registrations = Registration.objects.filter(event=perspective_day)
    assert {(r.person, r.status) for r in registrations} == {
        (leader_a, "confirmed"),
        (staff_a, "confirmed"),
    }
    ics = week.download(page.locator(f"main a[href='/events/{perspective_day.pk}/calendar.ics']"))
    assert ics.startswith(b"BEGIN:VCALENDAR") and perspective_day.title.encode() in ics

    # Wednesday: a first level for a sign of good practice, saved while she types.
    week.visit("/self-assessment/")
    week.follow(
        page.locator(f"main a[href='/self-assessment/{assessment.pk}/']"),
        f"/self-assessment/{assessment.pk}/",
    )
    level = page.locator(f"#assessment-form input[name=level_{indicator.pk}][value='3']")
    page.locator(f"label[for='{level.get_attribute('id')}']").click()
    page.locator(f"#id_evidence_{indicator.pk}").fill("Reading plans of three subjects.")
    expect(page.locator("#save-status .text-success")).to_be_visible(timeout=10_000)
    week.check()
    rating = Rating.objects.get(assessment=assessment, indicator=indicator)
    assert (rating.level, rating.evidence) == (3, "Reading plans of three subjects.")
    page.reload()
    expect(level).to_be_checked()
    week.check()

    # Friday: the authority's published report.
    week.visit("/reports/")
    week.follow(page.get_by_role("link", name=report.title).first, f"/reports/{report.pk}/")
    expect(page.locator("main h1")).to_have_text(report.title)


def test_staff_as_week_in_german_registers_posts_in_a_thread_and_downloads_a_resource(
    live_server, page, browser_login, staff_a, leader_b, perspective_day, dropout, cycle, world
):
    thread = coalition_services.thread_create(
        author=leader_b,
        coalition=dropout,
        title="Which absence figures can we share?",
        body="Weekly totals per class?",
    )
    resource = coalition_services.resource_create(
        author=leader_b,
        coalition=dropout,
        kind="good_practice",
        title="Early-signal routine of School B",
        upload=SimpleUploadedFile("early-signals.pdf", PDF, content_type="application/pdf"),
        visibility="network",
    )

    week = Week(page, live_server, browser_login, staff_a, "de")

    # Monday: a seat at the perspective day; staff register only themselves.
    week.visit(f"/events/{perspective_day.pk}/")
    register = week.form(f"/events/{perspective_day.pk}/register/")
    expect(register.locator("input[type=hidden][name=person]")).to_have_value(str(staff_a.pk))
    week.submit(register)
    expect(page.locator("#own-registration")).to_be_visible()
    week.answered()
    assert Registration.objects.get(event=perspective_day, person=staff_a).status == "confirmed"

    # Tuesday: an answer in the coalition's thread.
    week.visit("/coalitions/")
    week.follow(page.get_by_role("link", name=dropout.title).first, f"/coalitions/{dropout.pk}/")
    week.follow(
        page.get_by_role("link", name=thread.title).first,
        f"/coalitions/{dropout.pk}/discussion/{thread.pk}/",
    )
    reply = page.locator("main form[method=post]:not([action])")
    reply.locator("#id_body").fill("Totals per class, **no names**.")
    week.submit(reply)
    expect(page.locator("main strong", has_text="no names")).to_be_visible()
    week.check()
    assert Post.objects.filter(thread=thread, author=staff_a).exists()

    # Thursday: School B's routine from the library.
    week.visit("/coalitions/library/")
    link = page.locator(f"main a[href='/coalitions/resources/{resource.pk}/download/']")
    expect(link).to_have_text(resource.title)
    assert week.download(link) == PDF

    # Friday: where School A's self-assessment stands; staff read it, the leader edits.
    assessment = assessment_of(cycle, world.school_a)
    week.visit("/self-assessment/")
    week.follow(
        page.locator(f"main a[href='/self-assessment/{assessment.pk}/']"),
        f"/self-assessment/{assessment.pk}/",
    )
    expect(page.locator("#assessment-form")).to_have_count(0)


def test_leader_bs_week_in_dutch_joins_a_waiting_list_and_follows_up_an_agreement(
    live_server, page, browser_login, leader_b, authority_staff, full_meeting, cycle, world
):
    meeting = assessment_services.dialogue_meeting_plan(
        actor=authority_staff,
        school=world.school_b,
        cycle=cycle,
        starts_at=timezone.now() - timedelta(days=30),
        place="School B, staff room",
    )
    agreement = assessment_services.agreement_create(
        actor=authority_staff,
        meeting=meeting,
        action="Weekly reading-strategy sessions in grades 5 to 7.",
        owner="Reading supervisor",
        due_on=date(YEAR, 12, 20),
    )

    week = Week(page, live_server, browser_login, leader_b, "nl")

    # Monday: the coordinator meeting is full, so she goes on its waiting list.
    week.visit("/events/")
    week.follow(page.get_by_role("link", name=full_meeting.title), f"/events/{full_meeting.pk}/")
    week.submit(week.form(f"/events/{full_meeting.pk}/register/"))
    expect(page.locator("#own-registration")).to_be_visible()
    week.answered("warning")
    assert Registration.objects.get(event=full_meeting, person=leader_b).status == "waitlisted"

    # Thursday: the agreement of her school's dialogue meeting, its progress, and her
    # proposal to close it, which waits for the authority.
    week.visit("/self-assessment/")
    week.follow(
        page.locator(f"main a[href='/self-assessment/agreements/{agreement.pk}/']"),
        f"/self-assessment/agreements/{agreement.pk}/",
    )
    expect(page.locator("main")).to_contain_text(agreement.action)
    note = week.form(f"/self-assessment/agreements/{agreement.pk}/notes/")
    note.locator("#id_text").fill("Started in grade 5 with two teachers.")
    week.submit(note)
    expect(page.locator("main")).to_contain_text("Started in grade 5 with two teachers.")
    week.check()
    proposal = week.form(f"/self-assessment/agreements/{agreement.pk}/propose/")
    proposal.locator("input[value=done]").check()
    proposal.locator("#id_reason").fill("Grades 5 to 7 have the sessions every week.")
    week.submit(proposal)
    week.answered()
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.OPEN
    assert agreement.proposals.get().status == Agreement.Status.DONE

    # Friday: her school's results, the figures behind the agreement.
    week.visit("/self-assessment/")
    week.follow(
        page.locator(f"main a[href='/self-assessment/results/school/{world.school_b.pk}/']").first,
        f"/self-assessment/results/school/{world.school_b.pk}/",
    )
    expect(page.locator("main table").first).to_contain_text("Measure 0.0")


def test_the_facilitators_week_in_dutch_reads_the_learning_questions_of_her_network(
    live_server, page, browser_login, facilitator, leader_a, leader_b, world
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
    questions = []
    for person, school, text in (
        (leader_a, world.school_a, "How can team meetings become a place to learn?"),
        (leader_b, world.school_b, "How do we keep new teachers?"),
    ):
        member = CoalitionMember.objects.create(coalition=network, person=person, school=school)
        questions.append(LearningQuestion.objects.create(member=member, text=text))

    week = Week(page, live_server, browser_login, facilitator, "nl")

    # Her dashboard leads to the closed learning network.
    week.follow(page.get_by_role("link", name=network.title).first, f"/coalitions/{network.pk}/")
    week.follow(
        page.locator(f"main a[href='/coalitions/{network.pk}/learning-questions/']").first,
        f"/coalitions/{network.pk}/learning-questions/",
    )
    # As the facilitator she sees every question, private ones too.
    for question in questions:
        link = page.locator(f"main a[href='/coalitions/learning-questions/{question.pk}/']")
        expect(link).to_have_text(question.text)
    week.follow(
        page.locator(f"main a[href='/coalitions/learning-questions/{questions[0].pk}/']"),
        f"/coalitions/learning-questions/{questions[0].pk}/",
    )
    note = page.locator("main form[method=post]:not([action])")
    note.locator("#id_text").fill("Try pairs instead of a round.")
    week.submit(note)
    expect(page.locator("main")).to_contain_text("Try pairs instead of a round.")
    week.check()
    assert ProgressNote.objects.get(question=questions[0]).text == "Try pairs instead of a round."

    # A thread for the group before the next meeting.
    week.visit(f"/coalitions/{network.pk}/")
    week.follow(
        page.locator(f"main a[href='/coalitions/{network.pk}/discussion/new/']").first,
        f"/coalitions/{network.pk}/discussion/new/",
    )
    form = page.locator("main form[method=post]")
    form.locator("#id_title").fill("Bring one example of a team meeting")
    form.locator("#id_body").fill("A short agenda is enough.")
    week.submit(form)
    expect(page.locator("main h1")).to_have_text("Bring one example of a team meeting")
    week.check()


def test_authority_staffs_week_in_norwegian_reviews_follows_up_and_reads_the_draft(
    live_server, page, browser_login, authority_staff, leader_a, leader_b, cycle, world
):
    returned = submit(cycle, world.school_b, leader_b)
    accepted = submit(cycle, world.school_a, leader_a)
    draft = report_services.report_start(
        actor=authority_staff, authority=world.authority, year=2025, title="Our schools in 2025"
    )

    week = Week(page, live_server, browser_login, authority_staff, "nb")

    # Monday: the cycle overview; School B's assessment goes back, School A's is accepted.
    week.visit("/self-assessment/")
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(2)
    # The school's name and its "awaiting review" badge both lead there.
    week.follow(
        page.locator(f"main a[href='/self-assessment/{returned.pk}/']").first,
        f"/self-assessment/{returned.pk}/",
    )
    back = week.form(f"/self-assessment/{returned.pk}/return/")
    back.locator("#return-comment").fill("Add evidence from the reading tests.")
    week.submit(back)
    # The confirmation step shows what the school will read.
    expect(page.locator("main")).to_contain_text("Add evidence from the reading tests.")
    week.check()
    week.submit(week.form(f"/self-assessment/{returned.pk}/return/"))
    week.answered()
    week.visit("/self-assessment/")
    week.follow(
        page.locator(f"main a[href='/self-assessment/{accepted.pk}/']").first,
        f"/self-assessment/{accepted.pk}/",
    )
    week.submit(week.form(f"/self-assessment/{accepted.pk}/accept/"))
    week.answered()
    returned.refresh_from_db()
    accepted.refresh_from_db()
    assert returned.status == SelfAssessment.Status.RETURNED
    assert accepted.status == SelfAssessment.Status.ACCEPTED

    # The dialogue meeting with School A, and what they agreed there.
    week.follow(
        page.locator(f"main a[href='/self-assessment/{accepted.pk}/meeting/']"),
        f"/self-assessment/{accepted.pk}/meeting/",
    )
    form = page.locator("main form[method=post]")
    form.locator("#id_starts_at").fill(f"{YEAR}-12-14T13:00")
    form.locator("#id_place").fill("School A, library")
    week.submit(form)
    expect(page).to_have_url(re.compile(r"/self-assessment/meetings/\d+/$"))
    week.check()
    meeting = DialogueMeeting.objects.get(school=world.school_a, cycle=cycle)
    agreement = week.form(f"/self-assessment/meetings/{meeting.pk}/agreements/")
    agreement.locator("#id_action").fill("Analyse the numeracy results with the staff.")
    agreement.locator("#id_owner").fill("Mathematics team")
    agreement.locator("#id_due_on").fill(f"{YEAR + 1}-03-01")
    week.submit(agreement)
    expect(page.locator("main table")).to_contain_text("Analyse the numeracy results")
    week.answered()
    assert Agreement.objects.get(meeting=meeting).owner == "Mathematics team"

    # Tuesday: School B is weak in two of the last three years on one measure.
    week.visit("/self-assessment/follow-up/")
    flagged = page.locator("main table tbody")
    expect(flagged.get_by_role("link", name=world.school_b.name).first).to_be_visible()
    expect(flagged).not_to_contain_text(world.school_a.name)

    # Wednesday: the results imports.
    week.visit("/self-assessment/results/imports/")
    expect(page.locator("main form[enctype='multipart/form-data']")).to_be_visible()

    # Friday: the draft of the annual report, as read and as managed.
    week.visit(f"/reports/{draft.pk}/")
    expect(page.locator("main h1")).to_have_text(draft.title)
    week.visit(f"/reports/{draft.pk}/manage/")


def test_the_other_authoritys_week_in_norwegian_sees_only_its_own_authority(
    live_server, page, browser_login, other_authority_staff, authority_staff, cycle, world
):
    fjord_plan = QualityPlan.objects.create(
        authority=world.other_authority, title="Kvalitetsplan", start_year=2026, end_year=2030
    )
    Indicator.objects.create(
        goal=Goal.objects.create(
            focus_area=FocusArea.objects.create(plan=fjord_plan, title="Lesing"), text="Alle leser"
        ),
        statement="Lesing i alle fag.",
    )
    assessment_services.cycle_open(
        actor=other_authority_staff,
        plan=fjord_plan,
        year=YEAR,
        opens_on=date(YEAR, 1, 10),
        due_on=date(YEAR, 12, 15),
    )
    demo_draft = report_services.report_start(
        actor=authority_staff, authority=world.authority, year=2025, title="Demo draft 2025"
    )
    demo_assessment = assessment_of(cycle, world.school_a)

    week = Week(page, live_server, browser_login, other_authority_staff, "nb")
    expect(page.locator("main")).not_to_contain_text(world.authority.name)

    # Her cycle overview lists her school and none of the Demo authority's.
    week.visit("/self-assessment/")
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(world.school_other.name)

    week.visit("/self-assessment/follow-up/")
    expect(page.locator("main")).not_to_contain_text(world.school_b.name)
    week.visit("/self-assessment/results/imports/")

    # She starts her authority's report.
    week.visit("/reports/start/")
    form = page.locator("main form[method=post]")
    form.locator("#id_year").fill("2025")
    form.locator("#id_title").fill("Skolene i Fjordvik 2025")
    week.submit(form)
    expect(page).to_have_url(re.compile(r"/reports/\d+/manage/$"))
    week.answered()
    assert AnnualReport.objects.get(title="Skolene i Fjordvik 2025").authority == (
        world.other_authority
    )

    # The Demo authority's draft and assessment do not exist for her.
    week.visit("/reports/")
    expect(page.locator("main")).not_to_contain_text(demo_draft.title)
    week.visit(f"/reports/{demo_draft.pk}/", status=404)
    week.visit(f"/reports/{demo_draft.pk}/manage/", status=404)
    week.visit(f"/self-assessment/{demo_assessment.pk}/", status=404)
    week.visit(f"/self-assessment/results/school/{world.school_a.pk}/", status=404)
