from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from qnet.models import AuditEntry
from qnet.tests.factories import UserFactory
from selfassessment import services
from selfassessment.models import Agreement, Rating, Result, SelfAssessment
from selfassessment.tests.conftest import YEAR, rate_all

pytestmark = pytest.mark.django_db


def entries_for(assessment, **values):
    return {
        rating.indicator_id: {"level": 2, "evidence": "", "next_steps": "", **values}
        for rating in assessment.ratings.all()
    }


# --- cycles ------------------------------------------------------------------


def test_cycle_open_gives_every_school_a_draft_with_an_empty_rating_per_sign(cycle, plan):
    assert cycle.assessments.count() == 2
    assert set(cycle.assessments.values_list("status", flat=True)) == {"draft"}
    assert Rating.objects.filter(assessment__cycle=cycle, level__isnull=True).count() == 6


def test_cycle_open_for_all_schools_takes_every_school_of_the_authority(
    plan, authority_staff, world
):
    cycle = services.cycle_open(
        actor=authority_staff,
        plan=plan,
        year=2027,
        opens_on=date(2027, 1, 1),
        due_on=date(2027, 3, 1),
    )
    assert set(cycle.schools.all()) == {world.school_a, world.school_b}


def test_cycle_open_refuses_a_second_cycle_for_the_same_year(cycle, plan, authority_staff):
    with pytest.raises(ValidationError, match="already exists"):
        services.cycle_open(
            actor=authority_staff,
            plan=plan,
            year=YEAR,
            opens_on=date(YEAR, 1, 1),
            due_on=date(YEAR, 2, 1),
        )


def test_cycle_open_refuses_a_school_of_another_authority(plan, authority_staff, world):
    with pytest.raises(ValidationError, match="own schools"):
        services.cycle_open(
            actor=authority_staff,
            plan=plan,
            year=2028,
            opens_on=date(2028, 1, 1),
            due_on=date(2028, 2, 1),
            schools=[world.school_other],
        )


def test_cycle_open_refuses_a_due_date_before_opening(plan, authority_staff):
    with pytest.raises(ValidationError):
        services.cycle_open(
            actor=authority_staff,
            plan=plan,
            year=2028,
            opens_on=date(2028, 3, 1),
            due_on=date(2028, 2, 1),
        )


# --- drafting and optimistic locking -----------------------------------------


def test_save_draft_stores_ratings_bumps_the_version_and_logs(draft_a, leader_a):
    services.assessment_save_draft(
        actor=leader_a,
        assessment=draft_a,
        version=1,
        entries=entries_for(draft_a, evidence="Lesson plans"),
    )
    draft_a.refresh_from_db()
    assert draft_a.version == 2
    assert draft_a.last_saved_by == leader_a
    assert set(draft_a.ratings.values_list("level", "evidence")) == {(2, "Lesson plans")}
    assert AuditEntry.objects.filter(action="selfassessment.save").count() == 1


def test_a_second_save_from_the_same_version_is_refused_and_keeps_the_first(
    draft_a, leader_a, staff_a
):
    draft_a.editors.add(staff_a)
    services.assessment_save_draft(
        actor=leader_a, assessment=draft_a, version=1, entries=entries_for(draft_a, evidence="A")
    )
    with pytest.raises(services.AssessmentConflict) as refused:
        services.assessment_save_draft(
            actor=staff_a,
            assessment=draft_a,
            version=1,
            entries=entries_for(draft_a, level=4, evidence="B"),
        )
    assert "Lea Albers" in refused.value.messages[0]
    assert len(refused.value.changes) == 3
    assert {change.evidence for change in refused.value.changes} == {"A"}
    assert set(draft_a.ratings.values_list("level", "evidence")) == {(2, "A")}
    draft_a.refresh_from_db()
    assert draft_a.version == 2


def test_the_conflict_lists_only_what_changed_since_the_loaded_version(draft_a, leader_a):
    first = draft_a.ratings.order_by("indicator__order", "indicator_id").first()
    services.assessment_save_draft(
        actor=leader_a,
        assessment=draft_a,
        version=1,
        entries={first.indicator_id: {"level": 3, "evidence": "x", "next_steps": ""}},
    )
    with pytest.raises(services.AssessmentConflict) as refused:
        services.assessment_save_draft(actor=leader_a, assessment=draft_a, version=1, entries={})
    assert [change.indicator_id for change in refused.value.changes] == [first.indicator_id]


def test_save_draft_ignores_indicators_outside_the_plan(draft_a, leader_a):
    services.assessment_save_draft(
        actor=leader_a,
        assessment=draft_a,
        version=1,
        entries={999999: {"level": 3, "evidence": "", "next_steps": ""}},
    )
    assert not Rating.objects.filter(indicator_id=999999).exists()


