# Dutch: month and weekday names in lower case (see qnet/formats/__init__.py).
DATE_FORMAT = "j F Y"  # 4 december 2026
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "j F Y, H:i"  # 4 december 2026, 14:30
YEAR_MONTH_FORMAT = "F Y"  # december 2026
MONTH_DAY_FORMAT = "j F"  # 4 december
SHORT_DATE_FORMAT = "d-m-Y"  # 04-12-2026
SHORT_DATETIME_FORMAT = "d-m-Y H:i"  # 04-12-2026 14:30
# "b", not "M": Django's "M" capitalises ("Dec"), Dutch does not.
WEEKDAY_DATETIME_FORMAT = "D j b Y, H:i"  # vr 4 dec 2026, 14:30
WEEKDAY_MONTH_DAY_FORMAT = "l j F"  # vrijdag 4 december
SHORT_MONTH_DAY_FORMAT = "j-n"  # 4-12, a column heading
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
