"""Files for a meeting (agenda, slides, good practice), for the people taking part."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models.core import Event
from qnet.models import TimeStamped


def attachment_path(instance, filename: str) -> str:
    # A generated name: the uploaded name never reaches the file system.
    extension = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    return f"events/attachments/{uuid.uuid4().hex}.{extension}"


class Attachment(TimeStamped):
    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Agenda")
        SLIDES = "slides", _("Slides")
        GOOD_PRACTICE = "good_practice", _("Good practice")
        OTHER = "other", _("Other")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("event")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["kind", "title", "pk"]

    def __str__(self):
        return self.title
