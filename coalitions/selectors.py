"""Reads of the coalitions app, each scoped to what the user may see.

Every function selects or prefetches what its page shows, so a page's query count does
not grow with the number of members, posts or resources.
"""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from events.models import Event, Series
from events.rules import can_manage_series
from events.selectors import events_visible_to
from qnet.models import Authority, Network, NetworkMembership, School, User
from qnet.rules import roles_of
from qnet.selectors import current_network_ids_of, current_school_ids_of, in_order

from . import rules as crules
from .models import (
    Card,
    CardDeck,
    Coalition,
    CoalitionMember,
    CounsellingRequest,
    LearningQuestion,
    MembershipRequest,
    Milestone,
    Post,
    Prioritisation,
    PrioritisationPick,
    ProgressNote,
    Resource,
    Thread,
)


def _get_or_404(queryset, **lookup):
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404 from None


def _visible_q(user, prefix: str = "") -> Q:
    """The coalitions the user may open: the same rule as rules.can_view_coalition.

    A school's people see its networks' open coalitions while the school belongs to the
    network (NetworkMembership.objects.current); a person named a member of a coalition
    keeps it until the coordinator or a lead removes them.

    The ids are read first, in small queries, and go into the filter as plain lists: a
    filter of subqueries cost more to plan than the list page's own query."""
    roles = roles_of(user)
    if not user.is_authenticated:
        return Q(pk__in=[])
    # The coalitions one is a member of: the same read as one's roles in them, which the
    # pages ask too (kept on the user for the request).
    member_of = list(crules.coalition_roles_of(user))
    school_networks = (
        list(current_network_ids_of(roles.school_ids).values_list("network_id", flat=True))
        if roles.school_ids
        else []
    )
    open_to_network = (
        Q(**{f"{prefix}network__authority_id__in": roles.authority_ids})
        | Q(**{f"{prefix}network_id__in": school_networks})
    ) & Q(**{f"{prefix}is_closed_group": False})
    return (
        Q(**{f"{prefix}pk__in" if prefix else "pk__in": member_of})
        | Q(**{f"{prefix}network_id__in": roles.coordinator_network_ids})
        | open_to_network
    )


def coalitions_visible_to(user) -> QuerySet[Coalition]:
    if not user.is_authenticated:
        return Coalition.objects.none()
    return Coalition.objects.filter(_visible_q(user)).select_related("network__authority")


# What a coalition's card in the list shows (its key in qnet.caching).
COALITION_CARD_DEPENDS_ON = (Coalition, CoalitionMember, Network, Authority)


def coalition_ids_for(user, *, kind: str = "", status: str = "") -> list[int]:
    """The coalitions the user sees, in list order. The list page is cut from this; the
    cards themselves come from a cache on most requests (coalitions_in_order otherwise)."""
    coalitions = coalitions_visible_to(user)
    if kind in Coalition.Kind.values:
        coalitions = coalitions.filter(kind=kind)
    if status in Coalition.Status.values:
        coalitions = coalitions.filter(status=status)
    return list(coalitions.order_by("status", "title", "pk").values_list("pk", flat=True))


def coalitions_in_order(ids: list[int]) -> list[Coalition]:
    """The coalitions of coalition_ids_for with their member counts, in the same order."""
    coalitions = Coalition.objects.select_related("network__authority")
    return in_order(coalitions.annotate(member_count=Count("members")), ids)


def coalition_get_for_user(*, user, pk: int) -> Coalition:
    return _get_or_404(coalitions_visible_to(user), pk=pk)


def coalition_members(coalition: Coalition) -> list[CoalitionMember]:
    return list(
        coalition.members.select_related("person", "school").order_by(
            "school__name", "role", "person__full_name", "person__email"
        )
    )


def members_by_school(members: list[CoalitionMember]) -> list[tuple[School | None, list]]:
    groups: dict[int | None, tuple[School | None, list]] = {}
    for member in members:
        groups.setdefault(member.school_id, (member.school, []))[1].append(member)
    # People without a school (facilitators, experts) come last.
    return sorted(groups.values(), key=lambda group: (group[0] is None, str(group[0] or "")))


