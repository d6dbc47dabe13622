"""Date polls: dates offered, answered yes / if need be / no, one chosen."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from events.models.core import Event, Format
from qnet.models import Network, School, TimeStamped


class DatePoll(TimeStamped):
    """Finding a date before fixing it: options, answers, and the chosen option."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="date_polls", verbose_name=_("network")
    )
    format = models.ForeignKey(
        Format, on_delete=models.PROTECT, related_name="date_polls", verbose_name=_("format")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # Set when the poll reschedules an existing event; otherwise closing creates one.
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="date_polls",
        verbose_name=_("event"),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    chosen_option = models.ForeignKey(
        "DatePollOption",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chosen option"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("date poll")
        verbose_name_plural = _("date polls")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class DatePollOption(models.Model):
    poll = models.ForeignKey(
        DatePoll, on_delete=models.CASCADE, related_name="options", verbose_name=_("date poll")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    host_school = models.ForeignKey(
        School,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("host school"),
    )

    class Meta:
        verbose_name = _("date option")
        verbose_name_plural = _("date options")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="date_option_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.poll}: {self.starts_at:%Y-%m-%d %H:%M}"


class DatePollVote(TimeStamped):
    class Answer(models.TextChoices):
        YES = "yes", _("Yes")
        MAYBE = "maybe", _("If need be")
        NO = "no", _("No")

    option = models.ForeignKey(
        DatePollOption, on_delete=models.CASCADE, related_name="votes", verbose_name=_("option")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="date_poll_votes",
        verbose_name=_("person"),
    )
    answer = models.CharField(_("answer"), max_length=8, choices=Answer.choices)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["option", "person"], name="date_vote_one_per_option"),
        ]

    def __str__(self):
        return f"{self.person}: {self.answer}"
