"""The anonymous staff survey: one-time links, answers that point to no one."""

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from qnet.models import Role, User
from qnet.services import audit_entry_create, mail_enqueue
from selfassessment.models import (
    Indicator,
    SelfAssessment,
    StaffSurvey,
    SurveyAnswer,
    SurveyLink,
)


def survey_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def staff_survey_open(
    *, actor: User, assessment: SelfAssessment, min_responses: int = 5
) -> StaffSurvey:
    """Start the survey and mail each colleague of the school a link that works once.

    Only the hash of a link is stored, and it is stored without its recipient.
    """
    if not assessment.is_editable:
        raise ValidationError(_("A survey belongs to a self-assessment still being written."))
    if StaffSurvey.objects.filter(assessment=assessment).exists():
        raise ValidationError(_("This self-assessment already has a staff survey."))
    if min_responses < 3:
        raise ValidationError(_("At least three responses are needed to keep answers anonymous."))
    staff = list(
        User.objects.filter(
            is_active=True,
            memberships__school=assessment.school,
            memberships__role=Role.SCHOOL_STAFF,
        ).distinct()
    )
    if len(staff) < min_responses:
        raise ValidationError(
            _(
                "The school has %(count)s staff members in qnet; the survey needs at least "
                "%(min)s to be anonymous. Invite colleagues first."
            )
            % {"count": len(staff), "min": min_responses}
        )
    survey = StaffSurvey.objects.create(assessment=assessment, min_responses=min_responses)
    # Shuffled, so the order of the link rows says nothing about the order of the mails.
    secrets.SystemRandom().shuffle(staff)
    tokens = [secrets.token_urlsafe(24) for _person in staff]
    SurveyLink.objects.bulk_create(
        [SurveyLink(survey=survey, token_hash=survey_token_hash(token)) for token in tokens]
    )
    for person, token in zip(staff, tokens, strict=True):
        mail_enqueue(
            to=person.email,
            template="selfassessment/mail/survey_invitation",
            context={
                "school": assessment.school.name,
                "year": assessment.cycle.year,
                "path": reverse("selfassessment:survey_respond", args=[token]),
            },
            language=person.preferred_language or assessment.school.authority.language,
        )
    audit_entry_create(
        actor=actor,
        action="staff_survey.open",
        target=assessment,
        authority=assessment.school.authority,
        data={"links": len(tokens), "min_responses": min_responses},
    )
    return survey


def survey_for_token(token: str) -> StaffSurvey | None:
    link = (
        SurveyLink.objects.filter(
            token_hash=survey_token_hash(token), survey__status=StaffSurvey.Status.OPEN
        )
        .select_related("survey__assessment__cycle__plan", "survey__assessment__school")
        .first()
    )
    return link.survey if link else None


@transaction.atomic
def staff_survey_respond(*, token: str, ratings: dict[int, int]) -> None:
    """Store one colleague's ratings. The link is deleted in the same transaction, so it
    works once even when two tabs send at the same moment."""
    survey = survey_for_token(token)
    if survey is None:
        raise ValidationError(_("This link has already been used or the survey is closed."))
    indicator_ids = set(
        Indicator.objects.filter(goal__focus_area__plan=survey.assessment.cycle.plan).values_list(
            "pk", flat=True
        )
    )
    if set(ratings) != indicator_ids or any(not 1 <= v <= 5 for v in ratings.values()):
        raise ValidationError(_("Rate every statement from 1 to 5."))
    deleted, _details = SurveyLink.objects.filter(
        token_hash=survey_token_hash(token), survey__status=StaffSurvey.Status.OPEN
    ).delete()
    if not deleted:
        raise ValidationError(_("This link has already been used or the survey is closed."))
    SurveyAnswer.objects.bulk_create(
        [
            SurveyAnswer(survey=survey, indicator_id=indicator_id, value=value)
            for indicator_id, value in sorted(ratings.items())
        ]
    )
    StaffSurvey.objects.filter(pk=survey.pk).update(response_count=F("response_count") + 1)


@transaction.atomic
def staff_survey_close(*, actor: User, survey: StaffSurvey) -> StaffSurvey:
    closed = StaffSurvey.objects.filter(pk=survey.pk, status=StaffSurvey.Status.OPEN).update(
        status=StaffSurvey.Status.CLOSED, closed_at=timezone.now()
    )
    if not closed:
        raise ValidationError(_("The survey is already closed."))
    # Unused links can never be used now; drop them.
    SurveyLink.objects.filter(survey=survey).delete()
    survey.refresh_from_db()
    audit_entry_create(
        actor=actor,
        action="staff_survey.close",
        target=survey.assessment,
        authority=survey.assessment.school.authority,
        data={"responses": survey.response_count},
    )
    return survey
