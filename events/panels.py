"""The dashboard panel of events."""

from events import selectors


def upcoming_events_panel(request):
    if not request.user.is_authenticated:
        return None
    events = selectors.dashboard_events_for(request.user, limit=5)
    return "events/panels/upcoming.html", {"events": events}
