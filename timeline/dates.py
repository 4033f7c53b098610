"""Dates shown as precisely as they are known: "19 October 1956", "October 1956"."""

import datetime

from django.db import models


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


def format_date(value, precision=DatePrecision.DAY):
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return f"{value:%B} {value.year}"
    return f"{value.day} {value:%B} {value.year}"


def machine_date(value, precision=DatePrecision.DAY):
    """The date for a <time datetime> attribute, no more precise than it is known."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def format_date_range(start, end=None, precision=DatePrecision.DAY):
    """Join two dates without repeating what they share: "16–19 April 1991"."""
    if end is None or end == start:
        return format_date(start, precision)
    if precision == DatePrecision.DAY:
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{format_date(end, precision)}"
        if start.year == end.year:
            return f"{start.day} {start:%B} – {format_date(end, precision)}"
    elif precision == DatePrecision.MONTH and start.year == end.year:
        if start.month == end.month:
            return format_date(start, precision)
        return f"{start:%B} – {format_date(end, precision)}"
    elif precision == DatePrecision.YEAR and start.year == end.year:
        return str(start.year)
    return f"{format_date(start, precision)} – {format_date(end, precision)}"


def precision_errors(value, precision, field_label="date"):
    """Return a message when a date carries more detail than its precision admits."""
    if value is None:
        return None
    if precision == DatePrecision.MONTH and value.day != 1:
        return (
            f"With month precision the {field_label} must be the first day of the "
            f"month (enter {value:%Y-%m}-01): only the month is shown to readers."
        )
    if precision == DatePrecision.YEAR and (value.month, value.day) != (1, 1):
        return (
            f"With year precision the {field_label} must be 1 January "
            f"(enter {value.year}-01-01): only the year is shown to readers."
        )
    return None


def date_span(value, precision=DatePrecision.DAY, end=None):
    """The first and last day a date (or a date range) may mean at its precision."""
    last = end or value
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1), last.replace(month=12, day=31)
    if precision == DatePrecision.MONTH:
        following = last.replace(day=28) + datetime.timedelta(days=4)
        return value.replace(day=1), following - datetime.timedelta(days=following.day)
    return value, last


def old_style_error(date, date_old_style):
    """Why an Old Style (Julian) date cannot go with a Gregorian one, or None."""
    if not (date and date_old_style):
        return None
    lag = date - date_old_style
    if datetime.timedelta(days=10) <= lag <= datetime.timedelta(days=13):
        return None
    return (
        "An Old Style (Julian) date runs 10 to 13 days behind the Gregorian date "
        "between 1582 and 1918; check both dates."
    )
