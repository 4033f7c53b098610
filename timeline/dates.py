"""Dates shown as precisely as they are known, in the reader's language:
"19 October 1956", "1956年10月19日", "19 октября 1956 г."; "October 1956",
"1956年10月", "октябрь 1956 г."."""

import datetime

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


# Russian months: the genitive after a day ("19 октября"), the nominative alone.
RU_MONTHS_GENITIVE = (
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
).split()
RU_MONTHS = (
    "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь"
).split()
EN_DASH = "–"


def date_language():
    """ja, ru or en (every other language is shown the English way)."""
    language = (translation.get_language() or "en").split("-")[0]
    return language if language in {"ja", "ru"} else "en"


def day_and_month(value, language):
    """The date without its year: "19 October", "10月19日", "19 октября"."""
    if language == "ja":
        return f"{value.month}月{value.day}日"
    if language == "ru":
        return f"{value.day} {RU_MONTHS_GENITIVE[value.month - 1]}"
    return f"{value.day} {value:%B}"


def month_alone(value, language):
    if language == "ja":
        return f"{value.month}月"
    if language == "ru":
        return RU_MONTHS[value.month - 1]
    return f"{value:%B}"


def with_year(text, year, language):
    """Add the year as each language writes it after (or before) the rest."""
    if language == "ja":
        return f"{year}年{text}"
    if language == "ru":
        return f"{text} {year} г." if text else f"{year} г."
    return f"{text} {year}" if text else str(year)


def without_year(value, precision, language):
    if precision == DatePrecision.YEAR:
        return ""
    if precision == DatePrecision.MONTH:
        return month_alone(value, language)
    return day_and_month(value, language)


def format_date(value, precision=DatePrecision.DAY):
    if value is None:
        return ""
    language = date_language()
    return with_year(without_year(value, precision, language), value.year, language)


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
    """Join two dates without repeating what they share: "16–19 April 1991",
    "1991年4月16日～19日", "16–19 апреля 1991 г."."""
    if end is None or end == start:
        return format_date(start, precision)
    language = date_language()
    if language == "ja":
        return format_japanese_range(start, end, precision)
    if language == "ru":
        return format_russian_range(start, end, precision)
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


def format_japanese_range(start, end, precision):
    """1991年4月16日～19日, 1945年8月28日～9月5日, 2017年9月～11月, 1960年～1980年."""
    first = format_date(start, precision)
    if start.year != end.year or precision == DatePrecision.YEAR:
        if precision == DatePrecision.YEAR and start.year == end.year:
            return first
        return f"{first}～{format_date(end, precision)}"
    if precision == DatePrecision.MONTH:
        if start.month == end.month:
            return first
        return f"{first}～{end.month}月"
    if start.month == end.month:
        return f"{first}～{end.day}日"
    return f"{first}～{end.month}月{end.day}日"


def format_russian_range(start, end, precision):
    """16–19 апреля 1991 г., 28 августа – 5 сентября 1945 г., 1960–1980 гг."""
    if precision == DatePrecision.YEAR:
        if start.year == end.year:
            return format_date(start, precision)
        return f"{start.year}{EN_DASH}{end.year} гг."
    if start.year != end.year:
        return f"{format_date(start, precision)} – {format_date(end, precision)}"
    if precision == DatePrecision.MONTH:
        if start.month == end.month:
            return format_date(start, precision)
        return f"{RU_MONTHS[start.month - 1]} – {format_date(end, precision)}"
    if start.month == end.month:
        return f"{start.day}{EN_DASH}{format_date(end, precision)}"
    return f"{day_and_month(start, 'ru')} – {format_date(end, precision)}"


def old_style_note(old_style, precision=DatePrecision.DAY):
    """The Old Style (Julian) date in brackets, after the Gregorian one."""
    old = format_date(old_style, precision)
    language = date_language()
    if language == "ja":
        return f"（ユリウス暦{old}）"
    if language == "ru":
        return f"({old} по старому стилю)"
    return f"({old} Old Style)"


def russian_dual_date(date, old_style, precision=DatePrecision.DAY):
    """The Russian convention, the old date first and a shared year once:
    "26 января (7 февраля) 1855 г."; None where the years differ."""
    if old_style.year != date.year or precision == DatePrecision.YEAR:
        return None
    return with_year(
        f"{without_year(old_style, precision, 'ru')} "
        f"({without_year(date, precision, 'ru')})",
        date.year,
        "ru",
    )


def format_dual_date(date, old_style, precision=DatePrecision.DAY):
    """A date of the Russian Empire with its Old Style (Julian) date:
    "7 February 1855 (26 January 1855 Old Style)",
    "1855年2月7日（ユリウス暦1855年1月26日）", "26 января (7 февраля) 1855 г."."""
    if old_style is None:
        return format_date(date, precision)
    if date_language() == "ru":
        combined = russian_dual_date(date, old_style, precision)
        if combined:
            return combined
        return f"{format_date(old_style, precision)} ({format_date(date, precision)})"
    separator = "" if date_language() == "ja" else " "
    note = old_style_note(old_style, precision)
    return f"{format_date(date, precision)}{separator}{note}"


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
