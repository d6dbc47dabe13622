"""Binding agreements after the dialogue meeting: guarded changes, and the school's
proposals to close an agreement, which only the authority can confirm."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from qnet.models import NoticeKind, User
from qnet.notifications import notice_send
from qnet.rules import is_leader_of, owns_school
from qnet.selectors import authority_staff, school_leaders
from qnet.services import audit_entry_create
from selfassessment.models import Agreement, AgreementProposal
from selfassessment.services.dialogue import agreement_update


def _stale() -> ValidationError:
    return ValidationError(
        _(
            "Someone changed this agreement while you were looking at it. Nothing was "
            "saved: reload the page and try again."
        ),
        code="stale_version",
    )


@transaction.atomic
def agreement_change(*, actor: User, agreement: Agreement, version: int, **fields) -> Agreement:
    """agreement_update, refused when the agreement moved past `version` since the page
    was loaded. The compare-and-swap UPDATE both checks the version and takes the row
    lock, so of two changes from the same page state exactly one goes through."""
    now = timezone.now()
    moved = Agreement.objects.filter(pk=agreement.pk, version=version).update(
        version=F("version") + 1, updated_at=now
    )
    if not moved:
        raise _stale()
    # What the caller saw is what is stored (same version): only the counter moved.
    agreement.version = version + 1
    return agreement_update(actor=actor, agreement=agreement, **fields)


@transaction.atomic
def agreement_propose(
    *, actor: User, agreement: Agreement, status: str, reason: str
) -> AgreementProposal:
    """The school's leader proposes that the agreement is done, or dropped, and why."""
    school = agreement.meeting.school
    if not is_leader_of(actor, school):
        raise PermissionDenied
    if status not in dict(AgreementProposal._meta.get_field("status").choices):
        raise ValidationError(_("Propose either done or dropped."), code="bad_status")
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why, so the authority can decide."), code="reason_required")
    if agreement.status not in Agreement.OPEN_STATES:
        raise ValidationError(_("This agreement is already closed."), code="closed")
    try:
        # A savepoint: the unique constraint, not a read before the write, decides when
        # two people of the school propose at the same moment.
        with transaction.atomic():
            proposal = AgreementProposal.objects.create(
                agreement=agreement, status=status, reason=reason, proposed_by=actor
            )
    except IntegrityError:
        raise ValidationError(
            _("A proposal is already waiting for the authority's decision."), code="pending"
        ) from None
    audit_entry_create(
        actor=actor,
        action="agreement.propose",
        target=agreement,
        authority=school.authority,
        data={"proposal": proposal.pk, "status": status},
    )
    notice_send(
        recipients=authority_staff(school.authority_id),
        kind=NoticeKind.AGREEMENT_PROPOSED,
        url=reverse("selfassessment:agreement_detail", args=[agreement.pk]),
        params={
            "school": school.name,
            "action": agreement.action[:300],
            "proposal": status,
            "reason": reason[:300],
        },
        actor=actor,
    )
    return proposal


def _require_authority(actor: User, proposal: AgreementProposal) -> None:
    if not owns_school(actor, proposal.agreement.meeting.school):
        raise PermissionDenied


def _decide(
    *, actor: User, proposal: AgreementProposal, state: str, comment: str
) -> AgreementProposal:
    now = timezone.now()
    decided = AgreementProposal.objects.filter(
        pk=proposal.pk, state=AgreementProposal.State.PENDING
    ).update(state=state, decided_by=actor, decided_at=now, decision_comment=comment)
    if not decided:
        raise ValidationError(_("This proposal has already been decided."), code="decided")
    proposal.state, proposal.decided_by, proposal.decided_at = state, actor, now
    proposal.decision_comment = comment
    return proposal


@transaction.atomic
def agreement_proposal_confirm(
    *, actor: User, proposal: AgreementProposal, version: int, comment: str = ""
) -> AgreementProposal:
    """The authority agrees: the agreement takes the proposed status. `version` is the
    agreement's as the authority saw it; a change since then refuses the confirmation."""
    _require_authority(actor, proposal)
    comment = comment.strip()
    proposal = _decide(
        actor=actor, proposal=proposal, state=AgreementProposal.State.CONFIRMED, comment=comment
    )
    agreement_change(
        actor=actor, agreement=proposal.agreement, version=version, status=proposal.status
    )
    audit_entry_create(
        actor=actor,
        action="agreement.proposal_confirm",
        target=proposal.agreement,
        authority=proposal.agreement.meeting.school.authority,
        data={"proposal": proposal.pk, "status": proposal.status, "comment": comment},
    )
    return proposal


@transaction.atomic
def agreement_proposal_reject(
    *, actor: User, proposal: AgreementProposal, comment: str
) -> AgreementProposal:
    """The authority does not agree (yet); the comment tells the school why. The
    agreement stays as it is."""
    _require_authority(actor, proposal)
    comment = comment.strip()
    if not comment:
        raise ValidationError(
            _("Tell the school why the proposal is rejected."), code="comment_required"
        )
    proposal = _decide(
        actor=actor, proposal=proposal, state=AgreementProposal.State.REJECTED, comment=comment
    )
    audit_entry_create(
        actor=actor,
        action="agreement.proposal_reject",
        target=proposal.agreement,
        authority=proposal.agreement.meeting.school.authority,
        data={"proposal": proposal.pk, "status": proposal.status, "comment": comment},
    )
    # A confirmation tells the school through agreement_update's "agreement changed"; a
    # rejection changes no agreement, so it says so itself.
    school = proposal.agreement.meeting.school
    notice_send(
        recipients=school_leaders([school.pk]),
        kind=NoticeKind.AGREEMENT_PROPOSAL_REJECTED,
        url=reverse("selfassessment:agreement_detail", args=[proposal.agreement_id]),
        params={"school": school.name, "proposal": proposal.status, "comment": comment[:300]},
        actor=actor,
    )
    return proposal
