from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse as api_reverse

from documents.models import Article, ArticleText, Document
from editorial.translation import (
    DEFAULT_LANGUAGE,
    OTHER_LANGUAGES,
    to_attribute,
    translated_field_names,
)
from positions.models import Position, Statement, Topic
from timeline.models import Citation, Country, Era, Event, Island, Person, Source

from .queries import public_event


@extend_schema_field(
    {
        "type": "object",
        "description": "The texts in each other language (ja, ru): the same field "
        "names as above; an empty string where not yet translated.",
        "additionalProperties": {
            "type": "object",
            "additionalProperties": {"type": "string"},
        },
    }
)
class TranslationsField(serializers.Field):
    def __init__(self, names, **kwargs):
        self.names = names
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return {
            language: {
                name: getattr(obj, to_attribute(name, language)) for name in self.names
            }
            for language in OTHER_LANGUAGES
        }


class ContentSerializer(serializers.ModelSerializer):
    """A translated field in English under its own name ("title"), and the other
    languages' texts of every such field in `translations`:
    {"ja": {"title": …}, "ru": {"title": …}}. One response serves every reader, so
    caches never split on a language."""

    def translated_names(self):
        translated = translated_field_names(self.Meta.model)
        return [name for name in self.Meta.fields if name in translated]

    def get_field_names(self, declared_fields, info):
        names = list(super().get_field_names(declared_fields, info))
        if self.translated_names() and "translations" not in names:
            names.append("translations")
        return names

    def build_field(self, field_name, info, model_class, nested_depth):
        if field_name == "translations":
            return TranslationsField, {"names": self.translated_names()}
        if field_name in translated_field_names(model_class):
            column = to_attribute(field_name, DEFAULT_LANGUAGE)
            field_class, kwargs = self.build_standard_field(column, info.fields[column])
            return field_class, {**kwargs, "source": column}
        return super().build_field(field_name, info, model_class, nested_depth)


def link(view_name, **kwargs):
    return serializers.HyperlinkedRelatedField(
        view_name=f"api:{view_name}", lookup_field="slug", read_only=True, **kwargs
    )


def identity(view_name):
    return serializers.HyperlinkedIdentityField(
        view_name=f"api:{view_name}", lookup_field="slug"
    )


class PageField(serializers.Field):
    """The object's page on the site, as an absolute URL."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


PageField = extend_schema_field(OpenApiTypes.URI)(PageField)


CITATION_FORMATS = (("csl_json", "json"), ("ris", "ris"), ("bibtex", "bib"))


class CitationFormatsField(serializers.Field):
    """Links to the object's citation as CSL-JSON, RIS and BibTeX."""

    def __init__(self, kind, **kwargs):
        self.kind = kind
        super().__init__(source="slug", read_only=True, **kwargs)

    def to_representation(self, slug):
        request = self.context["request"]
        return {
            name: request.build_absolute_uri(
                reverse("api:cite", args=[self.kind, slug, extension])
            )
            for name, extension in CITATION_FORMATS
        }


