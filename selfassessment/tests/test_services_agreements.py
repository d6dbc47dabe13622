"""Binding agreements: the school proposes to close one, only the authority decides, and a
change from an outdated page never overwrites a newer one. Overdue agreements are found."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from qnet.models import AuditEntry, Role
from qnet.tests.factories import MembershipFactory, UserFactory
from selfassessment import selectors, services
from selfassessment.models import Agreement, AgreementProposal

pytestmark = pytest.mark.django_db


def _reload(agreement):
    agreement.refresh_from_db()
    return agreement


# --- proposing ---------------------------------------------------------------


def test_the_leader_proposes_done_and_the_status_stays_until_the_authority_decides(
    agreement_b, leader_b
):
    proposal = services.agreement_propose(
        actor=leader_b, agreement=agreement_b, status="done", reason=" All classes read. "
    )
    assert proposal.state == AgreementProposal.State.PENDING
    assert proposal.reason == "All classes read."
    assert proposal.proposed_by == leader_b
    assert _reload(agreement_b).status == Agreement.Status.OPEN
    assert AuditEntry.objects.filter(action="agreement.propose").exists()


@pytest.mark.parametrize("persona", ["authority_staff", "leader_a"])
def test_only_the_schools_leader_proposes(agreement_b, request, persona):
    with pytest.raises(PermissionDenied):
        services.agreement_propose(
            actor=request.getfixturevalue(persona),
            agreement=agreement_b,
            status="done",
            reason="x",
        )


def test_school_staff_cannot_propose(agreement_b, world):
    colleague = UserFactory()
    MembershipFactory(user=colleague, role=Role.SCHOOL_STAFF, school=world.school_b)
    with pytest.raises(PermissionDenied):
        services.agreement_propose(
            actor=colleague, agreement=agreement_b, status="dropped", reason="x"
        )


@pytest.mark.parametrize(
    ("status", "reason", "message"),
    [
        ("in_progress", "Going", "Propose either done or dropped."),
        ("open", "Again", "Propose either done or dropped."),
        ("done", "   ", "Say why"),
    ],
)
def test_a_proposal_needs_a_closing_status_and_a_reason(
    agreement_b, leader_b, status, reason, message
):
    with pytest.raises(ValidationError, match=message):
        services.agreement_propose(
            actor=leader_b, agreement=agreement_b, status=status, reason=reason
        )
    assert not AgreementProposal.objects.exists()


def test_one_proposal_waits_at_a_time(proposal_b, leader_b):
    with pytest.raises(ValidationError, match="already waiting"):
        services.agreement_propose(
            actor=leader_b, agreement=proposal_b.agreement, status="dropped", reason="Other"
        )
    assert AgreementProposal.objects.count() == 1


def test_a_closed_agreement_takes_no_proposal(agreement_b, leader_b, authority_staff):
    services.agreement_change(
        actor=authority_staff, agreement=agreement_b, version=agreement_b.version, status="done"
    )
    with pytest.raises(ValidationError, match="already closed"):
        services.agreement_propose(
            actor=leader_b, agreement=agreement_b, status="dropped", reason="x"
        )


# --- deciding ----------------------------------------------------------------


def test_a_confirmed_proposal_changes_the_status_and_is_logged(proposal_b, authority_staff):
    agreement = proposal_b.agreement
    services.agreement_proposal_confirm(
        actor=authority_staff, proposal=proposal_b, version=agreement.version, comment="Well done"
    )
    proposal_b.refresh_from_db()
    assert proposal_b.state == AgreementProposal.State.CONFIRMED
    assert proposal_b.decided_by == authority_staff
    assert proposal_b.decision_comment == "Well done"
    agreement = _reload(agreement)
    assert agreement.status == Agreement.Status.DONE
    assert agreement.version == 2
    update = AuditEntry.objects.get(action="agreement.update")
    assert update.data == {"before": {"status": "open"}, "after": {"status": "done"}}
    assert AuditEntry.objects.filter(action="agreement.proposal_confirm").exists()


def test_a_rejected_proposal_leaves_the_status_and_needs_a_comment(proposal_b, authority_staff):
    with pytest.raises(ValidationError, match="why the proposal is rejected"):
        services.agreement_proposal_reject(actor=authority_staff, proposal=proposal_b, comment="")
    services.agreement_proposal_reject(
        actor=authority_staff, proposal=proposal_b, comment="Grade 7 has not started."
    )
    proposal_b.refresh_from_db()
    assert proposal_b.state == AgreementProposal.State.REJECTED
    assert _reload(proposal_b.agreement).status == Agreement.Status.OPEN
    assert AuditEntry.objects.filter(action="agreement.proposal_reject").exists()


def test_after_a_rejection_the_school_may_propose_again(proposal_b, authority_staff, leader_b):
    services.agreement_proposal_reject(actor=authority_staff, proposal=proposal_b, comment="No")
    again = services.agreement_propose(
        actor=leader_b, agreement=proposal_b.agreement, status="done", reason="Now all read."
    )
    assert again.state == AgreementProposal.State.PENDING


def test_a_proposal_tells_the_authority_and_a_rejection_tells_the_school(
    agreement_b, leader_b, authority_staff, other_authority_staff
):
    from qnet.models import Notice, NoticeKind, OutboxMessage
    from qnet.notifications import notice_text

    authority_staff.preferred_language = "de"
    authority_staff.save(update_fields=["preferred_language"])
    proposal = services.agreement_propose(
        actor=leader_b, agreement=agreement_b, status="dropped", reason="The budget was cut."
    )
    told = Notice.objects.get(kind=NoticeKind.AGREEMENT_PROPOSED)
    assert told.recipient == authority_staff
    assert not Notice.objects.filter(recipient=other_authority_staff).exists()
    with translation.override("de"):
        assert "verworfen" in notice_text(told.kind, told.params)
    # One mail, in the authority's person's language.
    assert (
        OutboxMessage.objects.filter(
            to=authority_staff.email, subject__startswith="Zielvereinbarung als erledigt"
        ).count()
        == 1
    )

    services.agreement_proposal_reject(
        actor=authority_staff, proposal=proposal, comment="Ask the board first."
    )
    rejected = Notice.objects.get(kind=NoticeKind.AGREEMENT_PROPOSAL_REJECTED)
    assert rejected.recipient == leader_b
    assert "Ask the board first." in notice_text(rejected.kind, rejected.params)
    assert (
        OutboxMessage.objects.filter(
            to=leader_b.email, subject__startswith="Proposal on an agreement rejected"
        ).count()
        == 1
    )


@pytest.mark.parametrize("persona", ["leader_b", "other_authority_staff", "coordinator"])
def test_only_the_schools_authority_decides(proposal_b, request, persona):
    actor = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.agreement_proposal_confirm(
            actor=actor, proposal=proposal_b, version=proposal_b.agreement.version
        )
    with pytest.raises(PermissionDenied):
        services.agreement_proposal_reject(actor=actor, proposal=proposal_b, comment="No")
    proposal_b.refresh_from_db()
    assert proposal_b.state == AgreementProposal.State.PENDING
    assert _reload(proposal_b.agreement).status == Agreement.Status.OPEN


def test_a_proposal_is_decided_once(proposal_b, authority_staff):
    version = proposal_b.agreement.version
    services.agreement_proposal_reject(actor=authority_staff, proposal=proposal_b, comment="No")
    with pytest.raises(ValidationError, match="already been decided"):
        services.agreement_proposal_confirm(
            actor=authority_staff, proposal=proposal_b, version=version
        )
    assert _reload(proposal_b.agreement).status == Agreement.Status.OPEN


# --- lost updates ------------------------------------------------------------


def test_a_confirmation_from_an_outdated_page_changes_nothing(proposal_b, authority_staff):
    agreement = proposal_b.agreement
    seen = agreement.version
    # A colleague moved the due date in the meantime.
    services.agreement_change(
        actor=authority_staff,
        agreement=Agreement.objects.get(pk=agreement.pk),
        version=seen,
        due_on=date(2027, 1, 31),
    )
    with pytest.raises(ValidationError, match="Someone changed this agreement"):
        services.agreement_proposal_confirm(
            actor=authority_staff, proposal=proposal_b, version=seen
        )
    proposal_b.refresh_from_db()
    assert proposal_b.state == AgreementProposal.State.PENDING
    agreement = _reload(agreement)
    assert (agreement.status, agreement.due_on) == (Agreement.Status.OPEN, date(2027, 1, 31))


def test_of_two_changes_from_the_same_page_only_the_first_is_saved(
    agreement_b, authority_staff, other_authority_staff
):
    first = Agreement.objects.get(pk=agreement_b.pk)
    second = Agreement.objects.get(pk=agreement_b.pk)
    services.agreement_change(
        actor=authority_staff, agreement=first, version=first.version, status="done"
    )
    with pytest.raises(ValidationError):
        services.agreement_change(
            actor=authority_staff, agreement=second, version=second.version, status="dropped"
        )
    agreement = _reload(agreement_b)
    assert (agreement.status, agreement.version) == (Agreement.Status.DONE, 2)
    assert AuditEntry.objects.filter(action="agreement.update").count() == 1


# --- overdue -----------------------------------------------------------------


def test_overdue_agreements_are_past_due_and_still_open(
    meeting_b, authority_staff, world, other_authority_staff
):
    today = timezone.localdate()

    def agreement(action, due_in, status="open"):
        made = services.agreement_create(
            actor=authority_staff,
            meeting=meeting_b,
            action=action,
            owner="Principal",
            due_on=today + timedelta(days=due_in),
        )
        if status != "open":
            services.agreement_change(
                actor=authority_staff, agreement=made, version=made.version, status=status
            )
        return made

    late = agreement("Late", -3)
    later = agreement("Started late", -10, "in_progress")
    agreement("Due today", 0)
    agreement("Done late", -5, "done")
    agreement("Dropped", -5, "dropped")
    agreement("Next month", 30)

    overdue = list(selectors.agreements_overdue(authority=world.authority))
    assert overdue == [later, late]
    assert all(item.is_overdue for item in overdue)
    assert list(selectors.agreements_overdue(school_ids=[world.school_a.pk])) == []
    assert list(selectors.agreements_overdue(authority=world.other_authority)) == []
    # Seen from a later day, the one due today is overdue too.
    tomorrow = selectors.agreements_overdue(
        authority=world.authority, today=today + timedelta(days=1)
    )
    assert [item.action for item in tomorrow] == ["Started late", "Late", "Due today"]


# --- under concurrency (PostgreSQL) ------------------------------------------


def _race(count, work):
    """Run `work(index)` in `count` threads released at once; their outcomes."""
    import threading

    from django.db import connection

    outcomes, barrier = [], threading.Barrier(count)

    def run(index):
        try:
            barrier.wait()
            work(index)
            outcomes.append("done")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


@pytest.fixture
def race_world(postgres, world, authority_staff, leader_b):
    """Committed rows (no test transaction), built directly: threads read them."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from selfassessment.models import Cycle, DialogueMeeting, QualityPlan

    staff, leader = authority_staff, leader_b
    plan = QualityPlan.objects.create(
        authority=world.authority, title="P", start_year=2026, end_year=2030
    )
    cycle = Cycle.objects.create(
        plan=plan, year=2026, opens_on=date(2026, 1, 1), due_on=date(2026, 2, 1)
    )
    meeting = DialogueMeeting.objects.create(
        school=world.school_b,
        cycle=cycle,
        starts_at=datetime(2026, 3, 1, 9, tzinfo=ZoneInfo("UTC")),
        place="B",
    )
    agreement = Agreement.objects.create(
        meeting=meeting, action="Read", owner="P", due_on=date(2026, 12, 1)
    )
    return staff, leader, agreement


