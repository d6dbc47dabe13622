"""Reads of events, each scoped to what the user may see."""

import functools
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import groupby

from django.db import connection
from django.db.models import (
    CharField,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, NullIf
from django.http import Http404
from django.utils import timezone

from events import groups
from events.models import (
    ActionItem,
    AgendaItem,
    AgendaProposal,
    Attachment,
    CalendarFeed,
    DatePoll,
    DatePollOption,
    DatePollVote,
    Event,
    Format,
    GuestInvitation,
    Kind,
    Minutes,
    Registration,
    Series,
)
from qnet import caching
from qnet.models import Authority, Membership, Network, NetworkMembership, Role, School, User
from qnet.rules import roles_of
from qnet.selectors import current_network_ids_of, current_school_ids_of, in_order

VISIBLE_STATUSES = (Event.Status.PUBLISHED, Event.Status.CANCELLED)


def scope_ids_query(*, person_id: int, school_ids, today) -> tuple[str, list]:
    """EventScope's read, as one statement: (tag, a, b, c) rows.

    Written as SQL because the same UNION built with the ORM cost 2-3 ms per request to
    build and compile (measured in-process, about three times its round trip), and every
    event page and list asks it. The rules are the ORM's: active registrations, network
    memberships in force today (qnet.models.current_memberships_q: from `since` up to and
    including `until`), and the invitations of one's schools with the invited event's
    network; events/tests/test_selectors.py holds the two to the same answers. Plain SQL
    that PostgreSQL and SQLite (the embedded demo) both read; only placeholders are put
    into the text, the values go as parameters."""
    active = list(Registration.ACTIVE)
    parts = [
        "SELECT 'registered', event_id, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)"  # noqa: S608  # nosec B608
        " FROM events_registration"
        f" WHERE person_id = %s AND status IN ({_placeholders(active)})"
    ]
    params: list = [person_id, *active]
    schools = sorted(school_ids)
    if schools:
        parts.append(
            "SELECT 'member', school_id, network_id, CAST(NULL AS BIGINT)"  # noqa: S608  # nosec B608
            " FROM qnet_networkmembership"
            f" WHERE school_id IN ({_placeholders(schools)})"
            " AND since <= %s AND (until IS NULL OR until >= %s)"
        )
        params += [*schools, today, today]
        parts.append(
            "SELECT 'invited', invitation.event_id, invitation.school_id, event.network_id"  # noqa: S608  # nosec B608
            " FROM events_event_invited_schools invitation"
            " JOIN events_event event ON event.id = invitation.event_id"
            f" WHERE invitation.school_id IN ({_placeholders(schools)})"
        )
        params += schools
    return " UNION ALL ".join(parts), params


def _placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


class EventScope:
    """Which events a person may see: the rules of DESIGN.md, once as a filter for lists
    (`q`) and once as a check of one event (`admits`), side by side so that they change
    together; events/tests/test_selectors.py holds them to the same answers.

    What a person sees through a school's network membership (the network's events, an
    invitation of the school to one of them) lasts as long as the membership. What they
    hold in their own name stays: the events they are registered for, so they can still
    read, attend or cancel what they signed up to; the coordinator may cancel such a
    registration. Meetings of a coalition's series are for its members when the audience
    says so, drafts included for its facilitator and leads, who run them (events.groups).

    The ids are read lazily, in one statement, and go into the filter as plain lists:
    a filter of a dozen subqueries cost more to compile and plan than the rest of an
    event page. An event's page checks its one event in Python and reads the ids only if
    its rules get that far (not for a public event or one the person runs)."""

    def __init__(self, user):
        self.user = user
        self.roles = roles_of(user)

    @functools.cached_property
    def _ids(self) -> tuple[frozenset[int], frozenset[tuple[int, int]], frozenset[int]]:
        """One's registrations, one's schools' current networks (school, network) and the
        invitations of one's schools, read in one round trip. Anonymous people have none."""
        if not self.user.is_authenticated:
            return frozenset(), frozenset(), frozenset()
        sql, params = scope_ids_query(
            person_id=self.user.pk,
            school_ids=self.roles.school_ids,
            # The day of current_memberships_q (NetworkMembership.objects.current()).
            today=timezone.localdate(),
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        school_networks = frozenset((a, b) for tag, a, b, _c in rows if tag == "member")
        # A network event invites schools of the network: one that has left it since is
        # invited no more. A dialogue meeting (no network) invites the school itself.
        invited = frozenset(
            event_id
            for tag, event_id, school_id, network_id in rows
            if tag == "invited"
            and (network_id is None or (school_id, network_id) in school_networks)
        )
        registered = frozenset(a for tag, a, _b, _c in rows if tag == "registered")
        return registered, school_networks, invited

    @property
    def ids_read(self) -> bool:
        """Whether the ids have been read in this request (reading them is a query)."""
        return "_ids" in self.__dict__

    def school_ids_in_network(self, network_id: int) -> frozenset[int]:
        """One's schools that belong to the network today."""
        return frozenset(school for school, network in self._ids[1] if network == network_id)

    @property
    def registered_event_ids(self) -> frozenset[int]:
        return self._ids[0]

    @functools.cached_property
    def member_network_ids(self) -> frozenset[int]:
        return frozenset(network_id for _school_id, network_id in self._ids[1])

    @property
    def invited_event_ids(self) -> frozenset[int]:
        return self._ids[2]

    @property
    def audience_series_ids(self) -> frozenset[int]:
        return groups.series_of(self.user).audience

    @property
    def managed_series_ids(self) -> frozenset[int]:
        return groups.series_of(self.user).managed

    def q(self) -> Q:
        published = Q(status__in=VISIBLE_STATUSES)
        shown = Q(audience=Event.Audience.PUBLIC)
        if not self.user.is_authenticated:
            return published & shown
        roles = self.roles
        shown |= Q(network__authority_id__in=roles.authority_ids)
        shown |= Q(audience=Event.Audience.NETWORK, network_id__in=self.member_network_ids)
        shown |= Q(pk__in=self.registered_event_ids)
        shown |= Q(audience=Event.Audience.INVITED, pk__in=self.invited_event_ids)
        shown |= Q(audience=Event.Audience.COALITION, series_id__in=self.audience_series_ids)
        # Drafts too: for the people who run the event.
        runs = Q(network_id__in=roles.coordinator_network_ids)
        runs |= Q(authority_id__in=roles.authority_ids)
        runs |= Q(series_id__in=self.managed_series_ids)
        return (published & shown) | runs

    def admits(self, event: Event) -> bool:
        """`q` for one event (fetched with its network). The cheap rules come first."""
        roles = self.roles
        if self.user.is_authenticated and (
            event.network_id in roles.coordinator_network_ids
            or event.authority_id in roles.authority_ids
        ):
            return True
        if event.status not in VISIBLE_STATUSES:
            return self.user.is_authenticated and event.series_id in self.managed_series_ids
        if event.audience == Event.Audience.PUBLIC:
            return True
        if not self.user.is_authenticated:
            return False
        return (
            (event.network_id is not None and event.network.authority_id in roles.authority_ids)
            or (
                event.audience == Event.Audience.NETWORK
                and event.network_id in self.member_network_ids
            )
            or event.pk in self.registered_event_ids
            or (event.audience == Event.Audience.INVITED and event.pk in self.invited_event_ids)
            or (
                event.audience == Event.Audience.COALITION
                and event.series_id in self.audience_series_ids
            )
            or (event.series_id is not None and event.series_id in self.managed_series_ids)
        )


def events_visible_to(user) -> QuerySet[Event]:
    return Event.objects.filter(EventScope(user).q())


def _with_own_status(queryset: QuerySet[Event], user) -> QuerySet[Event]:
    """Adds `own_status`: the user's active registration state, in the same query."""
    if not user.is_authenticated:
        return queryset
    own = Registration.objects.filter(
        event=OuterRef("pk"), person=user, status__in=Registration.ACTIVE
    ).values("status")[:1]
    return queryset.annotate(own_status=Subquery(own))


def _list_related(queryset: QuerySet[Event]) -> QuerySet[Event]:
    return queryset.select_related("format", "network", "series", "host_school")


def upcoming_event_keys_for(user, *, kind: str = "") -> list[tuple[int, str | None]]:
    """(pk, own registration state) of the upcoming events the user sees, in list order:
    the page is cut from it, and its rows come from the cache on most requests
    (events_in_order on the others)."""
    queryset = events_visible_to(user).filter(ends_at__gte=timezone.now())
    if kind:
        queryset = queryset.filter(format__kind=kind)
    queryset = queryset.order_by("starts_at", "pk")
    if not user.is_authenticated:
        return [(pk, None) for pk in queryset.values_list("pk", flat=True)]
    return list(_with_own_status(queryset, user).values_list("pk", "own_status"))


def events_in_order(keys: list[tuple[int, str | None]]) -> list[Event]:
    """The events of upcoming_event_keys_for, ready for their rows, in the same order."""
    events = in_order(_list_related(Event.objects.all()), [pk for pk, _status in keys])
    for event, (_pk, own_status) in zip(events, keys, strict=True):
        event.own_status = own_status
    return events


# What an event's row shows besides its own fields (its key in qnet.caching).
EVENT_ROW_DEPENDS_ON = (Event, Format, Series, Network, School)
# What an event page's facts show: the row's, the agenda and its seats, the speakers.
EVENT_FACTS_DEPENDS_ON = (*EVENT_ROW_DEPENDS_ON, AgendaItem, Registration, GuestInvitation)
# What EventPage reads: the event with its authority, the agenda, the minutes, the files.
EVENT_PAGE_DEPENDS_ON = (
    *EVENT_ROW_DEPENDS_ON,
    Authority,
    AgendaItem,
    Registration,
    Minutes,
    ActionItem,
    Attachment,
)
# What the participants page shows: the people, their registrations and roles, the
# guests, and the audience's schools that have not answered.
PARTICIPANTS_DEPENDS_ON = (
    Event,
    Registration,
    AgendaItem,
    User,
    School,
    Membership,
    NetworkMembership,
    GuestInvitation,
)


def events_between(user, *, start, end, kind: str = "") -> QuerySet[Event]:
    queryset = events_visible_to(user).filter(starts_at__lt=end, ends_at__gte=start)
    if kind:
        queryset = queryset.filter(format__kind=kind)
    return _with_own_status(_list_related(queryset), user).order_by("starts_at", "pk")


def dashboard_events_for(user, *, limit: int = 5) -> list[Event]:
    """The next events of the user's networks (not every public one) for the dashboard."""
    roles = roles_of(user)
    scoped = Q(pk__in=[])
    if roles.school_ids:
        scoped |= Q(network_id__in=current_network_ids_of(roles.school_ids))
    scoped |= Q(network_id__in=roles.coordinator_network_ids)
    scoped |= Q(network__authority_id__in=roles.authority_ids)
    scoped |= Q(authority_id__in=roles.authority_ids)
    queryset = (
        events_visible_to(user)
        .filter(scoped, status=Event.Status.PUBLISHED, ends_at__gte=timezone.now())
        .order_by("starts_at", "pk")
    )
    return list(_with_own_status(_list_related(queryset), user)[:limit])


def event_get_for_user(*, user, pk: int) -> Event:
    """The event, 404 if the user may not see it: fetched by its key and checked in
    Python (EventScope.admits). Services lock and read the row again before they write."""
    try:
        event = Event.objects.select_related(*EVENT_RELATED).get(pk=pk)
    except Event.DoesNotExist:
        raise Http404 from None
    if not EventScope(user).admits(event):
        raise Http404
    return event


@dataclass
class EventPage:
    """What an event's page reads that is the same for everyone who may open it: the
    event with what it is shown with, its agenda (with the seats taken), its minutes and
    its files. Data only: who sees the minutes, the files and the online link is decided
    for each request (events.views.public.detail_context), never kept."""

    event: Event
    agenda: list[AgendaItem]
    minutes: Minutes | None
    attachments: list[Attachment]


EVENT_RELATED = ("format", "network", "authority", "series", "host_school")


def event_page_read(event: Event) -> EventPage:
    return EventPage(
        event=event,
        agenda=agenda_of(event),
        minutes=minutes_of(event),
        attachments=attachments_of(event),
    )


def event_page_for_user(*, user, pk: int) -> tuple[EventPage, "EventScope"]:
    """The event's page data, 404 if the user may not see it, and the scope it was
    checked with (its ids serve the registration form too).

    The page is the most visited one and its reads (five queries, most of the time in
    building them) are the same for everyone, so they are kept ("event-facts", by event)
    until one of the tables they come from is written. The check is made on every
    request, from the user's own ids; an event the user may not see is not kept, so
    asking for others' ids fills no cache."""
    scope = EventScope(user)

    def read() -> EventPage | None:
        event = Event.objects.select_related(*EVENT_RELATED).filter(pk=pk).first()
        if event is None or not scope.admits(event):
            return None
        return event_page_read(event)

    page = caching.shared("event-facts", "page", pk, depends_on=EVENT_PAGE_DEPENDS_ON, compute=read)
    if page is None or not scope.admits(page.event):
        raise Http404
    return page, scope


def event_exists(*, pk: int) -> bool:
    return Event.objects.filter(pk=pk).exists()


@dataclass
class EventCounts:
    confirmed: int
    waitlisted: int

    def free_seats(self, event: Event) -> int | None:
        if event.capacity is None:
            return None
        return max(event.capacity - self.confirmed, 0)


def event_counts(event: Event) -> EventCounts:
    counts = event.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
    )
    return EventCounts(**counts)


def agenda_of(event: Event) -> list[AgendaItem]:
    """The agenda, each workshop with `taken`: how many confirmed people chose it."""
    return list(
        event.agenda_items.annotate(
            taken=Count(
                "registrations",
                filter=Q(registrations__status=Registration.Status.CONFIRMED),
            )
        ).order_by("starts_at", "pk")
    )


def agenda_slots(items: list[AgendaItem]) -> list[list[AgendaItem]]:
    """The agenda's time slots in order: items starting together (parallel workshops)
    share one, and move together."""
    ordered = sorted(items, key=lambda item: (item.starts_at, item.pk))
    return [list(slot) for _start, slot in groupby(ordered, key=lambda item: item.starts_at)]


def agenda_rows(agenda: list[AgendaItem]) -> list[AgendaItem]:
    """The agenda with `first_slot` and `last_slot` on each item, so the table offers
    only the moves there are."""
    slots = agenda_slots(agenda)
    for index, slot in enumerate(slots):
        for item in slot:
            item.first_slot, item.last_slot = index == 0, index == len(slots) - 1
    return [item for slot in slots for item in slot]


# A new item lasts as long as the one before it; the first one this long.
FIRST_AGENDA_ITEM_LENGTH = timedelta(minutes=30)


def agenda_next_slot(event: Event, agenda: list[AgendaItem]) -> tuple[datetime, datetime]:
    """Where the next agenda item likely goes: from the end of the agenda so far, as long
    as the last item, cut at the event's end. When the agenda fills the event already,
    the whole event, as before there was an agenda."""
    if not agenda:
        start, length = event.starts_at, FIRST_AGENDA_ITEM_LENGTH
    else:
        last = max(agenda, key=lambda item: (item.ends_at, item.starts_at, item.pk))
        start, length = last.ends_at, last.ends_at - last.starts_at
    if start >= event.ends_at:
        return event.starts_at, event.ends_at
    return start, min(start + length, event.ends_at)


def _wall_time(value: datetime, event: Event) -> datetime:
    return timezone.localtime(value, event.tzinfo).replace(tzinfo=None)


def agenda_placed(value: datetime, *, source: Event, target: Event) -> datetime:
    """The time in the target meeting that lies where `value` lies in the source: the same
    distance from the start on the clock at the venue, so 10:30 stays 10:30 across a
    change to or from daylight saving time."""
    offset = _wall_time(value, source) - _wall_time(source.starts_at, source)
    return timezone.make_aware(_wall_time(target.starts_at, target) + offset, target.tzinfo)


def agenda_misfits(source: Event, items: list[AgendaItem], targets: list[Event]) -> list[Event]:
    """The target meetings the source's agenda items would not fit into."""
    return [
        target
        for target in targets
        if any(
            agenda_placed(item.starts_at, source=source, target=target) < target.starts_at
            or agenda_placed(item.ends_at, source=source, target=target) > target.ends_at
            for item in items
        )
    ]


def series_later_meetings(event: Event) -> QuerySet[Event]:
    """The other meetings of the event's series still to come and not cancelled: those a
    copy of its agenda goes to. Past meetings keep the agenda they were held with."""
    return (
        Event.objects.filter(series_id=event.series_id, starts_at__gt=timezone.now())
        .exclude(pk=event.pk)
        .exclude(status=Event.Status.CANCELLED)
        .order_by("series_number", "starts_at", "pk")
    )


def series_agenda_targets(event: Event) -> list[Event]:
    """series_later_meetings with what copying would replace: `item_count` agenda items
    and `choice_count` workshop choices of registered people; one query."""
    if event.series_id is None:
        return []
    return list(
        series_later_meetings(event)
        .select_related("network")
        .annotate(
            item_count=Count("agenda_items", distinct=True),
            choice_count=Count(
                "agenda_items__registrations",
                filter=Q(agenda_items__registrations__status__in=Registration.ACTIVE),
                distinct=True,
            ),
        )
    )


def series_drafts(series: Series) -> list[Event]:
    """The meetings publishing the series would publish."""
    return list(
        series.events.filter(status=Event.Status.DRAFT)
        .select_related("host_school")
        .order_by("series_number", "starts_at", "pk")
    )


def registration_of(*, user, event: Event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(event=event, person=user, status__in=Registration.ACTIVE)
        .prefetch_related("workshops")
        .first()
    )


def registration_on_page(
    *, user, page: EventPage, scope: EventScope | None = None
) -> Registration | None:
    """registration_of for the event's page: not read when one's scope, already read,
    says one is not registered; the chosen workshops (`chosen_workshops`) taken from the
    page's agenda, and asked for only if the agenda has workshops."""
    if not user.is_authenticated:
        return None
    if scope is not None and scope.ids_read and page.event.pk not in scope.registered_event_ids:
        return None
    registration = Registration.objects.filter(
        event_id=page.event.pk, person=user, status__in=Registration.ACTIVE
    ).first()
    if registration is None:
        return registration
    workshops = [item for item in page.agenda if item.kind == AgendaItem.Kind.WORKSHOP]
    chosen = (
        set(
            registration.workshops.through.objects.filter(registration=registration).values_list(
                "agendaitem_id", flat=True
            )
        )
        if workshops
        else set()
    )
    registration.chosen_workshops = [item for item in workshops if item.pk in chosen]
    return registration


def waitlist_position(registration: Registration) -> int | None:
    if registration.status != Registration.Status.WAITLISTED:
        return None
    return (
        Registration.objects.filter(
            event_id=registration.event_id, status=Registration.Status.WAITLISTED
        )
        .filter(
            Q(waitlisted_at__lt=registration.waitlisted_at)
            | Q(waitlisted_at=registration.waitlisted_at, pk__lt=registration.pk)
        )
        .count()
        + 1
    )


def participants_of(event: Event) -> QuerySet[Registration]:
    return (
        event.registrations.select_related("person", "school", "registered_by")
        .prefetch_related(
            Prefetch("workshops", queryset=AgendaItem.objects.order_by("starts_at", "pk"))
        )
        .order_by("status", "waitlisted_at", "school__name", "person__full_name", "pk")
    )


def participants_with_roles(event: Event) -> QuerySet[Registration]:
    """Participants with `person.school_memberships`: their roles at schools, prefetched."""
    return participants_of(event).prefetch_related(
        Prefetch(
            "person__memberships",
            queryset=Membership.objects.filter(role__in=(Role.SCHOOL_LEADER, Role.SCHOOL_STAFF)),
            to_attr="school_memberships",
        )
    )


# A registration, on the waiting list too, or an apology: the school has answered.
ANSWERED_STATUSES = (*Registration.ACTIVE, Registration.Status.EXCUSED)


def _audience_school_ids(event: Event) -> QuerySet:
    """The schools the event is meant for (a subquery of ids): the network's schools of
    today, or those invited of them. A dialogue meeting (no network) is for the schools
    it invites."""
    invited = Event.invited_schools.through.objects.filter(event_id=event.pk).values("school_id")
    if event.network_id is None:
        return invited
    members = current_school_ids_of([event.network_id])
    if event.audience == Event.Audience.INVITED:
        return members.filter(school_id__in=invited)
    return members


@dataclass
class AudienceAnswers:
    total: int
    # The audience's schools with no registration and no apology yet, by name.
    missing: list[School]

    @property
    def answered(self) -> int:
        return self.total - len(self.missing)


def audience_schools_without_answer(event: Event) -> AudienceAnswers:
    """Which of the audience's schools have not registered anyone yet: one query, however
    many schools and registrations there are."""
    answered = Registration.objects.filter(
        event_id=event.pk, school_id=OuterRef("pk"), status__in=ANSWERED_STATUSES
    )
    schools = list(
        School.objects.filter(pk__in=_audience_school_ids(event))
        .annotate(has_answered=Exists(answered))
        .only("pk", "name", "city")
        .order_by("name", "pk")
    )
    return AudienceAnswers(
        total=len(schools), missing=[school for school in schools if not school.has_answered]
    )


def attendance_list(event: Event) -> QuerySet[Registration]:
    """Those whose attendance counts: confirmed people and those who sent apologies."""
    return (
        event.registrations.filter(
            status__in=(Registration.Status.CONFIRMED, Registration.Status.EXCUSED)
        )
        .select_related("person", "school")
        .order_by("school__name", "person__full_name", "pk")
    )


def _people_of_schools(school_ids) -> QuerySet[User]:
    """Leaders and staff of these schools."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__school_id__in=school_ids,
            memberships__role__in=(Role.SCHOOL_LEADER, Role.SCHOOL_STAFF),
        )
        .distinct()
        .order_by("full_name", "email")
    )


def colleagues_registrable_by(
    *, user, event: Event, fields: tuple[str, ...] = (), scope: EventScope | None = None
) -> list[User]:
    """The people a school leader may register: colleagues of the schools she leads (those
    in the event's network today, if it has one). `scope`, the user's EventScope if the
    caller has one, knows those schools without a query."""
    school_ids = roles_of(user).leader_school_ids
    if not school_ids:
        return []
    if event.network_id is not None:
        in_network = (scope or EventScope(user)).school_ids_in_network(event.network_id)
        school_ids = school_ids & in_network
        if not school_ids:
            return []
    people = _people_of_schools(school_ids).exclude(pk=user.pk)
    return list(people.only(*fields) if fields else people)


def colleagues_shown_to(*, user, event: Event, scope: EventScope | None = None) -> list[User]:
    """colleagues_registrable_by for the event page's form: only the fields it shows."""
    return colleagues_registrable_by(
        user=user, event=event, fields=("pk", "full_name", "email"), scope=scope
    )


def school_of_person_for_event(*, person, event: Event) -> School | None:
    """The school a person comes from to this event: one of theirs that takes part."""
    memberships = Membership.objects.filter(
        user=person, role__in=(Role.SCHOOL_LEADER, Role.SCHOOL_STAFF)
    ).select_related("school")
    schools = [m.school for m in memberships]
    if event.network_id is not None:
        in_network = set(
            current_school_ids_of([event.network_id])
            .filter(school__in=schools)
            .values_list("school_id", flat=True)
        )
        schools = [school for school in schools if school.pk in in_network] or schools
    return min(schools, key=lambda school: school.name) if schools else None


# --- coordinators ----------------------------------------------------------------


def networks_coordinated_by(user) -> QuerySet[Network]:
    return Network.objects.filter(pk__in=roles_of(user).coordinator_network_ids).order_by("name")


def formats_manageable_by(user) -> QuerySet[Format]:
    roles = roles_of(user)
    return (
        Format.objects.filter(
            Q(network_id__in=roles.coordinator_network_ids)
            | Q(authority_id__in=roles.authority_ids)
        )
        .select_related("network", "authority")
        .annotate(event_count=Count("events"))
        .order_by("network__name", "name", "pk")
    )


def format_get_for_manager(*, user, pk: int) -> Format:
    try:
        return formats_manageable_by(user).get(pk=pk)
    except Format.DoesNotExist:
        raise Http404 from None


def network_schools(event_or_network) -> QuerySet[School]:
    """The schools a coordinator may choose as host or invite: those in the network today.
    For an event, also the ones it already names, so that editing it does not silently
    drop a host or an invitation of a school that has left since (an invitation of a
    school outside the network grants nothing: see EventScope)."""
    network_id = getattr(event_or_network, "network_id", None) or event_or_network.pk
    choosable = Q(pk__in=current_school_ids_of([network_id]))
    if isinstance(event_or_network, Event):
        event = event_or_network
        choosable |= Q(pk=event.host_school_id) | Q(
            pk__in=Event.invited_schools.through.objects.filter(event_id=event.pk).values(
                "school_id"
            )
        )
    return School.objects.filter(choosable).order_by("name")


def schools_offered(owner) -> QuerySet[School]:
    """The schools an event or format can host and invite: its network's, or, for a
    dialogue meeting (an authority's, without network), the authority's."""
    if owner.network_id:
        return network_schools(owner)
    return School.objects.filter(authority_id=owner.authority_id).order_by("name")


def series_get_for_user(*, user, pk: int) -> tuple[Series, list[Event]]:
    """A series and the meetings of it the user may see; 404 when they see none."""
    try:
        series = Series.objects.select_related("network", "format").get(pk=pk)
    except Series.DoesNotExist:
        raise Http404 from None
    events = list(
        _with_own_status(
            _list_related(events_visible_to(user).filter(series=series)), user
        ).order_by("series_number", "starts_at")
    )
    if not events:
        raise Http404
    return series, events


# --- calendar feeds --------------------------------------------------------------


def calendar_feed_of(user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


def feed_events(*, token: str) -> tuple[CalendarFeed, list[Event]] | None:
    """The events of a personal feed: those the person is registered for and those they
    organise. Drafts stay out, also the organiser's own: the address is a bearer secret
    that people hand to outside calendar services, and a draft is not agreed yet. A
    meeting arrives when it is published; cancelled ones stay, marked, so calendars
    drop them."""
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if feed is None:
        return None
    registered = Registration.objects.filter(
        person=feed.user, status=Registration.Status.CONFIRMED
    ).values("event_id")
    events = list(
        Event.objects.filter(
            Q(pk__in=registered) | _organised_by(feed.user), status__in=VISIBLE_STATUSES
        ).select_related("network", "format", "series", "host_school")
    )
    return feed, events


def _organised_by(user) -> Q:
    """The events a person runs (events.rules.can_manage_event), as a filter without a
    query of its own: their networks' events and, for authority staff, the authority's
    dialogue meetings. The feed leaves drafts out (see feed_events' caller)."""
    memberships = Membership.objects.filter(user=user)
    return Q(network_id__in=memberships.filter(role=Role.COORDINATOR).values("network_id")) | Q(
        network__isnull=True,
        authority_id__in=memberships.filter(role=Role.AUTHORITY_STAFF).values("authority_id"),
    )


# --- date polls ------------------------------------------------------------------


def polls_visible_to(user) -> QuerySet[DatePoll]:
    """Polls of the networks one belongs to today (through a school), coordinates or owns."""
    roles = roles_of(user)
    # A poll about a meeting for a coalition's members is for those who see the meeting.
    members_only = Q(event__audience=Event.Audience.COALITION) & ~Q(
        event_id__in=events_visible_to(user).values("pk")
    )
    return (
        DatePoll.objects.filter(
            Q(network_id__in=current_network_ids_of(roles.school_ids))
            | Q(network_id__in=roles.coordinator_network_ids)
            | Q(network__authority_id__in=roles.authority_ids)
            # The facilitator of a coalition polls for a date of its meetings.
            | Q(event__series_id__in=groups.managed_series_ids(user))
        )
        .exclude(members_only)
        .select_related("network", "format", "event", "chosen_option")
    )


def poll_list_for(user) -> QuerySet[DatePoll]:
    return polls_visible_to(user).annotate(
        option_count=Count("options", distinct=True),
        voter_count=Count("options__votes__person", distinct=True),
    )


def poll_get_for_user(*, user, pk: int) -> DatePoll:
    try:
        return polls_visible_to(user).get(pk=pk)
    except DatePoll.DoesNotExist:
        raise Http404 from None


@dataclass
class PollMatrix:
    options: list[DatePollOption]
    # (person, [answer or "" per option]) in name order
    rows: list[tuple[User, list[str]]]
    # per option: (yes, maybe) counts
    totals: list[tuple[int, int]]
    own: dict[int, str]


def poll_matrix(poll: DatePoll, *, user) -> PollMatrix:
    options = list(poll.options.select_related("host_school"))
    votes = list(
        DatePollVote.objects.filter(option__poll=poll)
        .select_related("person")
        .order_by("person__full_name", "person__email", "pk")
    )
    people: dict[int, User] = {}
    answers: dict[tuple[int, int], str] = {}
    for vote in votes:
        people.setdefault(vote.person_id, vote.person)
        answers[(vote.person_id, vote.option_id)] = vote.answer
    rows = [
        (person, [answers.get((person.pk, option.pk), "") for option in options])
        for person in people.values()
    ]
    totals = [
        (
            sum(1 for _, row in rows if row[index] == DatePollVote.Answer.YES),
            sum(1 for _, row in rows if row[index] == DatePollVote.Answer.MAYBE),
        )
        for index in range(len(options))
    ]
    own = {
        option.pk: answers[(user.pk, option.pk)]
        for option in options
        if (user.pk, option.pk) in answers
    }
    return PollMatrix(options=options, rows=rows, totals=totals, own=own)


# --- minutes -----------------------------------------------------------------------


def minutes_of(event: Event) -> Minutes | None:
    return Minutes.objects.filter(event=event).prefetch_related("action_items").first()


# --- guests ------------------------------------------------------------------------


def guests_of(event: Event) -> list[GuestInvitation]:
    return list(event.guests.all())


def guest_by_token(token: str) -> GuestInvitation | None:
    return (
        GuestInvitation.objects.select_related("event", "event__network")
        # An anonymised guest has no invitation left to answer.
        .filter(token_hash=GuestInvitation.hash_token(token), anonymised_at__isnull=True)
        .first()
    )


# --- attachments -------------------------------------------------------------------


def is_participant(*, user, event: Event) -> bool:
    """Registered (also on the waiting list) or excused: those who get the meeting's files."""
    return (
        user.is_authenticated
        and event.registrations.filter(
            person=user,
            status__in=(
                Registration.Status.CONFIRMED,
                Registration.Status.WAITLISTED,
                Registration.Status.EXCUSED,
            ),
        ).exists()
    )


def attachments_of(event: Event) -> list[Attachment]:
    return list(event.attachments.all())


def proposals_of(event: Event) -> list[AgendaProposal]:
    return list(event.proposals.select_related("person"))


# --- yearly figures for the annual quality report --------------------------------


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


def _held_events(authority_id: int, year: int):
    start, end = _year_bounds(year)
    return Event.objects.filter(
        network__authority_id=authority_id,
        status=Event.Status.PUBLISHED,
        starts_at__gte=start,
        starts_at__lt=end,
    )


def events_held_by_kind(*, authority_id: int, year: int) -> list[tuple[str, str, int, int]]:
    """(kind, label, events, participants) of the events the authority's networks held
    that year; participants are confirmed registrations not marked absent: one query."""
    labels = dict(Kind.choices)
    rows = (
        _held_events(authority_id, year)
        .values_list("format__kind")
        .annotate(
            events=Count("pk", distinct=True),
            people=Count(
                "registrations",
                filter=Q(registrations__status=Registration.Status.CONFIRMED)
                & ~Q(registrations__attendance=Registration.Attendance.ABSENT),
            ),
        )
        .values_list("format__kind", "events", "people")
        .order_by("format__kind")
    )
    return [(kind, str(labels.get(kind, kind)), events, people) for kind, events, people in rows]


def participation_by_school(*, authority_id: int, year: int) -> dict[int, tuple[int, int]]:
    """school id -> (events attended, people who took part) that year: one query."""
    start, end = _year_bounds(year)
    rows = (
        Registration.objects.filter(
            event__in=_held_events(authority_id, year),
            status=Registration.Status.CONFIRMED,
            school__authority_id=authority_id,
        )
        .exclude(attendance=Registration.Attendance.ABSENT)
        .values_list("school_id")
        .annotate(
            events=Count("event_id", distinct=True),
            # An anonymised registration counts by its stand-in key, which all of the
            # person's registrations of the year share (see Registration.participant_key).
            people=Count(
                Coalesce(NullIf("participant_key", Value("")), Cast("person_id", CharField())),
                distinct=True,
            ),
        )
        .values_list("school_id", "events", "people")
    )
    return {school_id: (events, people) for school_id, events, people in rows}
