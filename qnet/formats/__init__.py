"""One date and number format per language (settings.FORMAT_MODULE_PATH).

Django looks here first and falls back to its own locale modules for anything not set.
Decisions, the same on every page, mail and PDF:

- English is the English of a European portal, not the US one: day before month, 24-hour
  times, and month names (not numbers) in short dates, so "4 Dec 2026" cannot be read as
  12 April by anyone ("4 December 2026, 14:30" in full).
- German writes periods after day numbers ("4. Dezember 2026", "04.12.2026"); Dutch and
  Norwegian Bokmål write month and weekday names in lower case ("4 december 2026",
  "4. desember 2026"); all three use the decimal comma.
- Besides Django's names (DATE_FORMAT, SHORT_DATE_FORMAT, DATETIME_FORMAT, ...), every
  module defines the same named formats for what the pages need beyond them:
  WEEKDAY_DATETIME_FORMAT ("Fri 4 Dec 2026, 14:30", an event's start),
  WEEKDAY_MONTH_DAY_FORMAT ("Friday 4 December", a day heading in the month view) and
  SHORT_MONTH_DAY_FORMAT ("4 Dec", "4.12.", a meeting's column in an attendance grid).
  Use them by name (`|date:"WEEKDAY_DATETIME_FORMAT"`), never as a pattern in a template.
"""

# Named formats that are not Django's own: each language module must define all of them,
# or get_format() would print the name itself (tests/test_locale_formats.py checks).
CUSTOM_FORMATS = (
    "WEEKDAY_DATETIME_FORMAT",
    "WEEKDAY_MONTH_DAY_FORMAT",
    "SHORT_MONTH_DAY_FORMAT",
)
