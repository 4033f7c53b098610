"""One search over the published site: events, documents and their articles, positions,
statements, sources, islands.

Every database matches each word of the query as a substring of the searched fields.
That is the whole search on SQLite; on PostgreSQL it also finds what full-text search
cannot, because PostgreSQL's parser does not split Japanese into words ("択捉" is no
lexeme of "択捉島"). On PostgreSQL, full-text search in websearch syntax adds stemmed
matches ("treaties" finds "treaty"), ranks the results and picks the excerpts.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, reduce
from operator import add, or_

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, Count, F, Q, QuerySet, Value, When, Window
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from documents.models import Article, Document
from editorial.translation import (
    LANGUAGES,
    active_language,
    to_attribute,
    translated_field_names,
)
from positions.models import Position, Statement
from timeline.models import Event, Island

from .sources import cited_sources

GROUP_SIZE = 10
PAGE_SIZE = 20
EXCERPT_LENGTH = 240
# PostgreSQL's text search configuration for each language's columns: stemming for
# English and Russian; Japanese is matched by substring alone (module docstring).
CONFIGS = {"en": "english", "ja": "simple", "ru": "russian"}
WEIGHT_POINTS = {"A": 8, "B": 4, "C": 2, "D": 1}
# Private-use characters: PostgreSQL marks matches with them, and the marked text is
# escaped before they become <mark> tags, so stored content can never inject markup.
START, STOP = "\ue000", "\ue001"
MARKDOWN_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
MARKDOWN_MARKS = re.compile(r"[*_`#>\[\]]+")
ENDING = " .,;:!?\"'”’)"


@dataclass(frozen=True)
class ResultType:
    key: str
    label: str
    queryset: Callable[[], QuerySet]
    # Searched fields with their full-text weight: A for names and titles. A
    # translated field ("title", "topic__title") stands for its every language.
    declared_fields: dict[str, str]
    excerpt_fields: tuple[str, ...]
    ordering: tuple[str, ...]
    title: Callable = str
    url: Callable = lambda obj: obj.get_absolute_url()

    # Cached: building a queryset to learn its model costs more than the search's
    # own queries, and neither the model nor its columns ever change.
    @cached_property
    def model(self):
        return self.queryset().model

    @cached_property
    def columns(self):
        """{column: (weight, language)}: each translated field in every language."""
        columns = {}
        for name, weight in self.declared_fields.items():
            languages = translated_languages(self.model, name)
            if languages:
                for language in languages:
                    columns[to_attribute(name, language)] = (weight, language)
            else:
                columns[name] = (weight, "")
        return columns

    @cached_property
    def fields(self):
        return {column: weight for column, (weight, _) in self.columns.items()}

    def score(self, query):
        """A portable relevance: points for each weight whose fields hold every word,
        so a match in a title outranks one in a body."""
        by_weight = {}
        for name, weight in self.fields.items():
            by_weight.setdefault(weight, []).append(name)
        return reduce(
            add,
            (
                Case(
                    When(query.words_filter(names), then=Value(WEIGHT_POINTS[weight])),
                    default=Value(0),
                )
                for weight, names in by_weight.items()
            ),
        )


RESULT_TYPES = [
    ResultType(
        key="event",
        label=_("Events"),
        queryset=lambda: Event.objects.published().for_list(),
        declared_fields={"title": "A", "summary": "B", "body": "C"},
        excerpt_fields=("summary", "body"),
        ordering=("date", "title_en", "pk"),
        title=lambda event: event.title,
    ),
    ResultType(
        key="document",
        label=_("Documents"),
        queryset=lambda: Document.objects.published(),
        declared_fields={"title": "A", "summary": "B", "body": "C"},
        excerpt_fields=("summary", "body"),
        ordering=("date", "title_en", "pk"),
        title=lambda document: f"{document.title} ({document.display_date})",
    ),
    ResultType(
        key="article",
        label=_("Articles of documents"),
        queryset=lambda: Article.objects.published().select_related("document"),
        declared_fields={"label": "A", "document__title": "A", "summary": "B"},
        excerpt_fields=("summary",),
        ordering=("document__date", "order", "pk"),
        title=lambda article: f"{article.document.title}: {article.label}",
    ),
    ResultType(
        key="position",
        label=_("Positions"),
        queryset=lambda: Position.objects.published().select_related(
            "country", "topic"
        ),
        declared_fields={
            "topic__title": "A",
            "topic__question": "B",
            "summary": "B",
            "body": "C",
            "country__name": "D",
        },
        excerpt_fields=("summary", "body"),
        ordering=("topic__order", "country__order", "pk"),
        title=lambda position: position.topic.title,
        url=lambda position: (
            f"{position.get_absolute_url()}#position-{position.country.slug}"
        ),
    ),
    ResultType(
        key="statement",
        label=_("Statements"),
        queryset=lambda: Statement.objects.published().for_display(),
        declared_fields={
            "text": "A",
            "original_text": "A",
            "speaker__name": "B",
            "speaker__native_name": "B",
            "speaker_label": "B",
            "position__topic__title": "C",
        },
        excerpt_fields=("text",),
        ordering=("date", "pk"),
        title=lambda statement: statement.speaker_name,
    ),
    ResultType(
        key="source",
        label=_("Sources"),
        queryset=cited_sources,
        declared_fields={"title": "A", "author": "B", "publisher": "C", "note": "C"},
        excerpt_fields=("note",),
        ordering=("title", "pk"),
        title=lambda source: source.title,
    ),
    ResultType(
        key="island",
        label=_("Islands"),
        queryset=Island.objects.public,
        declared_fields={
            "name_ja": "A",
            "name_ja_native": "A",
            "name_ru": "A",
            "name_ru_native": "A",
            "summary": "B",
        },
        excerpt_fields=("summary",),
        ordering=("order", "name_ja"),
        title=lambda island: (
            f"{island.name_ja} ({island.name_ja_native}) / "
            f"{island.name_ru} ({island.name_ru_native})"
        ),
    ),
]


def translated_languages(model, path):
    """The languages of a translated field at the end of a lookup path, or []."""
    *relations, name = path.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    return LANGUAGES if name in translated_field_names(model) else []


RESULT_TYPE_CHOICES = [
    (result_type.key, result_type.label) for result_type in RESULT_TYPES
]


@dataclass
class Hit:
    object: object
    type: ResultType
    title: SafeString
    excerpt: SafeString

    @property
    def url(self):
        return self.type.url(self.object)


@dataclass
class Group:
    type: ResultType
    count: int
    hits: list[Hit] = field(default_factory=list)
    page_obj: Page | None = None

    @property
    def has_more(self):
        return self.count > len(self.hits)


def search(query, only=None, page=None):
    """Group what matches the query by type: a few of each, or one type page by page."""
    if not query:
        return []
    groups = []
    for result_type in RESULT_TYPES:
        if only and result_type.key != only:
            continue
        matches = matching(result_type, query)
        if only:
            page_obj = Paginator(matches, PAGE_SIZE).get_page(page)
            group = Group(result_type, page_obj.paginator.count, page_obj=page_obj)
            found = page_obj.object_list
        else:
            # The total rides along with the first rows: one query per type.
            found = list(matches.annotate(total=Window(Count("pk")))[:GROUP_SIZE])
            group = Group(result_type, found[0].total if found else 0)
        group.hits = [make_hit(obj, result_type, query) for obj in found]
        groups.append(group)
    return groups


def is_postgresql():
    return connection.vendor == "postgresql"


def matching(result_type, query):
    queryset = result_type.queryset().annotate(score=result_type.score(query))
    words_found = query.words_filter(result_type.fields)
    words_left_out = query.excluded_filter(result_type.fields)
    if not is_postgresql():
        return queryset.filter(words_found & words_left_out).order_by(
            "-score", *result_type.ordering
        )

    vector = reduce(
        add,
        (
            SearchVector(name, weight=weight, config=CONFIGS.get(language, "simple"))
            for name, (weight, language) in result_type.columns.items()
        ),
    )
    search_query = reduce(
        or_,
        (
            SearchQuery(query.text, search_type="websearch", config=config)
            for config in sorted(set(CONFIGS.values()))
        ),
    )
    language = active_language()
    headlines = {
        f"headline_{index}": SearchHeadline(
            column(result_type, name, language),
            search_query,
            config=CONFIGS[language],
            start_sel=START,
            stop_sel=STOP,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
        for index, name in enumerate(result_type.excerpt_fields)
    }
    return (
        # Not "document": an article has a field of that name.
        queryset.annotate(search_vector=vector)
        .filter((Q(search_vector=search_query) | words_found) & words_left_out)
        .annotate(rank=SearchRank(F("search_vector"), search_query), **headlines)
        .order_by("-rank", "-score", *result_type.ordering)
    )


def column(result_type, name, language):
    if translated_languages(result_type.model, name):
        return to_attribute(name, language)
    return name


def make_hit(obj, result_type, query):
    pattern = query.pattern
    return Hit(
        object=obj,
        type=result_type,
        title=highlight(result_type.title(obj), pattern),
        excerpt=make_excerpt(obj, result_type, pattern),
    )


def make_excerpt(obj, result_type, pattern):
    texts = []
    for index, name in enumerate(result_type.excerpt_fields):
        text = plain(getattr(obj, name), name)
        headline = getattr(obj, f"headline_{index}", "")
        if START in headline:
            return highlight_marked(with_ellipses(plain(headline, name), text))
        if pattern.search(text):
            return highlight(snippet(text, pattern), pattern)
        texts.append(text)
    first = next((text for text in texts if text), "")
    return highlight(snippet(first, pattern), pattern)


def plain(text, field_name):
    text = text or ""
    if field_name == "body":
        text = MARKDOWN_MARKS.sub("", MARKDOWN_LINK_TARGET.sub("", text))
    return " ".join(text.split())


def with_ellipses(headline, text):
    """Show where a PostgreSQL headline cuts its text short."""
    bare = headline.replace(START, "").replace(STOP, "").strip(ENDING)
    start = "" if text.startswith(bare[:20]) else "…"
    end = "" if text.strip(ENDING).endswith(bare[-20:]) else "…"
    return start + headline + end


def snippet(text, pattern, length=EXCERPT_LENGTH):
    """About `length` characters of text around its first match."""
    if len(text) <= length:
        return text
    match = pattern.search(text)
    start = max(0, match.start() - length // 4) if match else 0
    if start:
        space = text.find(" ", start, start + 20)
        start = space + 1 if space != -1 else start
    end = start + length
    if end < len(text):
        space = text.rfind(" ", end - 20, end)
        end = space if space != -1 else end
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def highlight(text, pattern):
    """Escape text and mark the words found in it."""
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts += [escape(text[last : match.start()]), mark(match.group())]
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))


def highlight_marked(text):
    """Escape a PostgreSQL headline and turn its sentinels into <mark> tags."""
    pieces = re.split(f"{START}(.*?){STOP}", text)
    parts = [
        mark(piece) if index % 2 else escape(piece.replace(START, "").replace(STOP, ""))
        for index, piece in enumerate(pieces)
    ]
    return mark_safe("".join(parts))


def mark(text):
    return f"<mark>{escape(text)}</mark>"
