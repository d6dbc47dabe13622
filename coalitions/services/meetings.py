"""A coalition's own meetings: the series it owns and who is invited to it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from events.rules import can_manage_series
from events.services.series_meetings import series_invite_schools
from qnet.models import School, User
from qnet.services import audit_entry_create

from ..models import Coalition


@transaction.atomic
def coalition_schools_invite(*, actor: User, coalition: Coalition) -> int:
    """Invite the coalition's member schools to every upcoming meeting of its series.

    This uses events' own invitation (audience "invited schools" with the schools named
    on each meeting) rather than the audience "members of the coalition": an invitation
    is a fact of each meeting that the coordinator can see and change there (add a guest
    school to one meeting), it invites the whole school team and not only the people
    who joined, and it holds after the coalition closes. The audience "members of the
    coalition" is the other choice, for closed groups whose meetings are for their
    members in person. Schools that join later are invited by doing this again: schools
    invited before stay invited. Returns how many meetings changed."""
    if coalition.series_id is None:
        raise ValidationError(_("This coalition has no meeting series yet."))
    if not can_manage_series(actor, coalition.series):
        raise PermissionDenied
    # Only schools in the network today: an invitation of one that has left grants
    # nothing (events.selectors.EventScope).
    schools = list(
        School.objects.filter(
            pk__in=coalition.members.filter(school__isnull=False).values("school_id")
        ).filter(pk__in=coalition.network.memberships.current().values("school_id"))
    )
    changed = series_invite_schools(actor=actor, series=coalition.series, schools=schools)
    audit_entry_create(
        actor=actor,
        action="coalition.schools_invite",
        target=coalition,
        data={"schools": [school.pk for school in schools], "meetings": changed},
    )
    return changed
