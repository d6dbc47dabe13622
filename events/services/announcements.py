"""A coordinator's message to everyone taking part in an event."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from events.models import Event, Registration
from events.services._common import _check_manager, _language_for
from qnet.models import User
from qnet.services import audit_entry_create, mail_enqueue

AUDIENCES = {
    "confirmed": (Registration.Status.CONFIRMED,),
    "all": (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED),
}


@transaction.atomic
def event_participants_mail(
    *, actor: User, event: Event, subject: str, body: str, audience: str = "confirmed"
) -> int:
    """Queue one mail per person; returns how many were queued.

    Each person gets their own mail (no shared recipient list), so addresses stay private.
    """
    _check_manager(actor, event)
    if audience not in AUDIENCES:
        raise ValidationError(_("Choose who receives the message."))
    if not subject.strip() or not body.strip():
        raise ValidationError(_("A message needs a subject and a text."))
    # Anonymised registrations (long-past events) have no address left to write to.
    registrations = event.registrations.filter(
        status__in=AUDIENCES[audience], person__isnull=False
    ).select_related("person")
    event_url = settings.SITE_URL + reverse("events:detail", args=[event.pk])
    count = 0
    for registration in registrations:
        mail_enqueue(
            to=registration.person.email,
            template="events/mail/announcement",
            context={
                "event": event,
                "person": registration.person,
                "sender": actor,
                "subject": subject.strip(),
                "body": body.strip(),
                "event_url": event_url,
            },
            language=_language_for(registration.person, event),
        )
        count += 1
    audit_entry_create(
        actor=actor,
        action="event.mail_participants",
        target=event,
        data={"subject": subject.strip(), "recipients": count, "audience": audience},
    )
    return count