def test_save_draft_refuses_a_submitted_assessment(submitted_b, leader_b):
    with pytest.raises(ValidationError, match="can no longer be edited"):
        services.assessment_save_draft(
            actor=leader_b, assessment=submitted_b, version=submitted_b.version, entries={}
        )


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_from_one_version_let_exactly_one_through(postgres, world):
    """Two threads, two connections, the same loaded version: the row lock of the
    compare-and-swap UPDATE makes the second wait and then find the version moved."""
    import threading

    from django.db import connection

    from selfassessment.models import FocusArea, Goal, Indicator, QualityPlan

    plan = QualityPlan.objects.create(
        authority=world.authority, title="P", start_year=2026, end_year=2030
    )
    goal = Goal.objects.create(focus_area=FocusArea.objects.create(plan=plan, title="F"), text="G")
    Indicator.objects.create(goal=goal, statement="S")
    user = UserFactory()
    cycle = services.cycle_open(
        actor=user,
        plan=plan,
        year=2026,
        opens_on=date(2026, 1, 1),
        due_on=date(2026, 2, 1),
        schools=[world.school_a],
    )
    assessment = cycle.assessments.get()
    outcomes = []
    barrier = threading.Barrier(4)

    def save(index):
        try:
            barrier.wait()
            services.assessment_save_draft(
                actor=user,
                assessment=SelfAssessment.objects.get(pk=assessment.pk),
                version=1,
                entries=entries_for(assessment, evidence=f"writer {index}"),
            )
            outcomes.append("saved")
        except services.AssessmentConflict:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "refused", "refused", "saved"]
    assessment.refresh_from_db()
    assert assessment.version == 2


# --- submit, return, accept --------------------------------------------------


def test_submit_refuses_while_a_sign_has_no_level(draft_a, leader_a):
    with pytest.raises(ValidationError, match="3 of 3"):
        services.assessment_submit(actor=leader_a, assessment=draft_a, version=1)
    draft_a.refresh_from_db()
    assert draft_a.status == SelfAssessment.Status.DRAFT


def test_submit_with_the_form_saves_it_first_even_when_incomplete(draft_a, leader_a):
    first = draft_a.ratings.first()
    with pytest.raises(ValidationError):
        services.assessment_submit(
            actor=leader_a,
            assessment=draft_a,
            version=1,
            entries={first.indicator_id: {"level": 4, "evidence": "kept", "next_steps": ""}},
        )
    first.refresh_from_db()
    assert (first.level, first.evidence) == (4, "kept")


def test_submit_moves_a_complete_draft_to_submitted(draft_a, leader_a):
    rate_all(draft_a, leader_a)
    services.assessment_submit(actor=leader_a, assessment=draft_a, version=draft_a.version)
    draft_a.refresh_from_db()
    assert draft_a.status == SelfAssessment.Status.SUBMITTED
    assert draft_a.submitted_at is not None
    assert AuditEntry.objects.filter(action="selfassessment.submit").exists()


def test_return_needs_a_comment(submitted_b, authority_staff):
    with pytest.raises(ValidationError, match="revise"):
        services.assessment_return(actor=authority_staff, assessment=submitted_b, comment=" ")


def test_return_then_revise_then_accept(submitted_b, authority_staff, leader_b):
    services.assessment_return(
        actor=authority_staff, assessment=submitted_b, comment="Add evidence."
    )
    submitted_b.refresh_from_db()
    assert submitted_b.status == SelfAssessment.Status.RETURNED
    rate_all(submitted_b, leader_b, level=4)
    services.assessment_submit(actor=leader_b, assessment=submitted_b, version=submitted_b.version)
    services.assessment_accept(actor=authority_staff, assessment=submitted_b)
    submitted_b.refresh_from_db()
    assert submitted_b.status == SelfAssessment.Status.ACCEPTED
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert {"selfassessment.return", "selfassessment.accept"} <= set(actions)


def test_accept_refuses_a_draft(draft_a, authority_staff):
    with pytest.raises(ValidationError, match="Only a submitted"):
        services.assessment_accept(actor=authority_staff, assessment=draft_a)


def test_editors_must_be_staff_of_the_school(draft_a, leader_a, staff_a, leader_b):
    services.assessment_editors_set(actor=leader_a, assessment=draft_a, editors=[staff_a])
    assert list(draft_a.editors.all()) == [staff_a]
    with pytest.raises(ValidationError):
        services.assessment_editors_set(actor=leader_a, assessment=draft_a, editors=[leader_b])


# --- a result corrected by hand ------------------------------------------------


def test_result_update_logs_before_and_after(world, results, authority_staff):
    result = Result.objects.get(school=world.school_a, measure=results.reading, year=2025)
    services.result_update(actor=authority_staff, result=result, value=Decimal("48.5"), n=31)
    entry = AuditEntry.objects.get(action="result.update")
    assert entry.data == {
        "before": {"status": "reported", "value": "44.000", "n": 30},
        "after": {"status": "reported", "value": "48.5", "n": 31},
    }


def test_result_update_to_suppressed_drops_the_value(world, results, authority_staff):
    result = Result.objects.get(school=world.school_a, measure=results.reading, year=2025)
    services.result_update(
        actor=authority_staff, result=result, value=Decimal("48.5"), n=3, status="suppressed"
    )
    result.refresh_from_db()
    assert (result.status, result.value, result.n) == ("suppressed", None, 3)


