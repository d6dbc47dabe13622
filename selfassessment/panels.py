"""The self-assessment card on the dashboard."""

from qnet.rules import roles_of
from selfassessment import selectors


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
