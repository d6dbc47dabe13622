import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from selfassessment.models import Result

pytestmark = pytest.mark.django_db

URL = "/self-assessment/results/import/"
CONFIRM = "/self-assessment/results/import/confirm/"
HEADER = "school,measure,year,value,n\n"


def upload(text: str, name="results.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_it_shows_the_upload_form(login, authority_staff, measures):
    response = login(authority_staff).get(URL)
    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content


def test_a_valid_file_is_previewed_and_nothing_stored_yet(login, authority_staff, measures):
    content = HEADER + "School A,read-5,2025,49.5,30\nSchool B,read-5,2025,51,28\n"
    response = login(authority_staff).post(URL, {"file": upload(content)})
    assert response.status_code == 200
    assert b"All 2 rows are valid." in response.content
    assert b"Import all rows" in response.content
    assert not Result.objects.exists()


def test_a_file_with_a_bad_row_shows_the_row_number_and_offers_no_import(
    login, authority_staff, measures
):
    content = HEADER + "School A,read-5,2025,49.5,30\nSchool B,read-5,2025,lots,28\n"
    response = login(authority_staff).post(URL, {"file": upload(content)})
    assert response.status_code == 400
    assert b"1 row has errors" in response.content
    assert b'<th scope="row">3</th>' in response.content
    assert b"Import all rows" not in response.content
    assert not Result.objects.exists()


def test_a_binary_file_is_refused_by_its_content(login, authority_staff, measures):
    fake = SimpleUploadedFile("results.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "text/csv")
    response = login(authority_staff).post(URL, {"file": fake})
    assert response.status_code == 400
    assert b"not a text (CSV) file" in response.content


def test_it_forbids_school_leaders(login, leader_a):
    assert login(leader_a).get(URL).status_code == 403


def test_it_redirects_anonymous_to_login(client):
    assert client.get(URL).status_code == 302


def test_it_rejects_put(login, authority_staff):
    assert login(authority_staff).put(URL).status_code == 405


# --- confirm -----------------------------------------------------------------


def test_confirm_stores_every_row(login, authority_staff, measures):
    content = HEADER + "School A,read-5,2025,49.5,30\nSchool B,read-5,2025,51,28\n"
    response = login(authority_staff).post(CONFIRM, {"content": content}, follow=True)
    assert b"Imported 2 rows: 2 new, 0 changed, 0 unchanged." in response.content
    assert Result.objects.count() == 2


def test_confirm_with_a_bad_row_stores_nothing_and_names_the_line(login, authority_staff, measures):
    content = HEADER + "School A,read-5,2025,49.5,30\n" + "School B,read-5,2025,x,28\n"
    response = login(authority_staff).post(CONFIRM, {"content": content}, follow=True)
    assert b"Nothing was imported" in response.content
    assert b"Line 3" in response.content
    assert not Result.objects.exists()


def test_confirm_cannot_write_into_another_authoritys_schools(
    login, other_authority_staff, measures
):
    content = HEADER + "School A,read-5,2025,49.5,30\n"
    login(other_authority_staff).post(CONFIRM, {"content": content})
    assert not Result.objects.exists()


def test_confirm_forbids_school_leaders(login, leader_a, measures):
    content = HEADER + "School A,read-5,2025,49.5,30\n"
    assert login(leader_a).post(CONFIRM, {"content": content}).status_code == 403
    assert not Result.objects.exists()


def test_confirm_redirects_anonymous_to_login(client):
    assert client.post(CONFIRM, {"content": "x"}).status_code == 302


def test_confirm_rejects_get(login, authority_staff):
    assert login(authority_staff).get(CONFIRM).status_code == 405


def test_long_cells_are_shown_cut_short_not_echoed_whole(login, authority_staff, measures):
    long_cell = "x" * 100_000
    content = HEADER + "".join(f"{long_cell},read-5,{long_cell},{long_cell},30\n" for _ in range(3))
    response = login(authority_staff).post(URL, {"file": upload(content)})
    assert response.status_code == 400
    assert b"3 rows have errors" in response.content
    assert len(response.content) < 60_000


def test_a_utf8_bom_before_bytes_that_are_not_utf8_is_refused_with_a_message(
    login, authority_staff, measures
):
    data = b"\xef\xbb\xbf" + HEADER.encode() + b"School A,read-5,2025,49\xff\xfe,30\n"
    response = login(authority_staff).post(URL, {"file": SimpleUploadedFile("r.csv", data)})
    assert response.status_code == 400
    assert b"The file is not UTF-8 text." in response.content


def test_a_number_of_respondents_beyond_the_column_is_a_row_error(login, authority_staff, measures):
    content = HEADER + "School A,read-5,2025,49.5,99999999999\n"
    response = login(authority_staff).post(URL, {"file": upload(content)})
    assert response.status_code == 400
    assert b"1 row has errors" in response.content
    assert not Result.objects.exists()
