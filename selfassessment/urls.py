from django.urls import path

from selfassessment.views import assessments, dialogue, plans, results, surveys

app_name = "selfassessment"

urlpatterns = [
    path("", assessments.index, name="index"),
    path("<int:pk>/", assessments.assessment_detail, name="assessment_detail"),
    path("<int:pk>/save/", assessments.assessment_save, name="assessment_save"),
    path("<int:pk>/submit/", assessments.assessment_submit, name="assessment_submit"),
    path("<int:pk>/return/", assessments.assessment_return, name="assessment_return"),
    path("<int:pk>/accept/", assessments.assessment_accept, name="assessment_accept"),
    path("<int:pk>/editors/", assessments.assessment_editors, name="assessment_editors"),
    path("<int:pk>/survey/", surveys.survey_open, name="survey_open"),
    path("<int:pk>/survey/close/", surveys.survey_close, name="survey_close"),
    path("survey/<str:token>/", surveys.survey_respond, name="survey_respond"),
    path("<int:pk>/meeting/", dialogue.meeting_plan, name="meeting_plan"),
    path("meetings/<int:pk>/", dialogue.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/agreements/", dialogue.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", dialogue.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/notes/", dialogue.agreement_note_add, name="agreement_note_add"),
    path("results/school/<int:pk>/", results.results_school, name="results_school"),
    path("results/<int:pk>/edit/", results.result_edit, name="result_edit"),
    path("results/import/", results.results_import, name="results_import"),
    path("results/import/confirm/", results.results_import_confirm, name="results_import_confirm"),
    path("follow-up/", results.follow_up, name="follow_up"),
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/focus-areas/", plans.focus_area_create, name="focus_area_create"),
    path("focus-areas/<int:pk>/", plans.focus_area_edit, name="focus_area_edit"),
    path("focus-areas/<int:pk>/goals/", plans.goal_create, name="goal_create"),
    path("goals/<int:pk>/", plans.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/indicators/", plans.indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/", plans.indicator_edit, name="indicator_edit"),
    path("measures/", plans.measure_list, name="measure_list"),
    path("measures/<int:pk>/", plans.measure_edit, name="measure_edit"),
    path("cycles/new/", plans.cycle_open, name="cycle_open"),
    path("cycles/<int:pk>/remind/", plans.cycle_remind, name="cycle_remind"),
]
