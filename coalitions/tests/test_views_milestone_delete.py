import pytest

from qnet.models import AuditEntry

pytestmark = pytest.mark.django_db


def url(project):
    milestone = project.milestones.get()
    return f"/coalitions/{project.pk}/milestones/{milestone.pk}/delete/"


def test_the_coordinator_deletes_with_an_audit_entry(login, coordinator, project):
    assert login(coordinator).post(url(project)).status_code == 302
    assert not project.milestones.exists()
    assert AuditEntry.objects.filter(action="coalition.milestone_delete")


def test_it_redirects_anonymous_to_login(client, project):
    assert client.post(url(project)).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, project):
    assert login(outsider).post(url(project)).status_code == 404


def test_it_forbids_a_reader(login, leader_a, project):
    assert login(leader_a).post(url(project)).status_code == 403
    assert project.milestones.exists()


def test_it_rejects_get(login, coordinator, project):
    assert login(coordinator).get(url(project)).status_code == 405
