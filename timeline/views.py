from django.views.generic import DetailView
from django_filters.views import FilterView

from .filters import EventFilter
from .models import Era, Event
from .publishing import DraftPreviewMixin


class EventListView(FilterView):
    filterset_class = EventFilter
    paginate_by = 25
    template_name = "timeline/event_list.html"

    def get_queryset(self):
        return Event.objects.published().for_list().chronological()

    def render_to_response(self, context, **response_kwargs):
        if self.filterset.is_bound and not self.filterset.is_valid():
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)


class EventDetailView(DraftPreviewMixin, DetailView):
    def get_queryset(self):
        return Event.objects.published().for_detail()

    def get_preview_queryset(self):
        return Event.objects.for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["previous_event"] = self.object.get_previous_published()
        context["next_event"] = self.object.get_next_published()
        return context


class EraDetailView(DetailView):
    model = Era

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = self.object.events.published().chronological()
        return context
