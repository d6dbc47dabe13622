import os

import pytest

from qnet.models import AuditEntry
from selfassessment.models import ResultImport
from selfassessment.tests.import_helpers import upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def result_import(authority_staff, world):
    return upload(authority_staff, world.authority)


def url(result_import):
    return f"/self-assessment/results/imports/{result_import.pk}/discard/"


def test_it_asks_before_discarding(login, authority_staff, result_import):
    response = login(authority_staff).get(url(result_import))
    assert response.status_code == 200
    assert b"The uploaded file is deleted" in response.content
    result_import.refresh_from_db()
    assert result_import.state == ResultImport.State.READY


def test_discarding_deletes_the_file_and_keeps_a_trace(
    login, authority_staff, result_import, django_capture_on_commit_callbacks
):
    path = result_import.file.path
    with django_capture_on_commit_callbacks(execute=True):
        response = login(authority_staff).post(url(result_import))
    assert response.status_code == 302
    result_import.refresh_from_db()
    assert result_import.state == ResultImport.State.DISCARDED
    assert not os.path.exists(path)
    assert AuditEntry.objects.filter(action="results.discard").exists()


def test_a_committed_import_cannot_be_discarded(login, authority_staff, result_import):
    ResultImport.objects.filter(pk=result_import.pk).update(state=ResultImport.State.COMMITTED)
    response = login(authority_staff).post(url(result_import), follow=True)
    assert b"can no longer be discarded" in response.content


def test_another_authoritys_import_is_not_found(login, other_authority_staff, result_import):
    assert login(other_authority_staff).post(url(result_import)).status_code == 404


def test_it_redirects_anonymous_to_login(client, result_import):
    assert client.post(url(result_import)).status_code == 302


def test_it_rejects_put(login, authority_staff, result_import):
    assert login(authority_staff).put(url(result_import)).status_code == 405
