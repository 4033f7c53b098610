from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("timeline.urls")),
    path("admin/", admin.site.urls),
    path("healthz", views.health, name="health"),
]
