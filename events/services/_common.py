"""Helpers shared by the event services: permission, locking, notices."""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import formats as dj_formats

from events import ics
from events.models import Event, Registration
from events.rules import can_manage_event
from qnet.models import User
from qnet.services import mail_enqueue

MAIL_TEMPLATE = "events/mail/event_notice"


def _when(value: datetime, event: Event) -> str:
    return dj_formats.date_format(value.astimezone(event.tzinfo), "DATETIME_FORMAT")


def _check_manager(actor: User, event: Event) -> None:
    if not can_manage_event(actor, event):
        raise PermissionDenied


def _locked_event(pk: int) -> Event:
    # of=("self",): the nullable network join must not be locked (PostgreSQL refuses).
    return Event.objects.select_for_update(of=("self",)).select_related("network").get(pk=pk)


def _authority_of(event: Event):
    if event.network_id:
        return event.network.authority
    return event.authority


def _language_for(person: User, event: Event) -> str:
    if person.preferred_language:
        return person.preferred_language
    return event.network.language if event.network_id else settings.LANGUAGE_CODE


def _language_for_event(event: Event) -> str:
    return event.network.language if event.network_id else settings.LANGUAGE_CODE


def _notify(
    registration: Registration,
    notice: str,
    *,
    dedupe_key: str | None = None,
    attachments: list[dict] | None = None,
) -> None:
    """Queue a notice about the event. A caller mailing many people of one event passes the
    calendar it built once: building it (time zone rules) costs more than the whole mail."""
    event = registration.event
    if attachments is None:
        with_link = registration.status == Registration.Status.CONFIRMED
        attachments = [ics.event_attachment(event, with_online_url=with_link)]
    mail_enqueue(
        to=registration.person.email,
        template=MAIL_TEMPLATE,
        context={
            "notice": notice,
            "event": event,
            "person": registration.person,
            "registration": registration,
            # Wall time at the venue, formatted in the recipient's language by the template.
            "starts": event.starts_at.astimezone(event.tzinfo).replace(tzinfo=None),
            "event_url": settings.SITE_URL + reverse("events:detail", args=[event.pk]),
        },
        language=_language_for(registration.person, event),
        attachments=attachments,
        dedupe_key=dedupe_key,
    )
