from django.http import HttpResponse
from django.shortcuts import render

from timeline.models import Era, Event, Island


def home(request):
    events = Event.objects.published()
    strip_events = list(events.for_strip())
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
        },
    )


def health(request):
    """Answer load balancers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")
