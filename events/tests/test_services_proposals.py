import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from events import services

pytestmark = pytest.mark.django_db


def test_members_propose_topics_for_upcoming_meetings(leader_a, event, past_event):
    proposal = services.agenda_proposal_create(
        actor=leader_a, event=event, title="  Peer feedback  ", description="We tried it."
    )
    assert proposal.title == "Peer feedback" and proposal.status == "proposed"
    with pytest.raises(ValidationError, match="upcoming"):
        services.agenda_proposal_create(actor=leader_a, event=past_event, title="Too late")


def test_coordinators_take_proposals_up_or_not(coordinator, leader_a, event):
    proposal = services.agenda_proposal_create(actor=leader_a, event=event, title="Topic")
    with pytest.raises(PermissionDenied):
        services.agenda_proposal_decide(actor=leader_a, proposal=proposal, accept=True)
    assert (
        services.agenda_proposal_decide(actor=coordinator, proposal=proposal, accept=True).status
        == "accepted"
    )
