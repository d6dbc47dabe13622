import pytest
from allauth.mfa.models import Authenticator
from django.contrib.messages import get_messages

from conftest import PASSWORD

pytestmark = pytest.mark.django_db


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
