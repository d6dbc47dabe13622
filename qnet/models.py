"""The ground floor: people, organisations and who plays which role where."""

import hashlib
import secrets
import zoneinfo
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = [("", _("Browser default"))] + [
    (code, name) for code, name in settings.LANGUAGES
]
TIME_ZONE_CHOICES = [
    (tz, tz) for tz in ("Europe/Berlin", "Europe/Amsterdam", "Europe/Oslo", "Europe/Vienna", "UTC")
]


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. The email address is the login; there is no username."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=LANGUAGE_CHOICES, blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("admin access"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    # Kept by the notice services alongside each read and write of the person's notices
    # (qnet/notifications.py), so the navbar shows it from the user row that every page
    # loads anyway, without a query of its own.
    unread_notices = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Authority(TimeStamped):
    """A school authority: owns schools and quality plans (Schulträger, bevoegd gezag)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=[("DE", _("Germany")), ("NL", _("Netherlands")), ("NO", _("Norway"))],
    )
    # What the authority publishes in: its annual report (page snapshot and PDF) and the
    # fallback for mail to its schools' people who chose no language.
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language of the authority's annual reports."),
    )

    class Meta:
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def default_language(self) -> str:
        """The language of mail to people whose own language is not known yet."""
        return {"DE": "de", "NL": "nl", "NO": "nb"}.get(self.country, settings.LANGUAGE_CODE)


class School(TimeStamped):
    class Kind(models.TextChoices):
        PRIMARY = "primary", _("Primary school")
        SECONDARY = "secondary", _("Secondary school")
        VOCATIONAL = "vocational", _("Vocational school")
        SPECIAL = "special", _("Special needs school")
        OTHER = "other", _("Other")

    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="schools", verbose_name=_("authority")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    city = models.CharField(_("city"), max_length=100, blank=True)
    # Text, not a number: official ids keep their leading zeros (BRIN, Schulnummer, orgnr).
    official_id = models.CharField(_("official id"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "official_id"],
                condition=~Q(official_id=""),
                name="school_official_id_unique_per_authority",
            )
        ]

    def __str__(self):
        return self.name


class Network(TimeStamped):
    """A quality network of schools, run by coordinators."""

    name = models.CharField(_("name"), max_length=200)
    authority = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        related_name="networks",
        verbose_name=_("owner authority"),
        null=True,
        blank=True,
        help_text=_("Empty for a network run by an association of authorities."),
    )
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    time_zone = models.CharField(
        _("time zone"), max_length=40, choices=TIME_ZONE_CHOICES, default="Europe/Berlin"
    )
    schools = models.ManyToManyField(
        School, through="NetworkMembership", related_name="networks", verbose_name=_("schools")
    )

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.time_zone)


def current_memberships_q(*, on: date | None = None, prefix: str = "") -> Q:
    """Network memberships in force on `on` (default: today in the current time zone).

    A membership grants its school's people the network's pages from `since` up to and
    including `until`. One that has not begun yet (`since` in the future) grants nothing
    either: a school is inside the network only between the two dates, so no page shows it
    a network's meetings, polls or coalitions before it joined or after it left.

    Today is timezone.localdate(), the same day qnet.caching puts in every cache key: an
    answer cached yesterday is never read today, so a membership that ended stops
    granting access at midnight without any write. `prefix` reaches the membership
    through a relation ("memberships__", "network_memberships__"); use it in the same
    filter() call as the other conditions on that relation, so they apply to one row.
    """
    on = on or timezone.localdate()
    return Q(**{f"{prefix}since__lte": on}) & (
        Q(**{f"{prefix}until__isnull": True}) | Q(**{f"{prefix}until__gte": on})
    )


class NetworkMembershipQuerySet(models.QuerySet):
    def current(self, *, on: date | None = None) -> "NetworkMembershipQuerySet":
        """The memberships in force on that day: see current_memberships_q."""
        return self.filter(current_memberships_q(on=on))


class NetworkMembership(TimeStamped):
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("network")
    )
    school = models.ForeignKey(
        School,
        on_delete=models.CASCADE,
        related_name="network_memberships",
        verbose_name=_("school"),
    )
    since = models.DateField(_("member since"), default=timezone.localdate)
    until = models.DateField(_("member until"), null=True, blank=True)

    # The row stays after a school leaves (its history in the network), so every read that
    # decides what a school's people may see or do in a network goes through current().
    objects = NetworkMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        constraints = [
            models.UniqueConstraint(fields=["network", "school"], name="network_school_unique"),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="network_membership_until_after_since",
            ),
        ]

    def __str__(self):
        return f"{self.school} ∈ {self.network}"


class Role(models.TextChoices):
    SCHOOL_LEADER = "school_leader", _("School leader")
    SCHOOL_STAFF = "school_staff", _("School staff")
    COORDINATOR = "coordinator", _("Coordinator")
    AUTHORITY_STAFF = "authority_staff", _("Authority staff")


SCHOOL_ROLES = (Role.SCHOOL_LEADER, Role.SCHOOL_STAFF)

# Which scope each role needs; the database enforces it with one CheckConstraint.
_SCOPE_CHECK = (
    Q(
        role__in=SCHOOL_ROLES,
        school__isnull=False,
        network__isnull=True,
        authority__isnull=True,
    )
    | Q(role=Role.COORDINATOR, school__isnull=True, network__isnull=False, authority__isnull=True)
    | Q(
        role=Role.AUTHORITY_STAFF,
        school__isnull=True,
        network__isnull=True,
        authority__isnull=False,
    )
)


class ScopedRole(models.Model):
    """A role together with exactly the one scope it applies to."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("school")
    )
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("network")
    )
    authority = models.ForeignKey(
        Authority, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("authority")
    )

    class Meta:
        abstract = True

    @property
    def scope(self):
        return self.school or self.network or self.authority


