"""Who may do what in coalitions, learning networks and projects.

Built on qnet.rules. The user's coalition memberships are read once per request (one
query) and kept on the user object, like qnet's role summary, so a page may ask often.
"""

import rules

from qnet.rules import (
    is_authority_staff_of,
    is_coordinator_of,
    is_leader_of,
    is_member_of_school,
    owns_network,
    roles_of,
)

from .models import Coalition, CoalitionMember, CounsellingRequest, Post, Prioritisation

MANAGING_ROLES = frozenset({CoalitionMember.Role.LEAD})
POSTING_ROLES = frozenset(set(CoalitionMember.Role.values) - {CoalitionMember.Role.CRITICAL_FRIEND})


def coalition_roles_of(user) -> dict[int, str]:
    """{coalition id: role} of every coalition the user is a member of."""
    if user is None or not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, "_coalition_roles", None)
    if cached is None:
        cached = dict(
            CoalitionMember.objects.filter(person=user).values_list("coalition_id", "role")
        )
        user._coalition_roles = cached
    return cached


def forget_coalition_roles(user) -> None:
    if hasattr(user, "_coalition_roles"):
        del user._coalition_roles


def network_school_ids(network) -> frozenset[int]:
    """Ids of the schools in the network today; cached on the network object for the
    request. A school that has left no longer lets its people see or join the network's
    open coalitions."""
    cached = getattr(network, "_school_ids", None)
    if cached is None:
        cached = frozenset(network.memberships.current().values_list("school_id", flat=True))
        network._school_ids = cached
    return cached


def _role(user, coalition: Coalition) -> str | None:
    return coalition_roles_of(user).get(coalition.pk)


@rules.predicate
def is_coalition_member(user, coalition: Coalition) -> bool:
    return _role(user, coalition) is not None


@rules.predicate
def is_coalition_lead(user, coalition: Coalition) -> bool:
    return _role(user, coalition) in MANAGING_ROLES


@rules.predicate
def is_facilitator(user, coalition: Coalition) -> bool:
    return _role(user, coalition) == CoalitionMember.Role.FACILITATOR


@rules.predicate
def is_coalition_coordinator(user, coalition: Coalition) -> bool:
    return is_coordinator_of(user, coalition.network)


@rules.predicate
def is_in_network(user, coalition: Coalition) -> bool:
    """A school of the user's is in the coalition's network, or the user owns the network."""
    if owns_network(user, coalition.network) or is_coordinator_of(user, coalition.network):
        return True
    return has_school_in_network(user, coalition)


@rules.predicate
def has_school_in_network(user, coalition: Coalition) -> bool:
    """A school of the user's is in the coalition's network (members join for a school)."""
    return bool(roles_of(user).school_ids & network_school_ids(coalition.network))


@rules.predicate
def is_closed_group(user, coalition: Coalition) -> bool:
    return coalition.is_closed_group


@rules.predicate
def is_closed(user, coalition: Coalition) -> bool:
    return coalition.status == Coalition.Status.CLOSED


@rules.predicate
def may_post_as_member(user, coalition: Coalition) -> bool:
    return _role(user, coalition) in POSTING_ROLES


can_view_coalition = (
    is_coalition_member | is_coalition_coordinator | (is_in_network & ~is_closed_group)
)
can_manage_coalition = is_coalition_coordinator
can_manage_members = is_coalition_coordinator | is_coalition_lead
can_post = (may_post_as_member | is_coalition_coordinator) & ~is_closed
can_add_resource = can_post
can_manage_content = is_coalition_coordinator | is_coalition_lead
# Only people of a school in the network may ask: a member joins for a school, and the
# authority's staff only read their networks (DESIGN.md, "Who may do what").
can_request_membership = (
    has_school_in_network
    & ~is_closed_group
    & ~is_coalition_member
    & ~is_closed
    & ~is_coalition_coordinator
)
can_keep_learning_question = is_coalition_member
can_see_all_learning_questions = is_facilitator


@rules.predicate
def is_post_author(user, post: Post) -> bool:
    return post.author_id is not None and post.author_id == user.pk


@rules.predicate
def is_school_team_member(user, prioritisation: Prioritisation) -> bool:
    return is_member_of_school(user, prioritisation.school)


@rules.predicate
def may_file_counselling_request(user, school) -> bool:
    return is_leader_of(user, school)


@rules.predicate
def may_handle_counselling_request(user, request: CounsellingRequest) -> bool:
    return is_coordinator_of(user, request.network)


@rules.predicate
def may_read_counselling_request(user, request: CounsellingRequest) -> bool:
    return (
        is_member_of_school(user, request.school)
        or is_coordinator_of(user, request.network)
        or is_authority_staff_of(user, request.network.authority)
        or (request.adviser_id is not None and request.adviser_id == user.pk)
    )


rules.add_perm("coalitions.view_coalition", can_view_coalition)
rules.add_perm("coalitions.manage_coalition", can_manage_coalition)
rules.add_perm("coalitions.manage_members", can_manage_members)
rules.add_perm("coalitions.post", can_post)
rules.add_perm("coalitions.add_resource", can_add_resource)
rules.add_perm("coalitions.manage_content", can_manage_content)
rules.add_perm("coalitions.request_membership", can_request_membership)
rules.add_perm("coalitions.edit_post", is_post_author)
rules.add_perm("coalitions.work_on_prioritisation", is_school_team_member)
rules.add_perm("coalitions.handle_counselling_request", may_handle_counselling_request)
