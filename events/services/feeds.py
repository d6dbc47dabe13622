"""Personal calendar feeds behind a secret address."""

from django.db import transaction
from django.utils import timezone

from events.models import CalendarFeed
from qnet.models import User


@transaction.atomic
def calendar_feed_create(*, user: User) -> CalendarFeed:
    """A fresh secret address; any earlier one stops working."""
    CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    return CalendarFeed.objects.create(user=user)


@transaction.atomic
def calendar_feed_revoke(*, user: User) -> int:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
