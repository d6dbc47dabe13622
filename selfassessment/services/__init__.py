"""The only write path of the selfassessment app, split by sub-domain."""

from selfassessment.services.agreements import (
    agreement_change,
    agreement_proposal_confirm,
    agreement_proposal_reject,
    agreement_propose,
)
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
from selfassessment.services.import_plan import (
    ImportPlan,
    import_plan_build,
    school_year_from_file_name,
    school_year_to_year,
)
from selfassessment.services.imports import (
    MeasureChoice,
    NewMeasure,
    SchoolChoice,
    import_mapping_save,
    result_import_commit,
    result_import_discard,
    result_import_read,
    result_import_upload,
)
from selfassessment.services.plans import (
    focus_area_save,
    goal_save,
    indicator_save,
    measure_save,
    quality_plan_save,
)
from selfassessment.services.reminders import agreement_reminders_send, cycle_remind_late
from selfassessment.services.result_edits import result_update
from selfassessment.services.review import assessment_return_with_comments
from selfassessment.services.surveys import (
    staff_survey_close,
    staff_survey_open,
    staff_survey_respond,
    survey_for_token,
)

__all__ = [
    "AssessmentConflict",
    "ImportPlan",
    "MeasureChoice",
    "NewMeasure",
    "SchoolChoice",
    "agreement_change",
    "agreement_create",
    "agreement_note_add",
    "agreement_proposal_confirm",
    "agreement_proposal_reject",
    "agreement_propose",
    "agreement_reminders_send",
    "agreement_update",
    "assessment_accept",
    "assessment_editors_set",
    "assessment_return",
    "assessment_return_with_comments",
    "assessment_save_draft",
    "assessment_submit",
    "cycle_open",
    "cycle_remind_late",
    "dialogue_meeting_plan",
    "focus_area_save",
    "goal_save",
    "import_mapping_save",
    "import_plan_build",
    "indicator_save",
    "measure_save",
    "quality_plan_save",
    "result_import_commit",
    "result_import_discard",
    "result_import_read",
    "result_import_upload",
    "result_update",
    "staff_survey_close",
    "staff_survey_open",
    "staff_survey_respond",
    "survey_for_token",
    "school_year_from_file_name",
    "school_year_to_year",
]
