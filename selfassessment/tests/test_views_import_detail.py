import pytest

from selfassessment import services
from selfassessment.models import ResultImport
from selfassessment.tests.import_helpers import map_udir, reading_measure, udir_schools, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def url(result_import):
    return f"/self-assessment/results/imports/{result_import.pk}/"


def test_a_first_file_asks_for_the_mapping_and_offers_no_import(login, authority_staff, world):
    result_import = upload(authority_staff, world.authority)
    response = login(authority_staff).get(url(result_import))
    assert response.status_code == 200
    assert b"9 measures of the file are not mapped yet." in response.content
    assert b"Map measures and schools" in response.content
    assert b"/commit/" not in response.content


def test_a_mapped_file_shows_counts_per_measure_and_the_commit_button(
    login, authority_staff, world, django_assert_max_num_queries
):
    udir_schools(world.authority)
    result_import = map_udir(
        authority_staff, upload(authority_staff, world.authority), reading_measure(world.authority)
    )
    client = login(authority_staff)
    with django_assert_max_num_queries(6):
        response = client.get(url(result_import))
    content = response.content.decode()
    assert "Lesing 5. trinn" in content
    assert "Import 21 values" in content
    assert "New: 21 · changed: 0 · the same as stored already: 0" in content


def test_a_committed_import_says_what_it_stored(login, authority_staff, world):
    udir_schools(world.authority)
    result_import = map_udir(
        authority_staff, upload(authority_staff, world.authority), reading_measure(world.authority)
    )
    services.result_import_commit(actor=authority_staff, result_import=result_import)
    response = login(authority_staff).get(url(result_import))
    assert b"Imported 21 values: 21 new, 0 changed, 0 unchanged." in response.content
    assert b"By Anna Amtmann" in response.content


def test_a_file_that_failed_shows_why(login, authority_staff, world):
    result_import = upload(authority_staff, world.authority)
    ResultImport.objects.filter(pk=result_import.pk).update(
        state=ResultImport.State.FAILED, error="The stored file has changed."
    )
    response = login(authority_staff).get(url(result_import))
    assert b"The file could not be read." in response.content
    assert b"The stored file has changed." in response.content


def test_a_file_being_read_shows_a_polling_progress_bar(login, authority_staff, world, settings):
    settings.RESULTS_IMPORT_INLINE_BYTES = 10
    result_import = upload(authority_staff, world.authority)
    response = login(authority_staff).get(url(result_import))
    content = response.content.decode()
    assert 'hx-trigger="every 1s"' in content
    assert '<progress id="import-progress-bar"' in content


def test_another_authoritys_import_is_not_found(
    login, authority_staff, other_authority_staff, world
):
    result_import = upload(authority_staff, world.authority)
    assert login(other_authority_staff).get(url(result_import)).status_code == 404


def test_a_school_leader_gets_not_found(login, authority_staff, leader_a, world):
    result_import = upload(authority_staff, world.authority)
    assert login(leader_a).get(url(result_import)).status_code == 404


def test_it_redirects_anonymous_to_login(client, authority_staff, world):
    assert client.get(url(upload(authority_staff, world.authority))).status_code == 302


def test_it_rejects_post(login, authority_staff, world):
    result_import = upload(authority_staff, world.authority)
    assert login(authority_staff).post(url(result_import)).status_code == 405
