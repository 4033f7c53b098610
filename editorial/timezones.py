"""Each editor works in their own time zone: shown and entered there, stored in UTC."""

import zoneinfo
from functools import cache

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .models import EditorSettings


@cache
def time_zone_choices():
    return [
        (name, name.replace("_", " "))
        for name in sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})
    ]


def editor_time_zone(user):
    """The time zone name an editor chose, or the site's."""
    if not getattr(user, "is_authenticated", False):
        return settings.TIME_ZONE
    chosen = (
        EditorSettings.objects.filter(user=user)
        .values_list("time_zone", flat=True)
        .first()
    )
    if chosen in zoneinfo.available_timezones():
        return chosen
    return settings.TIME_ZONE


class EditorTimeZoneMiddleware:
    """Activate a signed-in editor's time zone for the admin's pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(reverse("admin:index")) and getattr(
            request, "user", None
        ):
            with timezone.override(zoneinfo.ZoneInfo(editor_time_zone(request.user))):
                return self.get_response(request)
        return self.get_response(request)


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(
        label="Your time zone",
        choices=time_zone_choices,
        help_text="Times in the admin (publication times, the history) are shown "
        "and entered in this time zone.",
    )


def time_zone_label():
    """What a date-and-time field says about the time it takes."""
    name = timezone.get_current_timezone_name()
    return f"Time in {name} (your time zone, chosen under “Time zone” at the top)."