def test_simultaneous_proposals_leave_exactly_one_waiting(race_world):
    _staff, leader, agreement = race_world
    outcomes = _race(
        4,
        lambda index: services.agreement_propose(
            actor=leader,
            agreement=Agreement.objects.get(pk=agreement.pk),
            status="done",
            reason=f"Reason {index}",
        ),
    )
    assert outcomes == ["done", "refused", "refused", "refused"]
    assert AgreementProposal.objects.filter(state="pending").count() == 1


def test_simultaneous_decisions_on_one_proposal_let_exactly_one_through(race_world):
    staff, leader, agreement = race_world
    proposal = services.agreement_propose(
        actor=leader, agreement=agreement, status="done", reason="All read."
    )

    def decide(index):
        fresh = AgreementProposal.objects.select_related(
            "agreement__meeting__school__authority"
        ).get(pk=proposal.pk)
        if index % 2:
            services.agreement_proposal_reject(actor=staff, proposal=fresh, comment="No")
        else:
            services.agreement_proposal_confirm(actor=staff, proposal=fresh, version=1)

    assert _race(4, decide) == ["done", "refused", "refused", "refused"]
    proposal.refresh_from_db()
    agreement.refresh_from_db()
    expected = "done" if proposal.state == "confirmed" else "open"
    assert agreement.status == expected
    assert agreement.version == (2 if expected == "done" else 1)
