from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import sitemaps
from django.urls import reverse

from timeline.models import Era, Event


class SiteSitemap(sitemaps.Sitemap):
    """Addresses on SITE_URL, as in the canonical links and feeds."""

    @property
    def protocol(self):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class PageSitemap(SiteSitemap):
    """The pages that are no object's own: the search page is left out."""

    def items(self):
        return ["home", "timeline:event_list", "sources"]

    def location(self, name):
        return reverse(name)


class EventSitemap(SiteSitemap):
    def items(self):
        return Event.objects.published().order_by("date", "pk")

    def lastmod(self, event):
        return event.updated_at


class EraSitemap(SiteSitemap):
    def items(self):
        return Era.objects.all()


SITEMAPS = {"pages": PageSitemap, "eras": EraSitemap, "events": EventSitemap}
