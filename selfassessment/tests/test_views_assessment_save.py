import pytest

from selfassessment.models import Rating
from selfassessment.tests.conftest import form_data

pytestmark = pytest.mark.django_db


def url(assessment):
    return f"/self-assessment/{assessment.pk}/save/"


def test_an_autosave_returns_a_status_fragment_with_the_new_version(login, leader_a, draft_a):
    response = login(leader_a).post(url(draft_a), form_data(draft_a), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Draft saved at" in content
    assert 'name="version" value="2"' in content and 'hx-swap-oob="true"' in content
    assert "<html" not in content
    assert set(Rating.objects.filter(assessment=draft_a).values_list("level", flat=True)) == {3}


def test_an_autosave_updates_the_rated_count_out_of_band(login, leader_a, draft_a):
    data = form_data(draft_a, level=None)
    first = draft_a.ratings.first()
    data[f"level_{first.indicator_id}"] = 2
    response = login(leader_a).post(url(draft_a), data, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert '<div id="rating-progress" class="mb-3 small" hx-swap-oob="true">' in content
    assert "1 of 3 signs rated" in content
    assert 'max="3" value="1"' in content


def test_a_plain_save_redirects_back_to_the_form(login, leader_a, draft_a):
    response = login(leader_a).post(url(draft_a), form_data(draft_a))
    assert response.status_code == 302
    assert response["Location"] == f"/self-assessment/{draft_a.pk}/"


def test_a_save_from_a_stale_version_is_refused_and_told_what_changed(
    login, leader_a, staff_a, draft_a
):
    draft_a.editors.add(staff_a)
    first = login(leader_a).post(url(draft_a), form_data(draft_a, evidence="Leader's text"))
    assert first.status_code == 302
    stale = form_data(draft_a, level=1, evidence="Colleague's text", version=1)
    response = login(staff_a).post(url(draft_a), stale, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert "Not saved: Lea Albers saved a newer version" in content
    assert "Leader&#x27;s text" in content
    assert "Load the latest version" in content
    evidence = set(Rating.objects.filter(assessment=draft_a).values_list("evidence", flat=True))
    assert evidence == {"Leader's text"}


def test_a_plain_stale_save_answers_409_and_keeps_the_typed_text_in_the_form(
    login, leader_a, draft_a
):
    client = login(leader_a)
    client.post(url(draft_a), form_data(draft_a, evidence="first"))
    response = client.post(url(draft_a), form_data(draft_a, evidence="second", version=1))
    assert response.status_code == 409
    assert b"second" in response.content
    assert b"Not saved" in response.content


def test_an_invalid_level_is_refused(login, leader_a, draft_a):
    data = form_data(draft_a)
    data[next(key for key in data if key.startswith("level_"))] = "9"
    response = login(leader_a).post(url(draft_a), data)
    assert response.status_code == 400
    assert not Rating.objects.filter(assessment=draft_a, level__isnull=False).exists()


def test_it_forbids_staff_who_were_not_invited(login, staff_a, draft_a):
    assert login(staff_a).post(url(draft_a), form_data(draft_a)).status_code == 403


def test_it_forbids_editing_a_submitted_one(login, leader_b, submitted_b):
    assert login(leader_b).post(url(submitted_b), form_data(submitted_b)).status_code == 403


def test_it_forbids_authority_staff(login, authority_staff, submitted_b):
    response = login(authority_staff).post(url(submitted_b), form_data(submitted_b))
    assert response.status_code == 403


def test_it_answers_404_outside_the_scope(login, leader_b, authority_staff, draft_a):
    assert login(leader_b).post(url(draft_a), form_data(draft_a)).status_code == 404
    assert login(authority_staff).post(url(draft_a), form_data(draft_a)).status_code == 404


def test_it_redirects_anonymous_to_login(client, draft_a):
    assert client.post(url(draft_a), {}).status_code == 302


def test_it_rejects_get(login, leader_a, draft_a):
    assert login(leader_a).get(url(draft_a)).status_code == 405
