"""The sources that published content cites.

In positions, the highest content app, as statements and current-status facts cite
sources as well as events and documents; the site's bibliography and search and the
open-data API all read it.
"""

from django.db.models import Exists, OuterRef

from documents.models import Article, ArticleText, Document
from timeline.models import Citation, Event, Source

from .models import Statement, StatusItem


def cited_sources():
    """Sources cited by published content, so that a draft's sources stay unseen."""
    return Source.objects.filter(
        Exists(
            Citation.objects.filter(
                source=OuterRef("pk"), event__in=Event.objects.published()
            )
        )
        | Exists(Statement.objects.published().filter(source=OuterRef("pk")))
        | Exists(StatusItem.objects.published().filter(source=OuterRef("pk")))
        | Exists(Document.objects.published().filter(source=OuterRef("pk")))
        | Exists(
            ArticleText.objects.filter(
                source=OuterRef("pk"), article__in=Article.objects.published()
            )
        )
    )