def threads_of(coalition: Coalition) -> QuerySet[Thread]:
    return (
        coalition.threads.select_related("created_by")
        .annotate(post_count=Count("posts", filter=Q(posts__deleted_at__isnull=True)))
        .order_by("-last_post_at", "-pk")
    )


def thread_get(*, coalition: Coalition, pk: int) -> Thread:
    return _get_or_404(coalition.threads.select_related("created_by"), pk=pk)


def posts_of(thread: Thread) -> QuerySet[Post]:
    return thread.posts.select_related("author").order_by("created_at", "pk")


def post_get(*, coalition: Coalition, pk: int) -> Post:
    return _get_or_404(
        Post.objects.select_related("thread__coalition__network__authority", "author").filter(
            thread__coalition=coalition
        ),
        pk=pk,
    )


# --- library ---------------------------------------------------------------------------


def resources_visible_to(user) -> QuerySet[Resource]:
    """Public resources for everyone; network and coalition ones for those who may see them."""
    visible = Q(visibility=Resource.Visibility.PUBLIC)
    if user.is_authenticated:
        roles = roles_of(user)
        in_network = (
            Q(coalition__network_id__in=roles.coordinator_network_ids)
            | Q(coalition__network__authority_id__in=roles.authority_ids)
            | Q(coalition__network_id__in=current_network_ids_of(roles.school_ids))
            | Q(coalition_id__in=CoalitionMember.objects.filter(person=user).values("coalition_id"))
        )
        visible |= Q(visibility=Resource.Visibility.NETWORK) & in_network
        visible |= Q(visibility=Resource.Visibility.COALITION) & _visible_q(user, "coalition__")
    return Resource.objects.filter(visible).select_related("coalition", "school", "created_by")


def library_search(user, *, text: str = "", kind: str = "", tag: str = "") -> QuerySet[Resource]:
    resources = resources_visible_to(user)
    if kind in Resource.Kind.values:
        resources = resources.filter(kind=kind)
    if tag:
        tag = tag.strip().lower()
        resources = resources.filter(
            Q(tags=tag)
            | Q(tags__startswith=f"{tag},")
            | Q(tags__endswith=f",{tag}")
            | Q(tags__contains=f",{tag},")
        )
    for word in text.split()[:8]:
        resources = resources.filter(
            Q(title__icontains=word) | Q(description__icontains=word) | Q(tags__icontains=word)
        )
    return resources.order_by("-created_at", "-pk")


def library_tags(user) -> list[str]:
    tags: set[str] = set()
    for value in resources_visible_to(user).exclude(tags="").values_list("tags", flat=True):
        tags.update(tag for tag in value.split(",") if tag)
    return sorted(tags)


def resource_get_for_user(*, user, pk: int) -> Resource:
    return _get_or_404(
        resources_visible_to(user).select_related("coalition__network__authority"), pk=pk
    )


def coalition_resources(user, coalition: Coalition) -> QuerySet[Resource]:
    return resources_visible_to(user).filter(coalition=coalition).order_by("-created_at", "-pk")


# --- learning questions ------------------------------------------------------------------


def learning_questions_visible_to(user, coalition: Coalition) -> QuerySet[LearningQuestion]:
    """The facilitator sees all; a member their own and those shared with the group."""
    questions = LearningQuestion.objects.filter(member__coalition=coalition)
    if not crules.can_see_all_learning_questions(user, coalition):
        if not crules.is_coalition_member(user, coalition):
            return questions.none()
        questions = questions.filter(Q(member__person=user) | Q(shared_with_group=True))
    return questions.select_related(
        "member__person", "member__school", "member__coalition__network__authority"
    ).prefetch_related(Prefetch("notes", queryset=ProgressNote.objects.select_related("author")))


def learning_question_get_for_user(*, user, pk: int) -> LearningQuestion:
    question = _get_or_404(
        LearningQuestion.objects.select_related("member__coalition__network__authority"), pk=pk
    )
    coalition = coalition_get_for_user(user=user, pk=question.member.coalition_id)
    return _get_or_404(learning_questions_visible_to(user, coalition), pk=pk)


