"""Annual quality reports: chapters built from live data, reviewed, published and frozen."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qnet.models import Authority, TimeStamped


class AnnualReport(TimeStamped):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    EDITABLE = (Status.DRAFT, Status.IN_REVIEW)
    # Once published, a report stays on the public record, withdrawn or not.
    PUBLIC = (Status.PUBLISHED, Status.WITHDRAWN)

    authority = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        related_name="annual_reports",
        verbose_name=_("authority"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    # Every figure and text as published; the published page and PDF read only this.
    snapshot = models.JSONField(_("snapshot"), default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "year", "version"],
                condition=~Q(status="withdrawn"),
                name="report_one_live_version",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "in_review"]) | Q(published_at__isnull=False),
                name="report_published_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | ~Q(withdrawn_reason=""),
                name="report_withdrawn_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.year}, v{self.version})"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC


class Section(TimeStamped):
    class Kind(models.TextChoices):
        FOCUS_AREA_RESULTS = "focus_area_results", _("Results for a focus area")
        SELF_ASSESSMENT_OVERVIEW = "self_assessment_overview", _("Self-assessment overview")
        FOLLOW_UP = "follow_up", _("Follow-up of schools with weak results")
        NETWORK_ACTIVITY = "network_activity", _("Network activity")
        FREE_TEXT = "free_text", _("Free chapter")

    report = models.ForeignKey(
        AnnualReport, on_delete=models.CASCADE, related_name="sections", verbose_name=_("report")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    focus_area = models.ForeignKey(
        "selfassessment.FocusArea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("focus area"),
    )
    narrative = models.TextField(_("narrative"), blank=True, help_text=_("Markdown."))

    class Meta:
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class ReviewRequest(models.Model):
    """A colleague named to review a report when it was sent to review."""

    report = models.ForeignKey(
        AnnualReport,
        on_delete=models.CASCADE,
        related_name="review_requests",
        verbose_name=_("report"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    asked_at = models.DateTimeField(_("asked"), auto_now_add=True)

    class Meta:
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")
        ordering = ["asked_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "reviewer"], name="review_request_once")
        ]

    def __str__(self):
        return f"{self.report} · {self.reviewer}"


class ReviewComment(models.Model):
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="comments", verbose_name=_("chapter")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:80]


class Rendition(TimeStamped):
    """A file made from a published report in the background: the PDF or the school zip."""

    class Kind(models.TextChoices):
        PDF = "pdf", _("PDF of the report")
        SCHOOL_STATUS_ZIP = "school_status_zip", _("School status reports (zip)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    report = models.ForeignKey(
        AnnualReport, on_delete=models.CASCADE, related_name="renditions", verbose_name=_("report")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    report_version = models.PositiveSmallIntegerField(_("report version"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress"), default=0, validators=[MaxValueValidator(100)]
    )
    file = models.FileField(_("file"), upload_to="reports/", blank=True)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        ordering = ["kind"]
        constraints = [
            # A failed rendition is retried in place, so one row per file is the whole story.
            models.UniqueConstraint(
                fields=["report", "kind", "report_version"], name="rendition_one_per_kind"
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="rendition_progress_pct"),
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(checksum=""), name="rendition_done_has_checksum"
            ),
        ]

    def __str__(self):
        return f"{self.report} · {self.get_kind_display()}"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
