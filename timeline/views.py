from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from editorial.pagecache import cache_for_readers, content_version
from editorial.preview import DraftPreviewMixin

from .filters import EventFilter
from .models import Era, Event, Island


# Every filter but the free-text one has few values (slugs, choices, years).
@method_decorator(
    cache_for_readers(parameters={*EventFilter.base_filters, "page"} - {"q"}),
    name="dispatch",
)
class EventListView(FilterView):
    filterset_class = EventFilter
    paginate_by = 25
    template_name = "timeline/event_list.html"

    def get_queryset(self):
        return Event.objects.published().for_list().chronological()

    def get_context_data(self, **kwargs):
        # The visual timeline shows every page of the filtered events, not just this
        # page. Its two queries save two others: its rows give the paginator its
        # count, and its eras fill the era menu (the widget's choices; the field still
        # validates against its queryset), so the page costs no more than without it.
        self.strip_events = list(self.object_list.for_strip())
        eras = list(Era.objects.public())
        era_field = self.filterset.form.fields["era"]
        era_field.widget.choices = [
            ("", era_field.empty_label),
            *((era.slug, str(era)) for era in eras),
        ]
        context = super().get_context_data(**kwargs)
        context["filter_form_key"] = self.filter_form_key()
        context["strip_events"] = self.strip_events
        context["eras"] = eras
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
        version = getattr(self.request, "content_version", None) or content_version()[0]
        return f"{version}:{chosen}"

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        paginator.count = len(self.strip_events)
        return paginator

    def render_to_response(self, context, **response_kwargs):
        if self.filterset.is_bound and not self.filterset.is_valid():
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)


@method_decorator(cache_for_readers, name="dispatch")
class EventDetailView(DraftPreviewMixin, DetailView):
    def get_queryset(self):
        return self.get_preview_queryset().published()

    def get_preview_queryset(self):
        """Every event, drafts too: get_queryset() narrows it to the published."""
        return Event.objects.for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["previous_event"] = self.object.get_previous_published()
        context["next_event"] = self.object.get_next_published()
        return context


@method_decorator(cache_for_readers, name="dispatch")
class EraDetailView(DetailView):
    def get_queryset(self):
        return Era.objects.public()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = self.object.events.published().chronological()
        return context


@method_decorator(cache_for_readers, name="dispatch")
class IslandListView(ListView):
    def get_queryset(self):
        return Island.objects.public().with_event_count()


@method_decorator(cache_for_readers, name="dispatch")
class IslandDetailView(DetailView):
    def get_queryset(self):
        return Island.objects.public()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = self.object.events.published().for_list().chronological()
        context["islands"] = Island.objects.public()
        return context
