import pytest

from coalitions.models import Milestone
from coalitions.tests.factories import MilestoneFactory

pytestmark = pytest.mark.django_db


def url(coalition):
    return f"/coalitions/{coalition.pk}/timeline/"


def test_it_shows_the_milestones(login, leader_a, project):
    response = login(leader_a).get(url(project))
    assert response.status_code == 200
    assert b"Kick-off" in response.content
    assert b"Add a milestone" not in response.content


def test_the_lead_adds_a_milestone(login, leader_b, project):
    response = login(leader_b).post(
        url(project), {"title": "Workshop", "due_on": "2027-04-01", "status": "planned"}
    )
    assert response.status_code == 302
    assert project.milestones.filter(title="Workshop").exists()


def test_it_answers_404_for_a_coalition_that_is_no_project(login, leader_a, coalition):
    assert login(leader_a).get(url(coalition)).status_code == 404


def test_it_redirects_anonymous_to_login(client, project):
    assert client.get(url(project)).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, project):
    assert login(outsider).get(url(project)).status_code == 404


def test_it_forbids_a_reader_to_add(login, leader_a, project):
    response = login(leader_a).post(
        url(project), {"title": "x", "due_on": "2027-04-01", "status": "planned"}
    )
    assert response.status_code == 403
    assert Milestone.objects.count() == 1


def test_it_rejects_put(login, leader_b, project):
    assert login(leader_b).put(url(project)).status_code == 405


@pytest.mark.parametrize("extra", [1, 20])
def test_its_query_count_is_constant(login, leader_b, project, django_assert_num_queries, extra):
    MilestoneFactory.create_batch(extra, coalition=project)
    client = login(leader_b)
    with django_assert_num_queries(6):
        assert client.get(url(project)).status_code == 200
