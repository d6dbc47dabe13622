"""One world of real objects for the permission matrix, built through the apps' services.

Every URL of the matrix points at one of these objects, so each persona meets the same
things: what it may change, what it may only see, and what lies outside its scope.
Built on the root conftest's `world` (Demo authority with School A and B in the Demo
network, another authority with its own school and network) and its personas.
"""

import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coalitions import services as coalition_services
from coalitions.models import Coalition, CoalitionMember, CounsellingRequest, Resource
from coalitions.tests.factories import CoalitionFactory
from events import services as event_services
from events.models import Event, Kind
from events.tests.factories import EventFactory, FormatFactory, RegistrationFactory
from qnet import notifications
from qnet import services as qnet_services
from qnet.models import NoticeKind, OutboxMessage, Role
from qnet.tests.factories import MembershipFactory, UserFactory
from reports import services as report_services
from reports.models import Rendition
from selfassessment import services as sa_services
from selfassessment.models import Result

# The smallest file the attachment and resource checks accept as a PDF.
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
BERLIN = ZoneInfo("Europe/Berlin")
YEAR = 2026


def build(world, p) -> SimpleNamespace:
    """p: the personas (root conftest's `personas` fixture)."""
    w = SimpleNamespace(**vars(world))
    _qnet(w, p)
    _events(w, p)
    _coalitions(w, p)
    _selfassessment(w, p)
    _reports(w, p)
    return w


def _qnet(w, p):
    # Leader A's own notice: only she may open it.
    [w.notice] = notifications.notice_send(
        recipients=[p.leader_a],
        kind=NoticeKind.JOIN_DECIDED,
        url="/coalitions/",
        params={"coalition": "Data", "outcome": "approved"},
    )
    w.invitation, w.invitation_token = qnet_services.invitation_create(
        invited_by=p.leader_a,
        email="new-colleague@example.org",
        role=Role.SCHOOL_STAFF,
        scope=w.school_a,
    )


def _events(w, p):
    coordinator = p.coordinator
    w.fmt = event_services.format_create(
        actor=coordinator,
        network=w.network,
        kind=Kind.COORDINATOR_MEETING,
        name="Coordinator meeting",
        default_duration=timedelta(hours=3),
    )
    soon = timezone.now() + timedelta(days=14)
    w.event = event_services.event_create(
        actor=coordinator, format=w.fmt, starts_at=soon, title="Network meeting"
    )
    event_services.event_publish(actor=coordinator, event=w.event)
    w.event.refresh_from_db()
    w.draft_event = event_services.event_create(
        actor=coordinator, format=w.fmt, starts_at=soon + timedelta(days=7), title="Draft"
    )
    w.agenda_item = event_services.agenda_item_create(
        actor=coordinator,
        event=w.event,
        kind="plenary",
        title="Welcome",
        starts_at=w.event.starts_at,
        ends_at=w.event.starts_at + timedelta(minutes=30),
    )
    event_services.registration_create(actor=p.leader_a, event=w.event)
    w.proposal = event_services.agenda_proposal_create(
        actor=p.leader_a, event=w.event, title="Reading results"
    )
    w.guest, w.guest_token = event_services.guest_invite(
        actor=coordinator,
        event=w.event,
        name="Gita Guest",
        email="guest@example.org",
        role="speaker",
    )

    # A past meeting with final minutes and a file, which leader A attended.
    past = timezone.now() - timedelta(days=10)
    w.past_event = event_services.event_create(
        actor=coordinator, format=w.fmt, starts_at=past, title="Past meeting"
    )
    Event.objects.filter(pk=w.past_event.pk).update(status=Event.Status.PUBLISHED)
    w.past_event.refresh_from_db()
    # Registration closed when the meeting began: the record of who came is history.
    RegistrationFactory(event=w.past_event, person=p.leader_a, school=w.school_a)
    event_services.minutes_save(
        actor=coordinator,
        event=w.past_event,
        summary="We compared results.",
        decisions="Meet again.",
        action_items=[],
    )
    event_services.minutes_finalise(actor=coordinator, event=w.past_event)
    w.attachment = event_services.attachment_create(
        actor=coordinator,
        event=w.past_event,
        kind="slides",
        title="Slides",
        upload=SimpleUploadedFile("slides.pdf", PDF),
    )

    w.series = event_services.series_create(
        actor=coordinator,
        format=w.fmt,
        title="Learning network 2026",
        starts=[soon + timedelta(days=30), soon + timedelta(days=60)],
    )
    for meeting in w.series.events.all():
        event_services.event_publish(actor=coordinator, event=meeting)
    start = timezone.now() + timedelta(days=40)
    w.poll = event_services.date_poll_create(
        actor=coordinator,
        format=w.fmt,
        title="Extra meeting",
        options=[{"starts_at": start, "ends_at": start + timedelta(hours=3), "venue_name": "Hall"}],
    )
    w.feed = event_services.calendar_feed_create(user=p.leader_a)
    # The other authority's network has no coordinator persona: a plain published row.
    w.other_event = EventFactory(
        format=FormatFactory(network=w.other_network), title="Fjord meeting"
    )


