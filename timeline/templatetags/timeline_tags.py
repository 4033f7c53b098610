import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from editorial.markdown import link_source_markers

from ..dates import (
    DatePrecision,
    date_language,
    format_date,
    machine_date,
    old_style_note,
    russian_dual_date,
)
from ..maps import build_island_map
from ..strip import build_strip, default_link

register = template.Library()


@register.filter
def script_lang(text):
    """The language tag of a native name by its script: Cyrillic is ru, else ja."""
    if any("\u0400" <= char <= "\u04ff" for char in text):
        return "ru"
    return "ja"


@register.filter
def body_with_source_markers(event):
    """The event's body with its [@slug] markers linked to its numbered sources (the
    first citation of a source cited twice)."""
    numbers = {}
    for number, citation in enumerate(event.citations.all(), start=1):
        numbers.setdefault(citation.source.slug, number)
    return link_source_markers(event.body_html, numbers, _("Source"))


@register.filter
def local_date(value):
    """A date (or a date and time's date) the reader's way: "19 October 1956",
    "1956年10月19日", "19 октября 1956 г."."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    if isinstance(value, datetime.datetime):
        value = (
            timezone.localtime(value).date()
            if timezone.is_aware(value)
            else value.date()
        )
    return format_date(value)


@register.simple_tag
def dual_date(item):
    """An event's or document's date in a <time>, with its Old Style (Julian) date
    where it has one: beside it in brackets, or in Russian the old date first
    ("26 января (7 февраля) 1855 г.")."""
    precision = getattr(item, "date_precision", DatePrecision.DAY)
    machine = machine_date(item.date, precision)
    old_style = item.date_old_style
    end = getattr(item, "end_date", None)
    if old_style is None:
        return format_html('<time datetime="{}">{}</time>', machine, item.display_date)
    if date_language() == "ru" and (end is None or end == item.date):
        combined = russian_dual_date(item.date, old_style, precision)
        if combined:
            return format_html(
                '<time datetime="{}" class="dual-date">{}</time>', machine, combined
            )
    separator = "" if date_language() == "ja" else " "
    return format_html(
        '<time datetime="{}">{}</time>{}<span class="old-style">{}</span>',
        machine,
        item.display_date,
        separator,
        old_style_note(old_style, precision),
    )


@register.inclusion_tag("includes/island_map.html")
def island_map(islands, current=None, view=None, map_id="island-map"):
    """Draw the islands map; `current` is highlighted (on its own page).

    `view`: "close" (the disputed islands; the default), "region" (Hokkaido to
    Kamchatka, with the historical borders) or "island" (zoomed to `current`).
    """
    return {
        "map": build_island_map(islands, current=current, view=view, map_id=map_id),
        "current": current,
    }


@register.inclusion_tag("includes/timeline_strip.html")
def timeline_strip(events, eras, caption="", show_legend=True, zoom=False, query=""):
    """Draw the visual timeline of `events` (rows from EventQuerySet.for_strip()).

    `zoom` fits the years to the events; `query` (the filters, urlencoded) is kept in
    the links of a dense strip's bars.
    """
    return {
        "strip": build_strip(events, eras, zoom=zoom, link=default_link(query)),
        "caption": caption,
        "show_legend": show_legend,
    }
