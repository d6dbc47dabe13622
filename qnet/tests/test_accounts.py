"""Sign-in behaviour that allauth provides and our settings shape."""

import runpy

import pytest
from django.test import Client

from conftest import PASSWORD, totp_code

pytestmark = pytest.mark.django_db


def test_open_sign_up_is_closed(client):
    response = client.get("/accounts/signup/")
    assert b'name="password1"' not in response.content
    response = client.post(
        "/accounts/signup/",
        {
            "email": "x@example.org",
            "password1": "a-long-Secret-2026",
            "password2": "a-long-Secret-2026",
        },
    )
    from qnet.models import User

    assert not User.objects.filter(email="x@example.org").exists()


def test_a_leader_signs_in_with_email_and_password(client, leader_a):
    response = client.post("/accounts/login/", {"login": leader_a.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"] == leader_a


def test_authority_staff_must_give_a_totp_code(client, authority_staff):
    response = client.post(
        "/accounts/login/", {"login": authority_staff.email, "password": PASSWORD}
    )
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert not client.get("/").context["user"].is_authenticated
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    assert response.status_code == 302
    assert client.get("/").context["user"] == authority_staff


def test_failed_logins_are_logged_and_then_refused(client, leader_a, caplog):
    for _ in range(5):
        client.post("/accounts/login/", {"login": leader_a.email, "password": "wrong"})
    assert "login failed email=leader-a@example.org" in caplog.text
    response = client.post("/accounts/login/", {"login": leader_a.email, "password": PASSWORD})
    assert response.status_code == 200
    assert b"Too many failed login attempts" in response.content
    assert "login refused (too many failed attempts) email=leader-a@example.org" in caplog.text


def test_an_address_that_guesses_many_accounts_is_refused_too(client, leader_a, staff_a, caplog):
    for n in range(10):
        client.post("/accounts/login/", {"login": f"nobody{n}@example.org", "password": "x"})
    response = client.post("/accounts/login/", {"login": staff_a.email, "password": PASSWORD})
    assert response.status_code == 200
    assert b"Too many failed login attempts" in response.content


PROXY = "10.0.0.2"
CLIENT_A = "203.0.113.7"
CLIENT_B = "198.51.100.9"


@pytest.fixture
def behind_one_proxy(settings, monkeypatch):
    """The settings a deployment behind one reverse proxy gets from its environment."""
    monkeypatch.setenv("TRUSTED_PROXY_COUNT", "1")
    configured = runpy.run_path(str(settings.BASE_DIR / "qnet" / "settings.py"))
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = configured["ALLAUTH_TRUSTED_PROXY_COUNT"]


def _sign_in_via_proxy(client, email, password, forwarded_for):
    # The proxy appends the address it saw to whatever X-Forwarded-For the client sent.
    return client.post(
        "/accounts/login/",
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_failures_behind_the_proxy_lock_out_their_client_not_everyone(
    behind_one_proxy, client, leader_a, staff_a, caplog
):
    for n in range(10):
        _sign_in_via_proxy(client, f"nobody{n}@example.org", "x", CLIENT_A)
    assert f"login failed email=nobody0@example.org ip={CLIENT_A}" in caplog.text
    response = _sign_in_via_proxy(client, staff_a.email, PASSWORD, CLIENT_A)
    assert b"Too many failed login attempts" in response.content
    assert f"login refused (too many failed attempts) email={staff_a.email} ip={CLIENT_A}" in (
        caplog.text
    )
    response = _sign_in_via_proxy(Client(), leader_a.email, PASSWORD, CLIENT_B)
    assert response.status_code == 302
    assert f"login ok user={leader_a.pk} ip={CLIENT_B}" in caplog.text


def test_addresses_a_client_adds_to_x_forwarded_for_do_not_let_it_escape(
    behind_one_proxy, client, staff_a
):
    for n in range(10):
        spoofed = f"192.0.2.{n}, {CLIENT_B}"
        _sign_in_via_proxy(client, f"nobody{n}@example.org", "x", f"{spoofed}, {CLIENT_A}")
    response = _sign_in_via_proxy(client, staff_a.email, PASSWORD, f"{CLIENT_B}, {CLIENT_A}")
    assert b"Too many failed login attempts" in response.content


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(settings, client, staff_a):
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == 0
    for n in range(10):
        client.post(
            "/accounts/login/",
            {"login": f"nobody{n}@example.org", "password": "x"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    response = client.post("/accounts/login/", {"login": staff_a.email, "password": PASSWORD})
    assert b"Too many failed login attempts" in response.content


def test_password_reset_mail_goes_through_the_outbox(
    client, leader_a, django_capture_on_commit_callbacks
):
    from django.core import mail

    from qnet.models import OutboxMessage

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": leader_a.email})
    assert response.status_code == 302
    assert OutboxMessage.objects.get().to == leader_a.email
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
