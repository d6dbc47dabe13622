from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone

from events import selectors
from events.models import Event, Registration
from events.tests.factories import EventFactory, FormatFactory
from qnet.models import NetworkMembership
from qnet.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def visible(user):
    return set(selectors.events_visible_to(user).values_list("title", flat=True))


@pytest.fixture
def events(world, fmt):
    other = FormatFactory(network=world.other_network)
    EventFactory(format=fmt, title="network")
    EventFactory(format=fmt, title="draft", status=Event.Status.DRAFT)
    invited = EventFactory(format=fmt, title="invited-b", audience=Event.Audience.INVITED)
    invited.invited_schools.add(world.school_b)
    EventFactory(format=other, title="other")
    EventFactory(format=other, title="other-public", audience=Event.Audience.PUBLIC)


def test_members_see_their_networks_published_events_and_public_ones(events, leader_a, leader_b):
    assert visible(leader_a) == {"network", "other-public"}
    assert visible(leader_b) == {"network", "invited-b", "other-public"}


def test_coordinators_also_see_drafts_of_their_network(events, coordinator):
    assert visible(coordinator) == {"network", "draft", "invited-b", "other-public"}


def test_authority_staff_see_their_authoritys_networks(events, authority_staff):
    assert visible(authority_staff) == {"network", "invited-b", "other-public"}


def test_people_without_a_role_see_public_events_and_their_own(events, world):
    nobody = UserFactory()
    assert visible(nobody) == {"other-public"}
    Registration.objects.create(
        event=Event.objects.get(title="other"), person=nobody, status="confirmed"
    )
    assert visible(nobody) == {"other-public", "other"}


def test_colleagues_are_the_people_of_the_leaders_schools(leader_a, staff_a, leader_b, event):
    assert selectors.colleagues_registrable_by(user=leader_a, event=event) == [staff_a]
    assert selectors.colleagues_registrable_by(user=staff_a, event=event) == []


def test_the_dashboard_shows_the_next_five_of_the_users_networks(leader_a, fmt, world):
    for _ in range(7):
        EventFactory(format=fmt)
    EventFactory(format=FormatFactory(network=world.other_network), audience=Event.Audience.PUBLIC)
    shown = selectors.dashboard_events_for(leader_a)
    assert len(shown) == 5
    assert all(event.network_id == world.network.pk for event in shown)


def test_event_get_for_user_agrees_with_the_visibility_filter_for_every_persona(events, personas):
    """EventScope.admits (one event's page) and EventScope.q (lists) give the same
    answers, for every event and persona."""
    for user in [*vars(personas).values(), AnonymousUser()]:
        seen = set()
        for event in Event.objects.all():
            try:
                selectors.event_get_for_user(user=user, pk=event.pk)
            except Http404:
                continue
            seen.add(event.title)
        assert seen == visible(user), user


def test_a_changed_event_is_fetched_again(events, leader_a):
    event = Event.objects.get(title="network")
    selectors.event_get_for_user(user=leader_a, pk=event.pk)
    Event.objects.filter(pk=event.pk).update(venue_name="Town hall")
    assert selectors.event_get_for_user(user=leader_a, pk=event.pk).venue_name == "Town hall"


def test_a_newly_invited_school_sees_the_event_at_once(events, world, leader_a):
    invited = Event.objects.get(title="invited-b")
    with pytest.raises(Http404):
        selectors.event_get_for_user(user=leader_a, pk=invited.pk)
    invited.invited_schools.add(world.school_a)
    assert selectors.event_get_for_user(user=leader_a, pk=invited.pk) == invited


def test_a_school_leaving_the_network_loses_the_event_at_once(events, world, leader_a):
    event = Event.objects.get(title="network")
    assert selectors.event_get_for_user(user=leader_a, pk=event.pk) == event
    NetworkMembership.objects.filter(school=world.school_a).delete()
    with pytest.raises(Http404):
        selectors.event_get_for_user(user=leader_a, pk=event.pk)


