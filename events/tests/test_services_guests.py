from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from events import services
from events.models import GuestInvitation
from qnet.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_a_coordinator_invites_a_guest_who_gets_a_link(coordinator, event):
    guest, token = services.guest_invite(
        actor=coordinator, event=event, name="Ada", email="Ada@Example.org", role="speaker"
    )
    assert guest.email == "ada@example.org" and guest.status == "invited"
    assert guest.token_hash == GuestInvitation.hash_token(token) and token not in guest.token_hash
    mail = OutboxMessage.objects.get(to="ada@example.org")
    assert f"/events/guests/{token}/" in mail.body_text


def test_the_same_address_is_invited_once(coordinator, event):
    services.guest_invite(actor=coordinator, event=event, name="A", email="a@x.org", role="speaker")
    with pytest.raises(ValidationError, match="invited already"):
        services.guest_invite(
            actor=coordinator, event=event, name="A", email="A@x.org", role="speaker"
        )


def test_members_cannot_invite_guests(leader_a, event):
    with pytest.raises(PermissionDenied):
        services.guest_invite(
            actor=leader_a, event=event, name="A", email="a@x.org", role="speaker"
        )


def test_a_guest_accepts_and_may_change_their_mind(coordinator, event):
    guest, _ = services.guest_invite(
        actor=coordinator, event=event, name="A", email="a@x.org", role="honorary_guest"
    )
    assert services.guest_respond(guest=guest, accept=True).status == "accepted"
    assert services.guest_respond(guest=guest, accept=False).status == "declined"


def test_answers_close_when_the_event_begins(coordinator, event):
    guest, _ = services.guest_invite(
        actor=coordinator, event=event, name="A", email="a@x.org", role="speaker"
    )
    event.starts_at = timezone.now() - timedelta(minutes=1)
    event.save()
    with pytest.raises(ValidationError, match="closed"):
        services.guest_respond(guest=guest, accept=True)
