"""The only write path of the selfassessment app, split by sub-domain."""

from selfassessment.services.assessments import (
    AssessmentConflict,
    assessment_accept,
    assessment_editors_set,
    assessment_return,
    assessment_save_draft,
    assessment_submit,
    cycle_open,
)
from selfassessment.services.dialogue import (
    agreement_create,
    agreement_note_add,
    agreement_update,
    dialogue_meeting_plan,
)
from selfassessment.services.plans import (
    focus_area_save,
    goal_save,
    indicator_save,
    measure_save,
    quality_plan_save,
)
from selfassessment.services.reminders import agreement_reminders_send, cycle_remind_late
from selfassessment.services.results import (
    ImportPreview,
    ImportRow,
    result_update,
    results_import_commit,
    results_import_parse,
)
from selfassessment.services.surveys import (
    staff_survey_close,
    staff_survey_open,
    staff_survey_respond,
    survey_for_token,
)

__all__ = [
    "AssessmentConflict",
    "ImportPreview",
    "ImportRow",
    "agreement_create",
    "agreement_note_add",
    "agreement_reminders_send",
    "agreement_update",
    "assessment_accept",
    "assessment_editors_set",
    "assessment_return",
    "assessment_save_draft",
    "assessment_submit",
    "cycle_open",
    "cycle_remind_late",
    "dialogue_meeting_plan",
    "focus_area_save",
    "goal_save",
    "indicator_save",
    "measure_save",
    "quality_plan_save",
    "result_update",
    "staff_survey_close",
    "staff_survey_open",
    "staff_survey_respond",
    "survey_for_token",
    "results_import_commit",
    "results_import_parse",
]
