"""Counselling requests: a school asks the network for advice; the coordinator assigns it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from qnet.models import Network, NoticeKind, School, User
from qnet.notifications import notice_send
from qnet.rules import is_leader_of
from qnet.selectors import school_leaders
from qnet.services import audit_entry_create

from .. import rules as crules
from ..models import CounsellingRequest

Status = CounsellingRequest.Status
# Where a request may go from each status: forward one step, or back to reopen a step.
TRANSITIONS = {
    Status.OPEN: {Status.ASSIGNED},
    Status.ASSIGNED: {Status.SCHEDULED, Status.DONE, Status.OPEN},
    Status.SCHEDULED: {Status.DONE, Status.ASSIGNED},
    Status.DONE: {Status.SCHEDULED},
}


@transaction.atomic
def counselling_request_create(
    *,
    actor: User,
    network: Network | None,
    school: School,
    topic: str,
    kind: str,
    preferred_dates: str = "",
) -> CounsellingRequest:
    if not is_leader_of(actor, school):
        raise PermissionDenied
    if network is None or not network.memberships.current().filter(school=school).exists():
        raise ValidationError(_("Your school is not in this network."))
    if kind not in CounsellingRequest.Kind.values:
        raise ValidationError(_("Choose process counselling or expert advice."))
    if not topic.strip():
        raise ValidationError(_("Name the topic you would like counselling on."))
    request = CounsellingRequest.objects.create(
        network=network,
        school=school,
        requested_by=actor,
        topic=topic.strip(),
        kind=kind,
        preferred_dates=preferred_dates.strip(),
    )
    audit_entry_create(actor=actor, action="counselling.create", target=request)
    return request


@transaction.atomic
def counselling_request_assign(
    *, actor: User, request: CounsellingRequest, adviser: User, notes: str | None = None
) -> CounsellingRequest:
    if not crules.may_handle_counselling_request(actor, request):
        raise PermissionDenied
    locked = CounsellingRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status == Status.DONE:
        raise ValidationError(_("This request is done."))
    locked.adviser = adviser
    if locked.status == Status.OPEN:
        locked.status = Status.ASSIGNED
    if notes is not None:
        locked.notes = notes.strip()
    locked.save(update_fields=["adviser", "status", "notes", "updated_at"])
    audit_entry_create(
        actor=actor,
        action="counselling.assign",
        target=locked,
        data={"adviser": adviser.email},
    )
    notice_send(
        recipients=[adviser, *school_leaders([locked.school_id])],
        kind=NoticeKind.COUNSELLING_ASSIGNED,
        url=reverse("coalitions:counselling_detail", args=[locked.pk]),
        params={"school": locked.school.name},
        actor=actor,
    )
    return locked


@transaction.atomic
def counselling_request_status_change(
    *, actor: User, request: CounsellingRequest, status: str, notes: str | None = None
) -> CounsellingRequest:
    if not crules.may_handle_counselling_request(actor, request):
        raise PermissionDenied
    locked = CounsellingRequest.objects.select_for_update().get(pk=request.pk)
    if status != locked.status and status not in TRANSITIONS.get(locked.status, set()):
        raise ValidationError(
            _("A request cannot go from “%(old)s” to “%(new)s”.")
            % {"old": locked.get_status_display(), "new": Status(status).label}
            if status in Status.values
            else _("Unknown status.")
        )
    if status == Status.OPEN:
        locked.adviser = None
    locked.status = status
    if notes is not None:
        locked.notes = notes.strip()
    locked.save(update_fields=["status", "adviser", "notes", "updated_at"])
    audit_entry_create(
        actor=actor, action="counselling.status", target=locked, data={"status": status}
    )
    return locked
