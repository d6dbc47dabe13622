import pytest

from selfassessment.models import Result, ResultImport
from selfassessment.tests.import_helpers import map_udir, reading_measure, udir_schools, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def mapped(authority_staff, world):
    udir_schools(world.authority)
    return map_udir(
        authority_staff, upload(authority_staff, world.authority), reading_measure(world.authority)
    )


def url(result_import):
    return f"/self-assessment/results/imports/{result_import.pk}/commit/"


def test_it_stores_the_values_and_says_how_many(login, authority_staff, mapped):
    response = login(authority_staff).post(url(mapped), follow=True)
    assert b"Imported 21 values: 21 new, 0 changed, 0 unchanged." in response.content
    assert Result.objects.count() == 21


def test_an_unmapped_file_is_refused_with_a_message(login, authority_staff, world):
    result_import = upload(authority_staff, world.authority)
    response = login(authority_staff).post(url(result_import), follow=True)
    assert b"Nothing was imported" in response.content
    assert not Result.objects.exists()
    result_import.refresh_from_db()
    assert result_import.state == ResultImport.State.READY


def test_another_authoritys_import_is_not_found(login, other_authority_staff, mapped):
    assert login(other_authority_staff).post(url(mapped)).status_code == 404
    assert not Result.objects.exists()


def test_a_school_leader_gets_not_found(login, leader_a, mapped):
    assert login(leader_a).post(url(mapped)).status_code == 404


def test_it_redirects_anonymous_to_login(client, mapped):
    assert client.post(url(mapped)).status_code == 302


def test_it_rejects_get(login, authority_staff, mapped):
    assert login(authority_staff).get(url(mapped)).status_code == 405
