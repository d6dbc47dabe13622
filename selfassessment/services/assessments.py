"""Cycles and self-assessments: drafting with optimistic locking, submitting, reviewing."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from qnet.models import NoticeKind, Role, School, User
from qnet.notifications import notice_send
from qnet.selectors import authority_staff, school_leaders
from qnet.services import audit_entry_create
from selfassessment.models import Cycle, Indicator, QualityPlan, Rating, SelfAssessment

RATING_FIELDS = ("level", "evidence", "next_steps")


@dataclass(frozen=True)
class RatingChange:
    indicator_id: int
    statement: str
    level_label: str
    evidence: str
    next_steps: str


class AssessmentConflict(ValidationError):
    """A save from a version someone else has already moved past: nothing was written."""

    def __init__(self, *, assessment: SelfAssessment, changes: list[RatingChange]):
        self.assessment = assessment
        self.changes = changes
        who = assessment.last_saved_by.get_full_name() if assessment.last_saved_by else "—"
        super().__init__(
            _(
                "Not saved: %(who)s saved a newer version while you were editing. "
                "Nothing of theirs or yours was overwritten; your text is still in the form. "
                "Copy what you need, then load the latest version."
            )
            % {"who": who},
            code="stale_version",
        )


def _plan_indicator_ids(plan: QualityPlan) -> list[int]:
    return list(Indicator.objects.filter(goal__focus_area__plan=plan).values_list("pk", flat=True))


@transaction.atomic
def cycle_open(
    *,
    actor: User,
    plan: QualityPlan,
    year: int,
    opens_on: date,
    due_on: date,
    schools: list[School] | None = None,
) -> Cycle:
    """Open a year's cycle for all of the authority's schools, or the chosen ones."""
    if due_on < opens_on:
        raise ValidationError(_("The due date cannot come before the opening date."))
    if Cycle.objects.filter(plan=plan, year=year).exists():
        raise ValidationError(
            _("A cycle for %(year)s already exists for this plan.") % {"year": year}
        )
    if schools is None:
        schools = list(School.objects.filter(authority_id=plan.authority_id))
    if not schools:
        raise ValidationError(_("Choose at least one school."))
    if any(school.authority_id != plan.authority_id for school in schools):
        raise ValidationError(_("A cycle can only include the authority's own schools."))
    cycle = Cycle.objects.create(plan=plan, year=year, opens_on=opens_on, due_on=due_on)
    cycle.schools.set(schools)
    assessments = SelfAssessment.objects.bulk_create(
        [SelfAssessment(cycle=cycle, school=school) for school in schools]
    )
    indicator_ids = _plan_indicator_ids(plan)
    Rating.objects.bulk_create(
        [
            Rating(assessment=assessment, indicator_id=indicator_id)
            for assessment in assessments
            for indicator_id in indicator_ids
        ]
    )
    audit_entry_create(
        actor=actor,
        action="cycle.open",
        target=cycle,
        authority=plan.authority,
        data={"year": year, "schools": len(schools)},
    )
    return cycle


def _changes_since(assessment: SelfAssessment, version: int) -> list[RatingChange]:
    labels = dict(Rating._meta.get_field("level").choices)
    return [
        RatingChange(
            indicator_id=rating.indicator_id,
            statement=rating.indicator.statement,
            level_label=str(labels.get(rating.level, "—")),
            evidence=rating.evidence,
            next_steps=rating.next_steps,
        )
        for rating in assessment.ratings.filter(changed_in_version__gt=version)
        .select_related("indicator")
        .order_by(
            "indicator__goal__focus_area__order", "indicator__goal__order", "indicator__order"
        )
    ]


def _clean_entry(entry: dict) -> dict:
    level = entry.get("level")
    return {
        "level": int(level) if level not in (None, "") else None,
        "evidence": (entry.get("evidence") or "").strip(),
        "next_steps": (entry.get("next_steps") or "").strip(),
    }


@transaction.atomic
def assessment_save_draft(
    *,
    actor: User,
    assessment: SelfAssessment,
    version: int,
    entries: dict[int, dict],
    edit_token: str = "",
) -> SelfAssessment:
    """Save the form as loaded at `version`; refuse it if someone saved in between.

    The compare-and-swap UPDATE both checks the version and takes the row lock, so two
    saves from the same version can never both pass. The one exception is the same
    rendered form (same `edit_token`) one version ahead: its own autosave was still in
    flight when it posted again, and the form always carries every field, so the newer
    post holds everything the autosave did.
    """
    now = timezone.now()
    expected = Q(version=version)
    if edit_token:
        expected |= Q(version=version + 1, last_edit_token=edit_token)
    swapped = SelfAssessment.objects.filter(
        expected, pk=assessment.pk, status__in=SelfAssessment.EDITABLE
    ).update(
        version=F("version") + 1,
        last_saved_by=actor,
        last_saved_at=now,
        last_edit_token=edit_token,
        updated_at=now,
    )
    if not swapped:
        current = SelfAssessment.objects.select_related("last_saved_by").get(pk=assessment.pk)
        if current.status not in SelfAssessment.EDITABLE:
            raise ValidationError(
                _("This self-assessment is %(status)s and can no longer be edited.")
                % {"status": current.get_status_display().lower()},
                code="not_editable",
            )
        raise AssessmentConflict(assessment=current, changes=_changes_since(current, version))
    new_version = SelfAssessment.objects.values_list("version", flat=True).get(pk=assessment.pk)
    plan_indicators = set(_plan_indicator_ids(assessment.cycle.plan))
    ratings = {rating.indicator_id: rating for rating in assessment.ratings.all()}
    changed, created = [], []
    for indicator_id, raw in entries.items():
        if indicator_id not in plan_indicators:
            continue
        values = _clean_entry(raw)
        rating = ratings.get(indicator_id)
        if rating is None:
            created.append(
                Rating(
                    assessment=assessment,
                    indicator_id=indicator_id,
                    changed_in_version=new_version,
                    **values,
                )
            )
        elif any(getattr(rating, name) != values[name] for name in RATING_FIELDS):
            for name in RATING_FIELDS:
                setattr(rating, name, values[name])
            rating.changed_in_version = new_version
            rating.updated_at = now
            changed.append(rating)
    Rating.objects.bulk_create(created)
    Rating.objects.bulk_update(changed, [*RATING_FIELDS, "changed_in_version", "updated_at"])
    if changed or created:
        audit_entry_create(
            actor=actor,
            action="selfassessment.save",
            target=assessment,
            authority=assessment.school.authority,
            data={
                "version": new_version,
                "indicators": sorted(r.indicator_id for r in [*changed, *created]),
            },
        )
    assessment.version = new_version
    assessment.last_saved_by = actor
    assessment.last_saved_at = now
    return assessment


def assessment_submit(
    *,
    actor: User,
    assessment: SelfAssessment,
    version: int,
    entries: dict[int, dict] | None = None,
    edit_token: str = "",
) -> SelfAssessment:
    """Save what the form holds, then hand it to the authority — only when complete.

    The save is its own transaction on purpose: a refused (incomplete) submission keeps
    what was typed as the draft.
    """
    if entries is not None:
        assessment_save_draft(
            actor=actor,
            assessment=assessment,
            version=version,
            entries=entries,
            edit_token=edit_token,
        )
        version = assessment.version
    return _submit(actor=actor, assessment=assessment, version=version)


@transaction.atomic
def _submit(*, actor: User, assessment: SelfAssessment, version: int) -> SelfAssessment:
    indicator_ids = _plan_indicator_ids(assessment.cycle.plan)
    rated = assessment.ratings.filter(indicator_id__in=indicator_ids, level__isnull=False).count()
    if rated < len(indicator_ids):
        raise ValidationError(
            _(
                "Rate every sign of good practice before submitting: "
                "%(missing)s of %(total)s still have no level."
            )
            % {"missing": len(indicator_ids) - rated, "total": len(indicator_ids)},
            code="incomplete",
        )
    now = timezone.now()
    moved = SelfAssessment.objects.filter(
        pk=assessment.pk, version=version, status__in=SelfAssessment.EDITABLE
    ).update(
        status=SelfAssessment.Status.SUBMITTED,
        submitted_at=now,
        version=F("version") + 1,
        updated_at=now,
    )
    if not moved:
        raise ValidationError(
            _("Someone changed this self-assessment in the meantime. Reload it and try again."),
            code="stale_version",
        )
    assessment.refresh_from_db()
    audit_entry_create(
        actor=actor,
        action="selfassessment.submit",
        target=assessment,
        authority=assessment.school.authority,
    )
    notice_send(
        recipients=authority_staff(assessment.school.authority_id),
        kind=NoticeKind.SELFASSESSMENT_SUBMITTED,
        url=reverse("selfassessment:assessment_detail", args=[assessment.pk]),
        params={"school": assessment.school.name, "year": assessment.cycle.year},
        actor=actor,
    )
    return assessment


def _decide(
    *, actor: User, assessment: SelfAssessment, status: str, comment: str, action: str
) -> SelfAssessment:
    now = timezone.now()
    moved = SelfAssessment.objects.filter(
        pk=assessment.pk, status=SelfAssessment.Status.SUBMITTED
    ).update(
        status=status,
        authority_comment=comment,
        decided_at=now,
        version=F("version") + 1,
        updated_at=now,
    )
    if not moved:
        raise ValidationError(
            _("Only a submitted self-assessment can be returned or accepted."), code="not_submitted"
        )
    assessment.refresh_from_db()
    audit_entry_create(
        actor=actor,
        action=action,
        target=assessment,
        authority=assessment.school.authority,
        data={"comment": comment},
    )
    notice_send(
        recipients=school_leaders([assessment.school_id]),
        kind=(
            NoticeKind.SELFASSESSMENT_RETURNED
            if status == SelfAssessment.Status.RETURNED
            else NoticeKind.SELFASSESSMENT_ACCEPTED
        ),
        url=reverse("selfassessment:assessment_detail", args=[assessment.pk]),
        params={
            "school": assessment.school.name,
            "year": assessment.cycle.year,
            "comment": comment[:500],
        },
        actor=actor,
    )
    return assessment


@transaction.atomic
def assessment_return(*, actor: User, assessment: SelfAssessment, comment: str) -> SelfAssessment:
    comment = comment.strip()
    if not comment:
        raise ValidationError(_("Say what the school should revise."), code="comment_required")
    return _decide(
        actor=actor,
        assessment=assessment,
        status=SelfAssessment.Status.RETURNED,
        comment=comment,
        action="selfassessment.return",
    )


@transaction.atomic
def assessment_accept(
    *, actor: User, assessment: SelfAssessment, comment: str = ""
) -> SelfAssessment:
    return _decide(
        actor=actor,
        assessment=assessment,
        status=SelfAssessment.Status.ACCEPTED,
        comment=comment.strip(),
        action="selfassessment.accept",
    )


@transaction.atomic
def assessment_editors_set(
    *, actor: User, assessment: SelfAssessment, editors: list[User]
) -> SelfAssessment:
    """The leader picks colleagues of her school who may co-edit."""
    staff_ids = set(
        assessment.school.memberships.filter(role=Role.SCHOOL_STAFF).values_list(
            "user_id", flat=True
        )
    )
    if any(editor.pk not in staff_ids for editor in editors):
        raise ValidationError(_("Only staff of the school can be invited to co-edit."))
    assessment.editors.set(editors)
    audit_entry_create(
        actor=actor,
        action="selfassessment.editors",
        target=assessment,
        authority=assessment.school.authority,
        data={"editors": sorted(editor.pk for editor in editors)},
    )
    return assessment
