import functools

from django.core.paginator import Page, Paginator
from django.db.models import prefetch_related_objects
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject, cached_property
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from editorial.fragments import KeptObjectMixin, fragment_key, is_kept
from editorial.pagecache import (
    cache_for_readers,
    canonical_query,
    is_storable_query,
    request_content_version,
)
from editorial.preview import DraftPreviewMixin
from editorial.translation import content_languages

from .filters import EventFilter
from .models import Era, Event, Island, event_page_prefetches

PAGE_SIZE = 40
# An era's or island's page lists at most this many of its events.
DETAIL_PAGE_EVENTS = 60


def era_pages(rows, size=PAGE_SIZE):
    """Cut rows (in reading order) into pages that end where an era ends.

    Whole eras share a page while they fit in `size`; only an era longer than a
    page is cut, into pages of `size`.
    """
    groups = []
    for row in rows:
        if groups and groups[-1][0].era_id == row.era_id:
            groups[-1].append(row)
        else:
            groups.append([row])
    pages, current = [], []
    for group in groups:
        if len(current) + len(group) <= size:
            current.extend(group)
        elif len(group) <= size:
            pages.append(current)
            current = list(group)
        else:
            # An era longer than a page is cut anyway: fill this page first.
            room = size - len(current)
            pages.append(current + group[:room])
            rest = group[room:]
            while len(rest) > size:
                pages.append(rest[:size])
                rest = rest[size:]
            current = rest
    if current:
        pages.append(current)
    return pages


