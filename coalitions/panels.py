from . import selectors


def coalitions_panel(request):
    """My coalitions and the counselling requests still open; two queries."""
    panel = selectors.dashboard_for(request.user)
    if not panel["coalitions"] and not panel["counselling"]:
        return None
    return "coalitions/panels/coalitions.html", panel
