"""The downloadable tables and their columns, described once.

The CSV files, the codebook page and datapackage.json are all built from TABLES, so a
column cannot be written without being documented.
"""

from dataclasses import dataclass, field

from django.conf import settings

from documents.models import ArticleText, Document, Language
from editorial.translation import OTHER_LANGUAGES, to_attribute
from positions.models import Statement
from timeline.dates import DatePrecision
from timeline.models import Event, Source

from . import queries

LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
LICENCE_NOTE = (
    "The site's own text and data (summaries, bodies, positions as summarised, dates, "
    "names and the structure of the data) are licensed under CC BY 4.0: reuse them "
    "with credit to the site and a link. Quotations of treaties, statements and other "
    "primary texts are quoted under their own terms; the licence does not cover them."
)


@dataclass
class Column:
    name: str
    type: str
    description: str
    value: object
    enum: list = field(default_factory=list)
    required: bool = False

    def schema(self):
        schema = {"name": self.name, "type": self.type, "description": self.description}
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = self.enum
        if constraints:
            schema["constraints"] = constraints
        return schema


@dataclass
class Table:
    name: str
    title: str
    description: str
    rows: object
    columns: list

    @property
    def filename(self):
        return f"{self.name}.csv"

    @property
    def header(self):
        return [column.name for column in self.columns]

    def records(self):
        for obj in self.rows():
            yield [cell(column.value(obj)) for column in self.columns]


def cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def slugs(manager):
    return ";".join(obj.slug for obj in manager.all())


def page(obj):
    return settings.SITE_URL + obj.get_absolute_url()


def values(choices):
    return [value for value, _label in choices]


LANGUAGE_NAMES = {"ja": "Japanese", "ru": "Russian"}


def in_other_languages(name, what, read, note=""):
    """The columns beside an English one, `<name>_ja` and `<name>_ru`, each read by
    read(obj, language) from that language's own text: never the English fallback."""
    return [
        Column(
            f"{name}_{language}",
            "string",
            f"{what} in {LANGUAGE_NAMES[language]}; empty where not yet translated."
            + (f" {note}" if note else ""),
            lambda obj, language=language: read(obj, language),
        )
        for language in OTHER_LANGUAGES
    ]


def own_text(name, of=None):
    """read(obj, language) for a translated field of obj (or of `of(obj)`)."""

    def read(obj, language):
        return getattr(of(obj) if of else obj, to_attribute(name, language))

    return read


def speaker_name(statement, language):
    if statement.speaker_id:
        return own_text("name")(statement.speaker, language)
    return own_text("speaker_label")(statement, language)


PRECISION = (
    "How much of the date is known: day, month or year. With month precision the "
    "date is the first of the month, with year precision 1 January."
)

EVENTS = Table(
    name="events",
    title="Events",
    description="Every published event of the timeline, oldest first.",
    rows=queries.events,
    columns=[
        Column(
            "slug",
            "string",
            "The event's identifier, stable across versions "
            "and the end of its page's address.",
            lambda e: e.slug,
            required=True,
        ),
        Column(
            "title",
            "string",
            "The event's title in English.",
            lambda e: e.title,
            required=True,
        ),
        *in_other_languages("title", "The event's title", own_text("title")),
        Column(
            "date",
            "date",
            "The date (Gregorian, ISO 8601), as precise as date_precision says.",
            lambda e: e.date,
            required=True,
        ),
        Column(
            "date_precision",
            "string",
            PRECISION,
            lambda e: e.date_precision,
            enum=values(DatePrecision.choices),
            required=True,
        ),
        Column(
            "end_date",
            "date",
            "For an event of several days, its last day; empty otherwise.",
            lambda e: e.end_date,
        ),
        Column(
            "date_old_style",
            "date",
            "The Julian (Old Style) date that Russian "
            "documents gave before 1918; empty otherwise.",
            lambda e: e.date_old_style,
        ),
        Column(
            "era",
            "string",
            "The slug of the era the event belongs to (see /api/v1/eras/).",
            lambda e: e.era.slug,
            required=True,
        ),
        Column(
            "kind",
            "string",
            "What kind of event it was.",
            lambda e: e.kind,
            enum=values(Event.Kind.choices),
            required=True,
        ),
        Column(
            "is_key",
            "boolean",
            "true for the key events the home page highlights.",
            lambda e: e.is_key,
            required=True,
        ),
        Column(
            "summary",
            "string",
            "One or two sentences, plain text, in English.",
            lambda e: e.summary,
            required=True,
        ),
        *in_other_languages("summary", "The summary", own_text("summary")),
        Column(
            "countries",
            "string",
            "Slugs of the countries involved, separated by semicolons.",
            lambda e: slugs(e.countries),
        ),
        Column(
            "people",
            "string",
            "Slugs of the people involved, separated by semicolons.",
            lambda e: slugs(e.people),
        ),
        Column(
            "islands",
            "string",
            "Slugs of the islands concerned, separated by semicolons.",
            lambda e: slugs(e.islands),
        ),
        Column(
            "sources",
            "string",
            "Slugs of the sources cited, in citation order, "
            "separated by semicolons (see sources.csv).",
            lambda e: ";".join(c.source.slug for c in e.citations.all()),
        ),
        Column(
            "updated_at",
            "datetime",
            "When the event was last changed (UTC).",
            lambda e: e.updated_at,
            required=True,
        ),
        Column("page", "string", "The event's page on the site.", page, required=True),
    ],
)

