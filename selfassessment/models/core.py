"""The yearly quality cycle: the authority's quality plan, results data, the school's
self-assessment against the plan, the dialogue meeting and the agreements that follow."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qnet.models import Authority, School, TimeStamped

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class QualityPlan(TimeStamped):
    authority = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        related_name="quality_plans",
        verbose_name=_("authority"),
    )
    title = models.CharField(_("title"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("first year"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(_("last year"), validators=YEAR_VALIDATORS)

    class Meta:
        verbose_name = _("quality plan")
        verbose_name_plural = _("quality plans")
        ordering = ["-start_year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")), name="quality_plan_period_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.title} {self.start_year}–{self.end_year}"


class FocusArea(TimeStamped):
    plan = models.ForeignKey(
        QualityPlan,
        on_delete=models.CASCADE,
        related_name="focus_areas",
        verbose_name=_("quality plan"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class Goal(TimeStamped):
    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.CASCADE, related_name="goals", verbose_name=_("focus area")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    text = models.TextField(_("goal"))

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text[:80]


class ComparisonLevel(models.TextChoices):
    COUNTRY = "country", _("country")
    COUNTY = "county", _("county / province")
    MUNICIPALITY = "municipality", _("municipality")


class Measure(TimeStamped):
    """Something measured every year at every school: a test score, a survey index, a rate."""

    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="measures", verbose_name=_("authority")
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    threshold = models.DecimalField(
        _("threshold"),
        max_digits=12,
        decimal_places=3,
        help_text=_("Results on the wrong side of this value flag a school for follow-up."),
    )
    min_group_size = models.PositiveSmallIntegerField(
        _("minimum group size"),
        default=5,
        validators=[MinValueValidator(1)],
        help_text=_("Results from fewer people than this are never shown."),
    )
    comparison_level = models.CharField(
        _("compare with"),
        max_length=12,
        choices=ComparisonLevel.choices,
        blank=True,
        help_text=_(
            "Which official figure (country, county or municipality) imports keep beside "
            "the schools' results, when the export contains it."
        ),
    )

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "code"], name="measure_code_per_authority"
            ),
            models.CheckConstraint(condition=Q(min_group_size__gte=1), name="measure_min_group"),
        ]

    def __str__(self):
        return f"{self.code} – {self.name}"

    def is_weak(self, value: Decimal) -> bool:
        if self.higher_is_better:
            return value < self.threshold
        return value > self.threshold


class Indicator(TimeStamped):
    """A sign of good practice: what a school looks at itself against."""

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("goal")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    statement = models.TextField(_("sign of good practice"))
    guidance = models.TextField(_("guidance"), blank=True)
    assessment_tools = models.TextField(
        _("assessment tools"),
        blank=True,
        help_text=_("National tests, pupil survey, classroom observation …"),
    )
    measures = models.ManyToManyField(
        Measure, blank=True, related_name="indicators", verbose_name=_("measures")
    )

    class Meta:
        verbose_name = _("sign of good practice")
        verbose_name_plural = _("signs of good practice")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.statement[:80]


class ResultStatus(models.TextChoices):
    REPORTED = "reported", _("reported")
    # The source withheld the figure because the group was small: a status, never a number.
    SUPPRESSED = "suppressed", _("suppressed")
    # Nobody took part, so there is nothing to report (which is not zero either).
    NO_PUPILS = "no_pupils", _("no pupils")


def value_matches_status(name: str) -> models.CheckConstraint:
    """A reported figure has a number; a suppressed one never has, so no page, export or
    average can show or count what the source withheld."""
    return models.CheckConstraint(
        condition=(Q(status=ResultStatus.REPORTED) & Q(value__isnull=False))
        | (Q(status__in=[ResultStatus.SUPPRESSED, ResultStatus.NO_PUPILS]) & Q(value__isnull=True)),
        name=name,
    )


class Result(TimeStamped):
    Status = ResultStatus

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="results", verbose_name=_("school")
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="results", verbose_name=_("measure")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    status = models.CharField(
        _("status"), max_length=12, choices=ResultStatus.choices, default=ResultStatus.REPORTED
    )
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=3, null=True, blank=True)
    # Some sources withhold the group size too (DUO's "<5"); unknown is not zero.
    n = models.PositiveIntegerField(_("number of respondents"), null=True, blank=True)
    source = models.ForeignKey(
        "selfassessment.ResultImport",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="results",
        verbose_name=_("imported from"),
    )

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["measure__code", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "measure", "year"], name="result_unique_school_measure_year"
            ),
            value_matches_status("result_value_matches_status"),
        ]

    def __str__(self):
        return f"{self.school} · {self.measure.code} · {self.year}"

    @property
    def suppressed(self) -> bool:
        return is_hidden(self.status, self.n, self.measure.min_group_size)


def is_hidden(status: str, n: int | None, min_group_size: int) -> bool:
    """Whether a result must show as "—": withheld by the source, nobody tested, or a group
    smaller than the measure allows. An unknown n on a reported value means the source has
    already applied its own suppression rules, so the value is shown."""
    if status != ResultStatus.REPORTED:
        return True
    return n is not None and n < min_group_size


class Cycle(TimeStamped):
    """One year's round of self-assessments against a plan."""

    plan = models.ForeignKey(
        QualityPlan, on_delete=models.PROTECT, related_name="cycles", verbose_name=_("quality plan")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    opens_on = models.DateField(_("opens on"))
    due_on = models.DateField(_("due on"))
    schools = models.ManyToManyField(School, related_name="cycles", verbose_name=_("schools"))

    class Meta:
        verbose_name = _("cycle")
        verbose_name_plural = _("cycles")
        ordering = ["-year", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="cycle_unique_plan_year"),
            models.CheckConstraint(
                condition=Q(due_on__gte=F("opens_on")), name="cycle_due_after_opening"
            ),
        ]

    def __str__(self):
        return f"{self.plan.title} · {self.year}"


