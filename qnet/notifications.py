"""Notices: what a person should know about, in the portal and, by their choice, by mail.

Apps call notice_send() from their own services, inside their transaction: the notices
are written with the change, and their mail leaves the outbox only once it commits. A
notice stores its kind and parameters, not a sentence, and is worded in the reader's
language when shown or mailed (notice_text).

Each person has an unread count on their user row (User.unread_notices), changed by the
same statements that create and read notices here, so the navbar costs no query.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from qnet.models import Delivery, Notice, NoticeKind, NotificationPreference, User
from qnet.services import mail_enqueue

Kind = NoticeKind

# The sentence of each kind. Parameters ending in "_at" hold an ISO datetime and those
# ending in "_on" an ISO date; they are formatted for the reader (notice_text).
MESSAGES = {
    Kind.SELFASSESSMENT_SUBMITTED: _("%(school)s submitted its self-assessment for %(year)s."),
    Kind.SELFASSESSMENT_RETURNED: _(
        "The self-assessment of %(school)s for %(year)s was returned for revision: %(comment)s"
    ),
    Kind.SELFASSESSMENT_ACCEPTED: _(
        "The self-assessment of %(school)s for %(year)s was accepted. %(comment)s"
    ),
    Kind.DIALOGUE_PLANNED: _(
        "The dialogue meeting of %(school)s is planned for %(starts_at)s, %(place)s."
    ),
    Kind.AGREEMENT_RECORDED: _("New agreement for %(school)s: %(action)s (due on %(due_on)s)."),
    Kind.AGREEMENT_CHANGED: _(
        "An agreement of %(school)s was changed: %(action)s (due on %(due_on)s)."
    ),
    Kind.AGREEMENT_DUE: _("An agreement of %(school)s falls due on %(due_on)s: %(action)s"),
    Kind.AGREEMENT_OVERDUE: _("An agreement of %(school)s is overdue since %(due_on)s: %(action)s"),
    Kind.AGREEMENT_PROPOSED: _(
        "%(school)s proposes to mark an agreement as %(proposal)s: %(action)s. Reason: %(reason)s"
    ),
    Kind.AGREEMENT_PROPOSAL_REJECTED: _(
        "The proposal to mark an agreement of %(school)s as %(proposal)s was not confirmed: "
        "%(comment)s"
    ),
    Kind.REPORT_IN_REVIEW: _("The quality report %(year)s of %(authority)s is ready for review."),
    Kind.REPORT_PUBLISHED: _("The quality report %(year)s of %(authority)s was published."),
    # The date first: English times end in "p.m.", which a full stop would double.
    Kind.EVENT_PUBLISHED: _("New event on %(starts_at)s: %(title)s"),
    Kind.JOIN_REQUESTED: _("Someone from %(school)s asks to join %(coalition)s."),
    Kind.JOIN_DECIDED: _("Your request to join %(coalition)s was %(outcome)s."),
    # Not the topic: that is the requester's own text, and this notice is the adviser's.
    Kind.COUNSELLING_ASSIGNED: _("A counselling request of %(school)s was assigned to an adviser."),
}
# Words that a parameter holds as a code and the reader needs in their language.
OUTCOMES = {"approved": _("accepted"), "declined": _("declined")}
PROPOSALS = {"done": _("done"), "dropped": _("dropped")}


def _shown(name: str, value):
    if not isinstance(value, str):
        return value
    if name == "outcome":
        return OUTCOMES.get(value, value)
    if name == "proposal":
        return PROPOSALS.get(value, value)
    try:
        if name.endswith("_at"):
            moment = timezone.localtime(datetime.fromisoformat(value))
            return formats.date_format(moment, "DATETIME_FORMAT")
        if name.endswith("_on"):
            return formats.date_format(date.fromisoformat(value), "DATE_FORMAT")
    except ValueError:
        return value
    return value


def notice_label(kind: str) -> str:
    try:
        return str(Kind(kind).label)
    except ValueError:
        return kind


# The name a notice is about, for mail subjects: "Event published: Forum 2026".
HEADLINE_PARAMS = ("title", "coalition", "school", "authority")


def notice_headline(params: dict) -> str:
    return next((str(params[name]) for name in HEADLINE_PARAMS if params.get(name)), "")


def notice_text(kind: str, params: dict) -> str:
    """The notice as a sentence in the active language."""
    message = MESSAGES.get(kind)
    if message is None:
        return notice_label(kind)
    values = defaultdict(str, {name: _shown(name, value) for name, value in params.items()})
    return " ".join((str(message) % values).split())


# --- writes ---------------------------------------------------------------------------


@transaction.atomic
def notice_send(
    *,
    recipients: Iterable[User],
    kind: str,
    url: str,
    params: dict | None = None,
    actor: User | None = None,
    key: str = "",
    language: str = "",
) -> list[Notice]:
    """Record a notice for each recipient (not the actor: they know what they did) and
    queue the mails of those who want them immediately.

    One INSERT for all notices and one UPDATE of the unread counts, however many people
    an event reaches; each person still gets a mail of their own. With a `key`, a person
    who has a notice with that key already gets none: a periodic task sends it once.
    `language` is the mail's language for whoever chose none (the authority's or the
    network's): a periodic task runs in the worker's default language, not theirs.
    """
    if kind not in Kind.values:
        raise ValueError(f"Unknown notice kind {kind!r}")
    if not url.startswith("/"):
        raise ValueError("A notice links to a path of this site.")
    actor_id = actor.pk if actor is not None and actor.is_authenticated else None
    people = {
        person.pk: person
        for person in recipients
        if person.is_active and person.pk != actor_id and person.email
    }
    if key and people:
        for taken in Notice.objects.filter(recipient_id__in=people, key=key).values_list(
            "recipient_id", flat=True
        ):
            people.pop(taken, None)
    if not people:
        return []
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=people, kind=kind).values_list(
            "user_id", "delivery"
        )
    )
    now = timezone.now()
    notices = []
    for pk, person in people.items():
        delivery = chosen.get(pk, Delivery.IMMEDIATELY)
        notices.append(
            Notice(
                recipient=person,
                kind=kind,
                params=params or {},
                url=url,
                created_at=now,
                delivery=delivery,
                mailed_at=now if delivery == Delivery.IMMEDIATELY else None,
                key=key,
            )
        )
    created = _create(notices)
    User.objects.filter(pk__in=[notice.recipient_id for notice in created]).update(
        unread_notices=F("unread_notices") + 1
    )
    for notice in created:
        if notice.delivery == Delivery.IMMEDIATELY:
            _mail(notice, fallback_language=language)
    return created


def _create(notices: list[Notice]) -> list[Notice]:
    try:
        with transaction.atomic():
            return Notice.objects.bulk_create(notices, batch_size=1000)
    except IntegrityError:
        # A keyed notice another run created meanwhile: keep the others, one by one.
        created = []
        for notice in notices:
            try:
                with transaction.atomic():
                    notice.save()
            except IntegrityError:
                continue
            created.append(notice)
        return created


def _language(person: User, fallback: str = "") -> str:
    return (
        person.preferred_language
        or fallback
        or translation.get_language()
        or settings.LANGUAGE_CODE
    )


def _mail(notice: Notice, *, fallback_language: str = "") -> None:
    person = notice.recipient
    language = _language(person, fallback_language)
    with translation.override(language):
        context = {
            "name": person.get_short_name(),
            "label": notice_label(notice.kind),
            "headline": notice_headline(notice.params),
            "text": notice_text(notice.kind, notice.params),
            "url": settings.SITE_URL + notice.url,
            "preferences_url": settings.SITE_URL + reverse("qnet:notice_preferences"),
        }
    mail_enqueue(
        to=person.email,
        template="qnet/mail/notice",
        context=context,
        language=language,
        dedupe_key=f"notice:{notice.pk}",
    )


def notice_open(*, user: User, notice: Notice) -> Notice:
    """Mark the notice read (once: a second open changes nothing)."""
    now = timezone.now()
    with transaction.atomic():
        marked = Notice.objects.filter(pk=notice.pk, recipient=user, read_at__isnull=True).update(
            read_at=now
        )
        _count_down(user, marked)
    if marked:
        notice.read_at = now
    return notice


@transaction.atomic
def notices_mark_all_read(*, user: User) -> int:
    marked = Notice.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    _count_down(user, marked)
    return marked


def _count_down(user: User, marked: int) -> None:
    if not marked:
        return
    User.objects.filter(pk=user.pk).update(
        unread_notices=Greatest(F("unread_notices") - marked, Value(0))
    )
    user.unread_notices = max(user.unread_notices - marked, 0)


@transaction.atomic
def notification_preferences_save(*, user: User, choices: dict[str, str]) -> None:
    """One delivery per kind; kinds not named keep what they had."""
    rows = []
    for kind, delivery in choices.items():
        if kind not in Kind.values or delivery not in Delivery.values:
            raise ValueError(f"Unknown notice kind or delivery: {kind!r}, {delivery!r}")
        rows.append(NotificationPreference(user=user, kind=kind, delivery=delivery))
    NotificationPreference.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["user", "kind"], update_fields=["delivery"]
    )


def notice_digests_send(*, now: datetime | None = None) -> int:
    """One mail per person gathering their digest notices made before today.

    Run daily (qnet/celery.py). The rows are locked and marked in one transaction, and
    the mail's key names the person and the day: running twice, or on two workers at
    once, mails nobody twice. Notices read in the portal meanwhile are left out.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    start_of_today = timezone.make_aware(datetime.combine(today, time.min))
    sent = 0
    with transaction.atomic():
        pending = list(
            Notice.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                delivery=Delivery.DIGEST,
                mailed_at__isnull=True,
                read_at__isnull=True,
                created_at__lt=start_of_today,
            )
            .select_related("recipient")
            .order_by("recipient_id", "created_at", "pk")
        )
        by_person: dict[int, list[Notice]] = defaultdict(list)
        for notice in pending:
            by_person[notice.recipient_id].append(notice)
        for notices in by_person.values():
            person = notices[0].recipient
            if not person.is_active:
                continue
            language = _language(person)
            with translation.override(language):
                items = [
                    {
                        "label": notice_label(notice.kind),
                        "text": notice_text(notice.kind, notice.params),
                        "url": settings.SITE_URL + notice.url,
                    }
                    for notice in notices
                ]
                context = {
                    "name": person.get_short_name(),
                    "headline": notice_headline(notices[0].params),
                    "items": items,
                    "count": len(items),
                    "notices_url": settings.SITE_URL + reverse("qnet:notices"),
                    "preferences_url": settings.SITE_URL + reverse("qnet:notice_preferences"),
                }
            queued = mail_enqueue(
                to=person.email,
                template="qnet/mail/notice_digest",
                context=context,
                language=language,
                dedupe_key=f"notice-digest:{person.pk}:{today.isoformat()}",
            )
            sent += queued is not None
        Notice.objects.filter(pk__in=[notice.pk for notice in pending]).update(mailed_at=now)
    return sent
