from django import template

from ..models import Statement, StatusItem

register = template.Library()


@register.inclusion_tag("includes/event_statements.html")
def statements_at_event(event):
    """What was said at an event: a timeline page that positions adds to."""
    return {
        "statements": Statement.objects.published()
        .filter(event=event)
        .for_display()
        .order_by("date", "pk")
    }


@register.inclusion_tag("includes/current_status.html")
def current_status():
    """The dated, sourced facts of where the dispute stands: for the home page."""
    return {"status_items": StatusItem.objects.current()}


@register.simple_tag
def readings_of(document):
    """Every published statement reading one of the document's articles, by article:
    one query for the whole page, however many articles it has."""
    readings = {}
    statements = (
        Statement.objects.published()
        .filter(article__document=document)
        .for_display()
        .order_by("date", "pk")
    )
    for statement in statements:
        readings.setdefault(statement.article_id, []).append(statement)
    return readings


@register.inclusion_tag("includes/article_readings.html")
def article_readings(readings, article):
    """One clause, two readings: each side's statements on an article, in date order."""
    sides = {}
    for statement in readings.get(article.pk, []):
        country = statement.position.country
        sides.setdefault(country.pk, (country, []))[1].append(statement)
    return {
        "article": article,
        "sides": sorted(sides.values(), key=lambda side: (side[0].order, side[0].name)),
    }
