from django import template

from ..maps import build_island_map
from ..strip import build_strip, default_link

register = template.Library()


@register.filter
def script_lang(text):
    """The language tag of a native name by its script: Cyrillic is ru, else ja."""
    if any("\u0400" <= char <= "\u04ff" for char in text):
        return "ru"
    return "ja"


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
