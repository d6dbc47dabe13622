"""`create_authority`: an authority and its first staff member, through an invitation."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from qnet.models import AuditEntry, Authority, Invitation, Membership, OutboxMessage, Role, User
from qnet.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ARGS = {
    "name": "City of Example",
    "country": "DE",
    "email": "Anna@City.example.org",
    "full_name": "Anna Amtmann",
}


def _run(**options) -> str:
    out = StringIO()
    call_command("create_authority", stdout=out, **{**ARGS, **options})
    return out.getvalue()


def test_it_creates_the_authority_and_invites_its_first_staff_member(settings):
    settings.SITE_URL = "http://127.0.0.1:8112"
    output = _run()
    authority = Authority.objects.get(name="City of Example")
    assert authority.country == "DE"
    invitation = Invitation.objects.get(authority=authority)
    assert invitation.email == "anna@city.example.org"
    assert invitation.role == Role.AUTHORITY_STAFF
    assert invitation.invited_by is None
    assert (invitation.full_name, invitation.language) == ("Anna Amtmann", "de")
    assert f"{invitation.expires_at:%Y-%m-%d}" in output
    assert "Created the authority “City of Example” (DE)." in output
    mail = OutboxMessage.objects.get(to="anna@city.example.org")
    # German, the country's language, with a link to the port the portal runs on.
    assert mail.subject == "Ihre Einladung zu City of Example auf qnet"
    assert "Guten Tag Anna Amtmann," in mail.body_text
    assert re.search(r"http://127\.0\.0\.1:8112/invitations/\S+/", mail.body_text)


def test_the_system_is_the_actor_in_the_audit_log():
    _run()
    entries = AuditEntry.objects.filter(authority__name="City of Example")
    assert {entry.action for entry in entries} == {"authority.create", "invitation.create"}
    assert all(entry.actor is None for entry in entries)


def test_the_mail_is_written_in_the_language_asked_for():
    _run(language="nb")
    assert Invitation.objects.get().language == "nb"
    assert OutboxMessage.objects.get().subject == "Invitasjonen din til City of Example i qnet"
    # The role too, though the command itself runs in English.
    assert "Du er invitert til qnet som Ansatt hos skoleeier hos City of Example." in (
        OutboxMessage.objects.get().body_text
    )


def test_the_invitee_becomes_authority_staff_and_must_set_up_totp(client):
    _run()
    path = re.search(r"/invitations/\S+/", OutboxMessage.objects.get().body_text).group(0)
    page = client.get(path)
    assert page.context["form"]["full_name"].value() == "Anna Amtmann"
    assert "You are invited as <strong>Authority staff</strong>" in page.content.decode()
    client.post(
        path,
        {
            "full_name": "Anna Amtmann",
            "password1": "a-long-Secret-2026",
            "password2": "a-long-Secret-2026",
        },
    )
    user = User.objects.get(email="anna@city.example.org")
    assert user.preferred_language == "de"
    assert Membership.objects.filter(
        user=user, role=Role.AUTHORITY_STAFF, authority__name="City of Example"
    ).exists()
    assert client.get("/organisations/")["Location"] == "/accounts/2fa/totp/activate/"


def test_it_refuses_an_existing_authority_and_changes_nothing():
    Authority.objects.create(name="City of Example", country="DE")
    with pytest.raises(CommandError, match="exists already.*--existing-authority"):
        _run(name="city of example")
    assert not Invitation.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_it_invites_into_an_existing_authority_when_told_to():
    authority = Authority.objects.create(name="City of Example", country="NL")
    output = _run(existing_authority=True)
    assert Authority.objects.count() == 1
    assert Invitation.objects.get().authority == authority
    # The authority's country decides the language, not the --country given.
    assert Invitation.objects.get().language == "nl"
    assert "Using the existing authority" in output


def test_it_refuses_a_second_invitation_while_one_is_open():
    _run()
    with pytest.raises(CommandError, match="has an open invitation.*--reinvite"):
        _run(existing_authority=True)
    assert Invitation.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_reinvite_replaces_the_open_invitation():
    _run()
    first = Invitation.objects.get()
    output = _run(existing_authority=True, reinvite=True)
    first.refresh_from_db()
    assert first.state == "revoked"
    assert Invitation.objects.exclude(pk=first.pk).get().state == "open"
    assert OutboxMessage.objects.count() == 2
    assert "The earlier invitation of anna@city.example.org was revoked." in output


def test_it_refuses_someone_who_is_staff_already():
    authority = Authority.objects.create(name="City of Example", country="DE")
    user = UserFactory(email="anna@city.example.org")
    Membership.objects.create(user=user, role=Role.AUTHORITY_STAFF, authority=authority)
    with pytest.raises(CommandError, match="already has this role"):
        _run(existing_authority=True)
    assert not Invitation.objects.exists()


def test_it_refuses_an_address_that_is_none():
    with pytest.raises(CommandError, match="is not an email address"):
        _run(email="anna.example.org")
    assert not Authority.objects.exists()


def test_an_unknown_country_is_refused_by_the_parser():
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("create_authority", "--country", "FR", *_cli(ARGS, without="country"))
    assert not Authority.objects.exists()


def _cli(options: dict, *, without: str) -> list[str]:
    return [
        part
        for key, value in options.items()
        if key != without
        for part in (f"--{key.replace('_', '-')}", value)
    ]
