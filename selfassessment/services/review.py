"""The authority's review of a self-assessment, sign by sign."""

from django.db import transaction

from qnet.models import User
from qnet.services import audit_entry_create
from selfassessment.models import Rating, SelfAssessment
from selfassessment.services.assessments import assessment_return


@transaction.atomic
def assessment_return_with_comments(
    *, actor: User, assessment: SelfAssessment, comment: str, sign_comments: dict[int, str]
) -> SelfAssessment:
    """Return for revision with the overall comment and a comment per sign of good
    practice (indicator id → text). The signs left without one lose the previous return's
    comment, so the school never reads an old remark as a new one."""
    assessment = assessment_return(actor=actor, assessment=assessment, comment=comment)
    wanted = {pk: (text or "").strip() for pk, text in sign_comments.items()}
    changed = []
    for rating in assessment.ratings.all():
        text = wanted.get(rating.indicator_id, "")
        if rating.review_comment != text:
            rating.review_comment = text
            changed.append(rating)
    Rating.objects.bulk_update(changed, ["review_comment"])
    audit_entry_create(
        actor=actor,
        action="selfassessment.sign_comments",
        target=assessment,
        authority=assessment.school.authority,
        data={"comments": {str(pk): text for pk, text in sorted(wanted.items()) if text}},
    )
    return assessment
