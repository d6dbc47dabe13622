import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from qnet import services
from qnet.models import Invitation, Membership, Role, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def invite(coordinator, world, django_capture_on_commit_callbacks):
    def _invite(email="new@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            invitation, token = services.invitation_create(
                invited_by=coordinator, email=email, role=Role.COORDINATOR, scope=world.network
            )
        return invitation, f"/invitations/{token}/"

    return _invite


def test_the_whole_flow_from_mail_to_role(client, invite, world):
    invitation, _ = invite()
    accept_url = re.search(r"http://\S+/invitations/\S+/", mail.outbox[-1].body).group(0)
    path = accept_url.split("8000", 1)[1]
    page = client.get(path)
    assert page.status_code == 200
    assert b"Demo network" in page.content
    response = client.post(
        path,
        {
            "full_name": "Nina Neu",
            "password1": "a-long-Secret-2026",
            "password2": "a-long-Secret-2026",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new@example.org")
    assert user.full_name == "Nina Neu"
    assert user.check_password("a-long-Secret-2026")
    assert Membership.objects.filter(
        user=user, role=Role.COORDINATOR, network=world.network
    ).exists()
    assert EmailAddress.objects.get(user=user).verified
    assert client.get("/").context["user"] == user
    invitation.refresh_from_db()
    assert invitation.state == "accepted"


def test_it_rejects_mismatched_passwords_and_changes_nothing(client, invite):
    _, path = invite()
    response = client.post(
        path, {"full_name": "Nina", "password1": "a-long-Secret-2026", "password2": "other"}
    )
    assert response.status_code == 200
    assert b"The two passwords differ." in response.content
    assert not User.objects.filter(email="new@example.org").exists()


def test_it_refuses_an_expired_link_with_a_clear_message(client, invite):
    invitation, path = invite()
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.get(path)
    assert response.status_code == 410
    assert b"The invitation has expired." in response.content


def test_it_refuses_a_revoked_link_with_a_clear_message(client, invite, coordinator):
    invitation, path = invite()
    services.invitation_revoke(actor=coordinator, invitation=invitation)
    response = client.post(
        path,
        {"full_name": "N", "password1": "a-long-Secret-2026", "password2": "a-long-Secret-2026"},
    )
    assert response.status_code == 410
    assert b"The invitation was revoked." in response.content
    assert not User.objects.filter(email="new@example.org").exists()


def test_it_refuses_a_link_used_twice(client, invite):
    _, path = invite()
    data = {"full_name": "N", "password1": "a-long-Secret-2026", "password2": "a-long-Secret-2026"}
    client.post(path, data)
    client.logout()
    response = client.get(path)
    assert response.status_code == 410
    assert b"already accepted" in response.content


def test_it_refuses_an_unknown_token(client, db):
    assert client.get("/invitations/not-a-token/").status_code == 410


def test_a_new_invitation_replaces_the_open_one(client, invite):
    _, first_path = invite()
    _, second_path = invite()
    assert client.get(first_path).status_code == 410
    assert client.get(second_path).status_code == 200


def test_an_existing_person_accepts_after_signing_in(login, invite, leader_a, world):
    _, path = invite(email=leader_a.email)
    client = login(leader_a)
    assert client.post(path).status_code == 302
    assert Membership.objects.filter(user=leader_a, role=Role.COORDINATOR).exists()


def test_an_existing_person_is_asked_to_sign_in_first(client, invite, leader_a):
    _, path = invite(email=leader_a.email)
    response = client.get(path)
    assert b"There is already an account for this address." in response.content


def test_another_signed_in_person_cannot_take_the_invitation(login, invite, leader_b):
    _, path = invite()
    assert login(leader_b).post(path).status_code == 403
