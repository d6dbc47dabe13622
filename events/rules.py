"""Who may do what with events, built from the ground floor's predicates."""

import rules

from events import groups
from qnet.rules import is_authority_staff_of, is_coordinator_of, roles_of


@rules.predicate
def can_manage_event(user, event) -> bool:
    """Coordinators run their network's events; authority staff their dialogue meetings;
    a coalition's facilitator and leads the meetings of its series (events.groups)."""
    if event is None:
        return False
    if event.network_id is not None:
        return event.network_id in roles_of(user).coordinator_network_ids or (
            event.series_id is not None and event.series_id in groups.managed_series_ids(user)
        )
    return event.authority_id in roles_of(user).authority_ids


@rules.predicate
def can_manage_series(user, series) -> bool:
    """Add meetings to a series, see its registrations and attendance across meetings."""
    if series is None:
        return False
    return series.network_id in roles_of(
        user
    ).coordinator_network_ids or series.pk in groups.managed_series_ids(user)


@rules.predicate
def can_manage_format(user, fmt) -> bool:
    if fmt is None:
        return False
    if fmt.network_id is not None:
        return fmt.network_id in roles_of(user).coordinator_network_ids
    return fmt.authority_id in roles_of(user).authority_ids


@rules.predicate
def can_close_poll(user, poll) -> bool:
    """The network's coordinators, and whoever runs the meeting a poll is about."""
    if poll is None:
        return False
    if poll.network_id in roles_of(user).coordinator_network_ids:
        return True
    return poll.event_id is not None and can_manage_event(user, poll.event)


@rules.predicate
def leads_a_school(user) -> bool:
    return bool(roles_of(user).leader_school_ids)


@rules.predicate
def coordinates_a_network(user) -> bool:
    return bool(roles_of(user).coordinator_network_ids)


rules.add_perm("events.manage_event", can_manage_event)
rules.add_perm("events.manage_format", can_manage_format)
rules.add_perm("events.manage_series", can_manage_series)
rules.add_perm("events.manage_network_events", is_coordinator_of)
rules.add_perm("events.manage_authority_events", is_authority_staff_of)