def test_result_update_refuses_a_reported_result_without_value(world, results, authority_staff):
    result = Result.objects.get(school=world.school_a, measure=results.reading, year=2025)
    with pytest.raises(ValidationError, match="needs a value"):
        services.result_update(actor=authority_staff, result=result, value=None, n=30)


# --- plans and measures ------------------------------------------------------


def test_measure_codes_are_unique_per_authority(world, measures, authority_staff):
    with pytest.raises(ValidationError, match="already used"):
        services.measure_save(
            actor=authority_staff,
            authority=world.authority,
            code="read-5",
            name="Again",
            threshold=Decimal("1"),
        )
    other = services.measure_save(
        actor=authority_staff,
        authority=world.other_authority,
        code="read-5",
        name="Elsewhere",
        threshold=Decimal("1"),
    )
    assert other.pk


def test_indicator_refuses_measures_of_another_authority(plan, world, authority_staff):
    other = services.measure_save(
        actor=authority_staff,
        authority=world.other_authority,
        code="x",
        name="X",
        threshold=Decimal("1"),
    )
    goal = plan.focus_areas.first().goals.first()
    with pytest.raises(ValidationError):
        services.indicator_save(
            actor=authority_staff, goal=goal, statement="S", order=5, measures=[other]
        )


def test_quality_plan_refuses_a_reversed_period(world, authority_staff):
    with pytest.raises(ValidationError):
        services.quality_plan_save(
            actor=authority_staff,
            authority=world.authority,
            title="P",
            start_year=2030,
            end_year=2026,
        )


# --- dialogue and agreements -------------------------------------------------


def test_meeting_plan_twice_updates_the_one_meeting(meeting_b, authority_staff, world):
    again = services.dialogue_meeting_plan(
        actor=authority_staff,
        school=world.school_b,
        cycle=meeting_b.cycle,
        starts_at=meeting_b.starts_at,
        place="Town hall",
    )
    assert again.pk == meeting_b.pk and again.place == "Town hall"


def test_meeting_plan_refuses_a_school_outside_the_cycle(cycle, authority_staff, world):
    with pytest.raises(ValidationError):
        services.dialogue_meeting_plan(
            actor=authority_staff,
            school=world.school_other,
            cycle=cycle,
            starts_at=cycle.created_at,
            place="x",
        )


def test_an_authority_note_can_move_the_status_and_is_logged(agreement_b, authority_staff):
    note = services.agreement_note_add(
        actor=authority_staff,
        agreement=agreement_b,
        text="Started in grade 5",
        status="in_progress",
    )
    agreement_b.refresh_from_db()
    assert agreement_b.status == Agreement.Status.IN_PROGRESS
    assert note.author == authority_staff
    assert AuditEntry.objects.filter(action="agreement.update").exists()
    assert AuditEntry.objects.filter(action="agreement.note").exists()


def test_a_school_note_cannot_move_the_status(agreement_b, leader_b):
    with pytest.raises(ValidationError, match="Propose the new status"):
        services.agreement_note_add(
            actor=leader_b, agreement=agreement_b, text="All done", status="done"
        )
    agreement_b.refresh_from_db()
    assert agreement_b.status == Agreement.Status.OPEN
    assert not agreement_b.notes.exists()


def test_agreement_update_logs_only_what_changed(agreement_b, authority_staff):
    services.agreement_update(
        actor=authority_staff, agreement=agreement_b, owner="Deputy", action=agreement_b.action
    )
    entry = AuditEntry.objects.get(action="agreement.update")
    assert entry.data == {"before": {"owner": "Principal"}, "after": {"owner": "Deputy"}}


def test_agreement_note_needs_text(agreement_b, leader_b):
    with pytest.raises(ValidationError):
        services.agreement_note_add(actor=leader_b, agreement=agreement_b, text="  ")


def test_the_same_form_one_version_ahead_is_its_own_autosave_not_a_conflict(draft_a, leader_a):
    # The autosave from version 1 landed while the same page posted again from version 1.
    services.assessment_save_draft(
        actor=leader_a,
        assessment=draft_a,
        version=1,
        entries=entries_for(draft_a),
        edit_token="page-1",
    )
    services.assessment_save_draft(
        actor=leader_a,
        assessment=draft_a,
        version=1,
        entries=entries_for(draft_a, evidence="newer"),
        edit_token="page-1",
    )
    draft_a.refresh_from_db()
    assert draft_a.version == 3
    assert set(draft_a.ratings.values_list("evidence", flat=True)) == {"newer"}


def test_another_form_one_version_ahead_is_a_conflict(draft_a, leader_a):
    services.assessment_save_draft(
        actor=leader_a,
        assessment=draft_a,
        version=1,
        entries=entries_for(draft_a),
        edit_token="page-1",
    )
    with pytest.raises(services.AssessmentConflict):
        services.assessment_save_draft(
            actor=leader_a,
            assessment=draft_a,
            version=1,
            entries=entries_for(draft_a),
            edit_token="page-2",
        )
