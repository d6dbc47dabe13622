"""An agreement's page, its changes by the authority and progress notes by the school."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from selfassessment import services
from selfassessment.models import Agreement

pytestmark = pytest.mark.django_db


def url(agreement):
    return f"/self-assessment/agreements/{agreement.pk}/"


def note_url(agreement):
    return f"/self-assessment/agreements/{agreement.pk}/notes/"


def test_the_leader_sees_it_with_the_progress_form(login, leader_b, agreement_b):
    response = login(leader_b).get(url(agreement_b))
    assert response.status_code == 200
    assert b"Add progress" in response.content
    assert response.context["form"] is None


def test_the_authority_changes_its_terms(login, authority_staff, agreement_b):
    data = {
        "action": "Daily reading",
        "owner": "Principal",
        "due_on": "2026-12-01",
        "status": "done",
        "version": agreement_b.version,
    }
    assert login(authority_staff).post(url(agreement_b), data).status_code == 302
    agreement_b.refresh_from_db()
    assert (agreement_b.action, agreement_b.status) == ("Daily reading", "done")


def test_a_change_from_an_outdated_page_is_refused_with_409(login, authority_staff, agreement_b):
    data = {
        "action": "Daily reading",
        "owner": "Principal",
        "due_on": "2026-12-01",
        "status": "dropped",
        "version": agreement_b.version,
    }
    client = login(authority_staff)
    assert client.post(url(agreement_b), {**data, "status": "done"}).status_code == 302
    response = client.post(url(agreement_b), data)
    assert response.status_code == 409
    assert b"Someone changed this agreement" in response.content
    agreement_b.refresh_from_db()
    assert agreement_b.status == "done"


def test_bad_terms_are_rerendered(login, authority_staff, agreement_b):
    data = {"action": "", "owner": "", "due_on": "soon", "status": "done"}
    assert login(authority_staff).post(url(agreement_b), data).status_code == 400


def test_the_school_may_not_change_the_terms(login, leader_b, agreement_b):
    data = {"action": "Nothing", "owner": "x", "due_on": "2026-12-01", "status": "dropped"}
    assert login(leader_b).post(url(agreement_b), data).status_code == 403


@pytest.mark.parametrize("persona", ["leader_a", "staff_a", "other_authority_staff", "coordinator"])
def test_it_answers_404_outside_the_scope(login, request, agreement_b, persona):
    assert login(request.getfixturevalue(persona)).get(url(agreement_b)).status_code == 404


def test_it_redirects_anonymous_to_login(client, agreement_b):
    assert client.get(url(agreement_b)).status_code == 302


def test_it_rejects_put(login, authority_staff, agreement_b):
    assert login(authority_staff).put(url(agreement_b)).status_code == 405


@pytest.mark.parametrize("extra", [0, 10])
def test_its_query_count_is_constant(
    login, leader_b, agreement_b, django_assert_num_queries, extra
):
    for index in range(extra):
        services.agreement_note_add(actor=leader_b, agreement=agreement_b, text=f"Note {index}")
    client = login(leader_b)
    with django_assert_num_queries(5):
        assert client.get(url(agreement_b)).status_code == 200


# --- progress notes ----------------------------------------------------------


def test_the_leader_reports_progress_but_cannot_set_the_status_with_it(
    login, leader_b, agreement_b
):
    data = {"text": "Started in grade 5", "status": "done"}
    assert login(leader_b).post(note_url(agreement_b), data).status_code == 302
    agreement_b.refresh_from_db()
    assert agreement_b.status == Agreement.Status.OPEN
    assert agreement_b.notes.get().author == leader_b


def test_the_authority_reports_progress_and_moves_the_status(login, authority_staff, agreement_b):
    data = {"text": "Checked at the school", "status": "in_progress"}
    assert login(authority_staff).post(note_url(agreement_b), data).status_code == 302
    agreement_b.refresh_from_db()
    assert agreement_b.status == Agreement.Status.IN_PROGRESS


def test_an_empty_note_is_refused(login, leader_b, agreement_b):
    response = login(leader_b).post(note_url(agreement_b), {"text": ""}, follow=True)
    assert b"Write what has happened." in response.content
    assert not agreement_b.notes.exists()


def test_school_staff_may_read_but_not_report(login, staff_a, world, authority_staff, cycle):
    meeting = services.dialogue_meeting_plan(
        actor=authority_staff,
        school=world.school_a,
        cycle=cycle,
        starts_at=datetime(2026, 9, 1, 9, tzinfo=ZoneInfo("UTC")),
        place="A",
    )
    agreement = services.agreement_create(
        actor=authority_staff, meeting=meeting, action="X", owner="Y", due_on=date(2026, 12, 1)
    )
    client = login(staff_a)
    assert client.get(url(agreement)).status_code == 200
    assert client.post(note_url(agreement), {"text": "Done"}).status_code == 403


def test_notes_answer_404_outside_the_scope(login, leader_a, agreement_b):
    assert login(leader_a).post(note_url(agreement_b), {"text": "x"}).status_code == 404


def test_notes_redirect_anonymous_to_login(client, agreement_b):
    assert client.post(note_url(agreement_b), {"text": "x"}).status_code == 302


def test_notes_reject_get(login, leader_b, agreement_b):
    assert login(leader_b).get(note_url(agreement_b)).status_code == 405


def test_a_due_date_outside_the_calendars_years_is_refused(login, authority_staff, agreement_b):
    data = {
        "action": "Daily reading",
        "owner": "Principal",
        "due_on": "9999-12-31",
        "status": "done",
    }
    response = login(authority_staff).post(url(agreement_b), data)
    assert response.status_code == 400
    agreement_b.refresh_from_db()
    assert agreement_b.due_on.year != 9999
