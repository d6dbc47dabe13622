"""The dialogue meeting: planning it, its page, recording agreements."""

from datetime import date

import pytest

from selfassessment import services
from selfassessment.models import Agreement, DialogueMeeting
from selfassessment.tests.conftest import YEAR

pytestmark = pytest.mark.django_db


def plan_url(assessment):
    return f"/self-assessment/{assessment.pk}/meeting/"


MEETING = {
    "starts_at": f"{YEAR}-09-01T13:00",
    "place": "School B, library",
    "participants": "Principal; Anna Amtmann",
    "notes": "",
}


def test_authority_staff_plan_the_meeting(login, authority_staff, submitted_b):
    client = login(authority_staff)
    assert client.get(plan_url(submitted_b)).status_code == 200
    response = client.post(plan_url(submitted_b), MEETING)
    meeting = DialogueMeeting.objects.get()
    assert response["Location"] == f"/self-assessment/meetings/{meeting.pk}/"
    assert meeting.starts_at.hour == 11  # 13:00 in Berlin's summer is 11:00 UTC


def test_planning_rerenders_a_missing_place(login, authority_staff, submitted_b):
    response = login(authority_staff).post(plan_url(submitted_b), {**MEETING, "place": ""})
    assert response.status_code == 400
    assert not DialogueMeeting.objects.exists()


def test_planning_forbids_the_school(login, leader_b, submitted_b):
    assert login(leader_b).get(plan_url(submitted_b)).status_code == 403


def test_planning_a_draft_is_404_for_the_authority(login, authority_staff, draft_a):
    assert login(authority_staff).get(plan_url(draft_a)).status_code == 404


def test_planning_redirects_anonymous_to_login(client, submitted_b):
    assert client.get(plan_url(submitted_b)).status_code == 302


def test_planning_rejects_put(login, authority_staff, submitted_b):
    assert login(authority_staff).put(plan_url(submitted_b)).status_code == 405


# --- meeting page ------------------------------------------------------------


def meeting_url(meeting):
    return f"/self-assessment/meetings/{meeting.pk}/"


def test_the_meeting_page_shows_agreements_and_the_form_to_the_authority(
    login, authority_staff, agreement_b
):
    response = login(authority_staff).get(meeting_url(agreement_b.meeting))
    assert response.status_code == 200
    assert b"Weekly reading sessions" in response.content
    assert b"Record an agreement" in response.content


def test_the_meeting_page_is_read_only_for_the_school(login, leader_b, agreement_b):
    response = login(leader_b).get(meeting_url(agreement_b.meeting))
    assert response.status_code == 200
    assert b"Weekly reading sessions" in response.content
    assert b"Record an agreement" not in response.content


@pytest.mark.parametrize("persona", ["leader_a", "staff_a", "other_authority_staff", "coordinator"])
def test_the_meeting_page_answers_404_outside_the_scope(login, request, meeting_b, persona):
    user = request.getfixturevalue(persona)
    assert login(user).get(meeting_url(meeting_b)).status_code == 404


def test_the_meeting_page_redirects_anonymous_to_login(client, meeting_b):
    assert client.get(meeting_url(meeting_b)).status_code == 302


def test_the_meeting_page_rejects_post(login, authority_staff, meeting_b):
    assert login(authority_staff).post(meeting_url(meeting_b)).status_code == 405


@pytest.mark.parametrize("extra", [0, 10])
def test_the_meeting_page_query_count_is_constant(
    login, authority_staff, meeting_b, agreement_b, leader_b, django_assert_num_queries, extra
):
    for index in range(extra):
        agreement = services.agreement_create(
            actor=authority_staff,
            meeting=meeting_b,
            action=f"A{index}",
            owner="P",
            due_on=date(YEAR, 12, 1),
        )
        services.agreement_note_add(actor=leader_b, agreement=agreement, text="Going well")
    client = login(authority_staff)
    with django_assert_num_queries(7):
        assert client.get(meeting_url(meeting_b)).status_code == 200


# --- recording agreements ----------------------------------------------------


def create_url(meeting):
    return f"/self-assessment/meetings/{meeting.pk}/agreements/"


AGREEMENT = {"action": "Peer lesson visits", "owner": "Deputy", "due_on": f"{YEAR}-11-30"}


def test_the_authority_records_an_agreement(login, authority_staff, meeting_b):
    response = login(authority_staff).post(create_url(meeting_b), AGREEMENT)
    assert response.status_code == 302
    assert Agreement.objects.get().owner == "Deputy"


def test_an_incomplete_agreement_is_rerendered(login, authority_staff, meeting_b):
    response = login(authority_staff).post(create_url(meeting_b), {**AGREEMENT, "action": ""})
    assert response.status_code == 400
    assert not Agreement.objects.exists()


def test_recording_forbids_the_school(login, leader_b, meeting_b):
    assert login(leader_b).post(create_url(meeting_b), AGREEMENT).status_code == 403


def test_recording_answers_404_outside_the_scope(login, other_authority_staff, meeting_b):
    assert login(other_authority_staff).post(create_url(meeting_b), AGREEMENT).status_code == 404


def test_recording_redirects_anonymous_to_login(client, meeting_b):
    assert client.post(create_url(meeting_b), AGREEMENT).status_code == 302


def test_recording_rejects_get(login, authority_staff, meeting_b):
    assert login(authority_staff).get(create_url(meeting_b)).status_code == 405


@pytest.mark.parametrize("starts_at", ["0001-01-01T00:00", "9999-12-31T23:59"])
def test_planning_refuses_a_time_outside_the_calendars_years(
    login, authority_staff, submitted_b, starts_at
):
    # Year 1 in Berlin is 1 BC in UTC: stored, then unreadable (a 500 on every read).
    response = login(authority_staff).post(
        plan_url(submitted_b), {**MEETING, "starts_at": starts_at}
    )
    assert response.status_code == 400
    assert "starts_at" in response.context["form"].errors
    assert not DialogueMeeting.objects.exists()
