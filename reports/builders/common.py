"""Number formatting and the suppression rules every chapter builder shares."""

from decimal import Decimal

from django.utils.formats import number_format

from reports import sources

YEARS_SHOWN = 5
_ONE_DECIMAL = Decimal("0.1")


def fmt(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return number_format(value.quantize(_ONE_DECIMAL), 1, use_l10n=True)


def as_float(value: Decimal | None) -> float | None:
    return None if value is None else float(value.quantize(_ONE_DECIMAL))


def mean_unless_suppressed(values: list[Decimal | None]) -> Decimal | None:
    """The mean, or None when any value it would include is suppressed (or none exist)."""
    if not values or any(value is None for value in values):
        return None
    return sum(values, Decimal(0)) / len(values)


def difference_unless_suppressed(new: Decimal | None, old: Decimal | None) -> Decimal | None:
    if new is None or old is None:
        return None
    return new - old


def signed(value: Decimal | None) -> str | None:
    text = fmt(value)
    if text is None or value <= 0:
        return text
    return "+" + text


def is_weak(measure: sources.MeasureInfo, value: Decimal) -> bool:
    if measure.higher_is_better:
        return value < measure.threshold
    return value > measure.threshold