class EraPaginator(Paginator):
    """Pages from era_pages(): a page's events are one query by their ids."""

    def __init__(self, object_list, per_page, rows=(), **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.pages = era_pages(rows, per_page)

    @cached_property
    def count(self):
        return sum(len(page) for page in self.pages)

    @cached_property
    def num_pages(self):
        return max(len(self.pages), 1)

    def page(self, number):
        number = self.validate_number(number)
        if not self.pages:
            return Page([], number, self)
        rows = self.pages[number - 1]
        page = Page(
            list(self.object_list.filter(pk__in=[row.pk for row in rows])),
            number,
            self,
        )
        previous = self.pages[number - 2] if number > 1 else None
        page.continues_era = bool(previous) and previous[-1].era_id == rows[0].era_id
        return page

    def decade_starts(self):
        """{decade: (the page number where it first appears, its first event's id)},
        in reading order."""
        starts = {}
        for number, rows in enumerate(self.pages, start=1):
            for row in rows:
                starts.setdefault(str(row.date.year // 10 * 10), (number, row.pk))
        return starts

    def era_starts(self):
        """{era id: the page number where that era first appears}."""
        starts = {}
        for number, rows in enumerate(self.pages, start=1):
            for row in rows:
                starts.setdefault(row.era_id, number)
        return starts


# Every filter but the free-text one has few values (slugs, choices, years).
LISTING_PARAMETERS = frozenset({*EventFilter.base_filters, "page"} - {"q"})


@method_decorator(cache_for_readers(parameters=LISTING_PARAMETERS), name="dispatch")
class EventListView(FilterView):
    filterset_class = EventFilter
    paginate_by = PAGE_SIZE
    paginator_class = EraPaginator
    template_name = "timeline/event_list.html"

    def get_queryset(self):
        return Event.objects.published().for_list().chronological()

    def get(self, request, *args, **kwargs):
        # The filters, list, strip and pages, once rendered for this content version
        # and these filters, are a kept fragment (editorial.fragments): it was kept
        # only from a 200 (valid filters, an existing page), so it needs nothing more.
        key = fragment_key(request, "timeline", self.listing_query())
        if is_kept(request, key):
            self.object_list = ()
            return self.render_to_response(
                {
                    "listing_query": self.listing_query(),
                    "is_filtered": EventFilter.chooses_filters(request.GET),
                    "view": self,
                }
            )
        return super().get(request, *args, **kwargs)

    def listing_query(self):
        """The filters and page as a key, or None when they are not kept (free text,
        a parameter written two ways, anything the page cache would not store)."""
        if not is_storable_query(self.request, LISTING_PARAMETERS):
            return None
        return canonical_query(self.request)

    def reading_order(self, rows):
        rows = sorted(rows, key=lambda row: (row.date, row.title, row.pk))
        form = self.filterset.form
        if form.is_valid() and form.cleaned_data.get("order") == "newest":
            rows.reverse()
        return rows

    def filter_query(self):
        """The filters as a query string, without the page and the year range."""
        query = self.request.GET.copy()
        for name in ("page", "year_from", "year_to"):
            query.pop(name, None)
        return query.urlencode()

    def get_context_data(self, **kwargs):
        # The visual timeline shows every page of the filtered events, not just this
        # page. Its two queries save two others: its rows give the paginator its
        # count, and its eras fill the era menu (the widget's choices; the field still
        # validates against its queryset), so the page costs no more than without it.
        self.strip_events = self.reading_order(self.object_list.for_strip())
        eras = list(Era.objects.public())
        era_field = self.filterset.form.fields["era"]
        era_field.widget.choices = [
            ("", era_field.empty_label),
            *((era.slug, str(era)) for era in eras),
        ]
        context = super().get_context_data(**kwargs)
        valid = not self.filterset.is_bound or self.filterset.is_valid()
        # Rejected filters are rendered afresh, never kept.
        context["listing_query"] = self.listing_query() if valid else None
        context["is_filtered"] = self.filterset.is_filtered
        context["filter_form_key"] = self.filter_form_key()
        context["strip_events"] = self.strip_events
        context["eras"] = eras
        context["filter_query"] = self.filter_query()
        starts = context["paginator"].era_starts()
        context["era_index"] = [
            (era, starts[era.pk]) for era in eras if era.pk in starts
        ]
        decades = context["paginator"].decade_starts()
        context["decade_index"] = [
            (decade, page) for decade, (page, _pk) in decades.items()
        ]
        first_events = {pk: decade for decade, (_page, pk) in decades.items()}
        for event in context["page_obj"].object_list:
            event.decade_start = first_events.get(event.pk)
        return context

    def filter_form_key(self):
        """The rendered filter fields (their select menus are most of the page's
        rendering time) are kept per content version and choice of filters; free
        text and rejected values are rendered afresh, never kept."""
        form = self.filterset.form
        chosen = []
        if self.filterset.is_bound:
            if form.errors or form.cleaned_data.get("q"):
                return None
            chosen = sorted(
                (name, str(getattr(value, "pk", value)))
                for name, value in form.cleaned_data.items()
                if value not in (None, "")
            )
        return f"{request_content_version(self.request)}:{chosen}"

    def get_paginator(self, queryset, per_page, **kwargs):
        return super().get_paginator(
            queryset, per_page, rows=self.strip_events, **kwargs
        )

    def render_to_response(self, context, **response_kwargs):
        filterset = getattr(self, "filterset", None)  # none when the listing was kept
        if filterset is not None and filterset.is_bound and not filterset.is_valid():
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)


@method_decorator(cache_for_readers, name="dispatch")
class EventDetailView(KeptObjectMixin, DraftPreviewMixin, DetailView):
    def get_queryset(self):
        return self.get_preview_queryset().published()

    def get_preview_queryset(self):
        """Every event, drafts too: get_queryset() narrows it to the published."""
        return Event.objects.select_related("era")

    def get_context_data(self, **kwargs):
        # The page's content, once rendered for this content version, is a kept
        # fragment (editorial.fragments): only then are its relations not needed.
        if not is_kept(
            self.request, fragment_key(self.request, "event", self.object.pk)
        ):
            prefetch_related_objects([self.object], *event_page_prefetches())
        context = super().get_context_data(**kwargs)
        context["previous_event"] = SimpleLazyObject(self.object.get_previous_published)
        context["next_event"] = SimpleLazyObject(self.object.get_next_published)
        context["page_languages"] = content_languages(self.object)
        return context


def neighbours(objects, current):
    """The objects before and after `current` in `objects` (None at either end)."""
    index = next(i for i, obj in enumerate(objects) if obj.pk == current.pk)
    previous = objects[index - 1] if index > 0 else None
    following = objects[index + 1] if index + 1 < len(objects) else None
    return previous, following


@method_decorator(cache_for_readers, name="dispatch")
class EraDetailView(KeptObjectMixin, DetailView):
    def get_queryset(self):
        return Era.objects.public()

    def get_context_data(self, **kwargs):
        # Lazy: the page's content is a kept fragment (editorial.fragments).
        context = super().get_context_data(**kwargs)
        events = self.object.events.published()
        neighbouring = SimpleLazyObject(
            lambda: neighbours(list(Era.objects.all()), self.object)
        )
        context.update(listed_events(events.chronological()))
        context["key_events"] = SimpleLazyObject(
            lambda: list(events.filter(is_key=True).chronological())
        )
        context["previous_era"] = SimpleLazyObject(lambda: neighbouring[0])
        context["next_era"] = SimpleLazyObject(lambda: neighbouring[1])
        return context


def listed_events(events, limit=DETAIL_PAGE_EVENTS):
    """The first `limit` events and how many there are: an era's or island's page
    stays bounded however long its chronology grows (the filtered timeline, paged,
    lists them all). Lazy; the numbers as functions, which templates call (a lazy
    object is no number to plural forms)."""
    # Counted whatever the length, so that the page's queries do not grow with it.
    count = functools.cache(events.count)
    return {
        "events": SimpleLazyObject(lambda: list(events[:limit])),
        "event_count": count,
        "events_shown": limit,
        "events_truncated": lambda: count() > limit,
    }


@method_decorator(cache_for_readers, name="dispatch")
class IslandListView(ListView):
    def get_queryset(self):
        return Island.objects.public().with_event_count()


@method_decorator(cache_for_readers, name="dispatch")
class IslandDetailView(KeptObjectMixin, DetailView):
    def get_queryset(self):
        return Island.objects.public()

    def get_context_data(self, **kwargs):
        # Lazy: the page's content is a kept fragment (editorial.fragments).
        context = super().get_context_data(**kwargs)
        context.update(
            listed_events(self.object.events.published().for_list().chronological())
        )
        islands = SimpleLazyObject(lambda: list(Island.objects.public()))
        neighbouring = SimpleLazyObject(lambda: neighbours(islands, self.object))
        context["islands"] = islands
        context["previous_island"] = SimpleLazyObject(lambda: neighbouring[0])
        context["next_island"] = SimpleLazyObject(lambda: neighbouring[1])
        return context
