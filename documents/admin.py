from django.contrib import admin
from django.db.models import Count

from editorial.admin import (
    ContentAdmin,
    ContentInline,
    ContentStackedInline,
    PublicationFilter,
    publish,
    unpublish,
)
from editorial.translation import all_languages

from .models import Article, ArticleText, Document


class ArticleInline(ContentInline):
    model = Article
    fields = ["label", "slug", "order", "status", "published_at"]
    prepopulated_fields = {"slug": ["label_en"]}
    show_change_link = True
    extra = 0


@admin.register(Document)
class DocumentAdmin(ContentAdmin):
    list_display = [
        "title_en",
        "display_date",
        "kind",
        "article_count",
        "publication",
        "updated_at",
        "translations",
    ]
    list_filter = [PublicationFilter, "kind", "parties"]
    search_fields = ["slug", *all_languages("title", "summary", "body")]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["parties", "signatories", "event", "source"]
    inlines = [ArticleInline]
    actions = [publish, unpublish]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind"]}),
        (
            "Signing and force",
            {
                "fields": [
                    ("date", "date_old_style"),
                    "place",
                    "in_force",
                    "force_note",
                    "parties",
                    "signatories",
                ]
            },
        ),
        (
            "Texts",
            {
                "fields": ["authentic_languages", "source", "event"],
                "description": "The articles' texts are edited on each article's page "
                "(“Change” beside it below).",
            },
        ),
        ("About the document", {"fields": ["summary", "body"]}),
        (
            "Publishing",
            {
                "fields": ["status", "published_at", "created_at", "updated_at"],
                "description": "A draft document hides all its articles.",
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(Count("articles"))

    @admin.display(description="date", ordering="date")
    def display_date(self, document):
        return document.display_date

    @admin.display(description="articles", ordering="articles__count")
    def article_count(self, document):
        return document.articles__count


class ArticleTextInline(ContentStackedInline):
    model = ArticleText
    fields = [
        ("language", "authenticity"),
        "translator",
        "verification",
        "text",
        ("source", "locator"),
        "note",
    ]
    autocomplete_fields = ["source"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(ContentAdmin):
    list_display = [
        "label_en",
        "document",
        "order",
        "languages",
        "publication",
        "translations",
    ]
    list_filter = [PublicationFilter, "document"]
    list_select_related = ["document"]
    search_fields = [
        *all_languages("label", "summary", "document__title"),
        "texts__text",
    ]
    autocomplete_fields = ["document"]
    prepopulated_fields = {"slug": ["label_en"]}
    inlines = [ArticleTextInline]
    actions = [publish, unpublish]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["document", "label", "slug", "order", "summary"]}),
        (
            "Publishing",
            {
                "fields": ["status", "published_at", "created_at", "updated_at"],
                "description": "Public only when its document is public too.",
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("texts")

    @admin.display(description="texts")
    def languages(self, article):
        return ", ".join(text.language for text in article.texts.all()) or "—"
