"""How large a number and how far off a date people may type: the bounds, in one place.

The database and Python hold much more, and fail at their edges with errors of their own
(a 500): a PostgreSQL integer column ends at 2,147,483,647, and a date near the years 1
or 9999 overflows when it is shifted (an event's copy, a default duration) or moved to
another time zone (UTC, for the database; a year-1 time in Berlin is stored as 1 BC,
which no query can read back). So every integer field of a form names its maximum and
every date field is one of the two below; services that compute dates from stored ones
check the result with `check_year`. tests/test_fuzz.py holds every form to this.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Dates: a school year, a meeting or an agreement of this century.
EARLIEST_YEAR = 2000
LATEST_YEAR = 2100

# The range of Django's IntegerField column (PostgreSQL integer).
INTEGER_MAX = 2_147_483_647
# Far beyond any real value, far below the column's range.
MAX_CAPACITY = 100_000  # people at an event, in a workshop or a group
MAX_SEATS_PER_SCHOOL = 1_000  # seats one school may take at an event
MAX_COUNT = 10_000_000  # people a result counts (its n)


def check_year(value, *, field: str | None = None) -> None:
    """Refuse a date or date-time outside EARLIEST_YEAR..LATEST_YEAR."""
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        error = ValidationError(
            _("Enter a date between the years %(earliest)s and %(latest)s."),
            code="year_out_of_range",
            params={"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
        )
        raise ValidationError({field: error}) if field else error


class _YearBounded:
    default_validators = [check_year]
    html_min = html_max = ""

    def widget_attrs(self, widget):
        # The browser's picker offers only the allowed years.
        attrs = super().widget_attrs(widget)
        if getattr(widget, "input_type", None) in ("date", "datetime-local"):
            attrs.update(min=self.html_min, max=self.html_max)
        return attrs


class DateField(_YearBounded, forms.DateField):
    html_min, html_max = f"{EARLIEST_YEAR}-01-01", f"{LATEST_YEAR}-12-31"


class DateTimeField(_YearBounded, forms.DateTimeField):
    html_min, html_max = f"{EARLIEST_YEAR}-01-01T00:00", f"{LATEST_YEAR}-12-31T23:59"


class IntegerField(forms.IntegerField):
    """A whole number with a named maximum (never past the column's range)."""

    def __init__(self, *, max_value: int, min_value: int | None = 0, **kwargs):
        super().__init__(max_value=min(max_value, INTEGER_MAX), min_value=min_value, **kwargs)


class DecimalField(forms.DecimalField):
    """A decimal typed and shown as the language writes it: "4,9" in German, Dutch and
    Norwegian, "4.9" in English (a period is read as the decimal point in every language,
    so a figure pasted from a spreadsheet in English still counts). Shown without the
    trailing zeros of the column's places: the stored 4.900 reads "4,9", not "4,900",
    which an English reader would take for four thousand nine hundred."""

    def __init__(self, **kwargs):
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        # A localized field is a text input; phones still offer the number pad.
        return {**super().widget_attrs(widget), "inputmode": "decimal"}

    def prepare_value(self, value):
        if isinstance(value, Decimal) and value.is_finite():
            # normalize() alone writes 100 as 1E+2.
            value = (
                value.quantize(Decimal(1))
                if value == value.to_integral_value()
                else value.normalize()
            )
        return super().prepare_value(value)