STATEMENTS = Table(
    name="statements",
    title="Statements",
    description="Dated, sourced statements that evidence each country's published "
    "position on a topic, oldest first.",
    rows=queries.statements,
    columns=[
        Column(
            "id",
            "integer",
            "The statement's number in this site's database "
            "(and in /api/v1/statements/<id>/).",
            lambda s: s.pk,
            required=True,
        ),
        Column(
            "date",
            "date",
            "The date of the statement (ISO 8601), as precise as date_precision says.",
            lambda s: s.date,
            required=True,
        ),
        Column(
            "date_precision",
            "string",
            PRECISION,
            lambda s: s.date_precision,
            enum=values(DatePrecision.choices),
            required=True,
        ),
        Column(
            "country",
            "string",
            "Slug of the country whose position the statement evidences.",
            lambda s: s.position.country.slug,
            required=True,
        ),
        Column(
            "topic",
            "string",
            "Slug of the topic (see /api/v1/topics/).",
            lambda s: s.position.topic.slug,
            required=True,
        ),
        Column(
            "speaker",
            "string",
            "Slug of the person who spoke; empty when the speaker was not one person.",
            lambda s: s.speaker.slug if s.speaker else "",
        ),
        Column(
            "speaker_name",
            "string",
            "Who spoke, in English: the person's name or the body, "
            "e.g. 'Ministry of Foreign Affairs of Japan'.",
            lambda s: s.speaker_name,
            required=True,
        ),
        *in_other_languages("speaker_name", "Who spoke", speaker_name),
        Column(
            "kind",
            "string",
            "What kind of statement it is.",
            lambda s: s.kind,
            enum=values(Statement.Kind.choices),
            required=True,
        ),
        Column(
            "is_quotation",
            "boolean",
            "true when text holds the speaker's exact "
            "words (in translation where needed); false for a paraphrase.",
            lambda s: s.is_quotation,
            required=True,
        ),
        Column(
            "text",
            "string",
            "The words in English, or a faithful paraphrase. Quotations "
            "remain under their own terms.",
            lambda s: s.text,
            required=True,
        ),
        *in_other_languages(
            "text",
            "The words or the paraphrase",
            own_text("text"),
            note="A quotation's own language stays empty: its words in that "
            "language are the original, which this table does not hold.",
        ),
        Column(
            "source",
            "string",
            "Slug of the source (see sources.csv).",
            lambda s: s.source.slug,
            required=True,
        ),
        Column(
            "locator",
            "string",
            "Where in the source: page, article, paragraph.",
            lambda s: s.locator,
        ),
        Column(
            "event",
            "string",
            "Slug of the published event at which it was said; empty if none.",
            lambda s: e.slug if (e := queries.public_event(s)) else "",
        ),
        Column(
            "page", "string", "The statement on its topic's page.", page, required=True
        ),
    ],
)

SOURCES = Table(
    name="sources",
    title="Sources",
    description="The bibliography: every source that published content cites, by "
    "title.",
    rows=queries.sources,
    columns=[
        Column(
            "slug",
            "string",
            "The source's identifier.",
            lambda s: s.slug,
            required=True,
        ),
        Column(
            "title",
            "string",
            "The source's own title.",
            lambda s: s.title,
            required=True,
        ),
        Column(
            "author",
            "string",
            "The author or the issuing body.",
            lambda s: s.author,
            required=True,
        ),
        Column(
            "publisher",
            "string",
            "Newspaper, journal, website or archive.",
            lambda s: s.publisher,
        ),
        Column(
            "date",
            "date",
            "Publication date (ISO 8601), as precise as "
            "date_precision says; empty if unknown.",
            lambda s: s.date,
        ),
        Column(
            "date_precision",
            "string",
            PRECISION,
            lambda s: s.date_precision,
            enum=values(DatePrecision.choices),
            required=True,
        ),
        Column(
            "kind",
            "string",
            "What kind of source it is.",
            lambda s: s.kind,
            enum=values(Source.Kind.choices),
            required=True,
        ),
        Column(
            "url",
            "string",
            "Where the source can be read; empty for print only.",
            lambda s: s.url,
        ),
        Column(
            "language",
            "string",
            "The source's language (code: en, ja, ru).",
            lambda s: s.language,
            required=True,
        ),
        Column(
            "note",
            "string",
            "What the source is and why it is cited, in English.",
            lambda s: s.note,
        ),
        *in_other_languages("note", "The note", own_text("note")),
    ],
)

