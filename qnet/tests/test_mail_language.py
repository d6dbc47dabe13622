"""Mail speaks the recipient's language, not the sender's: an invitation goes to someone
who may have no account yet, so it falls back to their network's or authority's."""

import pytest
from django.utils import translation

from qnet import services
from qnet.models import Authority, OutboxMessage, Role
from qnet.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _invite(inviter, scope, email="new@example.org"):
    # The inviter reads the portal in English.
    with translation.override("en"):
        services.invitation_create(
            invited_by=inviter, email=email, role=Role.SCHOOL_STAFF, scope=scope
        )
    return OutboxMessage.objects.get(to=email)


def test_an_invitation_to_a_school_is_written_in_its_authoritys_language(leader_a, world):
    Authority.objects.filter(pk=world.authority.pk).update(language="nl")
    world.school_a.authority.refresh_from_db()
    assert services.invitee_language(email="x@example.org", scope=world.school_a) == "nl"
    message = _invite(leader_a, world.school_a)
    assert "nodigt je uit" in message.body_text
    assert "invites you" not in message.body_text


def test_an_invitation_in_a_network_is_written_in_the_networks_language(world):
    world.network.language = "nb"
    world.network.save(update_fields=["language"])
    assert services.invitee_language(email="x@example.org", scope=world.network) == "nb"


def test_someone_who_has_an_account_gets_the_language_they_chose(world):
    UserFactory(email="known@example.org", preferred_language="de")
    assert services.invitee_language(email="Known@example.org", scope=world.network) == "de"
    assert (
        services.invitee_language(email="known@example.org", scope=world.network, requested="nl")
        == "de"
    )


def test_a_requested_language_beats_the_scopes_for_a_newcomer(world):
    assert (
        services.invitee_language(email="x@example.org", scope=world.school_a, requested="nb")
        == "nb"
    )
