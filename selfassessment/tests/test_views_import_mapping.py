import pytest

from selfassessment.models import Measure, MeasureMapping, ResultImport, SchoolLink
from selfassessment.tests.import_helpers import (
    UDIR_KEY,
    generic_export,
    reading_measure,
    udir_schools,
    upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def result_import(authority_staff, world):
    udir_schools(world.authority)
    return upload(authority_staff, world.authority)


def url(result_import):
    return f"/self-assessment/results/imports/{result_import.pk}/mapping/"


def _index(result_import, key):
    return next(i for i, k in enumerate(result_import.preview["keys"]) if k["key"] == key)


def _all_skipped(result_import, **extra):
    data = {f"m{i}": "skip" for i in range(len(result_import.preview["keys"]))}
    return {**data, "skip_unmatched": "on", **extra}


def test_it_asks_for_every_measure_and_each_unknown_school(
    login, authority_staff, result_import, django_assert_max_num_queries
):
    client = login(authority_staff)
    with django_assert_max_num_queries(9):
        response = client.get(url(result_import))
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<fieldset") == 9
    assert UDIR_KEY in content
    assert "990334021" not in content  # one of ours, matched by its organisation number
    assert "975271382" in content  # Borhaug skole, another owner's


def test_saving_maps_the_measure_skips_the_rest_and_reads_again(
    login, authority_staff, result_import, world
):
    reading = reading_measure(world.authority)
    data = _all_skipped(result_import, **{f"m{_index(result_import, UDIR_KEY)}": str(reading.pk)})
    response = login(authority_staff).post(url(result_import), data)
    assert response.status_code == 302
    result_import.refresh_from_db()
    assert result_import.state == ResultImport.State.READY
    assert result_import.preview["can_commit"] is True
    assert MeasureMapping.objects.get(measure=reading).source_key == UDIR_KEY
    assert SchoolLink.objects.filter(school=None).count() == 24


def test_a_new_measure_needs_code_name_and_threshold(login, authority_staff, result_import):
    i = _index(result_import, UDIR_KEY)
    data = _all_skipped(result_import, **{f"m{i}": "new", f"m{i}_name": "", f"m{i}_code": ""})
    response = login(authority_staff).post(url(result_import), data)
    assert response.status_code == 400
    assert response.content.count(b"Needed for a new measure.") == 3
    assert not MeasureMapping.objects.exists()


def test_it_creates_a_new_measure_from_the_form(login, authority_staff, result_import, world):
    i = _index(result_import, UDIR_KEY)
    data = _all_skipped(
        result_import,
        **{
            f"m{i}": "new",
            f"m{i}_code": "lesing-5",
            f"m{i}_name": "Lesing",
            f"m{i}_threshold": "48",
        },
    )
    assert login(authority_staff).post(url(result_import), data).status_code == 302
    assert Measure.objects.get(code="lesing-5").authority == world.authority


def test_a_new_threshold_takes_the_decimal_comma_in_norwegian(
    login, authority_staff, result_import, world
):
    type(authority_staff).objects.filter(pk=authority_staff.pk).update(preferred_language="nb")
    client = login(authority_staff)
    i = _index(result_import, UDIR_KEY)
    # Phones offer the number pad with the decimal separator for the threshold.
    assert f'name="m{i}_threshold" id="id_m{i}_threshold" value="" inputmode="decimal"' in (
        client.get(url(result_import)).content.decode()
    )
    data = _all_skipped(
        result_import,
        **{
            f"m{i}": "new",
            f"m{i}_code": "lesing-5",
            f"m{i}_name": "Lesing",
            f"m{i}_threshold": "48,5",
        },
    )
    assert client.post(url(result_import), data).status_code == 302
    assert str(Measure.objects.get(code="lesing-5").threshold) == "48.500"


def test_every_measure_must_be_decided(login, authority_staff, result_import):
    response = login(authority_staff).post(url(result_import), {"skip_unmatched": "on"})
    assert response.status_code == 400
    assert b"Choose a measure, a new measure or skip." in response.content


def test_a_committed_import_cannot_be_remapped(login, authority_staff, result_import):
    ResultImport.objects.filter(pk=result_import.pk).update(state=ResultImport.State.COMMITTED)
    response = login(authority_staff).get(url(result_import))
    assert response.status_code == 302


def test_another_authoritys_import_is_not_found(login, other_authority_staff, result_import):
    assert login(other_authority_staff).get(url(result_import)).status_code == 404
    assert login(other_authority_staff).post(url(result_import), {}).status_code == 404


def test_it_redirects_anonymous_to_login(client, result_import):
    assert client.get(url(result_import)).status_code == 302


def test_it_rejects_put(login, authority_staff, result_import):
    assert login(authority_staff).put(url(result_import)).status_code == 405


@pytest.fixture
def thousands(authority_staff, world):
    """A file of 3,000 measures and 3,000 schools that qnet knows none of."""
    data = generic_export(3000, measures=3000, schools=3000)
    return upload(authority_staff, world.authority, data=data, file_name="x.csv")


def test_thousands_of_unknown_measures_and_schools_are_asked_a_page_at_a_time(
    login, authority_staff, thousands
):
    client = login(authority_staff)
    response = client.get(url(thousands))
    content = response.content.decode()
    assert response.status_code == 200
    assert len(response.content) < 200_000
    assert content.count("<fieldset") == 50
    assert 'data-key="CODE00000"' in content and 'data-key="CODE00050"' not in content
    assert content.count('<select name="s') == 10
    assert "Page 1 of 60" in content and "Page 1 of 300" in content
    assert "?schools=1&amp;page=2" in content and "?page=1&amp;schools=2" in content
    second = client.get(url(thousands) + "?page=2")
    assert 'data-key="CODE00050"' in second.content.decode()
    # A page is saved on its own: its 50 measures are remembered, the others still asked.
    saved = client.post(url(thousands) + "?page=2", {f"m{i}": "skip" for i in range(50)})
    assert saved.status_code == 302
    assert MeasureMapping.objects.count() == 50
    assert MeasureMapping.objects.filter(source_key="CODE00050", measure=None).exists()
    thousands.refresh_from_db()
    assert len(thousands.preview["unmapped"]) == 3000 - 50


def test_the_measures_of_every_page_can_be_skipped_at_once(
    login, authority_staff, thousands, world
):
    reading = reading_measure(world.authority)
    response = login(authority_staff).post(
        url(thousands),
        {"m0": str(reading.pk), "skip_unmapped": "on", "skip_unmatched": "on"},
    )
    assert response.status_code == 302
    assert MeasureMapping.objects.get(source_key="CODE00000").measure == reading
    assert MeasureMapping.objects.filter(measure=None).count() == 2999
    thousands.refresh_from_db()
    assert thousands.preview["unmapped"] == [] and thousands.preview["unmatched"] == []