DOCUMENTS = Table(
    name="documents",
    title="Documents",
    description="Published treaties, declarations and statutes, oldest first.",
    rows=queries.documents,
    columns=[
        Column(
            "slug",
            "string",
            "The document's identifier and the end of its page's address.",
            lambda d: d.slug,
            required=True,
        ),
        Column(
            "title",
            "string",
            "Its usual English name.",
            lambda d: d.title,
            required=True,
        ),
        *in_other_languages("title", "Its usual name", own_text("title")),
        Column(
            "kind",
            "string",
            "What kind of document it is.",
            lambda d: d.kind,
            enum=values(Document.Kind.choices),
            required=True,
        ),
        Column(
            "date",
            "date",
            "The day it was signed (for a statute, adopted), Gregorian, ISO 8601.",
            lambda d: d.date,
            required=True,
        ),
        Column(
            "date_old_style",
            "date",
            "The Julian (Old Style) date that Russian documents gave before 1918; "
            "empty otherwise.",
            lambda d: d.date_old_style,
        ),
        Column(
            "place", "string", "Where it was signed, in English.", lambda d: d.place
        ),
        *in_other_languages("place", "The place", own_text("place")),
        Column(
            "in_force",
            "date",
            "The day it entered into force; empty if it never did or the day is not "
            "known.",
            lambda d: d.in_force,
        ),
        Column(
            "force_note",
            "string",
            "What to know about its legal force, attributed to whoever holds it, in "
            "English.",
            lambda d: d.force_note,
        ),
        *in_other_languages(
            "force_note", "The note on its force", own_text("force_note")
        ),
        Column(
            "parties",
            "string",
            "Slugs of the parties, separated by semicolons.",
            lambda d: slugs(d.parties),
        ),
        Column(
            "signatories",
            "string",
            "Slugs of the people who signed it, separated by semicolons.",
            lambda d: slugs(d.signatories),
        ),
        Column(
            "authentic_languages",
            "string",
            "Codes of the languages the document declares authentic, separated by "
            "semicolons; empty when that is not verified.",
            lambda d: ";".join(d.authentic_language_codes),
        ),
        Column(
            "summary",
            "string",
            "One or two sentences, plain text, in English.",
            lambda d: d.summary,
            required=True,
        ),
        *in_other_languages("summary", "The summary", own_text("summary")),
        Column(
            "source",
            "string",
            "Slug of the source where the whole text can be read (see sources.csv).",
            lambda d: d.source.slug if d.source else "",
        ),
        Column(
            "updated_at",
            "datetime",
            "When the document was last changed (UTC).",
            lambda d: d.updated_at,
            required=True,
        ),
        Column(
            "page", "string", "The document's page on the site.", page, required=True
        ),
    ],
)

ARTICLE_TEXTS = Table(
    name="article_texts",
    title="Article texts",
    description="The texts of the documents' published articles, one row per article "
    "and language, in the documents' order.",
    rows=queries.article_texts,
    columns=[
        Column(
            "document",
            "string",
            "Slug of the document (see documents.csv).",
            lambda t: t.article.document.slug,
            required=True,
        ),
        Column(
            "article",
            "string",
            "The article's slug, unique within its document: "
            "/api/v1/articles/<document>.<article>/.",
            lambda t: t.article.slug,
            required=True,
        ),
        Column(
            "label",
            "string",
            "The article as the document numbers it, in English: 'Article 9'.",
            lambda t: t.article.label,
            required=True,
        ),
        *in_other_languages(
            "label", "The article's label", own_text("label", of=lambda t: t.article)
        ),
        Column(
            "order",
            "integer",
            "The article's place in the document.",
            lambda t: t.article.order,
            required=True,
        ),
        Column(
            "language",
            "string",
            "The language of this text.",
            lambda t: t.language,
            enum=values(Language.choices),
            required=True,
        ),
        Column(
            "authenticity",
            "string",
            "The text's standing: authentic only where the document names the "
            "language authentic; otherwise an original or a translation.",
            lambda t: t.authenticity,
            enum=values(ArticleText.Authenticity.choices),
            required=True,
        ),
        Column(
            "translator",
            "string",
            "For a translation, whose it is.",
            lambda t: t.translator,
        ),
        Column(
            "verification",
            "string",
            "full: the whole clause, verbatim; excerpt: verbatim with omissions "
            "marked …; not-verified: no wording here, only where to read it.",
            lambda t: t.verification,
            enum=values(ArticleText.Verification.choices),
            required=True,
        ),
        Column(
            "text",
            "string",
            "The wording as printed in the source; empty when not verified. Treaty "
            "texts remain under their own terms.",
            lambda t: t.text,
        ),
        Column(
            "source",
            "string",
            "Slug of the source the wording was copied from, or where it can be "
            "read (see sources.csv).",
            lambda t: t.source.slug,
            required=True,
        ),
        Column(
            "locator",
            "string",
            "Where in the source: page, article.",
            lambda t: t.locator,
        ),
        Column(
            "page",
            "string",
            "The article on its document's page.",
            lambda t: page(t.article),
            required=True,
        ),
    ],
)

TABLES = {
    table.name: table
    for table in (EVENTS, STATEMENTS, SOURCES, DOCUMENTS, ARTICLE_TEXTS)
}
