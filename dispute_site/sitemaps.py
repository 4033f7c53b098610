from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import sitemaps
from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse

from documents.models import Document
from editorial.translation import content_languages
from positions.models import Position, Topic
from positions.sources import cited_sources
from timeline.models import Country, Era, Event, Island


class SiteSitemap(sitemaps.Sitemap):
    """Addresses on SITE_URL, as in the canonical links and feeds, in every language
    with its alternates (hreflang, and x-default for English).

    Sections return lists: the paginator would count a queryset with a query of its
    own, two queries a section where one will do. A section whose item lacks a
    language narrows get_languages_for_item().
    """

    i18n = True
    alternates = True
    x_default = True

    @property
    def protocol(self):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def get_languages_for_item(self, item):
        # A page whose content is not yet translated is left out of that language.
        if isinstance(item, str):
            return super().get_languages_for_item(item)
        return content_languages(item)


class PageSitemap(SiteSitemap):
    """The pages that are no object's own: the search page is left out."""

    def items(self):
        return [
            "home",
            "timeline:event_list",
            "timeline:island_list",
            "documents:document_list",
            "positions:topic_list",
            "sources",
            "about",
        ]

    def location(self, name):
        return reverse(name)


class EventSitemap(SiteSitemap):
    def items(self):
        return list(Event.objects.published().order_by("date", "pk"))

    def lastmod(self, event):
        return event.updated_at


class DocumentSitemap(SiteSitemap):
    def items(self):
        return list(Document.objects.published().order_by("date", "pk"))

    def lastmod(self, document):
        return document.updated_at


class EraSitemap(SiteSitemap):
    def items(self):
        return list(Era.objects.public())


class IslandSitemap(SiteSitemap):
    def items(self):
        return list(Island.objects.public())


class SourceSitemap(SiteSitemap):
    def items(self):
        return list(cited_sources().order_by("slug"))


class TopicSitemap(SiteSitemap):
    def items(self):
        # A topic page changes when one of its published positions does.
        latest = (
            Position.objects.published()
            .filter(topic=OuterRef("pk"))
            .order_by("-updated_at")
            .values("updated_at")[:1]
        )
        return list(
            Topic.objects.with_published_positions()
            .annotate(last_update=Subquery(latest))
            .order_by("order", "title_en")
        )

    def lastmod(self, topic):
        return topic.last_update


class CountrySitemap(SiteSitemap):
    """Each side's positions on every topic: the pages positions builds per country."""

    def items(self):
        return list(
            Country.objects.filter(
                Exists(Position.objects.published().filter(country=OuterRef("pk")))
            )
        )

    def location(self, country):
        return reverse("positions:country_detail", args=[country.slug])


SITEMAPS = {
    "pages": PageSitemap,
    "eras": EraSitemap,
    "events": EventSitemap,
    "islands": IslandSitemap,
    "documents": DocumentSitemap,
    "sources": SourceSitemap,
    "topics": TopicSitemap,
    "countries": CountrySitemap,
}
