"""What the open data shows: published content, and the reference objects it uses.

Every endpoint, download and citation reads through these, which read through the
models' own published() querysets.
"""

from django.db.models import Exists, Max, OuterRef, Prefetch

from documents.models import Article, ArticleText, Document
from editorial.models import public_q
from positions.models import Position, Statement, Topic
from positions.sources import cited_sources
from timeline.models import Citation, Country, Era, Event, Island, Person


def events():
    return (
        Event.objects.published()
        .for_list()
        .chronological()
        .prefetch_related(
            "countries",
            "people",
            "islands",
            Prefetch("citations", Citation.objects.select_related("source")),
        )
    )


def eras():
    return Era.objects.all()


def countries():
    return Country.objects.filter(
        Exists(Event.objects.published().filter(countries=OuterRef("pk")))
        | Exists(Position.objects.published().filter(country=OuterRef("pk")))
        | Exists(Document.objects.published().filter(parties=OuterRef("pk")))
    )


def people():
    return Person.objects.filter(
        Exists(Event.objects.published().filter(people=OuterRef("pk")))
        | Exists(Statement.objects.published().filter(speaker=OuterRef("pk")))
        | Exists(Document.objects.published().filter(signatories=OuterRef("pk")))
    ).select_related("country")


def islands():
    return Island.objects.filter(
        Exists(Event.objects.published().filter(islands=OuterRef("pk")))
    )


def sources():
    return cited_sources()


def topics():
    return Topic.objects.with_published_positions().prefetch_related(
        Prefetch(
            "positions",
            Position.objects.published().select_related("country", "topic"),
            to_attr="published_positions",
        )
    )


def positions():
    return Position.objects.published().select_related("country", "topic")


def statements():
    return Statement.objects.published().for_display().order_by("date", "pk")


def documents():
    return (
        Document.objects.published()
        .chronological()
        .select_related("event", "source")
        .prefetch_related("parties", "signatories")
        .with_public_articles()
    )


def articles():
    """Published articles of published documents, document by document in order."""
    return (
        Article.objects.published()
        .select_related("document")
        .order_by("document__date", "document__title_en", "document__pk", "order", "pk")
        .prefetch_related(
            Prefetch(
                "texts",
                ArticleText.objects.select_related("source").order_by("language"),
            )
        )
    )


def article_texts():
    """Every text of every published article, in the order of articles()."""
    return (
        ArticleText.objects.filter(article__in=Article.objects.published())
        .order_by(
            "article__document__date",
            "article__document__title_en",
            "article__document__pk",
            "article__order",
            "article__pk",
            "language",
        )
        .select_related("article__document", "source")
    )


def documents_last_modified():
    """When a published document and when one of its published articles last
    changed, in one query."""
    latest = Document.objects.published().aggregate(
        document=Max("updated_at"),
        article=Max("articles__updated_at", filter=public_q("articles__")),
    )
    return [latest["document"], latest["article"]]


def public_event(statement):
    """The event a statement belongs to, unless that event is not public."""
    event = statement.event
    return event if event is not None and event.is_public else None
