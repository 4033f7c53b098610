from django.urls import path

from . import views

app_name = "timeline"
urlpatterns = [
    path("timeline/", views.EventListView.as_view(), name="event_list"),
    path("timeline/<slug:slug>/", views.EventDetailView.as_view(), name="event_detail"),
    path("eras/<slug:slug>/", views.EraDetailView.as_view(), name="era_detail"),
    path("islands/", views.IslandListView.as_view(), name="island_list"),
    path(
        "islands/<slug:slug>/", views.IslandDetailView.as_view(), name="island_detail"
    ),
]
