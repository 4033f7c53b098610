from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    # Matched before timeline's own route for the same address, which still names it
    # (timeline:event_detail): the site adds what positions knows about an event.
    path("timeline/<slug:slug>/", views.EventDetailView.as_view()),
    path("", include("timeline.urls")),
    path("positions/", include("positions.urls")),
    path("admin/", admin.site.urls),
    path("healthz", views.health, name="health"),
]
