import pytest

from selfassessment.models import ResultImport
from selfassessment.tests.import_helpers import upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def queued(authority_staff, world, settings):
    settings.RESULTS_IMPORT_INLINE_BYTES = 10
    return upload(authority_staff, world.authority)


def url(result_import):
    return f"/self-assessment/results/imports/{result_import.pk}/status/"


def test_while_reading_it_keeps_polling_with_the_progress(login, authority_staff, queued):
    ResultImport.objects.filter(pk=queued.pk).update(state=ResultImport.State.READING, progress=40)
    response = login(authority_staff).get(url(queued))
    assert response.status_code == 200
    assert b'value="40"' in response.content
    assert b"hx-get" in response.content
    assert "HX-Refresh" not in response


def test_once_read_it_reloads_the_page(login, authority_staff, queued, django_assert_num_queries):
    ResultImport.objects.filter(pk=queued.pk).update(state=ResultImport.State.READY, progress=100)
    client = login(authority_staff)
    with django_assert_num_queries(4):
        response = client.get(url(queued))
    assert response["HX-Refresh"] == "true"
    assert b"hx-get" not in response.content


def test_another_authoritys_import_is_not_found(login, other_authority_staff, queued):
    assert login(other_authority_staff).get(url(queued)).status_code == 404


def test_it_redirects_anonymous_to_login(client, queued):
    assert client.get(url(queued)).status_code == 302


def test_it_rejects_post(login, authority_staff, queued):
    assert login(authority_staff).post(url(queued)).status_code == 405
