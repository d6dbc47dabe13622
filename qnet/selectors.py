"""Reads of the ground floor, each scoped to what the user may see."""

from collections.abc import Iterable

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from qnet.models import (
    AuditEntry,
    Authority,
    Delivery,
    Invitation,
    Membership,
    Network,
    NetworkMembership,
    Notice,
    NoticeKind,
    NotificationPreference,
    Role,
    School,
    User,
    current_memberships_q,
)
from qnet.notifications import notice_text
from qnet.rules import roles_of


def in_order(queryset: QuerySet, ids: list[int]) -> list:
    """The objects with these ids, in this order, in one query. For pages that ask the
    database which ids a person sees and fetch the objects only to render them."""
    by_pk = queryset.in_bulk(ids)
    return [by_pk[pk] for pk in ids]


def current_network_ids_of(school_ids) -> QuerySet[NetworkMembership]:
    """The networks these schools belong to today, as a subquery (`network_id`)."""
    return NetworkMembership.objects.current().filter(school_id__in=school_ids).values("network_id")


def current_school_ids_of(network_ids) -> QuerySet[NetworkMembership]:
    """The schools that belong to these networks today, as a subquery (`school_id`)."""
    return (
        NetworkMembership.objects.current().filter(network_id__in=network_ids).values("school_id")
    )


def schools_visible_to(user) -> QuerySet[School]:
    """Own schools, the schools of one's authority, and the current schools of coordinated
    networks (a school that left is no longer the coordinator's to see)."""
    roles = roles_of(user)
    if roles.is_empty:
        return School.objects.none()
    # The ids come from a subquery, so the outer query has no join: counts annotated on it
    # (and its row count) are not distorted by the filter.
    visible_ids = School.objects.filter(
        Q(pk__in=roles.school_ids)
        | Q(authority_id__in=roles.authority_ids)
        | Q(pk__in=current_school_ids_of(roles.coordinator_network_ids))
    ).values("pk")
    return School.objects.filter(pk__in=visible_ids).select_related("authority")


def networks_visible_to(user) -> QuerySet[Network]:
    roles = roles_of(user)
    if roles.is_empty:
        return Network.objects.none()
    visible_ids = Network.objects.filter(
        Q(pk__in=roles.coordinator_network_ids)
        | Q(authority_id__in=roles.authority_ids)
        | Q(pk__in=current_network_ids_of(roles.school_ids))
    ).values("pk")
    return Network.objects.filter(pk__in=visible_ids).select_related("authority")


def authorities_visible_to(user) -> QuerySet[Authority]:
    return Authority.objects.filter(pk__in=roles_of(user).authority_ids)


def _get_or_404(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        raise Http404 from None


def school_get_for_user(*, user, pk: int) -> School:
    return _get_or_404(schools_visible_to(user), pk)


def network_get_for_user(*, user, pk: int) -> Network:
    return _get_or_404(networks_visible_to(user), pk)


def authority_get_for_user(*, user, pk: int) -> Authority:
    return _get_or_404(authorities_visible_to(user), pk)


def scope_get_for_user(*, user, kind: str, pk: int):
    getters = {
        "school": school_get_for_user,
        "network": network_get_for_user,
        "authority": authority_get_for_user,
    }
    if kind not in getters:
        raise Http404
    return getters[kind](user=user, pk=pk)


def organisations_for_user(user) -> dict:
    """Everything the "my organisations" page lists, in a fixed number of queries."""
    return {
        "authorities": list(
            authorities_visible_to(user).annotate(
                school_count=Count("schools", distinct=True),
                network_count=Count("networks", distinct=True),
            )
        ),
        "networks": list(
            networks_visible_to(user).annotate(
                school_count=Count(
                    "memberships",
                    filter=current_memberships_q(prefix="memberships__"),
                    distinct=True,
                )
            )
        ),
        "schools": list(
            School.objects.filter(pk__in=roles_of(user).school_ids).select_related("authority")
        ),
    }


def members_of(scope) -> QuerySet[Membership]:
    field = scope._meta.model_name
    return (
        Membership.objects.filter(**{field: scope})
        .select_related("user")
        .order_by("role", "user__full_name", "user__email")
    )


def open_invitations_for(scope) -> QuerySet[Invitation]:
    field = scope._meta.model_name
    return (
        Invitation.objects.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
        .filter(**{field: scope})
        .select_related("invited_by")
    )


def invitation_get_for_manager(*, user, pk: int) -> Invitation:
    """An invitation in a scope the user can see (permission to revoke is checked later)."""
    invitation = _get_or_404(
        Invitation.objects.select_related("school", "network", "authority", "invited_by"), pk
    )
    scope = invitation.scope
    scope_get_for_user(user=user, kind=scope._meta.model_name, pk=scope.pk)
    return invitation


def invitation_get_by_token(*, token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("school", "network", "authority", "invited_by")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )


def network_schools(network: Network) -> QuerySet[School]:
    """The schools that belong to the network today."""
    return (
        School.objects.filter(pk__in=current_school_ids_of([network.pk]))
        .select_related("authority")
        .order_by("name")
    )


def authority_schools(authority: Authority) -> QuerySet[School]:
    return authority.schools.order_by("name")


def audit_entries_for(user) -> QuerySet[AuditEntry]:
    return (
        AuditEntry.objects.filter(authority_id__in=roles_of(user).authority_ids)
        .select_related("actor", "authority")
        .order_by("-created_at", "-id")
    )


def user_memberships(user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("school", "network", "authority")


def user_exists(*, email: str) -> bool:
    from qnet.models import User

    return User.objects.filter(email__iexact=email).exists()


def authority_school_names(authority_id: int) -> list[tuple[int, str]]:
    """(id, name) of every school of the authority, by name: one query."""
    return list(
        School.objects.filter(authority_id=authority_id)
        .order_by("name", "pk")
        .values_list("pk", "name")
    )


NOTICES_PER_PAGE = 25


def notices_page(user, *, page: str | int | None) -> Page:
    """A page of the person's notices, newest first, each with its sentence as `text`
    in the active language."""
    notices = Notice.objects.filter(recipient=user).order_by("-created_at", "-id")
    page_obj = Paginator(notices, NOTICES_PER_PAGE).get_page(page)
    for notice in page_obj.object_list:
        notice.text = notice_text(notice.kind, notice.params)
    return page_obj


def notice_get_for_user(*, user, pk: int) -> Notice:
    """Only the recipient sees a notice: anyone else's is not found."""
    return _get_or_404(Notice.objects.filter(recipient=user), pk)


def notification_preferences_of(user) -> dict[str, str]:
    """Each kind's delivery for the person: what they chose, else immediately."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, Delivery.IMMEDIATELY) for kind in NoticeKind.values}


# --- who hears of what (qnet.notifications) -------------------------------------------


def school_leaders(school_ids: Iterable[int]):
    return User.objects.filter(
        is_active=True,
        memberships__role=Role.SCHOOL_LEADER,
        memberships__school_id__in=list(school_ids),
    ).distinct()


def school_people(school_ids):
    """Leaders and staff of these schools (ids, or a subquery of them)."""
    return User.objects.filter(
        is_active=True,
        pk__in=Membership.objects.filter(
            role__in=(Role.SCHOOL_LEADER, Role.SCHOOL_STAFF), school_id__in=school_ids
        ).values("user_id"),
    )


def authority_staff(authority_id: int | None):
    return User.objects.filter(
        is_active=True,
        memberships__role=Role.AUTHORITY_STAFF,
        memberships__authority_id=authority_id,
    ).distinct()