# --- coalition page -------------------------------------------------------------------------


def coalition_page(user, coalition: Coalition) -> dict:
    members = coalition_members(coalition)
    page = {
        "members": members,
        "members_by_school": members_by_school(members),
        "my_member": next((m for m in members if m.person_id == user.pk), None),
        "threads": list(threads_of(coalition)[:5]),
        "resources": list(coalition_resources(user, coalition)[:6]),
        "decks": list(coalition.decks.annotate(card_count=Count("cards"))),
        "milestones": [],
        "learning_questions": [],
        "pending_requests": [],
    }
    if coalition.kind == Coalition.Kind.PROJECT:
        page["milestones"] = list(coalition.milestones.all())
    if coalition.kind == Coalition.Kind.LEARNING_NETWORK:
        page["learning_questions"] = list(learning_questions_visible_to(user, coalition))
    if crules.can_manage_members(user, coalition):
        page["pending_requests"] = list(pending_requests(coalition))
    page["meetings"] = coalition_meetings(user, coalition)
    return page


@dataclass
class CoalitionMeetings:
    series: Series | None
    upcoming: list[Event]
    may_run: bool


def coalition_meetings(user, coalition: Coalition) -> CoalitionMeetings:
    """The coalition's series and its next meetings the user sees (drafts too, for those
    who run them)."""
    series = coalition.series
    if series is None:
        return CoalitionMeetings(series=None, upcoming=[], may_run=False)
    upcoming = list(
        events_visible_to(user)
        .filter(series=series, ends_at__gte=timezone.now())
        .exclude(status=Event.Status.CANCELLED)
        .select_related("series")
        .order_by("starts_at", "pk")[:6]
    )
    return CoalitionMeetings(
        series=series, upcoming=upcoming, may_run=can_manage_series(user, series)
    )


def pending_requests(coalition: Coalition) -> QuerySet[MembershipRequest]:
    return coalition.membership_requests.filter(
        status=MembershipRequest.Status.PENDING
    ).select_related("person", "school")


def own_pending_request(user, coalition: Coalition) -> MembershipRequest | None:
    if not user.is_authenticated:
        return None
    return pending_requests(coalition).filter(person=user).first()


def membership_request_get(*, coalition: Coalition, pk: int) -> MembershipRequest:
    return _get_or_404(
        coalition.membership_requests.select_related("person", "school", "coalition"), pk=pk
    )


def member_get(*, coalition: Coalition, pk: int) -> CoalitionMember:
    return _get_or_404(
        coalition.members.select_related("person", "school", "coalition__network__authority"),
        pk=pk,
    )


def milestone_get(*, coalition: Coalition, pk: int) -> Milestone:
    return _get_or_404(coalition.milestones.select_related("coalition"), pk=pk)


def user_schools_in_network(user, network) -> QuerySet[School]:
    """The user's schools that belong to the network today."""
    return network_schools(network).filter(pk__in=roles_of(user).school_ids)


def network_schools(network) -> QuerySet[School]:
    """The schools that belong to the network today."""
    return School.objects.filter(pk__in=current_school_ids_of([network.pk])).order_by("name")


def user_by_email(email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip(), is_active=True).first()


# --- card decks ---------------------------------------------------------------------------------


def deck_get_for_user(*, user, pk: int) -> CardDeck:
    deck = _get_or_404(CardDeck.objects.select_related("coalition__network__authority"), pk=pk)
    if not crules.can_view_coalition(user, deck.coalition):
        raise Http404
    return deck


def deck_cards(deck: CardDeck) -> list[Card]:
    return list(deck.cards.all())


def prioritisations_of_deck(user, deck: CardDeck) -> QuerySet[Prioritisation]:
    """The sessions of the user's own schools (a school team's result stays with it)."""
    return (
        deck.prioritisations.filter(school_id__in=roles_of(user).school_ids)
        .select_related("school", "created_by")
        .annotate(pick_count=Count("picks"))
    )