class Level(models.IntegerChoices):
    NOT_IN_PLACE = 1, _("1 – Not yet in place")
    STARTED = 2, _("2 – Started")
    ESTABLISHED = 3, _("3 – Established")
    EMBEDDED = 4, _("4 – Embedded and sustained")


class SelfAssessment(TimeStamped):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for revision")
        ACCEPTED = "accepted", _("Accepted")

    # The authority never reads a draft; once submitted it keeps seeing what it returned.
    AUTHORITY_VISIBLE = (Status.SUBMITTED, Status.RETURNED, Status.ACCEPTED)
    EDITABLE = (Status.DRAFT, Status.RETURNED)

    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("cycle")
    )
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="self_assessments", verbose_name=_("school")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    # Optimistic locking: every save bumps it; a save from an older version is refused.
    version = models.PositiveIntegerField(_("version"), default=1)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("returned or accepted"), null=True, blank=True)
    authority_comment = models.TextField(_("comment from the authority"), blank=True)
    last_saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last saved by"),
    )
    last_saved_at = models.DateTimeField(_("last saved"), null=True, blank=True)
    # Random per rendered form: lets a page's own in-flight autosave not count as a conflict.
    last_edit_token = models.CharField(max_length=32, blank=True, editable=False)
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="co_edited_assessments",
        verbose_name=_("co-editors"),
        help_text=_("Staff of the school the leader invited to edit."),
    )

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["-cycle__year", "school__name"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "school"], name="assessment_unique_per_cycle"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="assessment_submitted_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.school} · {self.cycle.year}"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


class Rating(TimeStamped):
    assessment = models.ForeignKey(
        SelfAssessment,
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("self-assessment"),
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="ratings", verbose_name=_("indicator")
    )
    level = models.PositiveSmallIntegerField(
        _("level"), choices=Level.choices, null=True, blank=True
    )
    evidence = models.TextField(_("evidence"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    # The assessment version that last changed this rating: tells a refused save what changed.
    changed_in_version = models.PositiveIntegerField(default=1)
    # Written by the authority when it returns the self-assessment; the next return
    # replaces it, so the school always reads what the latest return asked of each sign.
    review_comment = models.TextField(_("comment from the authority on this sign"), blank=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator"], name="rating_unique_per_indicator"
            ),
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(level__gte=1, level__lte=4),
                name="rating_level_1_to_4",
            ),
        ]

    def __str__(self):
        return f"{self.assessment} · {self.indicator_id}"


