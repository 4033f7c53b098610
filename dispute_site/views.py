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
