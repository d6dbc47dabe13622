"""The anonymous staff survey: services, the leader's buttons and the one-time link."""

import re

import pytest
from django.core.exceptions import ValidationError

from qnet.models import OutboxMessage, Role
from qnet.tests.factories import MembershipFactory, UserFactory
from selfassessment import services
from selfassessment.models import Indicator, StaffSurvey, SurveyAnswer, SurveyLink
from selfassessment.selectors import survey_summary

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleagues(world, staff_a):
    extra = [UserFactory() for _ in range(3)]
    for person in extra:
        MembershipFactory(user=person, role=Role.SCHOOL_STAFF, school=world.school_a)
    return [staff_a, *extra]


@pytest.fixture
def survey(draft_a, leader_a, colleagues):
    return services.staff_survey_open(actor=leader_a, assessment=draft_a, min_responses=3)


def tokens():
    return [
        re.search(r"/self-assessment/survey/([^/\s]+)/", message.body_text).group(1)
        for message in OutboxMessage.objects.order_by("pk")
    ]


def answers_for(draft_a, value=4):
    plan = draft_a.cycle.plan
    pks = Indicator.objects.filter(goal__focus_area__plan=plan).values_list("pk", flat=True)
    return dict.fromkeys(pks, value)


def test_opening_mails_each_colleague_a_link_and_stores_only_hashes(survey, colleagues):
    assert OutboxMessage.objects.count() == len(colleagues)
    assert {m.to for m in OutboxMessage.objects.all()} == {c.email for c in colleagues}
    stored = set(SurveyLink.objects.values_list("token_hash", flat=True))
    assert not stored & set(tokens())
    field_names = {field.name for field in SurveyLink._meta.get_fields()}
    assert field_names == {"id", "survey", "token_hash"}


def test_answers_point_to_no_person_link_or_time():
    names = {field.name for field in SurveyAnswer._meta.get_fields()}
    assert names == {"id", "survey", "indicator", "value"}


def test_opening_needs_enough_staff_for_anonymity(draft_a, leader_a, staff_a):
    with pytest.raises(ValidationError, match="at least 3"):
        services.staff_survey_open(actor=leader_a, assessment=draft_a, min_responses=3)


def test_a_link_works_once(survey, draft_a):
    token = tokens()[0]
    services.staff_survey_respond(token=token, ratings=answers_for(draft_a))
    with pytest.raises(ValidationError, match="already been used"):
        services.staff_survey_respond(token=token, ratings=answers_for(draft_a, 1))
    survey.refresh_from_db()
    assert survey.response_count == 1
    assert SurveyAnswer.objects.count() == 3


def test_an_incomplete_answer_is_refused_and_keeps_the_link(survey, draft_a):
    token = tokens()[0]
    partial = dict(list(answers_for(draft_a).items())[:1])
    with pytest.raises(ValidationError):
        services.staff_survey_respond(token=token, ratings=partial)
    assert services.survey_for_token(token) is not None


def test_results_stay_hidden_until_closed_and_enough_answered(survey, draft_a, leader_a):
    for token, value in zip(tokens()[:3], [3, 4, 5], strict=True):
        services.staff_survey_respond(token=token, ratings=answers_for(draft_a, value))
    assert survey_summary(draft_a)[1] == {}
    services.staff_survey_close(actor=leader_a, survey=survey)
    averages = survey_summary(draft_a)[1]
    assert set(averages.values()) == {4}
    assert not SurveyLink.objects.exists()


def test_too_few_answers_keep_the_results_hidden_after_closing(survey, draft_a, leader_a):
    services.staff_survey_respond(token=tokens()[0], ratings=answers_for(draft_a))
    services.staff_survey_close(actor=leader_a, survey=survey)
    assert survey_summary(draft_a)[1] == {}


def test_a_closed_survey_takes_no_more_answers(survey, draft_a, leader_a):
    token = tokens()[0]
    services.staff_survey_close(actor=leader_a, survey=survey)
    assert services.survey_for_token(token) is None


# --- views -------------------------------------------------------------------


def test_the_respond_page_needs_no_sign_in_and_thanks_once(client, survey, draft_a):
    url = f"/self-assessment/survey/{tokens()[0]}/"
    response = client.get(url)
    assert response.status_code == 200
    assert b"Reading strategies are taught in every subject." in response.content
    data = {f"rating_{pk}": value for pk, value in answers_for(draft_a).items()}
    assert b"Thank you" in client.post(url, data).content
    assert client.get(url).status_code == 404
    assert client.post(url, data).status_code == 404


def test_the_respond_page_rerenders_missing_ratings(client, survey):
    response = client.post(f"/self-assessment/survey/{tokens()[0]}/", {})
    assert response.status_code == 400
    assert b"Rate every statement" in response.content


def test_an_unknown_link_answers_404(client, survey):
    assert client.get("/self-assessment/survey/not-a-token/").status_code == 404


def test_the_respond_page_rejects_put(client, survey):
    assert client.put(f"/self-assessment/survey/{tokens()[0]}/").status_code == 405


def test_the_leader_starts_and_closes_it_from_the_assessment(login, leader_a, draft_a, colleagues):
    client = login(leader_a)
    page = client.get(f"/self-assessment/{draft_a.pk}/")
    assert b"Start the survey" in page.content
    client.post(f"/self-assessment/{draft_a.pk}/survey/", {"min_responses": 3})
    survey = StaffSurvey.objects.get()
    assert b"Results stay hidden" in client.get(f"/self-assessment/{draft_a.pk}/").content
    client.post(f"/self-assessment/{draft_a.pk}/survey/close/")
    survey.refresh_from_db()
    assert survey.status == StaffSurvey.Status.CLOSED


def test_closed_results_show_beside_each_sign(login, leader_a, survey, draft_a):
    for token in tokens()[:3]:
        services.staff_survey_respond(token=token, ratings=answers_for(draft_a, 4))
    services.staff_survey_close(actor=leader_a, survey=survey)
    content = login(leader_a).get(f"/self-assessment/{draft_a.pk}/").content
    assert content.count(b"Staff survey: 4.0 of 5 (from 3 colleagues)") == 3


@pytest.mark.parametrize("path", ["survey/", "survey/close/"])
def test_only_the_leader_may_start_or_close_it(login, staff_a, leader_b, draft_a, path):
    url = f"/self-assessment/{draft_a.pk}/{path}"
    assert login(staff_a).post(url, {"min_responses": 3}).status_code == 403
    assert login(leader_b).post(url, {"min_responses": 3}).status_code == 404


@pytest.mark.parametrize("path", ["survey/", "survey/close/"])
def test_start_and_close_redirect_anonymous_and_reject_get(client, login, leader_a, draft_a, path):
    url = f"/self-assessment/{draft_a.pk}/{path}"
    assert client.post(url).status_code == 302
    assert login(leader_a).get(url).status_code == 405
