# European English: day-month-year, 24-hour clock (see qnet/formats/__init__.py).
DATE_FORMAT = "j F Y"  # 4 December 2026
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "j F Y, H:i"  # 4 December 2026, 14:30
YEAR_MONTH_FORMAT = "F Y"  # December 2026
MONTH_DAY_FORMAT = "j F"  # 4 December
SHORT_DATE_FORMAT = "j M Y"  # 4 Dec 2026
SHORT_DATETIME_FORMAT = "j M Y, H:i"  # 4 Dec 2026, 14:30
WEEKDAY_DATETIME_FORMAT = "D j M Y, H:i"  # Fri 4 Dec 2026, 14:30
WEEKDAY_MONTH_DAY_FORMAT = "l j F"  # Friday 4 December
SHORT_MONTH_DAY_FORMAT = "j M"  # 4 Dec, a column heading
FIRST_DAY_OF_WEEK = 1  # Monday
# Typed dates are read day first; the browsers' date inputs send ISO dates.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d %b %Y", "%d %B %Y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d.%m.%Y %H:%M",
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
