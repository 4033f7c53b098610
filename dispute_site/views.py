from django.shortcuts import render

from positions.models import Position
from timeline.models import Era, Event


def home(request):
    events = Event.objects.published()
    countries, rows = Position.objects.published().matrix()
    return render(
        request,
        "home.html",
        {
            "eras": Era.objects.all(),
            "key_events": events.filter(is_key=True).for_list().chronological(),
            "event_count": events.count(),
            "countries": countries,
            "rows": rows,
        },
    )
