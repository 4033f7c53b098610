import csv
import json

from django.conf import settings
from django.db.models import Max
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import routers, viewsets
from rest_framework.pagination import PageNumberPagination

from documents.models import Article, Document
from editorial.pagecache import cache_for_readers
from timeline.filters import EventFilter
from timeline.models import Event

from . import citations, queries, serializers
from .caching import open_data
from .codebook import LICENCE, LICENCE_NOTE, TABLES
from .filters import ArticleFilter, DocumentFilter, SourceFilter, StatementFilter

PAGING = {"page", "page_size"}


class OpenDataMixin:
    """ETag and 304, the content-version cache and CORS for every API view; cached
    with its filters' parameters and paging, never with free text."""

    @classmethod
    def as_view(cls, *args, **kwargs):
        filterset = getattr(cls, "filterset_class", None)
        filters = set(filterset.base_filters) if filterset else set()
        parameters = (filters | PAGING) - {"q"}
        return open_data(super().as_view(*args, **kwargs), parameters=parameters)


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class ReadOnlyViewSet(OpenDataMixin, viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    pagination_class = Pagination
    filter_backends = [DjangoFilterBackend]


class EraViewSet(ReadOnlyViewSet):
    """The eras of the dispute, in order."""

    queryset = queries.eras()
    serializer_class = serializers.EraSerializer


class EventViewSet(ReadOnlyViewSet):
    """Published events, oldest first, with the filters of /timeline/."""

    serializer_class = serializers.EventSerializer
    filterset_class = EventFilter

    def get_queryset(self):
        return queries.events()


class CountryViewSet(ReadOnlyViewSet):
    """Countries that published events or positions involve."""

    serializer_class = serializers.CountrySerializer

    def get_queryset(self):
        return queries.countries()


class PersonViewSet(ReadOnlyViewSet):
    """People named in published events or statements."""

    serializer_class = serializers.PersonSerializer

    def get_queryset(self):
        return queries.people()


class IslandViewSet(ReadOnlyViewSet):
    """The islands that published events concern, with both names."""

    serializer_class = serializers.IslandSerializer

    def get_queryset(self):
        return queries.islands()


class SourceViewSet(ReadOnlyViewSet):
    """The bibliography: sources that published content cites."""

    serializer_class = serializers.SourceSerializer
    filterset_class = SourceFilter

    def get_queryset(self):
        return queries.sources()


class TopicViewSet(ReadOnlyViewSet):
    """Questions both sides answer, with links to their published positions."""

    serializer_class = serializers.TopicSerializer

    def get_queryset(self):
        return queries.topics()


class PositionViewSet(ReadOnlyViewSet):
    """One country's published position on one topic; its id is topic.country."""

    serializer_class = serializers.PositionSerializer
    lookup_field = "id"
    lookup_value_regex = r"[-\w]+\.[-\w]+"

    def get_queryset(self):
        return queries.positions()

    def get_object(self):
        topic, _, country = self.kwargs["id"].partition(".")
        return get_object_or_404(
            self.get_queryset(), topic__slug=topic, country__slug=country
        )


class StatementViewSet(ReadOnlyViewSet):
    """Dated, sourced statements evidencing published positions, oldest first."""

    serializer_class = serializers.StatementSerializer
    filterset_class = StatementFilter
    lookup_field = "pk"
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        return queries.statements()


class DocumentViewSet(ReadOnlyViewSet):
    """Published treaties, declarations and statutes, oldest first, with links to
    their published articles."""

    serializer_class = serializers.DocumentSerializer
    filterset_class = DocumentFilter

    def get_queryset(self):
        return queries.documents()


class ArticleViewSet(ReadOnlyViewSet):
    """Published articles of published documents, each with its texts by language;
    its id is document.article.

    A flat list rather than one nested under each document: like statements, articles
    are paged and filtered across documents (?language=ru, ?verification=excerpt), and
    all.json holds them as one list. The texts are nested in their article: each is
    the article in one language, with no publication or address of its own.
    """

    serializer_class = serializers.ArticleSerializer
    filterset_class = ArticleFilter
    lookup_field = "id"
    lookup_value_regex = r"[-\w]+\.[-\w]+"

    def get_queryset(self):
        return queries.articles()

    def get_object(self):
        document, _, article = self.kwargs["id"].partition(".")
        return get_object_or_404(
            self.get_queryset(), document__slug=document, slug=article
        )


class APIRootView(OpenDataMixin, routers.APIRootView):
    """The site's open data: every published item, read-only. Licence: CC BY 4.0 for
    the site's own text; quoted primary texts under their own terms."""


class Router(routers.DefaultRouter):
    APIRootView = APIRootView
    include_format_suffixes = False


router = Router()
router.register("eras", EraViewSet, basename="era")
router.register("events", EventViewSet, basename="event")
router.register("countries", CountryViewSet, basename="country")
router.register("people", PersonViewSet, basename="person")
router.register("islands", IslandViewSet, basename="island")
router.register("sources", SourceViewSet, basename="source")
router.register("topics", TopicViewSet, basename="topic")
router.register("positions", PositionViewSet, basename="position")
router.register("statements", StatementViewSet, basename="statement")
router.register("documents", DocumentViewSet, basename="document")
router.register("articles", ArticleViewSet, basename="article")


class SchemaView(OpenDataMixin, SpectacularAPIView):
    pass


class DocsView(OpenDataMixin, SpectacularSwaggerSplitView):
    url_name = "api:schema"


class Echo:
    def write(self, value):
        return value


@open_data
def table_csv(request, name):
    table = TABLES.get(name)
    if table is None:
        raise Http404("No such table.")
    writer = csv.writer(Echo())
    rows = (writer.writerow(row) for row in [table.header, *table.records()])
    response = HttpResponse(rows, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{table.filename}"'
    return response


def last_modified():
    return max(
        filter(
            None,
            [
                queries.events().aggregate(latest=Max("updated_at"))["latest"],
                queries.positions().aggregate(latest=Max("updated_at"))["latest"],
                *queries.documents_last_modified(),
            ],
        ),
        default=None,
    )


def data_version():
    latest = last_modified()
    return latest.strftime("%Y%m%dT%H%M%SZ") if latest else "empty"


def absolute(path):
    return settings.SITE_URL + path


@open_data
def datapackage(request):
    package = {
        "profile": "tabular-data-package",
        "name": "northern-territories-southern-kurils-dispute",
        "title": settings.SITE_NAME,
        "description": "Events, statements, sources and primary documents of the "
        "Japan–Russia dispute "
        "over the islands Japan calls the Northern Territories and Russia the "
        "Southern Kurils, as published on the site.",
        "homepage": absolute(reverse("data")),
        "version": data_version(),
        "created": timezone.now().replace(microsecond=0).isoformat(),
        "licenses": [LICENCE],
        "x-licence-note": LICENCE_NOTE,
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": table.name,
                "title": table.title,
                "description": table.description,
                "path": absolute(reverse("api:table_csv", args=[table.name])),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [column.schema() for column in table.columns],
                    "primaryKey": [table.columns[0].name],
                },
            }
            for table in TABLES.values()
        ],
    }
    return JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 2})


