# Norwegian Bokmål: month and weekday names in lower case, periods after day numbers
# (see qnet/formats/__init__.py).
DATE_FORMAT = "j. F Y"  # 4. desember 2026
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "j. F Y, H:i"  # 4. desember 2026, 14:30
YEAR_MONTH_FORMAT = "F Y"  # desember 2026
MONTH_DAY_FORMAT = "j. F"  # 4. desember
SHORT_DATE_FORMAT = "d.m.Y"  # 04.12.2026
SHORT_DATETIME_FORMAT = "d.m.Y, H:i"  # 04.12.2026, 14:30
# Abbreviated as Språkrådet does, in lower case with a period: "fre.", "des.", but "mai";
# "M" would capitalise.
WEEKDAY_DATETIME_FORMAT = "D. j. N Y, H:i"  # fre. 4. des. 2026, 14:30
WEEKDAY_MONTH_DAY_FORMAT = "l j. F"  # fredag 4. desember
SHORT_MONTH_DAY_FORMAT = "j.n."  # 4.12., a column heading
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = ","
# A non-breaking space, so a grouped number never breaks over two lines.
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
