from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from .filters import EventFilter
from .models import Era, Event, Island
from .publishing import DraftPreviewMixin


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
        eras = list(Era.objects.all())
        era_field = self.filterset.form.fields["era"]
        era_field.widget.choices = [
            ("", era_field.empty_label),
            *((era.slug, str(era)) for era in eras),
        ]
        context = super().get_context_data(**kwargs)
        context["strip_events"] = self.strip_events
        context["eras"] = eras
        return context

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        paginator.count = len(self.strip_events)
        return paginator

    def render_to_response(self, context, **response_kwargs):
        if self.filterset.is_bound and not self.filterset.is_valid():
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)


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


def neighbours(objects, current):
    """The objects before and after `current` in `objects` (None at either end)."""
    index = next(i for i, obj in enumerate(objects) if obj.pk == current.pk)
    previous = objects[index - 1] if index > 0 else None
    following = objects[index + 1] if index + 1 < len(objects) else None
    return previous, following


class EraDetailView(DetailView):
    model = Era

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        events = list(self.object.events.published().chronological())
        context["events"] = events
        context["key_events"] = [event for event in events if event.is_key]
        context["previous_era"], context["next_era"] = neighbours(
            list(Era.objects.all()), self.object
        )
        return context


class IslandListView(ListView):
    def get_queryset(self):
        return Island.objects.with_event_count()


class IslandDetailView(DetailView):
    model = Island

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = self.object.events.published().for_list().chronological()
        islands = list(Island.objects.all())
        context["islands"] = islands
        context["previous_island"], context["next_island"] = neighbours(
            islands, self.object
        )
        return context
