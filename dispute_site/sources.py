"""The public bibliography: the sources that published events, documents and
statements cite."""

from django.db.models import Prefetch

from documents.models import Article, ArticleText, Document
from positions.models import Statement, StatusItem
from positions.sources import cited_sources
from timeline.models import Citation, Event

__all__ = ["bibliography", "cited_sources", "source_pages"]


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


def source_pages():
    """The bibliography, each source also with the citations (locators and quotes)
    of the published events and the published current-status facts citing it."""
    return bibliography().prefetch_related(
        Prefetch(
            "citations",
            Citation.objects.filter(event__in=Event.objects.published())
            .select_related("event")
            .order_by("event__date", "event__title_en", "event__pk", "order", "pk"),
            to_attr="citing_citations",
        ),
        Prefetch(
            "status_items",
            StatusItem.objects.published().order_by("order", "label_en"),
            to_attr="citing_status_items",
        ),
    )