def _coalitions(w, p):
    coordinator = p.coordinator
    w.coalition = coalition_services.coalition_create(
        actor=coordinator, network=w.network, title="Data against dropout"
    )
    coalition_services.member_add(
        actor=coordinator,
        coalition=w.coalition,
        person=p.leader_b,
        school=w.school_b,
        role=CoalitionMember.Role.LEAD,
    )
    w.member = coalition_services.member_add(
        actor=coordinator, coalition=w.coalition, person=p.staff_a, school=w.school_a
    )
    w.thread = coalition_services.thread_create(
        author=p.staff_a, coalition=w.coalition, title="First steps", body="Where do we start?"
    )
    w.post = w.thread.posts.get()
    w.resource = coalition_services.resource_create(
        author=p.staff_a,
        coalition=w.coalition,
        kind=Resource.Kind.GOOD_PRACTICE,
        title="Our plan",
        upload=SimpleUploadedFile("plan.pdf", PDF),
        school=w.school_a,
    )
    w.deck = coalition_services.deck_create(actor=p.leader_b, coalition=w.coalition, title="Deck")
    w.card = coalition_services.card_create(actor=p.leader_b, deck=w.deck, front="Why?")
    w.prioritisation = coalition_services.prioritisation_start(
        actor=p.leader_a, deck=w.deck, school=w.school_a
    )
    w.membership_request = coalition_services.membership_request_create(
        person=p.leader_a, coalition=w.coalition, school=w.school_a
    )
    # School B's team has finished its ranking: the result and its CSV exist.
    w.finished_prioritisation = coalition_services.prioritisation_start(
        actor=p.leader_b, deck=w.deck, school=w.school_b
    )
    coalition_services.prioritisation_pick(
        actor=p.leader_b, prioritisation=w.finished_prioritisation, card_ids=[w.card.pk]
    )
    coalition_services.prioritisation_finish(
        actor=p.leader_b, prioritisation=w.finished_prioritisation
    )

    # A Werkstatt project, led by leader B: milestones and the timeline belong to projects.
    w.project = coalition_services.coalition_create(
        actor=coordinator, network=w.network, title="Werkstatt", kind=Coalition.Kind.PROJECT
    )
    coalition_services.member_add(
        actor=coordinator,
        coalition=w.project,
        person=p.leader_b,
        school=w.school_b,
        role=CoalitionMember.Role.LEAD,
    )
    w.milestone = coalition_services.milestone_create(
        actor=coordinator, coalition=w.project, title="Kick-off", due_on=date(YEAR, 3, 1)
    )

    w.other_coalition = CoalitionFactory(network=w.other_network, title="Fjord coalition")

    # The closed learning network: the facilitator and School A's two people.
    w.learning_network = coalition_services.coalition_create(
        actor=coordinator,
        network=w.network,
        title="Learning culture",
        kind=Coalition.Kind.LEARNING_NETWORK,
        is_closed_group=True,
    )
    coalition_services.member_add(
        actor=coordinator,
        coalition=w.learning_network,
        person=p.facilitator,
        role=CoalitionMember.Role.FACILITATOR,
    )
    for person in (p.leader_a, p.staff_a):
        coalition_services.member_add(
            actor=coordinator, coalition=w.learning_network, person=person, school=w.school_a
        )
    w.learning_question = coalition_services.learning_question_create(
        person=p.leader_a, coalition=w.learning_network, text="How do we learn from data?"
    )

    _coalition_series(w, p)

    w.counselling_request = coalition_services.counselling_request_create(
        actor=p.leader_a,
        network=w.network,
        school=w.school_a,
        topic="Feedback culture",
        kind=CounsellingRequest.Kind.PROCESS,
    )
    coalition_services.counselling_request_assign(
        actor=coordinator, request=w.counselling_request, adviser=p.facilitator
    )


