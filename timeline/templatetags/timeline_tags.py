from django import template

from ..maps import build_island_map
from ..strip import build_strip

register = template.Library()


@register.filter
def script_lang(text):
    """The language tag of a native name by its script: Cyrillic is ru, else ja."""
    if any("\u0400" <= char <= "\u04ff" for char in text):
        return "ru"
    return "ja"


@register.inclusion_tag("includes/island_map.html")
def island_map(islands, current=None):
    """Draw the islands map; `current` is highlighted (on its own page)."""
    return {"map": build_island_map(islands, current=current), "current": current}


@register.inclusion_tag("includes/timeline_strip.html")
def timeline_strip(events, eras, caption="", show_legend=True):
    """Draw the visual timeline of `events` (rows from EventQuerySet.for_strip())."""
    return {
        "strip": build_strip(events, eras),
        "caption": caption,
        "show_legend": show_legend,
    }
