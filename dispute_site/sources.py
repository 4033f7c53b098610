"""The public bibliography: the sources that published events, documents and
statements cite."""

from django.db.models import Prefetch

from documents.models import Article, ArticleText, Document
from positions.models import Statement
from positions.sources import cited_sources
from timeline.models import Event

__all__ = ["bibliography", "cited_sources"]


def bibliography():
    """Cited sources with the published events, documents and statements citing them."""
    return cited_sources().prefetch_related(
        Prefetch(
            "events",
            Event.objects.published().chronological().distinct(),
            to_attr="citing_events",
        ),
        Prefetch(
            "statements",
            Statement.objects.published().for_display(),
            to_attr="citing_statements",
        ),
        Prefetch(
            "documents",
            Document.objects.published().chronological(),
            to_attr="citing_documents",
        ),
        Prefetch(
            "article_texts",
            ArticleText.objects.filter(article__in=Article.objects.published())
            .select_related("article__document")
            .order_by("article__document__date", "article__order", "language"),
            to_attr="citing_texts",
        ),
    )
