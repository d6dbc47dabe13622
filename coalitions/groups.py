"""What events asks about coalitions (events.groups): who belongs to the coalition that
owns a series of meetings, and who runs those meetings."""

from django.db.models import Q, QuerySet

from events.groups import SeriesGroups
from qnet.rules import roles_of

from .models import Coalition, CoalitionMember

# The facilitator and the leads run the coalition's meetings, nothing else of the network.
MEETING_ROLES = (CoalitionMember.Role.FACILITATOR, CoalitionMember.Role.LEAD)


def _owning() -> QuerySet[Coalition]:
    return Coalition.objects.filter(series__isnull=False)


def series_of(user) -> list[tuple[int, bool]]:
    """(series id, runs its meetings) of the coalitions owning a series that the user is
    a member of, in person or through a school of theirs that is a member school (a
    leader or staff member there). One query."""
    rows = (
        CoalitionMember.objects.filter(
            Q(person=user) | Q(school_id__in=roles_of(user).school_ids),
            coalition__series__isnull=False,
        )
        .values_list("coalition__series_id", "person_id", "role")
        .distinct()
    )
    return [
        (series_id, person_id == user.pk and role in MEETING_ROLES)
        for series_id, person_id, role in rows
    ]


def owned_series() -> QuerySet:
    return _owning().values_list("series_id", flat=True)


SOURCE = SeriesGroups(
    series_of=series_of,
    owned_series=owned_series,
    depends_on=(Coalition, CoalitionMember),
)
