"""The self-assessment card on the dashboard."""

from qnet.models import Authority, Membership
from qnet.rules import roles_of
from selfassessment import selectors
from selfassessment.models import Cycle, QualityPlan, Rating, SelfAssessment

# What the panel reads (qnet.caching): the follow-up count's tables and the cycle's.
SELFASSESSMENT_DEPENDS_ON = (
    *selectors.FOLLOW_UP_DEPENDS_ON,
    SelfAssessment,
    Rating,
    Cycle,
    QualityPlan,
    Authority,
    Membership,
)


def shared_by(request) -> tuple:
    """Staff of one authority see one panel, and so do the people of the same schools."""
    roles = roles_of(request.user)
    if roles.authority_ids:
        return ("authority", min(roles.authority_ids))
    return ("schools", *sorted(roles.school_ids))


def selfassessment_panel(request):
    """Authority staff: where the cycle stands and who is flagged. Schools: their state."""
    user = request.user
    authority = selectors.staff_authority(user)
    if authority is not None:
        return (
            "selfassessment/panels/selfassessment.html",
            {
                "authority": authority,
                "counts": selectors.assessment_counts(authority=authority),
                "flagged": selectors.flagged_school_count(authority=authority),
            },
        )
    school_ids = roles_of(user).school_ids
    if not school_ids:
        return None
    return (
        "selfassessment/panels/selfassessment.html",
        {
            "assessments": selectors.current_assessments_for_user(user),
            "agreements": selectors.open_agreements_for_schools(school_ids)[:5],
        },
    )