def test_the_page_check_and_the_list_filter_agree_on_every_rule(
    events, personas, world, fmt, dialogue_event
):
    """EventScope has the rules twice (a filter for lists, a check for one event's page):
    every rule they hold, for every persona, must give the same answer."""
    from coalitions.models import CoalitionMember
    from coalitions.tests.factories import CoalitionFactory, CoalitionMemberFactory
    from events.models import Series

    EventFactory(format=fmt, title="cancelled", status=Event.Status.CANCELLED)
    elsewhere = EventFactory(format=FormatFactory(network=world.other_network), title="held")
    Registration.objects.create(event=elsewhere, person=personas.staff_a, status="confirmed")
    series = Series.objects.create(network=world.network, format=fmt, title="Coalition meetings")
    coalition = CoalitionFactory(network=world.network, series=series)
    CoalitionMemberFactory(coalition=coalition, school=world.school_b)
    CoalitionMemberFactory(
        coalition=coalition, person=personas.facilitator, role=CoalitionMember.Role.FACILITATOR
    )
    for status in (Event.Status.PUBLISHED, Event.Status.DRAFT):
        EventFactory(
            format=fmt,
            series=series,
            title=f"members-{status}",
            status=status,
            audience=Event.Audience.COALITION,
        )
    left = EventFactory(format=fmt, title="invited-a", audience=Event.Audience.INVITED)
    left.invited_schools.add(world.school_a)
    for user in [*vars(personas).values(), AnonymousUser()]:
        admitted = {
            event.title
            for event in Event.objects.select_related("network")
            if selectors.EventScope(user).admits(event)
        }
        assert admitted == visible(user), user
    # School A leaves the network: what came through it goes, what is one's own stays.
    NetworkMembership.objects.filter(school=world.school_a).update(
        since=date(2020, 1, 1), until=timezone.localdate() - timedelta(days=1)
    )
    for user in (personas.leader_a, personas.staff_a):
        admitted = {
            event.title
            for event in Event.objects.select_related("network")
            if selectors.EventScope(user).admits(event)
        }
        assert admitted == visible(user)
        assert "held" not in admitted or user == personas.staff_a


def test_the_scope_statement_names_the_models_tables():
    sql, _params = selectors.scope_ids_query(person_id=1, school_ids={1, 2}, today=date.today())
    for model in (Registration, NetworkMembership, Event.invited_schools.through, Event):
        assert f" {model._meta.db_table} " in sql


def test_the_scope_statement_reads_what_the_orm_rules_say(events, personas, world, fmt):
    """EventScope reads its ids with one SQL statement; the same reads written with the
    models' own rules (Registration.ACTIVE, NetworkMembership.objects.current()) must give
    the same ids, on the edge days of a membership too."""
    Registration.objects.create(
        event=Event.objects.get(title="network"), person=personas.leader_a, status="confirmed"
    )
    Registration.objects.create(
        event=Event.objects.get(title="other"), person=personas.leader_a, status="cancelled"
    )
    Event.objects.get(title="invited-b").invited_schools.add(world.school_a)
    today = timezone.localdate()

    def by_the_orm(user):
        school_ids = selectors.EventScope(user).roles.school_ids
        registered = set(
            Registration.objects.filter(person=user, status__in=Registration.ACTIVE).values_list(
                "event_id", flat=True
            )
        )
        networks = set(
            NetworkMembership.objects.current()
            .filter(school_id__in=school_ids)
            .values_list("school_id", "network_id")
        )
        invited = {
            event_id
            for event_id, school_id, network_id in Event.invited_schools.through.objects.filter(
                school_id__in=school_ids
            ).values_list("event_id", "school_id", "event__network_id")
            if network_id is None or (school_id, network_id) in networks
        }
        return registered, networks, invited

    memberships = NetworkMembership.objects.filter(school=world.school_a)
    for since, until in [
        (today, today),
        (today - timedelta(days=30), None),
        (today + timedelta(days=1), None),
        (today - timedelta(days=30), today - timedelta(days=1)),
    ]:
        memberships.update(since=since, until=until)
        for user in vars(personas).values():
            registered, networks, invited = selectors.EventScope(user)._ids
            assert (set(registered), set(networks), set(invited)) == by_the_orm(user), (
                user,
                since,
                until,
            )


def test_the_scope_statement_runs_on_sqlite_too():
    """The embedded demo runs on SQLite: the statement must be SQL both read."""
    import sqlite3

    db = sqlite3.connect(":memory:")
    db.executescript(
        """
        CREATE TABLE events_registration (event_id INTEGER, person_id INTEGER, status TEXT);
        CREATE TABLE qnet_networkmembership (
            school_id INTEGER, network_id INTEGER, since DATE, until DATE);
        CREATE TABLE events_event (id INTEGER, network_id INTEGER);
        CREATE TABLE events_event_invited_schools (event_id INTEGER, school_id INTEGER);
        INSERT INTO events_registration VALUES (10, 1, 'confirmed'), (11, 1, 'cancelled');
        INSERT INTO qnet_networkmembership VALUES
            (5, 7, '2020-01-01', NULL), (5, 8, '2020-01-01', '2021-01-01');
        INSERT INTO events_event VALUES (12, 7);
        INSERT INTO events_event_invited_schools VALUES (12, 5);
        """
    )
    sql, params = selectors.scope_ids_query(person_id=1, school_ids={5}, today=date(2026, 1, 1))
    rows = db.execute(
        sql.replace("%s", "?"), [str(p) if isinstance(p, date) else p for p in params]
    )
    assert sorted(rows) == [
        ("invited", 12, 5, 7),
        ("member", 5, 7, None),
        ("registered", 10, None, None),
    ]
