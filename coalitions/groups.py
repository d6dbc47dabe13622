"""What events asks about coalitions (events.groups): who belongs to the coalition that
owns a series of meetings, and who runs those meetings."""

from django.db.models import Q, QuerySet

from events.groups import SeriesGroups
from qnet.models import Membership, Role

from .models import Coalition, CoalitionMember

# The facilitator and the leads run the coalition's meetings, nothing else of the network.
MEETING_ROLES = (CoalitionMember.Role.FACILITATOR, CoalitionMember.Role.LEAD)


def _owning() -> QuerySet[Coalition]:
    return Coalition.objects.filter(series__isnull=False)


def audience_series(user) -> QuerySet:
    """Series of the coalitions the user is a member of, in person or through a school of
    theirs that is a member school (a leader or staff member there). One subquery."""
    own_schools = Membership.objects.filter(
        user=user, role__in=(Role.SCHOOL_LEADER, Role.SCHOOL_STAFF)
    ).values("school_id")
    members = CoalitionMember.objects.filter(Q(person=user) | Q(school_id__in=own_schools))
    return (
        _owning().filter(pk__in=members.values("coalition_id")).values_list("series_id", flat=True)
    )


def managed_series(user) -> QuerySet:
    runs = CoalitionMember.objects.filter(person=user, role__in=MEETING_ROLES)
    return _owning().filter(pk__in=runs.values("coalition_id")).values_list("series_id", flat=True)


def owned_series() -> QuerySet:
    return _owning().values_list("series_id", flat=True)


SOURCE = SeriesGroups(
    audience_series=audience_series,
    managed_series=managed_series,
    owned_series=owned_series,
    depends_on=(Coalition, CoalitionMember),
)
