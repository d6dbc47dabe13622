"""Coalitions themselves and who belongs to them."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from qnet.models import Network, NoticeKind, Role, School, User
from qnet.notifications import notice_send
from qnet.rules import is_coordinator_of, roles_of
from qnet.services import audit_entry_create

from .. import rules as crules
from ..models import Coalition, CoalitionMember, MembershipRequest

COALITION_FIELDS = (
    "kind",
    "title",
    "central_question",
    "goal",
    "expected_output",
    "needs",
    "period_start",
    "period_end",
    "status",
    "member_limit",
    "is_closed_group",
    "series",
)


def _validate(coalition: Coalition) -> None:
    if coalition.is_closed_group and coalition.kind != Coalition.Kind.LEARNING_NETWORK:
        raise ValidationError(_("Only a learning network can be a closed group."))
    series = coalition.series
    if series is not None:
        if series.network_id != coalition.network_id:
            raise ValidationError({"series": _("Choose a series of the coalition's network.")})
        if Coalition.objects.filter(series=series).exclude(pk=coalition.pk).exists():
            raise ValidationError({"series": _("Another coalition owns this series already.")})
    start, end = coalition.period_start, coalition.period_end
    if start and end and end < start:
        raise ValidationError(_("The end of the period lies before its start."))


@transaction.atomic
def coalition_create(*, actor: User, network: Network, **fields) -> Coalition:
    if not is_coordinator_of(actor, network):
        raise PermissionDenied
    unknown = set(fields) - set(COALITION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    coalition = Coalition(network=network, **fields)
    if coalition.status == Coalition.Status.CLOSED:
        raise ValidationError(_("Close a coalition with a result summary instead."))
    _validate(coalition)
    coalition.save()
    audit_entry_create(actor=actor, action="coalition.create", target=coalition)
    return coalition


@transaction.atomic
def coalition_update(*, actor: User, coalition: Coalition, **fields) -> Coalition:
    if not crules.can_manage_coalition(actor, coalition):
        raise PermissionDenied
    for name, value in fields.items():
        if name not in COALITION_FIELDS:
            raise TypeError(f"Unknown field: {name}")
        setattr(coalition, name, value)
    if coalition.status == Coalition.Status.CLOSED and not coalition.result_summary:
        raise ValidationError(_("Close a coalition with a result summary instead."))
    _validate(coalition)
    coalition.save()
    return coalition


@transaction.atomic
def coalition_close(*, actor: User, coalition: Coalition, result_summary: str) -> Coalition:
    if not crules.can_manage_coalition(actor, coalition):
        raise PermissionDenied
    if not result_summary.strip():
        raise ValidationError(_("Write a short summary of the result."))
    coalition.status = Coalition.Status.CLOSED
    coalition.result_summary = result_summary.strip()
    if coalition.period_end is None or coalition.period_end > date.today():
        coalition.period_end = max(date.today(), coalition.period_start or date.today())
    coalition.save(update_fields=["status", "result_summary", "period_end", "updated_at"])
    audit_entry_create(actor=actor, action="coalition.close", target=coalition)
    return coalition


# --- members -------------------------------------------------------------------------


def _check_school(coalition: Coalition, school: School | None) -> None:
    if school is not None and school.pk not in crules.network_school_ids(coalition.network):
        raise ValidationError(_("This school is not in the coalition's network."))


@transaction.atomic
def member_add(
    *,
    actor: User | None,
    coalition: Coalition,
    person: User,
    school: School | None = None,
    role: str = CoalitionMember.Role.MEMBER,
    check_permission: bool = True,
) -> CoalitionMember:
    if check_permission and not crules.can_manage_members(actor, coalition):
        raise PermissionDenied
    if role not in CoalitionMember.Role.values:
        raise ValidationError(_("Unknown role."))
    _check_school(coalition, school)
    # The row lock serialises concurrent admissions, so the member limit holds.
    locked = Coalition.objects.select_for_update().get(pk=coalition.pk)
    if CoalitionMember.objects.filter(coalition=locked, person=person).exists():
        raise ValidationError(_("%(person)s is already a member.") % {"person": person})
    limit = locked.member_limit
    if limit is not None and CoalitionMember.objects.filter(coalition=locked).count() >= limit:
        raise ValidationError(
            _("The group is full: it admits at most %(limit)d members.") % {"limit": limit}
        )
    try:
        with transaction.atomic():
            member = CoalitionMember.objects.create(
                coalition=coalition, person=person, school=school, role=role
            )
    except IntegrityError:
        raise ValidationError(_("%(person)s is already a member.") % {"person": person}) from None
    audit_entry_create(
        actor=actor,
        action="coalition.member_add",
        target=member,
        authority=coalition.network.authority,
        data={"person": person.email, "role": role, "coalition": coalition.pk},
    )
    crules.forget_coalition_roles(person)
    return member


@transaction.atomic
def member_remove(*, actor: User, member: CoalitionMember) -> None:
    coalition = member.coalition
    if not crules.can_manage_members(actor, coalition):
        raise PermissionDenied
    audit_entry_create(
        actor=actor,
        action="coalition.member_remove",
        target=member,
        authority=coalition.network.authority,
        data={"person": member.person.email, "role": member.role, "coalition": coalition.pk},
    )
    member.delete()
    crules.forget_coalition_roles(member.person)


@transaction.atomic
def member_role_change(*, actor: User, member: CoalitionMember, role: str) -> CoalitionMember:
    coalition = member.coalition
    if not crules.can_manage_members(actor, coalition):
        raise PermissionDenied
    if role not in CoalitionMember.Role.values:
        raise ValidationError(_("Unknown role."))
    if member.role == role:
        return member
    old_role = member.role
    member.role = role
    member.save(update_fields=["role", "updated_at"])
    audit_entry_create(
        actor=actor,
        action="coalition.member_role_change",
        target=member,
        authority=coalition.network.authority,
        data={"person": member.person.email, "from": old_role, "to": role},
    )
    crules.forget_coalition_roles(member.person)
    return member


@transaction.atomic
def member_notify_set(*, member: CoalitionMember, notify: str) -> CoalitionMember:
    if notify not in CoalitionMember.Notify.values:
        raise ValidationError(_("Unknown choice."))
    member.notify = notify
    member.save(update_fields=["notify", "updated_at"])
    return member


# --- membership requests ----------------------------------------------------------------


@transaction.atomic
def membership_request_create(
    *, person: User, coalition: Coalition, school: School, message: str = ""
) -> MembershipRequest:
    if not crules.can_request_membership(person, coalition):
        raise PermissionDenied
    network_schools = crules.network_school_ids(coalition.network)
    if school.pk not in network_schools or school.pk not in roles_of(person).school_ids:
        raise ValidationError(_("Choose one of your schools in this network."))
    try:
        with transaction.atomic():
            request = MembershipRequest.objects.create(
                coalition=coalition, person=person, school=school, message=message.strip()
            )
    except IntegrityError:
        raise ValidationError(_("You have already asked to join.")) from None
    audit_entry_create(
        actor=person,
        action="coalition.membership_request",
        target=request,
        authority=coalition.network.authority,
        data={"coalition": coalition.pk},
    )
    # The leads decide; a facilitator runs the meetings and should know who is coming.
    # Without either, the network's coordinators decide (crules.can_manage_members).
    recipients = list(
        User.objects.filter(
            coalition_memberships__coalition=coalition,
            coalition_memberships__role__in=(
                CoalitionMember.Role.LEAD,
                CoalitionMember.Role.FACILITATOR,
            ),
        ).distinct()
    ) or list(
        User.objects.filter(
            memberships__role=Role.COORDINATOR, memberships__network_id=coalition.network_id
        ).distinct()
    )
    notice_send(
        recipients=recipients,
        kind=NoticeKind.JOIN_REQUESTED,
        url=reverse("coalitions:detail", args=[coalition.pk]),
        params={"coalition": coalition.title, "school": school.name},
        actor=person,
    )
    return request


@transaction.atomic
def membership_request_decide(
    *, actor: User, request: MembershipRequest, approve: bool
) -> CoalitionMember | None:
    coalition = request.coalition
    if not crules.can_manage_members(actor, coalition):
        raise PermissionDenied
    locked = MembershipRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != MembershipRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    member = None
    if approve:
        member = member_add(
            actor=actor,
            coalition=coalition,
            person=locked.person,
            school=locked.school,
            check_permission=False,
        )
    locked.status = (
        MembershipRequest.Status.APPROVED if approve else MembershipRequest.Status.DECLINED
    )
    locked.decided_by = actor
    locked.save(update_fields=["status", "decided_by", "updated_at"])
    if not approve:
        audit_entry_create(
            actor=actor,
            action="coalition.membership_decline",
            target=locked,
            authority=coalition.network.authority,
            data={"person": locked.person.email},
        )
    request.status = locked.status
    notice_send(
        recipients=[locked.person],
        kind=NoticeKind.JOIN_DECIDED,
        url=reverse("coalitions:detail", args=[coalition.pk]),
        params={"coalition": coalition.title, "outcome": "approved" if approve else "declined"},
        actor=actor,
    )
    return member
