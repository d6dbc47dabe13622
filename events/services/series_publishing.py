"""Publishing all draft meetings of a series in one step."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from events.models import Event, Series
from events.rules import can_manage_format
from events.services.events import event_publish, events_announce
from qnet.models import User
from qnet.services import audit_entry_create


@transaction.atomic
def series_publish(*, actor: User, series: Series) -> list[Event]:
    """Publish every draft meeting of the series, or none if one of them cannot be.

    Each meeting goes through event_publish, so whatever publishing one event does (its
    audit entry) happens for each meeting of the series too; the audiences are told once,
    of the series, rather than once per meeting."""
    series = Series.objects.select_for_update().select_related("format").get(pk=series.pk)
    if not can_manage_format(actor, series.format):
        raise PermissionDenied
    # Read after the series' lock: a second click waits for the first and finds nothing.
    drafts = list(
        series.events.filter(status=Event.Status.DRAFT).order_by("series_number", "starts_at")
    )
    if not drafts:
        raise ValidationError(_("The series has no drafts to publish."))
    published = [event_publish(actor=actor, event=draft, announce=False) for draft in drafts]
    events_announce(
        actor=actor,
        events=published,
        title=series.title,
        url=reverse("events:series_detail", args=[series.pk]),
    )
    audit_entry_create(
        actor=actor,
        action="series.publish",
        target=series,
        data={"events": [event.pk for event in published]},
    )
    return published
