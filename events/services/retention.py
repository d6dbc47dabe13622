"""Retention: events that ended longer ago than EVENTS_RETENTION_DAYS lose their people.

What stays is what the figures are counted from: the event, the school, status, attendance
and workshop choices, the guests' roles and answers, the proposed topics. What goes is
everything that says who: the person and who registered them, notes, dietary and
accessibility needs, apologies, guests' names and addresses, who proposed a topic, and the
names and addresses in the audit entries about them.
"""

import secrets
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import CharField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import MD5, Cast, Concat, ExtractYear
from django.utils import timezone

from events.models import AgendaProposal, Event, GuestInvitation, Registration
from events.selectors import _year_bounds
from qnet.models import AuditEntry

BATCH_SIZE = 2000
# What the audit log shows instead of "Lea Albers – Coordinator meeting" once anonymised.
ANONYMISED_REPR = "—"
# Any fixed number: the key of the PostgreSQL advisory lock that serialises runs.
_LOCK_KEY = 7_301_115


def _in_batches(queryset: QuerySet, size: int) -> Iterator[list[int]]:
    """Primary keys, at most `size` at a time; each batch must drop out of `queryset`."""
    while True:
        pks = list(queryset.order_by("pk").values_list("pk", flat=True)[:size])
        if not pks:
            return
        yield pks


def _serialise_runs() -> None:
    # Two runs at once (the beat fired twice, a task delivered again) could give one
    # person two keys for the same year; the second run waits here and then finds nothing.
    # SQLite, the embedded default, serialises writers itself.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])


def _participant_keys_stamp(pairs: set[tuple[int, int]], salt: str) -> None:
    """Give all registrations of these (person id, year) pairs the pair's shared key.

    The person's other registrations of that year, still named, get the key as well, so
    when they are anonymised later they join the same stand-in instead of a new one. A new
    key is a hash of the person with a salt that lives only during this run: nobody can
    work it out again afterwards. One statement per year, however many people.
    """
    by_year = defaultdict(set)
    for person, year in pairs:
        by_year[year].add(person)
    for year, persons in by_year.items():
        start, end = _year_bounds(year)
        theirs = Registration.objects.filter(
            person_id__in=persons, event__starts_at__gte=start, event__starts_at__lt=end
        )
        stamped = theirs.exclude(participant_key="")
        # Stamped by an earlier run; only a registration made since then lacks the key, and
        # it takes the person's key of that year (one statement for everyone).
        theirs.filter(participant_key="", person_id__in=stamped.values("person_id")).update(
            participant_key=Subquery(
                stamped.filter(person_id=OuterRef("person_id")).values("participant_key")[:1]
            )
        )
        theirs.filter(participant_key="").update(
            participant_key=MD5(
                Concat(Value(salt), Cast("person_id", CharField()), Value(f":{year}"))
            )
        )


def _registrations_anonymise(expired: QuerySet, now: datetime, size: int) -> int:
    salt = secrets.token_hex(16)
    pending = Registration.objects.filter(event__in=expired, anonymised_at__isnull=True)
    count = 0
    for pks in _in_batches(pending, size):
        pairs = set(
            Registration.objects.filter(pk__in=pks)
            # The annual report counts by calendar year in the portal's time zone: so here.
            .annotate(year=ExtractYear("event__starts_at"))
            .values_list("person_id", "year")
        )
        _participant_keys_stamp(pairs, salt)
        Registration.objects.filter(pk__in=pks).update(
            person=None,
            registered_by=None,
            notes="",
            dietary_notes="",
            accessibility_notes="",
            apology="",
            anonymised_at=now,
            updated_at=now,
        )
        # Entries about a registration name the person (repr, data) and, through the actor,
        # often are the person: none of it is needed once the registration names no one.
        AuditEntry.objects.filter(
            object_type=Registration._meta.label_lower, object_id__in=[str(pk) for pk in pks]
        ).update(actor=None, object_repr=ANONYMISED_REPR, data={})
        count += len(pks)
    return count


def _guests_anonymise(expired: QuerySet, now: datetime, size: int) -> int:
    pending = GuestInvitation.objects.filter(event__in=expired, anonymised_at__isnull=True)
    count = 0
    for pks in _in_batches(pending, size):
        event_ids = set(
            GuestInvitation.objects.filter(pk__in=pks).values_list("event_id", flat=True)
        )
        GuestInvitation.objects.filter(pk__in=pks).update(
            name="", email="", anonymised_at=now, updated_at=now
        )
        # Invitations and answers are logged on the event, with the guest's address.
        AuditEntry.objects.filter(
            object_type=Event._meta.label_lower,
            object_id__in=[str(pk) for pk in event_ids],
            action__startswith="guest.",
        ).update(data={})
        count += len(pks)
    return count


def _proposals_anonymise(expired: QuerySet, now: datetime, size: int) -> int:
    pending = AgendaProposal.objects.filter(event__in=expired, person__isnull=False)
    count = 0
    for pks in _in_batches(pending, size):
        AgendaProposal.objects.filter(pk__in=pks).update(person=None, updated_at=now)
        count += len(pks)
    return count


@transaction.atomic
def registrations_anonymise_expired(
    *, now: datetime | None = None, batch_size: int = BATCH_SIZE
) -> int:
    """Anonymise what names people in events that ended more than the retention period ago.

    Returns the number of registrations anonymised. Safe to run again: anonymised rows are
    not selected twice, and a run that finds nothing writes nothing, not even to the audit
    log. Registrations of other events keep everything; the only thing they may gain is
    the person's stand-in key for the year, which no seat count or waiting list reads.
    """
    now = now or timezone.now()
    days = settings.EVENTS_RETENTION_DAYS
    cutoff = now - timedelta(days=days)
    _serialise_runs()
    expired = Event.objects.filter(ends_at__lt=cutoff).values("pk")
    registrations = _registrations_anonymise(expired, now, batch_size)
    guests = _guests_anonymise(expired, now, batch_size)
    proposals = _proposals_anonymise(expired, now, batch_size)
    if registrations or guests or proposals:
        # One entry for the whole run: no authority's log would gain from a row per event.
        AuditEntry.objects.create(
            actor=None,
            action="registrations.anonymise_expired",
            object_type=Registration._meta.label_lower,
            object_id="",
            object_repr=f"retention {days} days, events ended before {cutoff:%Y-%m-%d}",
            data={
                "retention_days": days,
                "ended_before": cutoff.isoformat(),
                "registrations": registrations,
                "guests": guests,
                "proposals": proposals,
            },
        )
    return registrations
