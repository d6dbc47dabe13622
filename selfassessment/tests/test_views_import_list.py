import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from selfassessment.models import ResultImport
from selfassessment.tests.import_helpers import DUO, UDIR, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

URL = "/self-assessment/results/imports/"


def _file(path=UDIR, data=None, name=None):
    return SimpleUploadedFile(name or path.name, data if data is not None else path.read_bytes())


def test_it_shows_the_upload_form_and_the_template_link(login, authority_staff):
    response = login(authority_staff).get(URL)
    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content
    assert b"/self-assessment/results/imports/template.csv" in response.content
    assert b"No file has been imported yet." in response.content


def test_an_upload_is_read_and_leads_to_its_preview(login, authority_staff):
    response = login(authority_staff).post(URL, {"file": _file()})
    result_import = ResultImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/self-assessment/results/imports/{result_import.pk}/"
    assert result_import.state == ResultImport.State.READY


def test_a_file_of_the_wrong_kind_is_named_and_nothing_stored(login, authority_staff):
    response = login(authority_staff).post(
        URL, {"file": _file(), "kind": "duo", "school_year": "2024-2025"}
    )
    assert response.status_code == 400
    assert b"looks like Udir statistics bank" in response.content
    assert not ResultImport.objects.exists()


def test_a_duo_file_without_school_year_asks_for_it(login, authority_staff):
    response = login(authority_staff).post(URL, {"file": _file(DUO, name="duo.csv")})
    assert response.status_code == 400
    assert b"does not name its school year" in response.content


def test_a_file_in_no_known_encoding_gets_a_clear_message(login, authority_staff):
    response = login(authority_staff).post(
        URL, {"file": _file(data=b"\x00\x01\x02binary", name="x.csv")}
    )
    assert response.status_code == 400
    assert b"This is not a text file." in response.content


def test_it_lists_earlier_imports_with_a_constant_number_of_queries(
    login, authority_staff, django_assert_num_queries, world
):
    client = login(authority_staff)
    upload(authority_staff, world.authority)
    with django_assert_num_queries(6):
        client.get(URL)
    for _ in range(4):
        upload(authority_staff, world.authority)
    with django_assert_num_queries(6):
        response = client.get(URL)
    assert response.content.count(UDIR.name.encode()) == 5


def test_it_pages_long_histories(login, authority_staff, world):
    for _ in range(21):
        upload(authority_staff, world.authority)
    response = login(authority_staff).get(URL + "?page=2")
    assert b"Page 2 of 2" in response.content


def test_it_does_not_show_another_authoritys_imports(
    login, authority_staff, other_authority_staff, world
):
    upload(authority_staff, world.authority)
    response = login(other_authority_staff).get(URL)
    assert UDIR.name.encode() not in response.content


def test_it_forbids_school_leaders(login, leader_a):
    assert login(leader_a).get(URL).status_code == 403


def test_it_redirects_anonymous_to_login(client):
    assert client.get(URL).status_code == 302


def test_it_rejects_put(login, authority_staff):
    assert login(authority_staff).put(URL).status_code == 405


def test_a_short_file_typed_by_hand_goes_straight_to_a_preview_ready_to_import(
    login, authority_staff, measures
):
    data = (
        b"school,measure,year,value,n\r\n"
        b"School A,read-5,2025,49.5,30\r\n"
        b"School B,read-5,2025,51,28\r\n"
    )
    client = login(authority_staff)
    response = client.post(URL, {"file": _file(data=data, name="typed.csv")})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert b"not mapped yet" not in page.content
    assert b"Import 2 values" in page.content
    done = client.post(f"{response['Location']}commit/", follow=True)
    assert b"Imported 2 values: 2 new, 0 changed, 0 unchanged." in done.content


# --- files that used to answer with a server error ----------------------------------------

GENERIC_HEADER = b"school_id,school_year,measure_code,value\r\n"


def test_a_utf8_bom_before_bytes_that_are_not_utf8_is_refused_with_a_message(
    login, authority_staff
):
    data = b"\xef\xbb\xbfschool_id,school_year,measure_code,value\xff\xfe\r\n1,2024-25,M,5\r\n"
    response = login(authority_staff).post(URL, {"file": _file(data=data, name="x.csv")})
    assert response.status_code == 400
    assert b"claims UTF-8 but holds bytes that are not UTF-8" in response.content
    assert not ResultImport.objects.exists()


def test_bytes_that_are_not_utf8_far_after_the_header_are_refused_with_a_message(
    login, authority_staff
):
    good = b"1,2024-25,M,5\r\n" * 20_000  # 300 KB: read in the background, were it accepted
    data = b"\xef\xbb\xbf" + GENERIC_HEADER + good + b"2,2024-25,M\xff\xfe,6\r\n"
    response = login(authority_staff).post(URL, {"file": _file(data=data, name="x.csv")})
    assert response.status_code == 400
    assert b"claims UTF-8 but holds bytes that are not UTF-8" in response.content
    assert not ResultImport.objects.exists()


@pytest.mark.parametrize("size", [400, 128 * 1024, 128 * 1024 + 10])
def test_a_header_cell_of_any_length_over_the_limit_is_refused_briefly(
    login, authority_staff, size
):
    data = b"school_id,school_year,measure_code,value," + b"x" * size + b"\r\n1,2024-25,M,5,6\r\n"
    response = login(authority_staff).post(URL, {"file": _file(data=data, name="x.csv")})
    assert response.status_code == 400
    assert b"column name in the first line is longer than 300 characters" in response.content
    assert len(response.content) < 50_000
    assert not ResultImport.objects.exists()


def test_an_overlong_measure_code_or_school_id_is_a_line_error_not_a_failed_mapping(
    login, authority_staff
):
    data = (
        GENERIC_HEADER
        + b"1,2024-25," + b"m" * 400 + b",5\r\n"
        + b"9" * 40 + b",2024-25,M,5\r\n"
        + b"2,2024-25,M,6\r\n"
    )  # fmt: skip
    client = login(authority_staff)
    response = client.post(URL, {"file": _file(data=data, name="x.csv")})
    result_import = ResultImport.objects.get()
    assert response.status_code == 302
    assert [e["line"] for e in result_import.preview["errors"]] == [2, 3]
    page = client.get(response["Location"])
    assert b"longer than 300 characters" in page.content
    # Too long for an id of any scheme, and no school of the authority is called that.
    assert "Unknown school “99999".encode() in page.content
    assert len(page.content) < 50_000
    # What is left to map can be saved: nothing too long for its column reaches the database.
    mapping = client.post(f"{response['Location']}mapping/", {"m0": "skip", "skip_unmatched": "on"})
    assert mapping.status_code == 302
