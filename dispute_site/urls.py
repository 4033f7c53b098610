from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from . import views
from .feeds import AtomEventFeed, EventFeed
from .sitemaps import SITEMAPS

urlpatterns = [
    path("", views.home, name="home"),
    # Matched before timeline's own route for the same address, which still names it
    # (timeline:event_detail): the site adds what positions knows about an event.
    path("timeline/<slug:slug>/", views.EventDetailView.as_view()),
    path("", include("timeline.urls")),
    path("search/", views.search_page, name="search"),
    path("about/", TemplateView.as_view(template_name="about.html"), name="about"),
    path("sources/", views.SourceListView.as_view(), name="sources"),
    path("feeds/events/", EventFeed(), name="event_feed"),
    path("feeds/events/atom/", AtomEventFeed(), name="event_feed_atom"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("positions/", include("positions.urls")),
    path("", include("api.urls")),
    path("admin/", admin.site.urls),
    path("healthz", views.health, name="health"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Browsers ask for /favicon.ico on pages (like the admin's) that name no icon.
    path("favicon.ico", views.favicon, name="favicon"),
]
