"""Who may do what with self-assessments, results and agreements."""

import rules

from qnet.rules import is_leader_of, is_member_of_school, owns_school, roles_of


@rules.predicate
def may_edit_assessment(user, assessment) -> bool:
    """The school's leader, or a colleague the leader invited, while it is open for editing."""
    if assessment is None or not assessment.is_editable:
        return False
    if is_leader_of(user, assessment.school):
        return True
    return is_member_of_school(user, assessment.school) and any(
        editor.pk == user.pk for editor in assessment.editors.all()
    )


@rules.predicate
def may_manage_editors(user, assessment) -> bool:
    return assessment is not None and is_leader_of(user, assessment.school)


@rules.predicate
def may_review_assessment(user, assessment) -> bool:
    return assessment is not None and owns_school(user, assessment.school)


@rules.predicate
def may_manage_dialogue(user, school) -> bool:
    return owns_school(user, school)


@rules.predicate
def may_follow_up_agreement(user, agreement) -> bool:
    """The school reports progress; the authority too."""
    school = agreement.meeting.school
    return is_member_of_school(user, school) or owns_school(user, school)


@rules.predicate
def is_authority_staff(user) -> bool:
    return bool(roles_of(user).authority_ids)


rules.add_perm("selfassessment.edit_assessment", may_edit_assessment)
rules.add_perm("selfassessment.manage_editors", may_manage_editors)
rules.add_perm("selfassessment.review_assessment", may_review_assessment)
rules.add_perm("selfassessment.manage_dialogue", may_manage_dialogue)
rules.add_perm("selfassessment.follow_up_agreement", may_follow_up_agreement)
