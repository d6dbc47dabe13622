"""The dashboard panel: the latest published report, and this year's for authority staff."""

from django.utils import timezone

from qnet.models import Authority, Membership
from qnet.rules import roles_of
from reports import selectors
from reports.models import AnnualReport

# What the panel reads (qnet.caching).
REPORTS_DEPENDS_ON = (AnnualReport, Authority, Membership)


def shared_by(request) -> tuple:
    """Everyone with the same authorities (most people: none) sees the same panel."""
    return ("authorities", *sorted(roles_of(request.user).authority_ids))


def reports_panel(request):
    """Two queries at most, whatever the number of reports."""
    year = timezone.localdate().year
    authority_ids = roles_of(request.user).authority_ids
    current = None
    if authority_ids:
        current = selectors.current_report_for_authorities(authority_ids, year)
    latest = selectors.latest_published()
    if latest is None and not authority_ids:
        return None
    return "reports/panels/reports.html", {
        "latest": latest,
        "current": current,
        "year": year,
        "is_staff": bool(authority_ids),
    }