BULK = [
    ("eras", queries.eras, serializers.EraSerializer),
    ("events", queries.events, serializers.EventSerializer),
    ("countries", queries.countries, serializers.CountrySerializer),
    ("people", queries.people, serializers.PersonSerializer),
    ("islands", queries.islands, serializers.IslandSerializer),
    ("sources", queries.sources, serializers.SourceSerializer),
    ("topics", queries.topics, serializers.TopicSerializer),
    ("positions", queries.positions, serializers.PositionSerializer),
    ("statements", queries.statements, serializers.StatementSerializer),
    ("documents", queries.documents, serializers.DocumentSerializer),
    ("articles", queries.articles, serializers.ArticleSerializer),
]


@extend_schema(exclude=True)
@open_data
def bulk(request):
    context = {"request": request}
    data = {
        "title": settings.SITE_NAME,
        "version": data_version(),
        "generated": timezone.now().replace(microsecond=0).isoformat(),
        "licence": {**LICENCE, "note": LICENCE_NOTE},
        "codebook": absolute(reverse("data")),
        **{
            name: serializer(rows(), many=True, context=context).data
            for name, rows, serializer in BULK
        },
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, default=str),
        content_type="application/json",
    )
    filename = f"dispute-data-{data['version']}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


CITABLE = {
    "events": lambda slug: page_citation(Event.objects.published(), slug),
    "topics": lambda slug: topic_citation(slug),
    "sources": lambda slug: citations.source_item(
        get_object_or_404(queries.sources(), slug=slug)
    ),
    "documents": lambda slug: citations.document_item(
        get_object_or_404(Document.objects.published().for_list(), slug=slug)
    ),
}


def page_citation(queryset, slug):
    event = get_object_or_404(queryset, slug=slug)
    return citations.page_item(event, event.title, event.updated_at)


def topic_updated(topic):
    return max(
        (position.updated_at for position in topic.published_positions), default=None
    )


def topic_citation(slug):
    topic = get_object_or_404(queries.topics(), slug=slug)
    return citations.page_item(topic, topic.title, topic_updated(topic))


@open_data
def cite(request, kind, slug, extension):
    if kind not in CITABLE or extension not in citations.MEDIA_TYPES:
        raise Http404("No such citation.")
    return citation_response(CITABLE[kind](slug), extension)


@open_data
def cite_article(request, document, article, extension):
    if extension not in citations.MEDIA_TYPES:
        raise Http404("No such citation.")
    article = get_object_or_404(
        Article.objects.published().select_related("document"),
        document__slug=document,
        slug=article,
    )
    return citation_response(citations.article_item(article), extension)


def citation_response(item, extension):
    if extension == "json":
        body = json.dumps([item], ensure_ascii=False, indent=2)
    elif extension == "ris":
        body = citations.ris(item)
    else:
        body = citations.bibtex(item)
    response = HttpResponse(
        body, content_type=f"{citations.MEDIA_TYPES[extension]}; charset=utf-8"
    )
    filename = f"{item['id']}.{extension}"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@cache_for_readers
def data_page(request):
    return render(
        request,
        "api/data.html",
        {
            "tables": TABLES.values(),
            "licence": LICENCE,
            "licence_note": LICENCE_NOTE,
            # Called by the template, so a kept page (editorial.fragments) asks nothing.
            "last_modified": last_modified,
        },
    )
