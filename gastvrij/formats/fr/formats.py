"""Dates and numbers as they are written in Belgium, in French (FORMAT_MODULE_PATH).

Django's own "fr" is France's; Belgian French writes the same day, month, year order.
Every language of the platform writes dates the Belgian way: day, month,
year, never the US order (tested in core/tests/test_formats.py)."""

DATE_FORMAT = "j F Y"  # 28 novembre 2026
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "j F Y, H:i"  # 28 novembre 2026, 14:30
YEAR_MONTH_FORMAT = "F Y"  # novembre 2026
MONTH_DAY_FORMAT = "j F"  # 28 novembre
SHORT_DATE_FORMAT = "d/m/Y"  # 28/11/2026
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 28/11/2026 14:30
FIRST_DAY_OF_WEEK = 1  # Monday
# What a person may type for a date: the Belgian ways first, and ISO (what type=date sends).
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%H.%M"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # a no-break space
NUMBER_GROUPING = 3
