from django.contrib import admin
from django.db import models
from django.forms import Textarea
from django.utils import timezone
from django.utils.formats import date_format

from editorial.admin import (
    ContentAdmin,
    ContentStackedInline,
    PublicationFilter,
    publish,
    send_back,
    send_for_review,
    unpublish,
)
from editorial.translation import all_languages

from .models import Citation, Country, Era, Event, Island, Person, Source


@admin.register(Country)
class CountryAdmin(ContentAdmin):
    list_display = ["name_en", "native_name", "slug", "order", "translations"]
    list_editable = ["order"]
    search_fields = [*all_languages("name"), "native_name"]
    prepopulated_fields = {"slug": ["name_en"]}
    fields = ["name", "slug", "native_name", "order"]


@admin.register(Person)
class PersonAdmin(ContentAdmin):
    list_display = ["name_en", "native_name", "role_en", "country", "translations"]
    list_filter = ["country"]
    search_fields = [*all_languages("name"), "native_name", *all_languages("role")]
    prepopulated_fields = {"slug": ["name_en"]}
    fields = ["name", "slug", "native_name", "role", "country"]
    autocomplete_fields = ["country"]
    list_select_related = ["country"]


@admin.register(Island)
class IslandAdmin(ContentAdmin):
    list_display = [
        "__str__",
        "name_ja_native",
        "name_ru_native",
        "area_km2",
        "population",
        "is_named_in_1956",
        "translations",
    ]
    search_fields = ["name_ja", "name_ja_native", "name_ru", "name_ru_native"]
    prepopulated_fields = {"slug": ["name_ja", "name_ru"]}
    fieldsets = [
        (None, {"fields": ["slug", "order", "summary", "is_named_in_1956"]}),
        (
            "Names",
            {"fields": [("name_ja", "name_ja_native"), ("name_ru", "name_ru_native")]},
        ),
        (
            "Facts",
            {
                "fields": [
                    "area_km2",
                    ("population", "population_year"),
                    "population_note",
                    ("latitude", "longitude"),
                ]
            },
        ),
        (
            "Administration",
            {"fields": ["administration_by_japan", "administration_by_russia"]},
        ),
    ]


@admin.register(Source)
class SourceAdmin(ContentAdmin):
    list_display = [
        "title",
        "author",
        "publisher",
        "display_date",
        "kind",
        "language",
        "translations",
    ]
    list_filter = ["kind", "language"]
    search_fields = ["title", "author", "publisher", "url", *all_languages("note")]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "date"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description="date", ordering="date")
    def display_date(self, source):
        return source.display_date


@admin.register(Era)
class EraAdmin(ContentAdmin):
    list_display = ["title_en", "years", "order", "translations"]
    list_editable = ["order"]
    search_fields = all_languages("title", "summary")
    prepopulated_fields = {"slug": ["title_en"]}
    fields = ["title", "slug", ("start_year", "end_year"), "summary", "order"]

    @admin.display(ordering="start_year")
    def years(self, era):
        return era.years


class CitationInline(ContentStackedInline):
    model = Citation
    fields = [("source", "locator", "order"), "quote"]
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 2})}}
    autocomplete_fields = ["source"]
    extra = 1


@admin.register(Event)
class EventAdmin(ContentAdmin):
    list_display = [
        "title_en",
        "display_date",
        "era",
        "kind",
        "is_key",
        "publication",
        "updated",
        "translations",
    ]
    list_filter = [PublicationFilter, "era", "kind", "is_key", "countries", "islands"]
    list_select_related = ["era"]
    search_fields = ["slug", *all_languages("title", "summary", "body")]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["era", "countries", "people", "islands"]
    inlines = [CitationInline]
    actions = [publish, send_for_review, send_back, unpublish]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "era", "kind", "is_key"]}),
        (
            "Date",
            {"fields": [("date", "date_precision"), "end_date", "date_old_style"]},
        ),
        ("Text", {"fields": ["summary", "body"]}),
        ("Who and where", {"fields": ["countries", "people", "islands"]}),
        (
            "Publishing",
            {"fields": ["status", "published_at", "created_at", "updated_at"]},
        ),
    ]

    @admin.display(description="date", ordering="date")
    def display_date(self, event):
        return event.display_date

    @admin.display(description="updated", ordering="updated_at")
    def updated(self, event):
        return date_format(timezone.localtime(event.updated_at), "j M Y")
