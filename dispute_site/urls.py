from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from api import views as api_views
from editorial.pagecache import cache_for_readers

from . import views
from .feeds import atom_document_feed, atom_event_feed, document_feed, event_feed
from .sitemaps import SITEMAPS

# Machine addresses: one for every language, never prefixed.
urlpatterns = [
    path(
        "sitemap.xml",
        # Sitemap pages are numbered with ?p=.
        cache_for_readers(sitemap, parameters={"p"}),
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("", include("api.urls")),
    path("admin/", admin.site.urls),
    path("healthz", views.health, name="health"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Browsers ask for /favicon.ico on pages (like the admin's) that name no icon.
    path("favicon.ico", views.favicon, name="favicon"),
]

# Readers' pages, under /en/, /ja/ and /ru/ (SiteLocaleMiddleware moves the old
# unprefixed addresses there).
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("", include("timeline.urls")),
    path("search/", views.search_page, name="search"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("sources/", views.SourceListView.as_view(), name="sources"),
    path(
        "sources/<slug:slug>/", views.SourceDetailView.as_view(), name="source_detail"
    ),
    path("data/", api_views.data_page, name="data"),
    path("feeds/events/", event_feed, name="event_feed"),
    path("feeds/events/atom/", atom_event_feed, name="event_feed_atom"),
    path("feeds/documents/", document_feed, name="document_feed"),
    path("feeds/documents/atom/", atom_document_feed, name="document_feed_atom"),
    path("documents/", include("documents.urls")),
    path("positions/", include("positions.urls")),
    prefix_default_language=True,
)
