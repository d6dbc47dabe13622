"""A person's data export holds their own registrations; of the ones they made for a
colleague only the fact, never the colleague's own texts (GDPR Art. 15: data about them)."""

import json

import pytest

from events import services

pytestmark = pytest.mark.django_db

APOLOGY = "Sam has a dentist appointment that morning"
NOTES = "Sam needs a parking space"


@pytest.fixture
def colleague_registration(event, leader_a, staff_a):
    registration = services.registration_create(
        actor=leader_a, event=event, person=staff_a, notes=NOTES, dietary_notes="no nuts"
    )
    return services.registration_excuse(actor=staff_a, registration=registration, apology=APOLOGY)


def test_the_leaders_export_holds_only_the_fact_of_registering_a_colleague(
    login, leader_a, staff_a, event, colleague_registration
):
    response = login(leader_a).get("/profile/data.json")
    text = response.content.decode()
    assert APOLOGY not in text and NOTES not in text and "no nuts" not in text
    assert staff_a.email not in text
    data = json.loads(text)
    assert data["records"]["events.registration"] == []
    [fact] = data["actions"]["events.registration"]
    assert fact["as"] == "registered_by"
    assert (fact["id"], fact["event"]) == (colleague_registration.pk, event.pk)
    assert "created_at" in fact


def test_the_colleagues_export_holds_their_own_texts(
    login, staff_a, leader_a, colleague_registration
):
    data = json.loads(login(staff_a).get("/profile/data.json").content)
    [row] = data["records"]["events.registration"]
    assert (row["apology"], row["notes"], row["dietary_notes"]) == (APOLOGY, NOTES, "no nuts")
    assert row["registered_by"] == leader_a.pk
    assert data["actions"]["events.registration"] == []


def test_a_registration_of_oneself_is_in_the_records_once(login, leader_a, event):
    services.registration_create(actor=leader_a, event=event, notes="vegetarian")
    data = json.loads(login(leader_a).get("/profile/data.json").content)
    assert [row["notes"] for row in data["records"]["events.registration"]] == ["vegetarian"]
    assert data["actions"]["events.registration"] == []
