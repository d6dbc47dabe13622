import csv
import io

import pytest

from selfassessment.importers import parse_file

pytestmark = pytest.mark.django_db

URL = "/self-assessment/results/imports/template.csv"


def test_it_downloads_the_generic_template_which_reads_back_cleanly(login, authority_staff):
    response = login(authority_staff).get(URL)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="qnet-results-template.csv"'
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header[:4] == ["school_id", "id_scheme", "school_year", "measure_code"]
    parsed = parse_file(response.content)
    assert (parsed.profile, len(list(parsed.values)), parsed.errors.count) == ("generic", 2, 0)


def test_it_forbids_school_leaders(login, leader_a):
    assert login(leader_a).get(URL).status_code == 403


def test_it_redirects_anonymous_to_login(client):
    assert client.get(URL).status_code == 302


def test_it_rejects_post(login, authority_staff):
    assert login(authority_staff).post(URL).status_code == 405
