"""Formats, series, events, agenda, registrations, reminders and calendar feeds."""

import secrets
import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from qnet.markup import render_markdown
from qnet.models import Authority, Network, School, TimeStamped

DEFAULT_REMINDER_DAYS = [7, 1]
# Shown wherever a registration, guest or proposal no longer names its person.
ANONYMISED_PARTICIPANT = _("Anonymised participant")


def default_reminder_days() -> list[int]:
    return list(DEFAULT_REMINDER_DAYS)


class Kind(models.TextChoices):
    COORDINATOR_MEETING = "coordinator_meeting", _("Coordinator meeting")
    PERSPECTIVE_DAY = "perspective_day", _("Perspective day")
    FORUM = "forum", _("Forum")
    LEARNING_NETWORK_MEETING = "learning_network_meeting", _("Learning-network meeting")
    WORKSHOP = "workshop", _("Workshop")
    KICK_OFF = "kick_off", _("Kick-off")
    DIALOGUE_MEETING = "dialogue_meeting", _("Dialogue meeting")


class Format(TimeStamped):
    """A recurring exchange format of a network, with the defaults its events start from."""

    # Formats belong to a network; only dialogue meetings belong to an authority instead.
    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="formats",
        verbose_name=_("network"),
    )
    authority = models.ForeignKey(
        Authority,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="formats",
        verbose_name=_("authority"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    default_duration = models.DurationField(_("default duration"), default=timedelta(hours=3))
    cadence = models.CharField(
        _("cadence"), max_length=200, blank=True, help_text=_("For example: four times a year.")
    )
    default_capacity = models.PositiveIntegerField(
        _("default capacity"), null=True, blank=True, help_text=_("Empty for no limit.")
    )
    seats_per_school = models.PositiveIntegerField(
        _("seats per school"), null=True, blank=True, help_text=_("Empty for no limit.")
    )

    class Meta:
        verbose_name = _("format")
        verbose_name_plural = _("formats")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "name"],
                condition=Q(network__isnull=False),
                name="format_name_unique_per_network",
            ),
            models.UniqueConstraint(
                fields=["authority", "name"],
                condition=Q(authority__isnull=False),
                name="format_name_unique_per_authority",
            ),
            models.CheckConstraint(
                condition=Q(network__isnull=False, authority__isnull=True)
                | Q(network__isnull=True, authority__isnull=False),
                name="format_network_xor_authority",
            ),
            models.CheckConstraint(
                condition=Q(default_duration__gt=timedelta(0)), name="format_duration_positive"
            ),
        ]

    @property
    def kind_label(self) -> str:
        """get_kind_display() without rebuilding the choices (Registration.status_label)."""
        return Kind(self.kind).label

    def __str__(self):
        return self.name

    @property
    def duration_label(self) -> str:
        minutes = int(self.default_duration.total_seconds() // 60)
        hours, minutes = divmod(minutes, 60)
        if not minutes:
            return _("%(hours)s h") % {"hours": hours}
        return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}


