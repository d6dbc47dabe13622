"""Coalitions, learning networks and Werkstatt projects: people from several schools
working on one question, and what they keep and share between meetings."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qnet.models import Network, School, TimeStamped


class Coalition(TimeStamped):
    class Kind(models.TextChoices):
        COALITION = "coalition", _("Coalition")
        LEARNING_NETWORK = "learning_network", _("Learning network")
        PROJECT = "project", _("Project")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="coalitions", verbose_name=_("network")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COALITION)
    title = models.CharField(_("title"), max_length=200)
    central_question = models.TextField(_("central question"))
    goal = models.TextField(_("goal"), blank=True)
    expected_output = models.TextField(_("expected output"), blank=True)
    needs = models.TextField(_("what it needs"), blank=True)
    period_start = models.DateField(_("starts"), null=True, blank=True)
    period_end = models.DateField(_("ends"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    result_summary = models.TextField(_("result summary"), blank=True)
    member_limit = models.PositiveSmallIntegerField(
        _("member limit"), null=True, blank=True, help_text=_("Empty for no limit.")
    )
    # The coalition's own meetings: its facilitator and leads run them (events.groups).
    series = models.OneToOneField(
        "events.Series",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coalition",
        verbose_name=_("meeting series"),
    )
    # A closed learning network shows its content to its members only.
    is_closed_group = models.BooleanField(
        _("closed group"),
        default=False,
        help_text=_("Only members see the content (for learning networks)."),
    )

    class Meta:
        verbose_name = _("coalition")
        verbose_name_plural = _("coalitions")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="coalition_period_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(is_closed_group=False) | Q(kind="learning_network"),
                name="coalition_only_learning_networks_are_closed",
            ),
        ]

    def __str__(self):
        return self.title


class CoalitionMember(TimeStamped):
    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        MEMBER = "member", _("Member")
        CRITICAL_FRIEND = "critical_friend", _("Critical friend")
        FACILITATOR = "facilitator", _("Facilitator")
        EXPERT = "expert", _("Expert")

    class Notify(models.TextChoices):
        NONE = "none", _("No mail")
        DIGEST = "digest", _("Daily digest")
        EACH_POST = "each_post", _("Every post")

    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, related_name="members", verbose_name=_("coalition")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="coalition_memberships",
        verbose_name=_("person"),
    )
    # Empty for facilitators and experts from outside the schools.
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coalition_memberships",
        verbose_name=_("school"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    notify = models.CharField(
        _("mail about posts"), max_length=12, choices=Notify.choices, default=Notify.NONE
    )
    digest_sent_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("coalition member")
        verbose_name_plural = _("coalition members")
        ordering = ["school__name", "role", "person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "person"], name="coalition_member_unique_person"
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()} – {self.coalition}"


class MembershipRequest(TimeStamped):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    coalition = models.ForeignKey(
        Coalition,
        on_delete=models.CASCADE,
        related_name="membership_requests",
        verbose_name=_("coalition"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="coalition_requests",
        verbose_name=_("person"),
    )
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="+", verbose_name=_("school")
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name = _("membership request")
        verbose_name_plural = _("membership requests")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "person"],
                condition=Q(status="pending"),
                name="coalition_request_one_pending_per_person",
            )
        ]

    def __str__(self):
        return f"{self.person} → {self.coalition}"


class LearningQuestion(TimeStamped):
    member = models.ForeignKey(
        CoalitionMember,
        on_delete=models.CASCADE,
        related_name="learning_questions",
        verbose_name=_("member"),
    )
    text = models.TextField(_("learning question"))
    shared_with_group = models.BooleanField(_("shared with the group"), default=False)

    class Meta:
        verbose_name = _("learning question")
        verbose_name_plural = _("learning questions")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:80]


class ProgressNote(TimeStamped):
    question = models.ForeignKey(
        LearningQuestion,
        on_delete=models.CASCADE,
        related_name="notes",
        verbose_name=_("learning question"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("note"))
    noted_on = models.DateField(_("date"))

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["noted_on", "pk"]

    def __str__(self):
        return self.text[:80]


class Thread(TimeStamped):
    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, related_name="threads", verbose_name=_("coalition")
    )
    title = models.CharField(_("title"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    last_post_at = models.DateTimeField(_("last post"), null=True, blank=True)

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ["-last_post_at", "-pk"]

    def __str__(self):
        return self.title


class Post(TimeStamped):
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="posts", verbose_name=_("thread")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("text"))
    # Rendered and sanitised once, when written: a page never renders raw Markdown.
    body_html = models.TextField(editable=False)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.author}: {self.body[:60]}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


def resource_upload_to(instance, filename: str) -> str:
    # A generated name: the uploader's file name never reaches the file system.
    suffix = PurePath(filename).suffix.lower()
    return f"coalitions/resources/{uuid.uuid4().hex}{suffix}"


class Resource(TimeStamped):
    class Kind(models.TextChoices):
        GOOD_PRACTICE = "good_practice", _("Good practice")
        MATERIAL = "material", _("Material")
        CASE = "case", _("Case description")
        LITERATURE_SUMMARY = "literature_summary", _("Literature summary")
        PUBLICATION = "publication", _("Publication")
        TOOL = "tool", _("Tool")

    class Visibility(models.TextChoices):
        COALITION = "coalition", _("Coalition members")
        NETWORK = "network", _("Everyone in the network")
        PUBLIC = "public", _("Public")

    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, related_name="resources", verbose_name=_("coalition")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    description_html = models.TextField(editable=False, blank=True)
    file = models.FileField(_("file"), upload_to=resource_upload_to, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    # Normalised: lower case, no blanks around, sorted, joined by commas ("data,dropout").
    tags = models.CharField(_("tags"), max_length=300, blank=True)
    school = models.ForeignKey(
        School,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from school"),
    )
    visibility = models.CharField(
        _("visible to"), max_length=12, choices=Visibility.choices, default=Visibility.COALITION
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("added by"),
    )

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(link="")) | (~Q(file="") & Q(link="")),
                name="resource_file_or_link",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def tag_list(self) -> list[str]:
        return [tag for tag in self.tags.split(",") if tag]


class Milestone(TimeStamped):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title


class CardDeck(TimeStamped):
    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, related_name="decks", verbose_name=_("coalition")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("card deck")
        verbose_name_plural = _("card decks")
        ordering = ["title"]

    def __str__(self):
        return self.title


class Card(TimeStamped):
    deck = models.ForeignKey(
        CardDeck, on_delete=models.CASCADE, related_name="cards", verbose_name=_("deck")
    )
    front = models.TextField(_("question (front)"))
    back = models.TextField(_("suggestions (back)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("card")
        verbose_name_plural = _("cards")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.front[:80]


class Prioritisation(TimeStamped):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FINISHED = "finished", _("Finished")

    deck = models.ForeignKey(
        CardDeck,
        on_delete=models.CASCADE,
        related_name="prioritisations",
        verbose_name=_("deck"),
    )
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="+", verbose_name=_("school")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("prioritisation")
        verbose_name_plural = _("prioritisations")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.deck} – {self.school}"


class PrioritisationPick(models.Model):
    prioritisation = models.ForeignKey(
        Prioritisation, on_delete=models.CASCADE, related_name="picks"
    )
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(_("rank"))

    class Meta:
        verbose_name = _("picked card")
        verbose_name_plural = _("picked cards")
        ordering = ["rank", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["prioritisation", "card"], name="prioritisation_card_once"
            ),
        ]

    def __str__(self):
        return f"{self.rank}. {self.card}"


class CounsellingRequest(TimeStamped):
    class Kind(models.TextChoices):
        PROCESS = "process", _("Process counselling")
        EXPERT = "expert", _("Expert advice")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ASSIGNED = "assigned", _("Assigned")
        SCHEDULED = "scheduled", _("Scheduled")
        DONE = "done", _("Done")

    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        related_name="counselling_requests",
        verbose_name=_("network"),
    )
    school = models.ForeignKey(
        School,
        on_delete=models.CASCADE,
        related_name="counselling_requests",
        verbose_name=_("school"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    topic = models.CharField(_("topic"), max_length=200)
    kind = models.CharField(_("kind of advice"), max_length=12, choices=Kind.choices)
    preferred_dates = models.TextField(_("preferred dates"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="counselling_assignments",
        verbose_name=_("adviser"),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("counselling request")
        verbose_name_plural = _("counselling requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | Q(adviser__isnull=False),
                name="counselling_request_assigned_has_adviser",
            )
        ]

    def __str__(self):
        return self.topic
