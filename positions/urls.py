from django.urls import path

from . import views

app_name = "positions"
urlpatterns = [
    path("", views.TopicListView.as_view(), name="topic_list"),
    path(
        "countries/<slug:slug>/",
        views.CountryDetailView.as_view(),
        name="country_detail",
    ),
    path("<slug:slug>/", views.TopicDetailView.as_view(), name="topic_detail"),
]