class Series(TimeStamped):
    """Numbered meetings that belong together, e.g. a learning network of five meetings."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="series", verbose_name=_("network")
    )
    format = models.ForeignKey(
        Format, on_delete=models.PROTECT, related_name="series", verbose_name=_("format")
    )
    title = models.CharField(_("title"), max_length=200)
    size = models.PositiveSmallIntegerField(_("number of meetings"), default=0)

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class Audience(models.TextChoices):
    NETWORK = "network", _("Whole network")
    INVITED = "invited", _("Invited schools")
    # The people and schools of the coalition or learning network that owns the event's
    # series (events.groups tells who they are).
    COALITION = "coalition", _("Members of the coalition")
    PUBLIC = "public", _("Public")


class Event(TimeStamped):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    Audience = Audience

    format = models.ForeignKey(
        Format, on_delete=models.PROTECT, related_name="events", verbose_name=_("format")
    )
    series = models.ForeignKey(
        Series,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("series"),
    )
    series_number = models.PositiveSmallIntegerField(_("number in series"), null=True, blank=True)
    # A dialogue meeting is between one school and its authority: no network then.
    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("network"),
    )
    authority = models.ForeignKey(
        Authority,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("authority"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Shown only to registered people.")
    )
    host_school = models.ForeignKey(
        School,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_events",
        verbose_name=_("host school"),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty for no limit.")
    )
    seats_per_school = models.PositiveIntegerField(
        _("seats per school"), null=True, blank=True, help_text=_("Empty for no limit.")
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    cancellation_deadline = models.DateTimeField(_("cancellation deadline"), null=True, blank=True)
    audience = models.CharField(
        _("audience"), max_length=12, choices=Audience.choices, default=Audience.NETWORK
    )
    invited_schools = models.ManyToManyField(
        School, blank=True, related_name="invited_events", verbose_name=_("invited schools")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    reminder_days = models.JSONField(
        _("reminders (days before)"), default=default_reminder_days, blank=True
    )
    # iCalendar SEQUENCE: raised on every change so calendars update instead of duplicating.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(network__isnull=False) | Q(authority__isnull=False),
                name="event_has_network_or_authority",
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__isnull=True)
                | Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="event_registration_window_ordered",
            ),
            models.UniqueConstraint(
                fields=["series", "series_number"],
                condition=Q(series__isnull=False),
                name="event_series_number_unique",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def uid(self) -> str:
        return f"event-{self.pk}@qnet"

    @property
    def tzinfo(self):
        if self.network_id:
            return self.network.tzinfo
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)

    @cached_property
    def description_html(self) -> str:
        return render_markdown(self.description)

    @property
    def series_label(self) -> str:
        if self.series_id and self.series_number:
            return f"{self.series_number}/{self.series.size}"
        return ""

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        OPENING = "opening", _("Opening")
        PLENARY = "plenary", _("Plenary")
        WORKSHOP = "workshop", _("Workshop")
        BREAK = "break", _("Break")
        LUNCH = "lunch", _("Lunch")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("event")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=100, blank=True)
    moderator = models.CharField(_("moderator"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("For workshops; empty for no limit.")
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="agenda_item_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title


class Registration(TimeStamped):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        EXCUSED = "excused", _("Excused")

    class Attendance(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    ACTIVE = (Status.CONFIRMED, Status.WAITLISTED)

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    # Empty only once the retention period has anonymised the registration.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("person"),
    )
    school = models.ForeignKey(
        School,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("school"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    notes = models.TextField(_("notes"), blank=True)
    dietary_notes = models.CharField(_("dietary requirements"), max_length=300, blank=True)
    accessibility_notes = models.CharField(_("accessibility needs"), max_length=300, blank=True)
    apology = models.TextField(_("apology"), blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=12, choices=Attendance.choices, blank=True
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    workshops = models.ManyToManyField(
        AgendaItem, blank=True, related_name="registrations", verbose_name=_("workshops")
    )
    # The waiting list is first in, first out: this stamp orders it.
    waitlisted_at = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    # A random stand-in for the person, the same on all their registrations of one calendar
    # year, so "people who took part per school and year" still counts each person once
    # after anonymisation. Set when the first of those registrations is anonymised; once
    # the whole year is anonymised it points at no one.
    participant_key = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=Q(status__in=["confirmed", "waitlisted"], person__isnull=False),
                name="registration_one_active_per_person",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False, anonymised_at__isnull=True)
                | Q(person__isnull=True, anonymised_at__isnull=False),
                name="registration_person_unless_anonymised",
            ),
            models.CheckConstraint(
                condition=Q(anonymised_at__isnull=True)
                | Q(
                    registered_by__isnull=True,
                    notes="",
                    dietary_notes="",
                    accessibility_notes="",
                    apology="",
                )
                & ~Q(participant_key=""),
                name="registration_anonymised_keeps_nothing_personal",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.participant_label} – {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    # get_status_display() rebuilds a dict of every choice, hashing each lazy label (a
    # translation lookup apiece), on each call: a page of fifty rows spent milliseconds
    # on it. The enum finds the one label by its value.
    @property
    def status_label(self) -> str:
        return self.Status(self.status).label

    @property
    def attendance_label(self) -> str:
        return self.Attendance(self.attendance).label if self.attendance else ""

    @property
    def participant_label(self) -> str:
        """The person's name, or a neutral label once the registration is anonymised."""
        if self.person_id is None:
            return str(ANONYMISED_PARTICIPANT)
        return str(self.person)


class Reminder(models.Model):
    """A reminder due for one registration; the row makes "sent once" a database fact."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=12)
    due_at = models.DateTimeField(db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["registration", "kind"], name="reminder_unique_kind"),
        ]

    def __str__(self):
        return f"{self.kind} {self.registration}"


def _feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(TimeStamped):
    """A personal calendar subscription behind a secret address.

    The token is kept readable (not hashed) because the person must be able to copy the
    address again into another calendar app; it reveals only their own events (those they
    registered for and the published ones they organise) and is revoked by replacing the
    row.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token = models.CharField(max_length=64, unique=True, default=_feed_token, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="calendar_feed_one_active_per_user",
            ),
        ]

    def __str__(self):
        return f"{self.user}"
