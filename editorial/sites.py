"""The editors' admin: branded, in each editor's time zone, and an index that shows
what needs attention (drafts, scheduled items) and everyone's recent changes."""

import heapq

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone

from .history import describe_user, history_of, is_tracked
from .logins import EditorLoginForm
from .models import EditorSettings, Publishable
from .timezones import TimeZoneForm, editor_time_zone

DASHBOARD_ROWS = 10


class EditorialAdminSite(admin.AdminSite):
    site_header = "Northern Territories / Southern Kurils — editors"
    site_title = "Northern Territories / Southern Kurils — editors"
    index_title = "The editors’ workspace"
    index_template = "admin/content/index.html"
    # The app list stays on the index; beside every list and form it costs a
    # quarter of a 1280 px screen.
    enable_nav_sidebar = False
    login_form = EditorLoginForm

    def get_urls(self):
        return [
            path(
                "time-zone/",
                self.admin_view(self.time_zone_view),
                name="time_zone",
            ),
            *super().get_urls(),
        ]

    def each_context(self, request):
        context = super().each_context(request)
        context["editor_time_zone"] = timezone.get_current_timezone_name()
        return context

    def time_zone_view(self, request):
        form = TimeZoneForm(
            request.POST or None,
            initial={"time_zone": editor_time_zone(request.user)},
        )
        if request.method == "POST" and form.is_valid():
            zone = form.cleaned_data["time_zone"]
            EditorSettings.objects.update_or_create(
                user=request.user, defaults={"time_zone": zone}
            )
            messages.success(
                request,
                f"Times are now shown and entered in {zone}.",
            )
            return redirect(f"{self.name}:index")
        context = {
            **self.each_context(request),
            "title": "Your time zone",
            "form": form,
        }
        return TemplateResponse(request, "admin/content/time_zone.html", context)

    def index(self, request, extra_context=None):
        context = {**self.dashboard(request), **(extra_context or {})}
        return super().index(request, context)

    def dashboard(self, request):
        """Drafts, scheduled items and recent changes the editor may open."""
        attention = []
        recent = []
        for model, model_admin in self._registry.items():
            if not model_admin.has_view_or_change_permission(request):
                continue
            if issubclass(model, Publishable):
                manager = model._default_manager
                for label, queryset in model_admin.dashboard_lists(manager):
                    items = list(queryset.order_by("-updated_at")[:DASHBOARD_ROWS])
                    if items:
                        attention.append(
                            {
                                "label": label,
                                "model": model._meta.verbose_name_plural,
                                "items": [
                                    (item, change_url(self, item)) for item in items
                                ],
                                "more": queryset.count() > len(items),
                                "list_url": model_admin.dashboard_list_url(label),
                            }
                        )
            if is_tracked(model):
                records = (
                    history_of(model)
                    .select_related("history_user")
                    .order_by("-history_date")[:DASHBOARD_ROWS]
                )
                recent.append(list(records))
        changes = heapq.merge(*recent, key=lambda r: r.history_date, reverse=True)
        return {
            "attention": attention,
            "recent_changes": [
                {
                    "record": record,
                    "who": describe_user(record.history_user),
                    "model": record.instance_type._meta.verbose_name,
                    "url": record.history_type != "-"
                    and change_url(self, record.instance),
                }
                for record in list(changes)[: DASHBOARD_ROWS * 2]
            ],
        }


def change_url(site, obj):
    opts = obj._meta
    try:
        return reverse(
            f"{site.name}:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
        )
    except NoReverseMatch:
        return ""
