from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext

from documents.models import Document
from editorial.pagecache import cache_for_readers
from timeline.models import Event

FEED_SIZE = 30


def absolute(path):
    return settings.SITE_URL + path


def site_name():
    return gettext(settings.SITE_NAME)


class EventFeed(Feed):
    """Published events, the most recently updated first, so that corrections show.

    One feed per language, under its prefix: titles, descriptions and the feed's
    language are the reader's (the syndication framework's language is the active
    one).
    """

    def title(self):
        return gettext("%(site)s: events") % {"site": site_name()}

    def description(self):
        return gettext(
            "New and updated events in the timeline of the Japan–Russia dispute over "
            "the Northern Territories / Southern Kurils."
        )

    # Absolute addresses from SITE_URL, as in the canonical links: the syndication
    # framework would otherwise use whatever host the request named.
    def link(self):
        return absolute(reverse("timeline:event_list"))

    def feed_url(self):
        return absolute(reverse("event_feed"))

    def items(self):
        return (
            Event.objects.published()
            .for_list()
            .order_by("-updated_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, event):
        return f"{event.title} ({event.display_date})"

    def item_description(self, event):
        # RSS descriptions and Atom summaries are HTML to a feed reader; a summary is
        # plain text, so "<" in it must arrive as a character, never as markup.
        return escape(event.summary)

    def item_link(self, event):
        return absolute(event.get_absolute_url())

    def item_pubdate(self, event):
        return event.published_at

    def item_updateddate(self, event):
        return event.updated_at

    def item_categories(self, event):
        return [event.era.title, str(event.get_kind_display())]


class AtomEventFeed(EventFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()

    def feed_url(self):
        return absolute(reverse("event_feed_atom"))


class DocumentFeed(Feed):
    """Published documents, the most recently updated first: a new text or a
    corrected one shows."""

    def title(self):
        return gettext("%(site)s: documents") % {"site": site_name()}

    def description(self):
        return gettext(
            "New and updated treaties and declarations of the Japan–Russia dispute, "
            "article by article in their languages."
        )

    def link(self):
        return absolute(reverse("documents:document_list"))

    def feed_url(self):
        return absolute(reverse("document_feed"))

    def items(self):
        return Document.objects.published().order_by("-updated_at", "-pk")[:FEED_SIZE]

    def item_title(self, document):
        return f"{document.title} ({document.display_date})"

    def item_description(self, document):
        return document.summary

    def item_link(self, document):
        return absolute(document.get_absolute_url())

    def item_pubdate(self, document):
        return document.published_at

    def item_updateddate(self, document):
        return document.updated_at

    def item_categories(self, document):
        return [str(document.get_kind_display())]


class AtomDocumentFeed(DocumentFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()

    def feed_url(self):
        return absolute(reverse("document_feed_atom"))


event_feed = cache_for_readers(EventFeed())
atom_event_feed = cache_for_readers(AtomEventFeed())
document_feed = cache_for_readers(DocumentFeed())
atom_document_feed = cache_for_readers(AtomDocumentFeed())
