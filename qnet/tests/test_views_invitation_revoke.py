import pytest

from qnet import services
from qnet.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(leader_a, world):
    invitation, _token = services.invitation_create(
        invited_by=leader_a, email="new@example.org", role=Role.SCHOOL_STAFF, scope=world.school_a
    )
    return invitation


def url(invitation):
    return f"/invitations/{invitation.pk}/revoke/"


def test_it_revokes_an_open_invitation(login, leader_a, invitation):
    response = login(leader_a).post(url(invitation))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.state == "revoked"


def test_it_rejects_get(login, leader_a, invitation):
    assert login(leader_a).get(url(invitation)).status_code == 405


def test_it_forbids_staff_of_the_same_school(login, staff_a, invitation):
    assert login(staff_a).post(url(invitation)).status_code == 403
    invitation.refresh_from_db()
    assert invitation.state == "open"


def test_it_answers_404_to_another_school(login, leader_b, invitation):
    assert login(leader_b).post(url(invitation)).status_code == 404


def test_it_redirects_anonymous_to_login(client, invitation):
    assert client.post(url(invitation)).status_code == 302


def test_it_explains_that_a_revoked_invitation_cannot_be_revoked_again(login, leader_a, invitation):
    client = login(leader_a)
    client.post(url(invitation))
    response = client.post(url(invitation), follow=True)
    assert b"Only an open invitation can be revoked." in response.content
