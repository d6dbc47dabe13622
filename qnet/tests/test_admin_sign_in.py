"""The admin has no sign-in of its own: allauth's, with its rate limits and the TOTP step,
and a TOTP-verified session for every admin page."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.messages import get_messages

from conftest import PASSWORD, TOTP_SECRET, totp_code
from qnet.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def superuser(world):
    user = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    TOTP.activate(user, TOTP_SECRET)
    return user


def test_the_admin_sign_in_page_sends_people_to_allauths(client):
    response = client.get("/admin/login/?next=/admin/qnet/user/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/qnet/user/"
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=/admin/"


def test_a_password_posted_to_the_admin_sign_in_signs_nobody_in(client, superuser):
    response = client.post(
        "/admin/login/?next=/admin/", {"username": superuser.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_a_locked_out_account_stays_locked_out_of_the_admin(client, superuser):
    for _ in range(5):
        client.post("/accounts/login/", {"login": superuser.email, "password": "wrong"})
    response = client.post("/accounts/login/", {"login": superuser.email, "password": PASSWORD})
    assert b"Too many failed login attempts" in response.content
    client.post("/admin/login/", {"username": superuser.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_an_admin_signs_in_through_allauth_with_a_totp_code(client, superuser):
    response = client.post(
        "/accounts/login/?next=/admin/", {"login": superuser.email, "password": PASSWORD}
    )
    assert response["Location"] == "/accounts/2fa/authenticate/"
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/qnet/user/").status_code == 200


def test_the_admin_refuses_a_session_that_skipped_the_totp_step(client, superuser):
    client.force_login(superuser, backend=MODEL_BACKEND)
    response = client.get("/admin/qnet/user/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/reauthenticate/?next=/admin/qnet/user/"


def test_the_admin_sends_staff_without_totp_to_set_it_up(client, superuser):
    Authenticator.objects.filter(user=superuser).delete()
    client.force_login(superuser, backend=MODEL_BACKEND)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    assert notes == ["The admin requires two-factor authentication: set it up to continue."]


def test_signed_in_people_without_admin_access_are_refused_not_sent_round(login, leader_a):
    response = login(leader_a).get("/admin/", follow=True)
    assert response.status_code == 403
    assert response.redirect_chain == [("/admin/login/?next=/admin/", 302)]


def test_an_admin_with_a_totp_verified_session_opens_the_admin(login, superuser):
    client = login(superuser)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/login/")["Location"] == "/admin/"
