"""Correcting one result by hand: its value, its number of respondents or its status.

Files of results come in through the import (services/imports.py); this is the one
result an authority's staff member types on the result's page.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from qnet.models import User
from qnet.services import audit_entry_create
from selfassessment.models import Result


@transaction.atomic
def result_update(
    *,
    actor: User,
    result: Result,
    value: Decimal | None,
    n: int | None,
    status: str = Result.Status.REPORTED,
) -> Result:
    """Correct one result by hand. A suppressed or no-pupils result has no value."""
    if status not in Result.Status.values:
        raise ValidationError(_("Unknown status."))
    if status == Result.Status.REPORTED and value is None:
        raise ValidationError(_("A reported result needs a value."))
    if status != Result.Status.REPORTED:
        value = None
    if n is not None and n < 0:
        raise ValidationError(_("The number of respondents cannot be negative."))
    if status == Result.Status.REPORTED and n is not None and n < 1:
        raise ValidationError(_("The number of respondents must be above zero."))
    before = {"status": result.status, "value": _text(result.value), "n": result.n}
    result.status, result.value, result.n = status, value, n
    result.save(update_fields=["status", "value", "n", "updated_at"])
    audit_entry_create(
        actor=actor,
        action="result.update",
        target=result,
        authority=result.school.authority,
        data={"before": before, "after": {"status": status, "value": _text(value), "n": n}},
    )
    return result


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)
