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