def _coalition_series(w, p):
    """The learning network's own series (its members' meetings, run by the facilitator)
    and the open coalition's (the whole network's meetings, run by leader B, its lead)."""
    coordinator = p.coordinator
    start = timezone.now() + timedelta(days=21)
    w.ln_series = event_services.series_create(
        actor=coordinator,
        format=w.fmt,
        title="Learning culture meetings",
        starts=[start, start + timedelta(days=28)],
    )
    coalition_services.coalition_update(
        actor=coordinator, coalition=w.learning_network, series=w.ln_series
    )
    for meeting in w.ln_series.events.all():
        event_services.event_update(actor=coordinator, event=meeting, audience="coalition")
        event_services.event_publish(actor=coordinator, event=meeting)
    w.ln_meeting = w.ln_series.events.order_by("series_number").first()
    w.coalition_series = event_services.series_create(
        actor=coordinator, format=w.fmt, title="Dropout meetings", starts=[start]
    )
    coalition_services.coalition_update(
        actor=coordinator, coalition=w.coalition, series=w.coalition_series
    )
    for meeting in w.coalition_series.events.all():
        event_services.event_publish(actor=coordinator, event=meeting)


def _selfassessment(w, p):
    staff = p.authority
    reading = sa_services.measure_save(
        actor=staff,
        authority=w.authority,
        code="read-5",
        name="Reading grade 5",
        threshold=Decimal("48"),
        unit="points",
    )
    w.measure = reading
    w.plan = sa_services.quality_plan_save(
        actor=staff, authority=w.authority, title="Quality plan", start_year=YEAR, end_year=2030
    )
    w.focus_area = sa_services.focus_area_save(actor=staff, plan=w.plan, title="Reading", order=1)
    w.goal = sa_services.goal_save(
        actor=staff, focus_area=w.focus_area, text="Pupils read well", order=1
    )
    w.indicator = sa_services.indicator_save(
        actor=staff,
        goal=w.goal,
        statement="Reading is taught in every subject.",
        order=1,
        measures=[reading],
    )
    # The results arrive by import, the all-or-nothing path of the app: a short file of
    # qnet's own codes needs no mapping, so upload (read at once) and commit.
    sa_services.result_import_commit(
        actor=staff,
        result_import=sa_services.result_import_upload(
            actor=staff,
            authority=w.authority,
            file_name="results-2025.csv",
            data=(
                "school,measure,year,value,n\n"
                f"{w.school_a.official_id},read-5,2025,45,30\n"
                f"{w.school_b.official_id},read-5,2025,52,30\n"
            ).encode(),
        ),
    )
    w.result_a = Result.objects.get(school=w.school_a, measure=reading)
    w.cycle = sa_services.cycle_open(
        actor=staff,
        plan=w.plan,
        year=YEAR,
        opens_on=date(YEAR, 1, 10),
        due_on=date(YEAR, 6, 30),
        schools=[w.school_a, w.school_b],
    )
    w.draft_a = w.cycle.assessments.get(school=w.school_a)
    submitted = w.cycle.assessments.get(school=w.school_b)
    entries = {
        rating.indicator_id: {"level": 3, "evidence": "We looked.", "next_steps": "More."}
        for rating in submitted.ratings.all()
    }
    submitted = sa_services.assessment_save_draft(
        actor=p.leader_b, assessment=submitted, version=submitted.version, entries=entries
    )
    w.submitted_b = sa_services.assessment_submit(
        actor=p.leader_b, assessment=submitted, version=submitted.version
    )
    w.meeting_b = sa_services.dialogue_meeting_plan(
        actor=staff,
        school=w.school_b,
        cycle=w.cycle,
        starts_at=datetime(YEAR, 9, 1, 13, 0, tzinfo=BERLIN),
        place="School B, room 1",
    )
    w.agreement_b = sa_services.agreement_create(
        actor=staff,
        meeting=w.meeting_b,
        action="Weekly reading sessions",
        owner="Principal",
        due_on=date(YEAR, 12, 1),
    )
    w.agreement_proposal = sa_services.agreement_propose(
        actor=p.leader_b, agreement=w.agreement_b, status="done", reason="Every class reads."
    )
    # An official export uploaded and read (small files are read at once), not committed.
    w.result_import = sa_services.result_import_upload(
        actor=staff,
        authority=w.authority,
        file_name="results-2025-26.csv",
        data=(
            "school_id,id_scheme,school_year,measure_code,breakdown,value,n,status,unit,source\n"
            f"{w.school_a.official_id},de_schulnummer,2025-26,read-5,all,47,30,reported,points,"
            "VERA 3\n"
        ).encode(),
    )
    # The anonymous staff survey needs three colleagues at School A.
    for n in range(2):
        MembershipFactory(
            user=UserFactory(email=f"colleague-{n}@example.org"),
            role=Role.SCHOOL_STAFF,
            school=w.school_a,
        )
    before = set(OutboxMessage.objects.values_list("pk", flat=True))
    w.survey = sa_services.staff_survey_open(
        actor=p.leader_a, assessment=w.draft_a, min_responses=3
    )
    link = OutboxMessage.objects.exclude(pk__in=before).order_by("pk").first()
    w.survey_token = re.search(r"/self-assessment/survey/([^/\s]+)/", link.body_text).group(1)


def _reports(w, p):
    staff = p.authority
    draft = report_services.report_start(
        actor=staff, authority=w.authority, year=2025, title="Quality report 2025"
    )
    in_review = report_services.report_submit_for_review(
        actor=staff, report=draft, reviewers=[staff]
    )
    w.published_report = report_services.report_publish(actor=staff, report=in_review)
    # Publishing queues the PDF on commit, which a test transaction never reaches.
    rendition = report_services.rendition_request(
        actor=staff, report=w.published_report, kind=Rendition.Kind.PDF
    )
    report_services.rendition_render(rendition_id=rendition.pk)
    w.draft_report = report_services.report_start(
        actor=staff, authority=w.authority, year=YEAR, title="Quality report 2026"
    )
    # In review: still its authority's alone, with no PDF to download yet.
    w.review_report = report_services.report_submit_for_review(
        actor=staff,
        report=report_services.report_start(
            actor=staff, authority=w.authority, year=2024, title="Quality report 2024"
        ),
        reviewers=[staff],
    )
    w.published_section = w.published_report.sections.order_by("order").first()
    w.draft_section = w.draft_report.sections.order_by("order").first()
    w.review_section = w.review_report.sections.order_by("order").first()
