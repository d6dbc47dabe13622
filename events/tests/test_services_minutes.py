import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from events import services
from events.models import Minutes

pytestmark = pytest.mark.django_db


def save(actor, event, **changes):
    values = {
        "summary": "We met.",
        "decisions": "* Dates fixed",
        "action_items": [{"description": "Send dates", "owner": "Clara", "due_on": None}],
    }
    values.update(changes)
    return services.minutes_save(actor=actor, event=event, **values)


def test_a_coordinator_writes_a_draft_and_replaces_its_action_items(coordinator, past_event):
    save(coordinator, past_event)
    minutes = save(coordinator, past_event, action_items=[{"description": "Book rooms"}])
    assert minutes.status == Minutes.Status.DRAFT
    assert list(minutes.action_items.values_list("description", flat=True)) == ["Book rooms"]


def test_final_minutes_cannot_be_changed(coordinator, past_event):
    save(coordinator, past_event)
    services.minutes_finalise(actor=coordinator, event=past_event)
    with pytest.raises(ValidationError, match="cannot be changed"):
        save(coordinator, past_event)
    with pytest.raises(ValidationError, match="final already"):
        services.minutes_finalise(actor=coordinator, event=past_event)


def test_empty_or_missing_minutes_cannot_be_made_final(coordinator, past_event):
    with pytest.raises(ValidationError, match="first"):
        services.minutes_finalise(actor=coordinator, event=past_event)
    save(coordinator, past_event, summary=" ", decisions="")
    with pytest.raises(ValidationError, match="Empty"):
        services.minutes_finalise(actor=coordinator, event=past_event)


def test_members_cannot_write_minutes(leader_a, past_event):
    with pytest.raises(PermissionDenied):
        save(leader_a, past_event)
