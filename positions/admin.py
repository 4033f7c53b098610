from django.contrib import admin
from django.db.models import Count
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

from .models import Position, Statement, StatusItem, Topic


@admin.register(Topic)
class TopicAdmin(ContentAdmin):
    list_display = [
        "title_en",
        "question_en",
        "order",
        "position_count",
        "translations",
    ]
    list_editable = ["order"]
    ordering = ["order", "title_en"]
    search_fields = all_languages("title", "question", "introduction")
    prepopulated_fields = {"slug": ["title_en"]}
    fields = ["title", "slug", "question", "introduction", "order"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(Count("positions"))

    @admin.display(description="positions", ordering="positions__count")
    def position_count(self, topic):
        return topic.positions__count


class StatementInline(ContentStackedInline):
    model = Statement
    fields = [
        ("date", "date_precision"),
        ("speaker", "speaker_label"),
        "kind",
        ("original_text", "original_language"),
        "is_quotation",
        "text",
        ("source", "locator"),
        ("event", "article"),
    ]
    autocomplete_fields = ["speaker", "source", "event", "article"]
    extra = 0
    # Newest first, folded away: a position's form stays short.
    ordering = ["-date", "-pk"]
    classes = ["collapse"]


@admin.register(Position)
class PositionAdmin(ContentAdmin):
    list_display = [
        "__str__",
        "country",
        "topic",
        "statement_count",
        "publication",
        "updated",
        "translations",
    ]
    list_filter = [PublicationFilter, "country", "topic"]
    # Explicit: the statement count's GROUP BY drops Meta.ordering.
    ordering = ["topic__order", "topic__title_en", "country__order", "country__name_en"]
    search_fields = [
        *all_languages("summary", "body"),
        "topic__title_en",
        "country__name_en",
    ]
    autocomplete_fields = ["country", "topic"]
    inlines = [StatementInline]
    actions = [publish, send_for_review, send_back, unpublish]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {"fields": ["country", "topic", "summary", "body", "why_no_statements"]},
        ),
        (
            "Publishing",
            {
                "fields": ["status", "published_at", "created_at", "updated_at"],
                "description": "Statements are public exactly when their position is.",
            },
        ),
    ]

    def get_queryset(self, request):
        # The autocomplete on statements lists positions too: str() needs both.
        return (
            super()
            .get_queryset(request)
            .select_related("country", "topic")
            .annotate(Count("statements"))
        )

    @admin.display(description="updated", ordering="updated_at")
    def updated(self, position):
        return date_format(timezone.localtime(position.updated_at), "j M Y")

    @admin.display(description="statements", ordering="statements__count")
    def statement_count(self, position):
        return position.statements__count


@admin.register(Statement)
class StatementAdmin(ContentAdmin):
    list_display = [
        "__str__",
        "display_date",
        "country",
        "topic",
        "kind",
        "is_quotation",
        "original_language",
        "source",
        "translations",
    ]
    list_filter = [
        "position__country",
        "position__topic",
        "kind",
        "is_quotation",
        "original_language",
        ("article", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["position__country", "position__topic", "speaker", "source"]
    search_fields = [
        *all_languages("text"),
        "original_text",
        *all_languages("speaker__name", "speaker_label"),
        "source__title",
        "locator",
        "position__topic__title_en",
    ]
    date_hierarchy = "date"
    autocomplete_fields = ["position", "speaker", "source", "event", "article"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "position",
                    "kind",
                    ("original_text", "original_language"),
                    "is_quotation",
                    "text",
                ]
            },
        ),
        (
            "When and who",
            {"fields": [("date", "date_precision"), "speaker", "speaker_label"]},
        ),
        ("Evidence", {"fields": [("source", "locator"), "event"]}),
        (
            "Reading of a document",
            {
                "fields": ["article"],
                "description": "The treaty or declaration article this statement "
                "interprets; the article's page then shows it among the readings.",
            },
        ),
    ]

    @admin.display(description="date", ordering="date")
    def display_date(self, statement):
        return statement.display_date

    @admin.display(ordering="position__country")
    def country(self, statement):
        return statement.position.country

    @admin.display(ordering="position__topic")
    def topic(self, statement):
        return statement.position.topic


@admin.register(StatusItem)
class StatusItemAdmin(ContentAdmin):
    list_display = [
        "label_en",
        "as_of",
        "reviewed_on",
        "order",
        "source",
        "publication",
        "translations",
    ]
    list_editable = ["order"]
    list_filter = [PublicationFilter]
    list_select_related = ["source"]
    search_fields = [*all_languages("label", "text"), "source__title"]
    ordering = ["order", "label_en"]
    prepopulated_fields = {"slug": ["label_en"]}
    autocomplete_fields = ["source"]
    actions = [publish, unpublish]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["label", "slug", "text", "source", "order"]}),
        (
            "Dates",
            {
                "fields": ["as_of", "reviewed_on"],
                "description": "The home page shows both dates: keep them true.",
            },
        ),
        (
            "Publishing",
            {"fields": ["status", "published_at", "created_at", "updated_at"]},
        ),
    ]
