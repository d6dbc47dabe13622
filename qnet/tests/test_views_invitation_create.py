import pytest
from django.core import mail

from qnet.models import AuditEntry, Invitation, Role

pytestmark = pytest.mark.django_db


def url(kind, pk):
    return f"/organisations/{kind}/{pk}/invite/"


def test_it_offers_the_leader_only_the_staff_role(login, leader_a, world):
    response = login(leader_a).get(url("school", world.school_a.pk))
    assert response.status_code == 200
    assert response.context["form"].fields["role"].choices == [("school_staff", "School staff")]


def test_it_invites_and_mails_a_link(login, leader_a, world, django_capture_on_commit_callbacks):
    client = login(leader_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("school", world.school_a.pk),
            {"email": "New.Teacher@Example.org", "role": Role.SCHOOL_STAFF},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "new.teacher@example.org"
    assert invitation.school == world.school_a
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.teacher@example.org"]
    assert "/invitations/" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="invitation.create", authority=world.authority).exists()


def test_it_refuses_a_role_the_inviter_may_not_give(login, leader_a, world):
    response = login(leader_a).post(
        url("school", world.school_a.pk), {"email": "x@example.org", "role": Role.SCHOOL_LEADER}
    )
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not Invitation.objects.exists()


def test_it_refuses_someone_who_already_has_the_role(login, leader_a, staff_a, world):
    response = login(leader_a).post(
        url("school", world.school_a.pk),
        {"email": "staff-a@example.org", "role": Role.SCHOOL_STAFF},
    )
    assert response.status_code == 200
    assert b"already has this role" in response.content
    assert not Invitation.objects.exists()


def test_it_rejects_a_bad_email(login, coordinator, world):
    response = login(coordinator).post(
        url("network", world.network.pk), {"email": "not-an-address", "role": Role.COORDINATOR}
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors


def test_it_forbids_staff_who_may_see_but_not_invite(login, staff_a, world):
    assert login(staff_a).get(url("school", world.school_a.pk)).status_code == 403


def test_it_answers_404_outside_the_scope(login, leader_a, world):
    assert login(leader_a).get(url("school", world.school_b.pk)).status_code == 404


def test_it_redirects_anonymous_to_login(client, world):
    assert client.get(url("school", world.school_a.pk)).status_code == 302


def test_it_lets_authority_staff_invite_a_school_leader(
    login, authority_staff, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(authority_staff).post(
            url("school", world.school_b.pk),
            {"email": "head@example.org", "role": Role.SCHOOL_LEADER},
        )
    assert response.status_code == 302
    assert Invitation.objects.get().role == Role.SCHOOL_LEADER
