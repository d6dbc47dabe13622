"""External speakers and honorary guests: invited by email, answering without an account."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.models.core import ANONYMISED_PARTICIPANT, Event
from qnet.models import TimeStamped


class GuestInvitation(TimeStamped):
    class Role(models.TextChoices):
        SPEAKER = "speaker", _("Speaker")
        HONORARY_GUEST = "honorary_guest", _("Honorary guest")

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="guests", verbose_name=_("event")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.INVITED
    )
    # Only the hash is stored: a database leak must not hand out working links.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Set by the retention task, which empties name and email; role and answer stay counted.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("guest")
        verbose_name_plural = _("guests")
        ordering = ["role", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(anonymised_at__isnull=True),
                name="guest_once_per_event",
            ),
            models.CheckConstraint(
                condition=Q(anonymised_at__isnull=True) | Q(name="", email=""),
                name="guest_anonymised_keeps_no_name",
            ),
        ]

    def __str__(self):
        return f"{self.display_name} ({self.get_role_display()})"

    @property
    def display_name(self) -> str:
        return str(ANONYMISED_PARTICIPANT) if self.anonymised_at else self.name

    @staticmethod
    def new_token() -> tuple[str, str]:
        token = secrets.token_urlsafe(32)
        return token, GuestInvitation.hash_token(token)

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
