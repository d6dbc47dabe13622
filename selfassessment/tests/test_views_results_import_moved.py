"""The first import's address: its files go through the import pipeline now."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/self-assessment/results/import/"


def test_it_sends_staff_on_to_the_import_for_good(login, authority_staff):
    response = login(authority_staff).get(URL)
    assert response.status_code == 301
    assert response["Location"] == "/self-assessment/results/imports/"


def test_it_forbids_school_leaders(login, leader_a):
    assert login(leader_a).get(URL).status_code == 403


def test_it_redirects_anonymous_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_rejects_post(login, authority_staff):
    assert login(authority_staff).post(URL).status_code == 405