class ArticleCitationFormatsField(serializers.Field):
    """An article's citation links: its slug is unique only within its document."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, article):
        request = self.context["request"]
        document = article.document.slug
        return {
            name: request.build_absolute_uri(
                reverse("api:cite_article", args=[document, article.slug, extension])
            )
            for name, extension in CITATION_FORMATS
        }


CITATION_FORMATS_SCHEMA = {
    "type": "object",
    "properties": {
        name: {"type": "string", "format": "uri"} for name, _ in CITATION_FORMATS
    },
}
CitationFormatsField = extend_schema_field(CITATION_FORMATS_SCHEMA)(
    CitationFormatsField
)
ArticleCitationFormatsField = extend_schema_field(CITATION_FORMATS_SCHEMA)(
    ArticleCitationFormatsField
)


class FilteredListField(serializers.Field):
    """A link to a list endpoint filtered on this object: /api/v1/events/?era=..."""

    def __init__(self, view_name, parameter, **kwargs):
        self.view_name, self.parameter = view_name, parameter
        super().__init__(source="slug", read_only=True, **kwargs)

    def to_representation(self, slug):
        url = api_reverse(f"api:{self.view_name}", request=self.context["request"])
        return f"{url}?{self.parameter}={slug}"


FilteredListField = extend_schema_field(OpenApiTypes.URI)(FilteredListField)


class EraSerializer(ContentSerializer):
    url = identity("era-detail")
    page = PageField()
    events = FilteredListField("event-list", "era")

    class Meta:
        model = Era
        fields = [
            "url",
            "slug",
            "title",
            "start_year",
            "end_year",
            "summary",
            "order",
            "page",
            "events",
        ]


class CountrySerializer(ContentSerializer):
    url = identity("country-detail")
    events = FilteredListField("event-list", "country")
    statements = FilteredListField("statement-list", "country")

    class Meta:
        model = Country
        fields = ["url", "slug", "name", "native_name", "order", "events", "statements"]


class PersonSerializer(ContentSerializer):
    url = identity("person-detail")
    country = link("country-detail", allow_null=True)
    events = FilteredListField("event-list", "person")
    statements = FilteredListField("statement-list", "speaker")

    class Meta:
        model = Person
        fields = [
            "url",
            "slug",
            "name",
            "native_name",
            "role",
            "country",
            "events",
            "statements",
        ]


class IslandSerializer(ContentSerializer):
    url = identity("island-detail")
    page = PageField()
    events = FilteredListField("event-list", "island")

    class Meta:
        model = Island
        fields = [
            "url",
            "slug",
            "name_ja",
            "name_ja_native",
            "name_ru",
            "name_ru_native",
            "summary",
            "area_km2",
            "population",
            "population_year",
            "population_note",
            "administration_by_japan",
            "administration_by_russia",
            "latitude",
            "longitude",
            "is_named_in_1956",
            "order",
            "page",
            "events",
        ]


class SourceSerializer(ContentSerializer):
    url = identity("source-detail")
    page = PageField()
    link = serializers.URLField(source="url", read_only=True)
    cite = CitationFormatsField("sources")

    class Meta:
        model = Source
        fields = [
            "url",
            "slug",
            "title",
            "author",
            "publisher",
            "date",
            "date_precision",
            "kind",
            "link",
            "language",
            "note",
            "page",
            "cite",
        ]


class CitationSerializer(ContentSerializer):
    source = link("source-detail")

    class Meta:
        model = Citation
        fields = ["source", "locator", "quote"]


class EventSerializer(ContentSerializer):
    url = identity("event-detail")
    era = link("era-detail")
    countries = link("country-detail", many=True)
    people = link("person-detail", many=True)
    islands = link("island-detail", many=True)
    citations = CitationSerializer(many=True, read_only=True)
    display_date = serializers.CharField(read_only=True)
    page = PageField()
    cite = CitationFormatsField("events")

    class Meta:
        model = Event
        fields = [
            "url",
            "slug",
            "title",
            "date",
            "date_precision",
            "end_date",
            "date_old_style",
            "display_date",
            "era",
            "kind",
            "is_key",
            "summary",
            "body",
            "body_html",
            "countries",
            "people",
            "islands",
            "citations",
            "published_at",
            "updated_at",
            "page",
            "cite",
        ]


class PositionLinkField(serializers.HyperlinkedRelatedField):
    """Positions have no slug of their own: topic and country slugs name one."""

    def __init__(self, **kwargs):
        super().__init__(view_name="api:position-detail", read_only=True, **kwargs)

    def use_pk_only_optimization(self):
        return False

    def get_url(self, obj, view_name, request, format):
        return api_reverse(
            view_name, args=[position_id(obj)], request=request, format=format
        )


def position_id(position):
    return f"{position.topic.slug}.{position.country.slug}"


class PositionSerializer(ContentSerializer):
    url = PositionLinkField(source="*")
    id = serializers.SerializerMethodField()
    topic = link("topic-detail")
    country = link("country-detail")
    page = PageField()
    statements = serializers.SerializerMethodField()

    class Meta:
        model = Position
        fields = [
            "url",
            "id",
            "topic",
            "country",
            "summary",
            "body",
            "body_html",
            "published_at",
            "updated_at",
            "page",
            "statements",
        ]

    def get_id(self, position) -> str:
        return position_id(position)

    @extend_schema_field(OpenApiTypes.URI)
    def get_statements(self, position):
        url = api_reverse("api:statement-list", request=self.context["request"])
        return f"{url}?topic={position.topic.slug}&country={position.country.slug}"


class TopicSerializer(ContentSerializer):
    url = identity("topic-detail")
    positions = PositionLinkField(many=True, source="published_positions")
    page = PageField()
    statements = FilteredListField("statement-list", "topic")
    cite = CitationFormatsField("topics")

    class Meta:
        model = Topic
        fields = [
            "url",
            "slug",
            "title",
            "question",
            "introduction",
            "order",
            "positions",
            "page",
            "statements",
            "cite",
        ]


class StatementSerializer(ContentSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:statement-detail")
    position = PositionLinkField()
    country = link("country-detail", source="position.country")
    topic = link("topic-detail", source="position.topic")
    speaker = link("person-detail", allow_null=True)
    speaker_name = serializers.CharField(read_only=True)
    source = link("source-detail")
    event = serializers.SerializerMethodField()
    page = PageField()

    class Meta:
        model = Statement
        fields = [
            "url",
            "id",
            "position",
            "country",
            "topic",
            "date",
            "date_precision",
            "speaker",
            "speaker_name",
            "kind",
            "text",
            "is_quotation",
            "source",
            "locator",
            "event",
            "page",
        ]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_event(self, statement):
        event = public_event(statement)
        if event is None:
            return None
        return api_reverse(
            "api:event-detail", args=[event.slug], request=self.context["request"]
        )


# Documents and their articles. The API reads the documents' translatable fields
# (titles, summaries, labels, texts) only here and in titles(), so that renaming them
# to per-language columns touches this one module.


def titles(document):
    """The document's titles by language code, English first; empty ones left out."""
    candidates = [
        ("en", document.title_en),
        ("ja", document.title_ja),
        ("ru", document.title_ru),
    ]
    return {code: title for code, title in candidates if title}


