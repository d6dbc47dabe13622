# German: periods after day numbers (see qnet/formats/__init__.py).
DATE_FORMAT = "j. F Y"  # 4. Dezember 2026
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "j. F Y, H:i"  # 4. Dezember 2026, 14:30
YEAR_MONTH_FORMAT = "F Y"  # Dezember 2026
MONTH_DAY_FORMAT = "j. F"  # 4. Dezember
SHORT_DATE_FORMAT = "d.m.Y"  # 04.12.2026
SHORT_DATETIME_FORMAT = "d.m.Y, H:i"  # 04.12.2026, 14:30
# "N" is Duden's abbreviation: "Dez.", "Mai", "Sept."
WEEKDAY_DATETIME_FORMAT = "D., j. N Y, H:i"  # Fr., 4. Dez. 2026, 14:30
WEEKDAY_MONTH_DAY_FORMAT = "l, j. F"  # Freitag, 4. Dezember
SHORT_MONTH_DAY_FORMAT = "j.n."  # 4.12., a column heading
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
