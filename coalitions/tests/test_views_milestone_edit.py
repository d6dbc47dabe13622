import pytest

pytestmark = pytest.mark.django_db


def url(project):
    milestone = project.milestones.get()
    return f"/coalitions/{project.pk}/milestones/{milestone.pk}/edit/"


def test_the_lead_marks_a_milestone_done(login, leader_b, project):
    client = login(leader_b)
    assert client.get(url(project)).status_code == 200
    response = client.post(
        url(project), {"title": "Kick-off", "due_on": "2026-01-10", "status": "done"}
    )
    assert response.status_code == 302
    assert project.milestones.get().status == "done"


def test_it_redirects_anonymous_to_login(client, project):
    assert client.get(url(project)).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, project):
    assert login(outsider).get(url(project)).status_code == 404


def test_it_forbids_a_reader(login, leader_a, project):
    assert login(leader_a).get(url(project)).status_code == 403


def test_it_rejects_put(login, leader_b, project):
    assert login(leader_b).put(url(project)).status_code == 405


def test_a_due_date_outside_the_calendars_years_is_refused(login, leader_b, project):
    response = login(leader_b).post(
        url(project), {"title": "Kick-off", "due_on": "0001-01-01", "status": "done"}
    )
    assert response.status_code == 200
    assert "due_on" in response.context["form"].errors
    assert project.milestones.get().due_on.year != 1
