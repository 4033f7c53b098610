from django.http import HttpResponse
from django.shortcuts import render

from timeline.models import Era, Event


def home(request):
    events = Event.objects.published()
    return render(
        request,
        "home.html",
        {
            "eras": Era.objects.all(),
            "key_events": events.filter(is_key=True).for_list().chronological(),
            "event_count": events.count(),
        },
    )


def health(request):
    """Answer load balancers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")
