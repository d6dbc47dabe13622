"""A coalition's own meetings: audience, the facilitator's powers, whole-series
registration, inviting the member schools, a poll that moves a meeting, attendance."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from coalitions import services as coalition_services
from coalitions.models import CoalitionMember
from coalitions.tests.meetings_world import build
from events import selectors, series_selectors
from events import services as event_services
from events.models import Event, Registration
from events.rules import can_manage_event, can_manage_series
from events.services.series_meetings import series_meeting_create, series_register
from qnet.models import OutboxMessage, User
from qnet.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(coordinator, lw):
    """A series of the network that no coalition owns."""
    return event_services.series_create(
        actor=coordinator,
        format=lw.fmt,
        title="Coordinator meetings",
        starts=[timezone.now() + timedelta(days=20)],
    )


@pytest.fixture
def lw(world, coordinator, facilitator, leader_a, staff_a):
    return build(
        world, coordinator=coordinator, facilitator=facilitator, leader_a=leader_a, staff_a=staff_a
    )


def fresh(user) -> User:
    """The user as a new request sees them: nothing kept on the object."""
    return User.objects.get(pk=user.pk)


def sees(user, event) -> bool:
    return selectors.events_visible_to(fresh(user)).filter(pk=event.pk).exists()


# --- audience ----------------------------------------------------------------------


def test_members_only_meetings_are_seen_by_the_members_and_those_who_run_the_network(
    lw,
    leader_a,
    staff_a,
    leader_b,
    coordinator,
    facilitator,
    authority_staff,
    other_authority_staff,
):
    meeting = lw.meetings[0]
    for person in (leader_a, staff_a, facilitator, coordinator, authority_staff):
        assert sees(person, meeting), person
    for person in (leader_b, other_authority_staff):
        assert not sees(person, meeting), person
    # The network meeting is the network's, as ever: leader B sees it.
    assert sees(leader_b, lw.network_meeting)


def test_people_of_a_member_school_see_the_meetings_without_being_members_themselves(
    lw, world, coordinator
):
    colleague = UserFactory(email="colleague-a@example.org")
    from qnet.models import Membership, Role

    Membership.objects.create(user=colleague, role=Role.SCHOOL_STAFF, school=world.school_a)
    assert sees(colleague, lw.meetings[0])


def test_only_a_coalitions_series_can_have_the_members_audience(coordinator, lw):
    with pytest.raises(ValidationError, match="coalition's series"):
        event_services.event_update(
            actor=coordinator, event=lw.network_meeting, audience=Event.Audience.COALITION
        )


def test_a_member_who_is_not_in_the_audience_cannot_register(lw, leader_b):
    with pytest.raises(Http404):
        selectors.event_get_for_user(user=fresh(leader_b), pk=lw.meetings[0].pk)


# --- cached visibility follows the coalition -------------------------------------------


def test_cached_visibility_ends_when_a_person_leaves_the_coalition(lw, leader_a, coordinator):
    meeting = lw.meetings[0]
    assert selectors.event_get_for_user(user=fresh(leader_a), pk=meeting.pk) == meeting
    # School A stays a member school through staff A: remove both of School A.
    for member in lw.coalition.members.filter(school__isnull=False):
        coalition_services.member_remove(actor=coordinator, member=member)
    with pytest.raises(Http404):
        selectors.event_get_for_user(user=fresh(leader_a), pk=meeting.pk)


def test_cached_visibility_begins_when_a_person_joins_the_coalition(
    lw, leader_b, coordinator, world
):
    meeting = lw.meetings[0]
    # Leader B sees the network meeting (kept in the cache) and not the members' one.
    assert selectors.event_get_for_user(user=fresh(leader_b), pk=lw.network_meeting.pk)
    with pytest.raises(Http404):
        selectors.event_get_for_user(user=fresh(leader_b), pk=meeting.pk)
    coalition_services.member_add(
        actor=coordinator, coalition=lw.coalition, person=leader_b, school=world.school_b
    )
    assert selectors.event_get_for_user(user=fresh(leader_b), pk=meeting.pk) == meeting


def test_cached_visibility_ends_when_the_audience_becomes_the_members(lw, leader_b, coordinator):
    meeting = lw.meetings[1]
    event_services.event_update(actor=coordinator, event=meeting, audience=Event.Audience.NETWORK)
    assert selectors.event_get_for_user(user=fresh(leader_b), pk=meeting.pk) == meeting
    event_services.event_update(actor=coordinator, event=meeting, audience=Event.Audience.COALITION)
    with pytest.raises(Http404):
        selectors.event_get_for_user(user=fresh(leader_b), pk=meeting.pk)


def test_the_dashboard_panel_follows_joining_the_coalition(lw, leader_b, coordinator, world, login):
    client = login(leader_b)
    assert lw.meetings[0].title not in client.get("/").content.decode()
    coalition_services.member_add(
        actor=coordinator, coalition=lw.coalition, person=leader_b, school=world.school_b
    )
    assert lw.meetings[0].title in client.get("/").content.decode()


# --- who runs the series ------------------------------------------------------------------


def test_the_facilitator_runs_her_coalitions_meetings_and_nothing_else_of_the_network(
    lw, facilitator
):
    facilitator = fresh(facilitator)
    assert can_manage_series(facilitator, lw.series)
    assert all(can_manage_event(facilitator, meeting) for meeting in lw.meetings)
    assert not can_manage_event(facilitator, lw.network_meeting)
    assert not sees(facilitator, lw.network_meeting)
    with pytest.raises(PermissionDenied):
        event_services.event_create(
            actor=facilitator, format=lw.fmt, starts_at=timezone.now() + timedelta(days=3)
        )
    with pytest.raises(PermissionDenied):
        event_services.event_update(actor=facilitator, event=lw.network_meeting, title="Mine")
    moved = event_services.event_update(
        actor=facilitator, event=lw.meetings[0], title="First meeting: our questions"
    )
    assert moved.title == "First meeting: our questions"


def test_the_facilitator_adds_a_draft_meeting_at_the_end_of_the_series(lw, facilitator):
    starts = timezone.now() + timedelta(days=200)
    meeting = series_meeting_create(actor=fresh(facilitator), series=lw.series, starts_at=starts)
    assert meeting.series_number == 4
    assert meeting.status == Event.Status.DRAFT
    assert meeting.audience == Event.Audience.COALITION
    assert meeting.ends_at == starts + lw.fmt.default_duration
    lw.series.refresh_from_db()
    assert lw.series.size == 4
    # A draft of her series is hers to see; members see it once it is published.
    assert sees(facilitator, meeting)


def test_a_lead_runs_the_series_and_a_member_does_not(lw, leader_a, coordinator):
    member = lw.coalition.members.get(person=leader_a)
    assert not can_manage_series(fresh(leader_a), lw.series)
    with pytest.raises(PermissionDenied):
        series_meeting_create(
            actor=fresh(leader_a), series=lw.series, starts_at=timezone.now() + timedelta(days=9)
        )
    coalition_services.member_role_change(
        actor=coordinator, member=member, role=CoalitionMember.Role.LEAD
    )
    assert can_manage_series(fresh(leader_a), lw.series)


def test_the_facilitator_does_not_run_another_series(lw, facilitator, coordinator, series):
    assert not can_manage_series(fresh(facilitator), series)
    with pytest.raises(PermissionDenied):
        series_meeting_create(
            actor=fresh(facilitator), series=series, starts_at=timezone.now() + timedelta(days=9)
        )


def test_a_series_belongs_to_one_coalition_of_its_network(lw, coordinator, world):
    other = coalition_services.coalition_create(
        actor=coordinator, network=world.network, title="Second"
    )
    with pytest.raises(ValidationError, match="owns this series"):
        coalition_services.coalition_update(actor=coordinator, coalition=other, series=lw.series)


# --- registering for the whole series -------------------------------------------------


def test_a_member_registers_for_every_upcoming_meeting_in_one_step(lw, leader_a):
    result = series_register(actor=fresh(leader_a), series=lw.series)
    assert result.confirmed == lw.meetings
    assert (
        Registration.objects.filter(
            person=leader_a, event__series=lw.series, status=Registration.Status.CONFIRMED
        ).count()
        == 3
    )
    # One confirmation per meeting, through the usual mail (beside the notices that the
    # meetings were published).
    assert (
        OutboxMessage.objects.filter(
            to=leader_a.email, subject__startswith="You are registered"
        ).count()
        == 3
    )


def test_a_full_meeting_puts_the_person_on_its_waiting_list(lw, leader_a, staff_a, coordinator):
    second = lw.meetings[1]
    event_services.event_update(actor=coordinator, event=second, capacity=1)
    event_services.registration_create(actor=fresh(staff_a), event=second)
    result = series_register(actor=fresh(leader_a), series=lw.series)
    assert result.confirmed == [lw.meetings[0], lw.meetings[2]]
    assert result.waitlisted == [second]
    registration = Registration.objects.get(event=second, person=leader_a)
    assert registration.status == Registration.Status.WAITLISTED
    assert registration.waitlisted_at is not None


def test_seats_per_school_hold_for_whole_series_registration(lw, leader_a, staff_a, coordinator):
    first = lw.meetings[0]
    event_services.event_update(actor=coordinator, event=first, seats_per_school=1)
    series_register(actor=fresh(staff_a), series=lw.series)
    result = series_register(actor=fresh(leader_a), series=lw.series)
    assert result.waitlisted == [first]


def test_meetings_already_registered_or_closed_are_reported_and_the_rest_count(
    lw, leader_a, coordinator
):
    event_services.registration_create(actor=fresh(leader_a), event=lw.meetings[0])
    Event.objects.filter(pk=lw.meetings[2].pk).update(
        registration_closes_at=timezone.now() - timedelta(hours=1),
        registration_opens_at=timezone.now() - timedelta(days=2),
    )
    result = series_register(actor=fresh(leader_a), series=lw.series)
    assert result.already == [lw.meetings[0]]
    assert result.confirmed == [lw.meetings[1]]
    assert [event for event, _reason in result.refused] == [lw.meetings[2]]


def test_a_leader_registers_a_colleague_for_the_series(lw, leader_a, staff_a):
    result = series_register(actor=fresh(leader_a), series=lw.series, person=staff_a)
    assert len(result.confirmed) == 3
    assert set(
        Registration.objects.filter(person=staff_a).values_list("registered_by", flat=True)
    ) == {leader_a.pk}


def test_nobody_registers_someone_else_who_is_not_their_colleague(lw, leader_a, facilitator):
    with pytest.raises(PermissionDenied):
        series_register(actor=fresh(leader_a), series=lw.series, person=facilitator)
    assert not Registration.objects.filter(person=facilitator).exists()


def test_someone_outside_the_audience_has_nothing_to_register_for(lw, leader_b):
    with pytest.raises(ValidationError, match="no upcoming meeting"):
        series_register(actor=fresh(leader_b), series=lw.series)


# --- inviting the member schools ---------------------------------------------------------


def test_inviting_the_member_schools_invites_them_to_every_upcoming_meeting(
    lw, facilitator, coordinator, leader_b, world
):
    coalition_services.member_add(
        actor=coordinator, coalition=lw.coalition, person=leader_b, school=world.school_b
    )
    changed = coalition_services.coalition_schools_invite(
        actor=fresh(facilitator), coalition=lw.coalition
    )
    assert changed == 3
    for meeting in lw.series.events.all():
        assert meeting.audience == Event.Audience.INVITED
        assert set(meeting.invited_schools.all()) == {world.school_a, world.school_b}
    # Done again, nothing changes.
    again = coalition_services.coalition_schools_invite(
        actor=fresh(facilitator), coalition=lw.coalition
    )
    assert again == 0


def test_a_member_may_not_invite_the_schools(lw, leader_a):
    with pytest.raises(PermissionDenied):
        coalition_services.coalition_schools_invite(actor=fresh(leader_a), coalition=lw.coalition)


# --- a date poll moves an existing meeting ---------------------------------------------


def test_closing_a_poll_about_a_meeting_moves_it_and_keeps_its_registrations(
    lw, facilitator, leader_a
):
    meeting = lw.meetings[0]
    event_services.event_update(actor=fresh(facilitator), event=meeting, venue_name="School A")
    registration = event_services.registration_create(actor=fresh(leader_a), event=meeting)
    new_start = meeting.starts_at + timedelta(days=2)
    poll = event_services.date_poll_create(
        actor=fresh(facilitator),
        format=lw.fmt,
        title="When do we meet first?",
        options=[{"starts_at": new_start, "ends_at": new_start + timedelta(hours=3)}],
        event=meeting,
    )
    OutboxMessage.objects.all().delete()
    events_before = Event.objects.count()
    moved = event_services.date_poll_close(
        actor=fresh(facilitator), poll=poll, option=poll.options.get()
    )
    assert moved.pk == meeting.pk
    assert Event.objects.count() == events_before
    assert moved.starts_at == new_start
    assert moved.venue_name == "School A"  # the option named no place
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert OutboxMessage.objects.filter(to=leader_a.email).exists()


def test_only_who_runs_a_meeting_polls_for_its_date(lw, leader_a, series, facilitator):
    start = timezone.now() + timedelta(days=40)
    option = [{"starts_at": start, "ends_at": start + timedelta(hours=2)}]
    with pytest.raises(PermissionDenied):
        event_services.date_poll_create(
            actor=fresh(leader_a), format=lw.fmt, title="x", options=option, event=lw.meetings[0]
        )
    other_meeting = series.events.first()
    with pytest.raises(PermissionDenied):
        event_services.date_poll_create(
            actor=fresh(facilitator),
            format=other_meeting.format,
            title="x",
            options=option,
            event=other_meeting,
        )


# --- attendance across the series ---------------------------------------------------------


def test_the_overview_shows_each_person_at_each_meeting(lw, leader_a, staff_a, coordinator):
    series_register(actor=fresh(leader_a), series=lw.series)
    event_services.registration_create(actor=fresh(staff_a), event=lw.meetings[1])
    first = lw.meetings[0]
    Event.objects.filter(pk=first.pk).update(
        starts_at=timezone.now() - timedelta(hours=4), ends_at=timezone.now() - timedelta(hours=1)
    )
    first.refresh_from_db()
    registration = Registration.objects.get(event=first, person=leader_a)
    event_services.attendance_mark(
        actor=coordinator, event=first, marks={registration.pk: "present"}
    )
    overview = series_selectors.series_attendance(lw.series)
    rows = {row.label: row.cells for row in overview.rows}
    assert rows[str(leader_a)] == ["present", "registered", "registered"]
    assert rows[str(staff_a)] == ["", "registered", ""]
    assert overview.present == [1, 0, 0]


def test_a_poll_about_a_members_only_meeting_is_for_those_who_see_it(
    lw, facilitator, leader_a, leader_b
):
    start = timezone.now() + timedelta(days=40)
    poll = event_services.date_poll_create(
        actor=fresh(facilitator),
        format=lw.fmt,
        title="When?",
        options=[{"starts_at": start, "ends_at": start + timedelta(hours=2)}],
        event=lw.meetings[0],
    )
    assert selectors.polls_visible_to(fresh(leader_a)).filter(pk=poll.pk).exists()
    assert selectors.polls_visible_to(fresh(facilitator)).filter(pk=poll.pk).exists()
    assert not selectors.polls_visible_to(fresh(leader_b)).filter(pk=poll.pk).exists()
