import pytest

from coalitions.models import Resource
from coalitions.tests.factories import ResourceFactory
from qnet.models import AuditEntry

pytestmark = pytest.mark.django_db


def url(resource):
    return f"/coalitions/resources/{resource.pk}/delete/"


def test_the_author_deletes_and_it_is_audited(login, staff_a, coalition):
    resource = ResourceFactory(coalition=coalition, created_by=staff_a)
    assert login(staff_a).post(url(resource)).status_code == 302
    assert not Resource.objects.exists()
    assert AuditEntry.objects.filter(action="coalition.resource_delete")


def test_it_redirects_anonymous_to_login(client, coalition):
    assert client.post(url(ResourceFactory(coalition=coalition))).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, coalition):
    assert login(outsider).post(url(ResourceFactory(coalition=coalition))).status_code == 404


def test_it_forbids_a_reader(login, leader_a, coalition):
    resource = ResourceFactory(coalition=coalition, visibility="network")
    assert login(leader_a).post(url(resource)).status_code == 403
    assert Resource.objects.exists()


def test_it_rejects_get(login, staff_a, coalition):
    assert login(staff_a).get(url(ResourceFactory(coalition=coalition))).status_code == 405
