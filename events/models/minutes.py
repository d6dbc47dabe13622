"""Before and after a meeting: agenda proposals, and minutes with decisions and actions."""

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from events.models.core import ANONYMISED_PARTICIPANT, Event, render_markdown
from qnet.models import TimeStamped


class Minutes(TimeStamped):
    """What a meeting decided and who does what next; draft until the coordinator finalises."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FINAL = "final", _("Final")

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="minutes", verbose_name=_("event")
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    decisions = models.TextField(_("decisions"), blank=True, help_text=_("Markdown."))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    finalised_at = models.DateTimeField(_("finalised"), null=True, blank=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self):
        return f"{self.event}"

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL

    @cached_property
    def summary_html(self) -> str:
        return render_markdown(self.summary)

    @cached_property
    def decisions_html(self) -> str:
        return render_markdown(self.decisions)


class ActionItem(models.Model):
    minutes = models.ForeignKey(
        Minutes, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("minutes")
    )
    description = models.CharField(_("action"), max_length=300)
    owner = models.CharField(_("who"), max_length=200, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.description


class AgendaProposal(TimeStamped):
    """A member's wish for the agenda of an upcoming meeting."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Taken up")
        DECLINED = "declined", _("Not taken up")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("event")
    )
    # Emptied by the retention task: the topic stays in the meeting's record, not who asked.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="agenda_proposals",
        verbose_name=_("proposed by"),
    )
    title = models.CharField(_("topic"), max_length=200)
    description = models.TextField(_("why and what"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )

    class Meta:
        verbose_name = _("agenda proposal")
        verbose_name_plural = _("agenda proposals")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.title

    @property
    def proposer_label(self) -> str:
        return str(ANONYMISED_PARTICIPANT) if self.person_id is None else str(self.person)