class DialogueMeeting(TimeStamped):
    """The conversation between a school and its authority about the self-assessment."""

    school = models.ForeignKey(
        School,
        on_delete=models.CASCADE,
        related_name="dialogue_meetings",
        verbose_name=_("school"),
    )
    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("cycle")
    )
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200)
    participants = models.TextField(_("participants"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # The meeting in the school's and the authority's calendars (events app).
    event = models.OneToOneField(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dialogue_meeting",
        verbose_name=_("calendar event"),
    )

    class Meta:
        verbose_name = _("dialogue meeting")
        verbose_name_plural = _("dialogue meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["school", "cycle"], name="meeting_unique_per_cycle"),
        ]

    def __str__(self):
        return f"{self.school} · {self.cycle.year}"


class Agreement(TimeStamped):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    OPEN_STATES = (Status.OPEN, Status.IN_PROGRESS)

    meeting = models.ForeignKey(
        DialogueMeeting,
        on_delete=models.CASCADE,
        related_name="agreements",
        verbose_name=_("dialogue meeting"),
    )
    action = models.TextField(_("action"))
    owner = models.CharField(_("owner"), max_length=200)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    # Optimistic locking, as on the self-assessment: every change of terms or status bumps
    # it, and a change made from an older page is refused instead of overwriting.
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.action[:80]

    @property
    def school(self):
        return self.meeting.school

    @property
    def is_overdue(self) -> bool:
        """Past its due date and neither done nor dropped (by the local calendar day)."""
        return self.status in self.OPEN_STATES and self.due_on < timezone.localdate()

    @property
    def pending_proposal(self):
        # Reads the prefetched proposals when the selector provided them.
        return next(
            (p for p in self.proposals.all() if p.state == AgreementProposal.State.PENDING), None
        )

    @property
    def latest_note(self):
        # Reads the prefetched notes when the selector provided them.
        notes = list(self.notes.all())
        return notes[-1] if notes else None


class AgreementNote(models.Model):
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="notes", verbose_name=_("agreement")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    text = models.TextField(_("progress note"))

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:80]


# What a school may propose: closing the agreement, one way or the other.
PROPOSABLE_STATUSES = [
    (Agreement.Status.DONE.value, Agreement.Status.DONE.label),
    (Agreement.Status.DROPPED.value, Agreement.Status.DROPPED.label),
]


class AgreementProposal(models.Model):
    """The school proposes to close an agreement (done or dropped); the authority decides.
    Only a confirmed proposal changes the agreement's status."""

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting the authority")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("agreement")
    )
    status = models.CharField(
        _("proposed status"),
        max_length=12,
        choices=PROPOSABLE_STATUSES,
    )
    reason = models.TextField(_("reason"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_comment = models.TextField(_("comment from the authority"), blank=True)

    class Meta:
        verbose_name = _("status proposal")
        verbose_name_plural = _("status proposals")
        ordering = ["proposed_at", "pk"]
        constraints = [
            # One open question at a time: the authority never decides between two.
            models.UniqueConstraint(
                fields=["agreement"],
                condition=Q(state="pending"),
                name="agreement_one_pending_proposal",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["done", "dropped"]), name="proposal_status_closes"
            ),
            models.CheckConstraint(
                condition=Q(state="pending") | Q(decided_at__isnull=False),
                name="proposal_decided_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.agreement_id} → {self.status} ({self.state})"


class StaffSurvey(TimeStamped):
    """An anonymous survey of a school's staff on the plan's signs of good practice."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    assessment = models.OneToOneField(
        SelfAssessment,
        on_delete=models.CASCADE,
        related_name="staff_survey",
        verbose_name=_("self-assessment"),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    min_responses = models.PositiveSmallIntegerField(
        _("minimum number of responses"),
        default=5,
        validators=[MinValueValidator(3)],
        help_text=_("Results stay hidden unless at least this many colleagues answered."),
    )
    # A counter, not a relation: nothing ties a response to a link or a person.
    response_count = models.PositiveIntegerField(_("responses"), default=0)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("staff survey")
        verbose_name_plural = _("staff surveys")
        constraints = [
            models.CheckConstraint(condition=Q(min_responses__gte=3), name="survey_min_three"),
        ]

    def __str__(self):
        return f"{self.assessment}"

    @property
    def results_visible(self) -> bool:
        return self.status == self.Status.CLOSED and self.response_count >= self.min_responses


class SurveyLink(models.Model):
    """A one-time link. It knows its survey, never its recipient; using it deletes it."""

    survey = models.ForeignKey(
        StaffSurvey, on_delete=models.CASCADE, related_name="links", verbose_name=_("survey")
    )
    token_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("survey link")
        verbose_name_plural = _("survey links")

    def __str__(self):
        return f"{self.survey} · {self.token_hash[:8]}"


class SurveyAnswer(models.Model):
    """One rating of one sign by an unknown colleague: no person, link or time is kept."""

    survey = models.ForeignKey(
        StaffSurvey, on_delete=models.CASCADE, related_name="answers", verbose_name=_("survey")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="+", verbose_name=_("indicator")
    )
    value = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=1, value__lte=5), name="survey_answer_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.survey} · {self.indicator_id}: {self.value}"
