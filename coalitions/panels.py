from qnet.models import Membership, Network, School

from . import selectors
from .models import Coalition, CoalitionMember, CounsellingRequest

# What the panel reads (qnet.caching).
COALITIONS_DEPENDS_ON = (
    Coalition,
    CoalitionMember,
    CounsellingRequest,
    Network,
    School,
    Membership,
)


def coalitions_panel(request):
    """My coalitions and the counselling requests still open; two queries."""
    panel = selectors.dashboard_for(request.user)
    if not panel["coalitions"] and not panel["counselling"]:
        return None
    return "coalitions/panels/coalitions.html", panel
