"""Guests and speakers: an emailed link to accept or decline, no account needed."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event, GuestInvitation
from events.services._common import _check_manager, _language_for_event
from qnet.models import User
from qnet.services import audit_entry_create, mail_enqueue


@transaction.atomic
def guest_invite(
    *, actor: User, event: Event, name: str, email: str, role: str
) -> tuple[GuestInvitation, str]:
    """Invite a guest by email. Returns the invitation and its secret token."""
    _check_manager(actor, event)
    if event.is_cancelled or event.starts_at <= timezone.now():
        raise ValidationError(_("Guests can only be invited to an upcoming event."))
    email = email.strip().lower()
    if GuestInvitation.objects.filter(event=event, email=email).exists():
        raise ValidationError({"email": _("This address is invited already.")})
    token, token_hash = GuestInvitation.new_token()
    guest = GuestInvitation.objects.create(
        event=event,
        name=name.strip(),
        email=email,
        role=role,
        token_hash=token_hash,
        invited_by=actor,
    )
    audit_entry_create(actor=actor, action="guest.invite", target=event, data={"email": email})
    mail_enqueue(
        to=email,
        template="events/mail/guest_invitation",
        context={
            "guest": guest,
            "event": event,
            "inviter": actor,
            "starts": event.starts_at.astimezone(event.tzinfo).replace(tzinfo=None),
            "answer_url": settings.SITE_URL + reverse("events:guest_respond", args=[token]),
        },
        language=_language_for_event(event),
    )
    return guest, token


@transaction.atomic
def guest_respond(*, guest: GuestInvitation, accept: bool) -> GuestInvitation:
    """The guest's answer; it can be changed until the event begins."""
    guest = GuestInvitation.objects.select_for_update().select_related("event").get(pk=guest.pk)
    if guest.event.is_cancelled or guest.event.starts_at <= timezone.now():
        raise ValidationError(_("This event has begun or is cancelled: the answer is closed."))
    guest.status = GuestInvitation.Status.ACCEPTED if accept else GuestInvitation.Status.DECLINED
    guest.responded_at = timezone.now()
    guest.save(update_fields=["status", "responded_at", "updated_at"])
    audit_entry_create(
        actor=None, action=f"guest.{guest.status}", target=guest.event, data={"email": guest.email}
    )
    return guest
