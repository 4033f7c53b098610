"""The public bibliography: the sources that published events, documents and
statements cite.

It lives here rather than in timeline because documents and statements belong to
higher apps, and timeline never depends on them.
"""

from django.db.models import Exists, OuterRef, Prefetch

from documents.models import Article, ArticleText, Document
from positions.models import Statement
from timeline.models import Citation, Event, Source


def cited_sources():
    """Sources cited by published content, so that a draft's sources stay unseen."""
    return Source.objects.filter(
        Exists(
            Citation.objects.filter(
                source=OuterRef("pk"), event__in=Event.objects.published()
            )
        )
        | Exists(Statement.objects.published().filter(source=OuterRef("pk")))
        | Exists(Document.objects.published().filter(source=OuterRef("pk")))
        | Exists(
            ArticleText.objects.filter(
                source=OuterRef("pk"), article__in=Article.objects.published()
            )
        )
    )


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
