from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render

from positions.models import Position, Statement
from timeline import views as timeline_views
from timeline.models import Era, Event, Island


def home(request):
    events = Event.objects.published()
    strip_events = list(events.for_strip())
    countries, rows = Position.objects.published().matrix()
    return render(
        request,
        "home.html",
        {
            "eras": list(Era.objects.all()),
            "islands": list(Island.objects.all()),
            "key_events": events.filter(is_key=True).for_list().chronological(),
            "strip_events": strip_events,
            # The strip already holds every published event: no separate COUNT query.
            "event_count": len(strip_events),
            "countries": countries,
            "rows": rows,
        },
    )


class EventDetailView(timeline_views.EventDetailView):
    """The event page with the statements made at the event, which timeline cannot
    know about: positions builds on timeline, never the other way round."""

    def get_preview_queryset(self):
        return (
            super()
            .get_preview_queryset()
            .prefetch_related(
                Prefetch(
                    "statements",
                    Statement.objects.published().for_display(),
                    to_attr="published_statements",
                )
            )
        )


def health(request):
    """Answer load balancers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")
