from django import template

from ..models import Document

register = template.Library()


@register.inclusion_tag("includes/event_documents.html")
def documents_of_event(event):
    """The documents signed at an event, with their articles: a timeline page that
    documents adds to."""
    return {
        "documents": Document.objects.published()
        .filter(event=event)
        .with_public_articles()
        .chronological()
    }
