import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.messages import get_messages

from conftest import PASSWORD, totp_code

pytestmark = pytest.mark.django_db
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def test_authority_staff_without_totp_are_sent_to_set_it_up(login, authority_staff):
    Authenticator.objects.filter(user=authority_staff).delete()
    response = login(authority_staff).get("/organisations/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Authority staff must set up two-factor authentication before continuing." in notes


def test_the_setup_page_itself_stays_reachable(client, authority_staff):
    Authenticator.objects.filter(user=authority_staff).delete()
    client.post("/accounts/login/", {"login": authority_staff.email, "password": PASSWORD})
    # allauth asks for the password again before MFA changes; that page is reachable too.
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    response = client.post(response["Location"], {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/2fa/totp/activate/"
    assert response.status_code == 200


def test_authority_staff_with_totp_pass(login, authority_staff):
    assert login(authority_staff).get("/organisations/").status_code == 200


def test_school_leaders_need_no_totp(login, leader_a):
    assert login(leader_a).get("/organisations/").status_code == 200


def test_authority_staff_whose_session_skipped_the_totp_step_must_give_a_code(
    client, authority_staff
):
    # A device on the account is not enough: this session never passed the TOTP step.
    client.force_login(authority_staff, backend=MODEL_BACKEND)
    response = client.get("/organisations/?page=1")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/reauthenticate/?next=/organisations/%3Fpage%3D1"
    assert client.get(response["Location"]).status_code == 200
    response = client.post(response["Location"], {"code": totp_code()})
    assert response["Location"] == "/organisations/?page=1"
    assert client.get("/organisations/").status_code == 200


def test_a_wrong_code_does_not_open_the_pages(client, authority_staff):
    client.force_login(authority_staff, backend=MODEL_BACKEND)
    response = client.post("/accounts/2fa/reauthenticate/?next=/organisations/", {"code": "000000"})
    assert response.status_code == 200
    assert client.get("/organisations/").status_code == 302


@pytest.mark.django_db(transaction=True)
def test_the_session_that_activates_totp_needs_no_second_code(client, authority_staff):
    Authenticator.objects.filter(user=authority_staff).delete()
    client.post("/accounts/login/", {"login": authority_staff.email, "password": PASSWORD})
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    secret = client.get("/accounts/2fa/totp/activate/").context["form"].secret
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post("/accounts/2fa/totp/activate/", {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=authority_staff, type="totp").exists()
    assert client.get("/organisations/").status_code == 200
