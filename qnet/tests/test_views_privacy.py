import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from conftest import PASSWORD
from qnet import privacy, services
from qnet.models import AuditEntry, Invitation, Membership, OutboxMessage, Role, User

pytestmark = pytest.mark.django_db


def test_the_export_covers_every_model_that_points_at_a_person():
    labels = {model._meta.label_lower for model, _fields in privacy.user_relations()}
    # Spot checks across the apps: a new model with a user field is found the same way.
    assert {"qnet.membership", "qnet.auditentry", "account.emailaddress"} <= labels
    assert "events.registration" in labels
    assert "coalitions.post" in labels
    assert "selfassessment.agreementnote" in labels


def test_every_relation_to_a_person_says_whether_its_rows_are_about_them():
    """A new model pointing at a person must be placed in privacy.RELATIONS: are its rows
    the person's own data, or only their act on someone else's (a colleague registered)?"""
    found = {
        (model._meta.label_lower, name)
        for model, names in privacy.user_relations()
        for name in names
    }
    listed = {(label, name) for label, fields in privacy.RELATIONS.items() for name in fields}
    assert found - listed == set(), "Relations missing in qnet.privacy.RELATIONS"
    assert listed - found == set(), "Relations in qnet.privacy.RELATIONS that no longer exist"


def test_a_person_downloads_their_data_without_secrets(login, authority_staff, world):
    response = login(authority_staff).get("/profile/data.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["person"]["email"] == "authority@example.org"
    assert "password" not in data["person"]
    assert data["records"]["qnet.membership"][0]["role"] == Role.AUTHORITY_STAFF
    authenticators = data["records"]["mfa.authenticator"]
    assert authenticators and all("data" not in row for row in authenticators)
    assert "JBSWY3DPEHPK3PXP" not in response.content.decode()


def test_the_export_needs_login(client):
    assert client.get("/profile/data.json").status_code == 302


def test_the_export_rejects_post(login, leader_a):
    assert login(leader_a).post("/profile/data.json").status_code == 405


def test_erasing_removes_name_and_email_everywhere_and_keeps_the_rows(
    login, leader_a, world, coordinator
):
    services.invitation_create(
        invited_by=leader_a, email="new@example.org", role=Role.SCHOOL_STAFF, scope=world.school_a
    )
    services.invitation_create(
        invited_by=coordinator, email=leader_a.email, role=Role.COORDINATOR, scope=world.network
    )
    OutboxMessage.objects.create(to=leader_a.email, subject="Reminder", body_text="x")
    client = login(leader_a)
    response = client.post("/profile/erase/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    leader_a.refresh_from_db()
    assert leader_a.email.endswith("@erased.invalid")
    assert leader_a.full_name == ""
    assert not leader_a.is_active and not leader_a.has_usable_password()
    assert not EmailAddress.objects.filter(user=leader_a).exists()
    assert Membership.objects.filter(user=leader_a).exists()  # counts stay right
    assert not AuditEntry.objects.filter(object_repr__icontains="Lea Albers").exists()
    assert not AuditEntry.objects.filter(data__icontains="leader-a@example.org").exists()
    assert OutboxMessage.objects.get(subject="Reminder").status == OutboxMessage.Status.CANCELLED
    assert Invitation.objects.get(email="leader-a@example.org").state == "revoked"
    assert client.get("/organisations/").status_code == 302  # signed out
    assert not User.objects.filter(email="leader-a@example.org").exists()


def test_erasing_needs_the_password_and_the_confirmation(login, leader_a):
    response = login(leader_a).post("/profile/erase/", {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200
    assert b"The password is not correct." in response.content
    response = login(leader_a).post("/profile/erase/", {"password": PASSWORD})
    assert "confirm" in response.context["form"].errors
    leader_a.refresh_from_db()
    assert leader_a.is_active


def test_erasing_also_removes_mfa(login, authority_staff):
    login(authority_staff).post("/profile/erase/", {"password": PASSWORD, "confirm": "on"})
    assert not Authenticator.objects.filter(user=authority_staff).exists()


def test_the_erase_page_needs_login(client):
    assert client.get("/profile/erase/").status_code == 302


@pytest.mark.parametrize("path", ["/privacy/", "/accessibility/"])
def test_the_statements_are_public(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert b"WCAG" in response.content or b"stores" in response.content


@pytest.mark.parametrize("path", ["/privacy/", "/accessibility/"])
def test_the_statements_reject_post(client, path):
    assert client.post(path).status_code == 405


def test_the_privacy_statement_names_the_configured_retention_period(client, settings):
    settings.EVENTS_RETENTION_DAYS = 400
    content = client.get("/privacy/").content.decode()
    assert "anonymised 400 days after the event ended" in content
