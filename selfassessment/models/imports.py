"""Results imported from the official exports: the file as uploaded, the authority's
remembered mapping of a source's columns to measures and of official ids to schools, and
the comparison figures (country, county, municipality) that came with the file."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qnet.models import Authority, School, TimeStamped
from selfassessment.models.core import (
    YEAR_VALIDATORS,
    ComparisonLevel,
    Measure,
    ResultStatus,
    value_matches_status,
)


class SourceKind(models.TextChoices):
    UDIR = "udir", _("Udir statistics bank")
    DUO = "duo", _("DUO exam results")
    GENERIC = "generic", _("qnet generic CSV")


class IdScheme(models.TextChoices):
    NO_ORGNR = "no_orgnr", _("Norwegian organisation number")
    NL_BRIN_LOCATION = "nl_brin_location", _("Dutch BRIN and location code")
    DE_SCHULNUMMER = "de_schulnummer", _("German school number")
    LOCAL = "local", _("local code")


class ImportProfile(TimeStamped):
    """How one authority reads one kind of export: made at the first import, reused after."""

    authority = models.ForeignKey(
        Authority,
        on_delete=models.CASCADE,
        related_name="import_profiles",
        verbose_name=_("authority"),
    )
    kind = models.CharField(_("source"), max_length=12, choices=SourceKind.choices)

    class Meta:
        verbose_name = _("import profile")
        verbose_name_plural = _("import profiles")
        constraints = [
            models.UniqueConstraint(fields=["authority", "kind"], name="import_profile_per_kind")
        ]

    def __str__(self):
        return f"{self.authority} · {self.get_kind_display()}"


class MeasureMapping(TimeStamped):
    """One column/subject/measure of a source (with its breakdown): which measure it feeds,
    or that it is skipped. Kept per profile so next year's file needs no questions."""

    profile = models.ForeignKey(
        ImportProfile, on_delete=models.CASCADE, related_name="mappings", verbose_name=_("profile")
    )
    source_key = models.CharField(_("source measure"), max_length=300)
    breakdown = models.CharField(_("breakdown"), max_length=200, blank=True)
    measure = models.ForeignKey(
        Measure,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="import_mappings",
        verbose_name=_("measure"),
    )

    class Meta:
        verbose_name = _("measure mapping")
        verbose_name_plural = _("measure mappings")
        ordering = ["source_key", "breakdown"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "source_key", "breakdown"], name="mapping_unique_source_key"
            ),
        ]

    def __str__(self):
        return f"{self.source_key} [{self.breakdown}] → {self.measure or '—'}"

    @property
    def skipped(self) -> bool:
        return self.measure_id is None


class SchoolLink(TimeStamped):
    """An official id the authority's schools don't carry, linked to a qnet school once
    (or skipped: a school of another owner that is in the same export)."""

    authority = models.ForeignKey(
        Authority,
        on_delete=models.CASCADE,
        related_name="school_links",
        verbose_name=_("authority"),
    )
    id_scheme = models.CharField(_("id scheme"), max_length=20, choices=IdScheme.choices)
    official_id = models.CharField(_("official id"), max_length=32)
    unit_name = models.CharField(_("name in the file"), max_length=200, blank=True)
    school = models.ForeignKey(
        School,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="import_links",
        verbose_name=_("school"),
    )

    class Meta:
        verbose_name = _("school link")
        verbose_name_plural = _("school links")
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "id_scheme", "official_id"], name="school_link_unique_id"
            ),
        ]

    def __str__(self):
        return f"{self.official_id} → {self.school or '—'}"


class ResultImport(TimeStamped):
    """One uploaded file from upload to commit, with everything needed to tell later where
    a result came from."""

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting to be read")
        READING = "reading", _("being read")
        READY = "ready", _("ready to check")
        FAILED = "failed", _("could not be read")
        COMMITTED = "committed", _("imported")
        DISCARDED = "discarded", _("discarded")

    OPEN_STATES = (State.QUEUED, State.READING, State.READY, State.FAILED)

    authority = models.ForeignKey(
        Authority,
        on_delete=models.CASCADE,
        related_name="result_imports",
        verbose_name=_("authority"),
    )
    profile = models.ForeignKey(
        ImportProfile, on_delete=models.PROTECT, related_name="imports", verbose_name=_("profile")
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.QUEUED)
    file = models.FileField(_("file"), upload_to="result-imports/%Y/")
    file_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size in bytes"))
    checksum = models.CharField(_("SHA-256"), max_length=64)
    # A DUO file names its school year only in the file name; the uploader confirms it.
    school_year = models.CharField(_("school year"), max_length=9, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    error = models.TextField(_("error"), blank=True)
    # What reading the file found, in plain JSON for the preview page: counts per measure,
    # unmapped keys, unmatched schools, row errors (capped) and the changes a commit makes.
    preview = models.JSONField(_("preview"), default=dict, blank=True)
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    committed_at = models.DateTimeField(_("imported"), null=True, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    class Meta:
        verbose_name = _("results import")
        verbose_name_plural = _("results imports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="result_import_progress_percent"
            ),
        ]

    def __str__(self):
        return self.file_name

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES


class ComparisonFigure(TimeStamped):
    """A country, county or municipality figure from an export, kept for the measures that
    ask for one; never a school's result."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="comparisons", verbose_name=_("measure")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    level = models.CharField(_("level"), max_length=12, choices=ComparisonLevel.choices)
    unit_code = models.CharField(_("code"), max_length=32)
    unit_name = models.CharField(_("name"), max_length=200)
    status = models.CharField(
        _("status"), max_length=12, choices=ResultStatus.choices, default=ResultStatus.REPORTED
    )
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=3, null=True, blank=True)
    n = models.PositiveIntegerField(_("number of respondents"), null=True, blank=True)
    source = models.ForeignKey(
        ResultImport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comparisons",
        verbose_name=_("imported from"),
    )

    class Meta:
        verbose_name = _("comparison figure")
        verbose_name_plural = _("comparison figures")
        ordering = ["measure", "year", "level", "unit_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "year", "level", "unit_code"], name="comparison_unique_unit"
            ),
            value_matches_status("comparison_value_matches_status"),
        ]

    def __str__(self):
        return f"{self.unit_name} · {self.measure.code} · {self.year}"