def prioritisation_get_for_user(*, user, pk: int) -> Prioritisation:
    """Visible to the school's own people and the coordinators of the deck's network."""
    roles = roles_of(user)
    return _get_or_404(
        Prioritisation.objects.filter(
            Q(school_id__in=roles.school_ids)
            | Q(deck__coalition__network_id__in=roles.coordinator_network_ids)
        ).select_related("deck__coalition__network__authority", "school", "created_by"),
        pk=pk,
    )


def prioritisation_picks(prioritisation: Prioritisation) -> list[PrioritisationPick]:
    return list(prioritisation.picks.select_related("card").order_by("rank", "pk"))


# --- counselling ------------------------------------------------------------------------------


def counselling_requests_visible_to(user) -> QuerySet[CounsellingRequest]:
    roles = roles_of(user)
    if not user.is_authenticated:
        return CounsellingRequest.objects.none()
    return CounsellingRequest.objects.filter(
        Q(school_id__in=roles.school_ids)
        | Q(network_id__in=roles.coordinator_network_ids)
        | Q(network__authority_id__in=roles.authority_ids)
        | Q(adviser=user)
    ).select_related("network__authority", "school", "requested_by", "adviser")


def counselling_request_get_for_user(*, user, pk: int) -> CounsellingRequest:
    return _get_or_404(counselling_requests_visible_to(user), pk=pk)


def schools_that_may_ask_for_counselling(user) -> QuerySet[School]:
    """The schools the user leads that belong to a network today: a request goes to the
    network's coordinators, so a school that has left asks no more."""
    return School.objects.filter(
        pk__in=roles_of(user).leader_school_ids,
    ).filter(pk__in=NetworkMembership.objects.current().values("school_id"))


def counselling_network_of(school: School) -> Network | None:
    """The network whose coordinators a school's counselling request goes to: the first
    one the school belongs to today."""
    return Network.objects.filter(pk__in=current_network_ids_of([school.pk])).order_by("pk").first()


def adviser_choices(network) -> QuerySet[User]:
    """Coordinators of the network and the facilitators and experts of its coalitions."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(memberships__network=network, memberships__role="coordinator")
            | Q(
                coalition_memberships__coalition__network=network,
                coalition_memberships__role__in=[
                    CoalitionMember.Role.FACILITATOR,
                    CoalitionMember.Role.EXPERT,
                ],
            )
        )
        .distinct()
        .order_by("full_name", "email")
    )


# --- dashboard ------------------------------------------------------------------------------------


def dashboard_for(user) -> dict:
    return {
        "coalitions": list(
            Coalition.objects.filter(members__person=user)
            .exclude(status=Coalition.Status.CLOSED)
            .order_by("title")[:6]
        ),
        "counselling": list(
            counselling_requests_visible_to(user)
            .exclude(status=CounsellingRequest.Status.DONE)
            .order_by("-created_at")[:5]
        ),
    }


def coalition_page_member(user, coalition: Coalition) -> CoalitionMember | None:
    return coalition.members.filter(person=user).select_related("person").first()


# --- yearly figures for the annual quality report --------------------------------


@dataclass(frozen=True)
class CoalitionInfo:
    title: str
    kind: str
    status: str
    members: int
    schools: int
    output: str


def coalitions_active_in(*, authority_id: int, year: int) -> list[CoalitionInfo]:
    """Coalitions of the authority's networks that ran at some time in that year: one query."""
    coalitions = (
        Coalition.objects.filter(network__authority_id=authority_id)
        .exclude(status=Coalition.Status.PROPOSED)
        .filter(Q(period_start__isnull=True) | Q(period_start__year__lte=year))
        .filter(Q(period_end__isnull=True) | Q(period_end__year__gte=year))
        .annotate(
            member_count=Count("members", distinct=True),
            school_count=Count(
                "members__school",
                distinct=True,
                filter=Q(
                    members__role__in=[CoalitionMember.Role.LEAD, CoalitionMember.Role.MEMBER]
                ),
            ),
        )
        .order_by("title", "pk")
    )
    return [
        CoalitionInfo(
            title=coalition.title,
            kind=coalition.get_kind_display(),
            status=coalition.get_status_display(),
            members=coalition.member_count,
            schools=coalition.school_count,
            output=coalition.result_summary or coalition.expected_output,
        )
        for coalition in coalitions
    ]
