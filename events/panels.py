"""The dashboard panel of events."""

from events import groups, selectors
from events.models import Event, Format, Registration, Series
from qnet.models import Membership, Network, NetworkMembership, School

# What the panel reads (qnet.caching): the events, one's registrations, and the roles and
# network memberships that decide which events are one's own.
UPCOMING_DEPENDS_ON = (
    Event,
    Format,
    Series,
    Registration,
    Network,
    NetworkMembership,
    School,
    Membership,
)


def upcoming_depends_on() -> tuple:
    # Coalition meetings for members only come and go with the coalition's members.
    return (*UPCOMING_DEPENDS_ON, *groups.depends_on())


def upcoming_events_panel(request):
    if not request.user.is_authenticated:
        return None
    events = selectors.dashboard_events_for(request.user, limit=5)
    return "events/panels/upcoming.html", {"events": events}


def upcoming_expires(panel: dict):
    """The panel lists events that have not ended: it is true until the first one ends."""
    return min((event.ends_at for event in panel["events"]), default=None)
