"""Who may do what: every role check of the portal lives here.

Predicates read one cached summary of the user's memberships (one query per request,
however many checks a page makes), so selectors and templates can ask freely.
Other apps build their predicates from these.
"""

from dataclasses import dataclass, field

import rules

from qnet.models import Authority, Membership, Network, Role, School


@dataclass(frozen=True)
class Roles:
    leader_school_ids: frozenset[int] = field(default_factory=frozenset)
    staff_school_ids: frozenset[int] = field(default_factory=frozenset)
    coordinator_network_ids: frozenset[int] = field(default_factory=frozenset)
    authority_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def school_ids(self) -> frozenset[int]:
        return self.leader_school_ids | self.staff_school_ids

    @property
    def is_empty(self) -> bool:
        return not (self.school_ids or self.coordinator_network_ids or self.authority_ids)


_EMPTY = Roles()


def roles_of(user) -> Roles:
    """The user's roles, computed once and kept on the user object for the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return _EMPTY
    cached = getattr(user, "_qnet_roles", None)
    if cached is not None:
        return cached
    by_role: dict[str, set[int]] = {role: set() for role in Role.values}
    for role, school_id, network_id, authority_id in Membership.objects.filter(
        user=user
    ).values_list("role", "school_id", "network_id", "authority_id"):
        by_role[role].add(school_id or network_id or authority_id)
    summary = Roles(
        leader_school_ids=frozenset(by_role[Role.SCHOOL_LEADER]),
        staff_school_ids=frozenset(by_role[Role.SCHOOL_STAFF]),
        coordinator_network_ids=frozenset(by_role[Role.COORDINATOR]),
        authority_ids=frozenset(by_role[Role.AUTHORITY_STAFF]),
    )
    user._qnet_roles = summary
    return summary


def forget_roles(user) -> None:
    """Drop the cached summary after the user's memberships changed."""
    if hasattr(user, "_qnet_roles"):
        del user._qnet_roles


@rules.predicate
def is_authority_staff_anywhere(user) -> bool:
    return bool(roles_of(user).authority_ids)


@rules.predicate
def is_authority_staff_of(user, authority: Authority) -> bool:
    return authority is not None and authority.pk in roles_of(user).authority_ids


@rules.predicate
def is_coordinator_of(user, network: Network) -> bool:
    return network is not None and network.pk in roles_of(user).coordinator_network_ids


@rules.predicate
def is_leader_of(user, school: School) -> bool:
    return school is not None and school.pk in roles_of(user).leader_school_ids


@rules.predicate
def is_member_of_school(user, school: School) -> bool:
    return school is not None and school.pk in roles_of(user).school_ids


@rules.predicate
def owns_school(user, school: School) -> bool:
    """Authority staff of the school's authority."""
    return school is not None and school.authority_id in roles_of(user).authority_ids


@rules.predicate
def owns_network(user, network: Network) -> bool:
    return (
        network is not None
        and network.authority_id is not None
        and network.authority_id in roles_of(user).authority_ids
    )


can_manage_school_people = is_leader_of | owns_school
can_manage_network = is_coordinator_of
can_read_audit_log = is_authority_staff_anywhere

rules.add_perm("qnet.manage_school_people", can_manage_school_people)
rules.add_perm("qnet.manage_network", can_manage_network)
rules.add_perm("qnet.read_audit_log", can_read_audit_log)


def invitable_roles(user, scope) -> list[str]:
    """The roles this user may invite someone into for the given scope."""
    if isinstance(scope, School):
        if owns_school(user, scope):
            return [Role.SCHOOL_LEADER, Role.SCHOOL_STAFF]
        if is_leader_of(user, scope):
            return [Role.SCHOOL_STAFF]
        return []
    if isinstance(scope, Network):
        if is_coordinator_of(user, scope) or owns_network(user, scope):
            return [Role.COORDINATOR]
        return []
    if isinstance(scope, Authority):
        return [Role.AUTHORITY_STAFF] if is_authority_staff_of(user, scope) else []
    return []
