from django import template

from ..models import Statement

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