class Membership(ScopedRole, TimeStamped):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    school = models.ForeignKey(
        School,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("school"),
    )
    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_memberships",
        verbose_name=_("network"),
    )
    authority = models.ForeignKey(
        Authority,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("authority"),
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(condition=_SCOPE_CHECK, name="membership_role_matches_scope"),
            # Partial constraints instead of one over nullable columns: NULLs never collide.
            models.UniqueConstraint(
                fields=["user", "role", "school"],
                condition=Q(school__isnull=False),
                name="membership_unique_school_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "network"],
                condition=Q(network__isnull=False),
                name="membership_unique_network_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "authority"],
                condition=Q(authority__isnull=False),
                name="membership_unique_authority_role",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.scope}"


def _invitation_expiry():
    return timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)


class Invitation(ScopedRole, TimeStamped):
    """An email address invited into one role; the emailed link lets the person in."""

    email = models.EmailField(_("email address"))
    # Only the hash is stored: a database leak must not hand out working links.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
        verbose_name=_("invited by"),
    )
    expires_at = models.DateTimeField(_("expires"), default=_invitation_expiry)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    # What the inviter knows of the person: the form to accept starts with the name, and a
    # new account starts in the language the invitation was written in.
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=_SCOPE_CHECK, name="invitation_role_matches_scope"),
        ]

    def __str__(self):
        return f"{self.email} – {self.get_role_display()} – {self.scope}"

    @staticmethod
    def new_token() -> tuple[str, str]:
        token = secrets.token_urlsafe(32)
        return token, Invitation.hash_token(token)

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"


class AuditEntry(models.Model):
    """Who did what, when, to which object. Written only by services."""

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("action"), max_length=80)
    object_type = models.CharField(_("object type"), max_length=80)
    object_id = models.CharField(_("object id"), max_length=40)
    object_repr = models.CharField(_("object"), max_length=200)
    # The authority in whose scope this happened, so its staff can read it.
    authority = models.ForeignKey(
        Authority,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("authority"),
    )
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["authority", "-created_at"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_repr}"


class OutboxMessage(TimeStamped):
    """A mail waiting to be sent. Persisted first, so nothing is lost while SMTP is down."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=250)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    # [{"filename": ..., "content": ..., "mimetype": ...}]; text attachments such as .ics.
    attachments = models.JSONField(default=list, blank=True)
    # Same key twice means "already queued": reminders and notices are sent exactly once.
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.to}: {self.subject}"


class NoticeKind(models.TextChoices):
    """What a notice is about. The labels name the kinds on the preferences page and in
    mail subjects; the sentence shown for each is in qnet/notifications.py."""

    SELFASSESSMENT_SUBMITTED = "selfassessment_submitted", _("Self-assessment submitted")
    SELFASSESSMENT_RETURNED = "selfassessment_returned", _("Self-assessment returned")
    SELFASSESSMENT_ACCEPTED = "selfassessment_accepted", _("Self-assessment accepted")
    DIALOGUE_PLANNED = "dialogue_planned", _("Dialogue meeting planned")
    AGREEMENT_RECORDED = "agreement_recorded", _("Agreement recorded")
    AGREEMENT_CHANGED = "agreement_changed", _("Agreement changed")
    AGREEMENT_DUE = "agreement_due", _("Agreement falls due")
    AGREEMENT_OVERDUE = "agreement_overdue", _("Agreement overdue")
    AGREEMENT_PROPOSED = "agreement_proposed", _("Agreement proposed as done or dropped")
    AGREEMENT_PROPOSAL_REJECTED = (
        "agreement_proposal_rejected",
        _("Proposal on an agreement rejected"),
    )
    REPORT_IN_REVIEW = "report_in_review", _("Quality report ready for review")
    REPORT_PUBLISHED = "report_published", _("Quality report published")
    EVENT_PUBLISHED = "event_published", _("Event published")
    JOIN_REQUESTED = "join_requested", _("Request to join a coalition")
    JOIN_DECIDED = "join_decided", _("Decision on a request to join")
    COUNSELLING_ASSIGNED = "counselling_assigned", _("Counselling request assigned")


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", _("Mail immediately")
    DIGEST = "digest", _("Daily digest")
    OFF = "off", _("No mail (portal only)")


class Notice(models.Model):
    """Something a person should know about, shown in the portal and, by their choice,
    mailed. Stored as a kind with parameters (names and dates of the objects, never a
    sentence), so it is worded in the reader's language when it is shown."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=NoticeKind.choices)
    params = models.JSONField(_("details"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=300)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # The person's choice when the notice was made; a digest notice waits for the
    # daily task, which sets mailed_at when it gathers it.
    delivery = models.CharField(
        _("delivery"), max_length=12, choices=Delivery.choices, default=Delivery.IMMEDIATELY
    )
    mailed_at = models.DateTimeField(_("mailed"), null=True, blank=True)
    # Set for notices a periodic task sends (an agreement falling due): the same key
    # twice for one person is refused, so the task may run as often as it likes.
    key = models.CharField(max_length=120, blank=True, default="")

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notice_recipient_recent"),
            models.Index(
                fields=["created_at"],
                condition=Q(delivery="digest", mailed_at__isnull=True, read_at__isnull=True),
                name="notice_digest_pending",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], condition=~Q(key=""), name="notice_key_unique"
            ),
        ]

    def __str__(self):
        return f"{self.recipient} – {self.get_kind_display()}"


class NotificationPreference(models.Model):
    """How a person wants one kind of notice mailed; no row means immediately."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=NoticeKind.choices)
    delivery = models.CharField(_("delivery"), max_length=12, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.kind}: {self.delivery}"
