import datetime

from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from editorial.fragments import KeptObjectMixin, fragment_key, is_kept
from editorial.pagecache import cache_for_readers, canonical_query, is_storable_query
from editorial.translation import content_languages
from positions.models import Position, Statement
from timeline.models import Era, Event, Island, Source
from timeline.words import Query

from .forms import SearchForm, SourceFilterForm
from .search import search
from .sources import bibliography, source_pages

KIND_HEADINGS = {
    Source.Kind.TREATY: _("Treaties and official documents"),
    Source.Kind.GOVERNMENT: _("Government publications"),
    Source.Kind.SCHOLARSHIP: _("Scholarship"),
    Source.Kind.PRESS: _("Press"),
    Source.Kind.REFERENCE: _("Reference works"),
    Source.Kind.OTHER: _("Other sources"),
}


LATEST_COUNT = 5
LATEST_STATEMENTS = 3


@cache_for_readers
def home(request):
    # Lazy, even the querysets' building: the page's content is a kept fragment
    # (editorial.fragments), which needs none of it.
    events = Event.objects.published
    strip_events = SimpleLazyObject(lambda: list(events().for_strip()))
    matrix = SimpleLazyObject(lambda: Position.objects.published().matrix())
    return render(
        request,
        "home.html",
        {
            "eras": SimpleLazyObject(lambda: list(Era.objects.public())),
            "islands": SimpleLazyObject(lambda: list(Island.objects.public())),
            "key_events": SimpleLazyObject(
                lambda: events().filter(is_key=True).for_list().chronological()
            ),
            "latest_events": SimpleLazyObject(
                lambda: (
                    events()
                    .for_list()
                    .order_by("-date", "-title_en", "-pk")[:LATEST_COUNT]
                )
            ),
            "latest_statements": SimpleLazyObject(
                lambda: (
                    Statement.objects.published()
                    .for_display()
                    .order_by("-date", "-pk")[:LATEST_STATEMENTS]
                )
            ),
            # Every published event: the count needs no query of its own.
            "strip_events": strip_events,
            "countries": SimpleLazyObject(lambda: matrix[0]),
            "rows": SimpleLazyObject(lambda: matrix[1]),
        },
    )


# Never cached (nor does it touch the database): load balancers call it.
def health(request):
    """Answer load balancers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


# Never cached: every query would be a key of its own.
def search_page(request):
    form = SearchForm(request.GET or None)
    context = {"form": form, "query": None, "groups": []}
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound:
        query = Query.parse(form.cleaned_data["q"])
        only = form.cleaned_data["type"]
        context.update(
            query=query,
            only=only,
            groups=search(query, only=only, page=request.GET.get("page")),
        )
        context["total"] = sum(group.count for group in context["groups"])
    return render(request, "search.html", context, status=status)


def language_name(code):
    """The language's name in the reader's language: Russian, ロシア語, русский."""
    try:
        return str(translation.get_language_info(code)["name_translated"])
    except KeyError:
        return code


def source_order(source):
    """Treaties and documents by date (undated last), every other kind by title."""
    if source.kind == Source.Kind.TREATY:
        return (source.date is None, source.date or datetime.date.min, source.title)
    return (False, datetime.date.min, source.title)


SOURCE_FILTERS = frozenset({"kind", "language"})


@method_decorator(cache_for_readers(parameters=SOURCE_FILTERS), name="dispatch")
class SourceListView(ListView):
    """The bibliography: in the site package, as it gathers events and statements."""

    template_name = "timeline/source_list.html"

    def get_queryset(self):
        return bibliography()

    def get(self, request, *args, **kwargs):
        # The filters and the list, once rendered for this content version and these
        # filters, are a kept fragment (editorial.fragments), kept only from a 200.
        if is_kept(request, fragment_key(request, "sources", self.sources_query())):
            self.object_list = ()
            context = {
                "sources_query": self.sources_query(),
                "is_filtered": self.chooses_filters(),
                "view": self,
            }
            return self.render_to_response(context)
        return super().get(request, *args, **kwargs)

    def chooses_filters(self):
        # Tracking parameters (?utm_source=…) choose nothing: the page is the plain one.
        return any(self.request.GET.get(name) for name in SOURCE_FILTERS)

    def sources_query(self):
        """The filters as a key, or None when they are not kept."""
        if not is_storable_query(self.request, SOURCE_FILTERS):
            return None
        return canonical_query(self.request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sources = list(context["object_list"])
        languages = sorted({source.language for source in sources if source.language})
        form = SourceFilterForm(
            self.request.GET or None,
            kinds=[(kind, KIND_HEADINGS.get(kind, kind)) for kind in Source.Kind],
            languages=[(code, language_name(code)) for code in languages],
        )
        if form.is_valid():
            kind, language = form.cleaned_data["kind"], form.cleaned_data["language"]
            sources = [
                source
                for source in sources
                if (not kind or source.kind == kind)
                and (not language or source.language == language)
            ]
        elif form.is_bound:
            sources = []
        by_kind = {kind: [] for kind in Source.Kind}
        for source in sorted(sources, key=source_order):
            if not source.language.lower().startswith("en"):
                source.language_name = language_name(source.language)
            by_kind.setdefault(source.kind, []).append(source)
        context["kinds"] = [
            (kind, KIND_HEADINGS.get(kind, kind), sources)
            for kind, sources in by_kind.items()
            if sources
        ]
        context["form"] = form
        context["is_filtered"] = self.chooses_filters()
        # Rejected filters are rendered afresh, never kept.
        context["sources_query"] = (
            self.sources_query() if form.is_valid() or not form.is_bound else None
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        form = context.get("form")  # none when the list was kept
        if form is not None and form.is_bound and not form.is_valid():
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)


@method_decorator(cache_for_readers, name="dispatch")
class SourceDetailView(KeptObjectMixin, DetailView):
    """One source of the bibliography and everything published that cites it; a
    source nothing public cites has no page."""

    template_name = "timeline/source_detail.html"
    context_object_name = "source"

    def get_queryset(self):
        return source_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        source = self.object
        if not source.language.lower().startswith("en"):
            source.language_name = language_name(source.language)
        context["kind_heading"] = KIND_HEADINGS.get(source.kind, source.kind)
        context["page_languages"] = content_languages(source)
        return context


@method_decorator(cache_for_readers, name="dispatch")
class AboutView(TemplateView):
    template_name = "about.html"


def robots_txt(request):
    sitemap_url = settings.SITE_URL + reverse("django.contrib.sitemaps.views.sitemap")
    searches = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            searches.append(f"Disallow: {reverse('search')}")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        *searches,
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def favicon(request):
    # Resolved per request: the hashed name exists only after collectstatic.
    return HttpResponsePermanentRedirect(static("favicon.svg"))
