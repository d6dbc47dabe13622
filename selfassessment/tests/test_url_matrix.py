"""Every URL of the app, walked by every persona: the 404/403 rule in one table.

GET pages are fetched; POST-only endpoints get an empty POST (a permitted persona then
sees a validation answer, 302 or 400, which proves it got past the permission checks).
"""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from selfassessment.models import FocusArea, Goal, Indicator, Result
from selfassessment.tests.import_helpers import upload

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "staff_a",
    "leader_a",
    "leader_b",
    "coordinator",
    "facilitator",
    "authority_staff",
    "other_authority_staff",
]

STAFF_ONLY = (302, 403, 403, 403, 403, 403, 200, 200)
PLAN_PART = (302, 403, 403, 403, 404, 404, 200, 404)
# Another authority's import is not even confirmed to exist.
OWN_IMPORT = (302, 404, 404, 404, 404, 404, 200, 404)

# url name, kwargs key (an object of the scenario), method, codes in the order of PERSONAS
MATRIX = [
    ("index", None, "get", (302, 200, 200, 200, 200, 200, 200, 200)),
    ("assessment_detail", "draft_a", "get", (302, 200, 200, 404, 404, 404, 404, 404)),
    ("assessment_detail", "submitted_b", "get", (302, 404, 404, 200, 404, 404, 200, 404)),
    ("assessment_save", "draft_a", "post", (302, 403, 400, 404, 404, 404, 404, 404)),
    ("assessment_submit", "draft_a", "post", (302, 403, 400, 404, 404, 404, 404, 404)),
    # An empty review form is re-shown with its errors.
    ("assessment_return", "submitted_b", "post", (302, 404, 404, 403, 404, 404, 400, 404)),
    ("assessment_submit_confirm", "draft_a", "get", (302, 403, 200, 404, 404, 404, 404, 404)),
    ("assessment_submit_confirm", "draft_a", "post", (302, 403, 400, 404, 404, 404, 404, 404)),
    ("assessment_accept", "submitted_b", "post", (302, 404, 404, 403, 404, 404, 302, 404)),
    ("assessment_editors", "draft_a", "post", (302, 403, 302, 404, 404, 404, 404, 404)),
    ("meeting_plan", "draft_a", "get", (302, 403, 403, 404, 404, 404, 404, 404)),
    ("meeting_plan", "submitted_b", "get", (302, 404, 404, 403, 404, 404, 200, 404)),
    ("meeting_detail", "meeting_b", "get", (302, 404, 404, 200, 404, 404, 200, 404)),
    ("agreement_create", "meeting_b", "post", (302, 404, 404, 403, 404, 404, 400, 404)),
    ("agreement_detail", "agreement_b", "get", (302, 404, 404, 200, 404, 404, 200, 404)),
    ("agreement_note_add", "agreement_b", "post", (302, 404, 404, 302, 404, 404, 302, 404)),
    # Only the school's leader proposes; only the authority decides.
    ("agreement_propose", "agreement_b", "post", (302, 404, 404, 400, 404, 404, 403, 404)),
    ("proposal_confirm", "proposal_b", "post", (302, 404, 404, 403, 404, 404, 302, 404)),
    ("proposal_reject", "proposal_b", "post", (302, 404, 404, 403, 404, 404, 302, 404)),
    ("results_school", "school_a", "get", (302, 200, 200, 404, 403, 404, 200, 404)),
    ("results_school", "school_b", "get", (302, 404, 404, 200, 403, 404, 200, 404)),
    ("result_edit", "result_a", "get", (302, 403, 403, 404, 404, 404, 200, 404)),
    # The first import's old address, sent on to the import for good.
    ("results_import_moved", None, "get", (302, 403, 403, 403, 403, 403, 301, 301)),
    ("import_list", None, "get", STAFF_ONLY),
    ("import_template", None, "get", STAFF_ONLY),
    ("import_detail", "import_a", "get", OWN_IMPORT),
    ("import_status", "import_a", "get", OWN_IMPORT),
    ("import_mapping", "import_a", "get", OWN_IMPORT),
    # Not mapped yet, so the commit is refused with a message: a redirect back.
    ("import_commit", "import_a", "post", (302, 404, 404, 404, 404, 404, 302, 404)),
    ("import_discard", "import_a", "get", OWN_IMPORT),
    ("follow_up", None, "get", STAFF_ONLY),
    ("plan_list", None, "get", STAFF_ONLY),
    ("plan_detail", "plan", "get", PLAN_PART),
    ("focus_area_create", "plan", "post", (302, 403, 403, 403, 404, 404, 302, 404)),
    ("focus_area_edit", "focus_area", "get", PLAN_PART),
    ("goal_create", "focus_area", "post", (302, 403, 403, 403, 404, 404, 302, 404)),
    ("goal_edit", "goal", "get", PLAN_PART),
    ("indicator_create", "goal", "post", (302, 403, 403, 403, 404, 404, 302, 404)),
    ("indicator_edit", "indicator", "get", PLAN_PART),
    ("measure_list", None, "get", STAFF_ONLY),
    ("measure_edit", "measure", "get", PLAN_PART),
    ("cycle_open", None, "get", STAFF_ONLY),
    ("cycle_remind", "cycle", "post", (302, 404, 404, 404, 404, 404, 302, 404)),
    ("survey_open", "draft_a", "post", (302, 403, 302, 404, 404, 404, 404, 404)),
    ("survey_close", "draft_a", "post", (302, 403, 302, 404, 404, 404, 404, 404)),
    # The survey link is its own key: an unknown one is 404 to everyone, signed in or not.
    ("survey_respond", "token", "get", (404, 404, 404, 404, 404, 404, 404, 404)),
]


@pytest.fixture
def import_a(world, authority_staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return upload(authority_staff, world.authority)


@pytest.fixture
def scenario(
    world,
    plan,
    measures,
    results,
    draft_a,
    submitted_b,
    meeting_b,
    agreement_b,
    proposal_b,
    import_a,
):
    return SimpleNamespace(
        proposal_b=proposal_b,
        import_a=import_a,
        draft_a=draft_a,
        submitted_b=submitted_b,
        meeting_b=meeting_b,
        agreement_b=agreement_b,
        school_a=world.school_a,
        school_b=world.school_b,
        result_a=Result.objects.filter(school=world.school_a).first(),
        plan=plan,
        focus_area=FocusArea.objects.filter(plan=plan).first(),
        goal=Goal.objects.filter(focus_area__plan=plan).first(),
        indicator=Indicator.objects.filter(goal__focus_area__plan=plan).first(),
        measure=measures.reading,
        cycle=draft_a.cycle,
    )


def test_the_matrix_names_every_url_of_the_app():
    from selfassessment.urls import urlpatterns

    assert {pattern.name for pattern in urlpatterns} == {row[0] for row in MATRIX}


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_url_answers_each_persona_as_designed(
    client, login, request, scenario, personas, persona
):
    if persona != "anonymous":
        login(request.getfixturevalue(persona))
    wrong = {}
    for name, key, method, codes in MATRIX:
        if key == "token":
            kwargs = {"token": "no-such-link"}
        else:
            kwargs = {"pk": getattr(scenario, key).pk} if key else {}
        url = reverse(f"selfassessment:{name}", kwargs=kwargs)
        expected = codes[PERSONAS.index(persona)]
        status = getattr(client, method)(url).status_code
        if status != expected:
            wrong[f"{method.upper()} {url} ({name})"] = (expected, status)
    assert wrong == {}, f"{persona}: expected vs got {wrong}"