def article_id(article):
    return f"{article.document.slug}.{article.slug}"


class ArticleLinkField(serializers.HyperlinkedRelatedField):
    """An article is named by its document's slug and its own: doc.article-9."""

    def __init__(self, **kwargs):
        super().__init__(view_name="api:article-detail", read_only=True, **kwargs)

    def use_pk_only_optimization(self):
        return False

    def get_url(self, obj, view_name, request, format):
        return api_reverse(
            view_name, args=[article_id(obj)], request=request, format=format
        )


class PublicEventField(serializers.Field):
    """A link to the object's event while that event is public, else null."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        event = instance.event
        return event if event is not None and event.is_public else None

    def to_representation(self, event):
        return api_reverse(
            "api:event-detail", args=[event.slug], request=self.context["request"]
        )


PublicEventField = extend_schema_field(
    {"type": "string", "format": "uri", "nullable": True}
)(PublicEventField)


class DocumentSerializer(ContentSerializer):
    url = identity("document-detail")
    parties = link("country-detail", many=True)
    signatories = link("person-detail", many=True)
    authentic_languages = serializers.ListField(
        source="authentic_language_codes",
        child=serializers.CharField(),
        read_only=True,
        help_text="Codes of the languages the document itself declares authentic; "
        "empty when that is not verified here.",
    )
    display_date = serializers.CharField(read_only=True)
    event = PublicEventField()
    source = link("source-detail", allow_null=True)
    articles = ArticleLinkField(many=True, source="public_articles")
    page = PageField()
    cite = CitationFormatsField("documents")

    class Meta:
        model = Document
        fields = [
            "url",
            "slug",
            "title",
            "title_ja",
            "title_ru",
            "kind",
            "date",
            "date_old_style",
            "display_date",
            "place",
            "in_force",
            "force_note",
            "parties",
            "signatories",
            "authentic_languages",
            "summary",
            "body",
            "body_html",
            "event",
            "source",
            "articles",
            "published_at",
            "updated_at",
            "page",
            "cite",
        ]


class ArticleTextSerializer(ContentSerializer):
    language_name = serializers.CharField(read_only=True)
    source = link("source-detail")

    class Meta:
        model = ArticleText
        fields = [
            "language",
            "language_name",
            "authenticity",
            "translator",
            "verification",
            "text",
            "source",
            "locator",
            "note",
        ]


class ArticleSerializer(ContentSerializer):
    url = ArticleLinkField(source="*")
    id = serializers.SerializerMethodField()
    document = link("document-detail")
    texts = serializers.SerializerMethodField()
    page = PageField()
    cite = ArticleCitationFormatsField()

    class Meta:
        model = Article
        fields = [
            "url",
            "id",
            "document",
            "label",
            "slug",
            "order",
            "summary",
            "texts",
            "published_at",
            "updated_at",
            "page",
            "cite",
        ]

    def get_id(self, article) -> str:
        return article_id(article)

    @extend_schema_field(ArticleTextSerializer(many=True))
    def get_texts(self, article):
        """The texts in the document's order: its authentic languages first."""
        texts = {text.language: text for text in article.texts.all()}
        order = article.document.language_order(texts)
        return ArticleTextSerializer(
            [texts[code] for code in order], many=True, context=self.context
        ).data
