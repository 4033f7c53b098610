from django.urls import include, path

from . import views

app_name = "api"
api_v1 = [
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    path("datapackage.json", views.datapackage, name="datapackage"),
    path("all.json", views.bulk, name="bulk"),
    path("<slug:name>.csv", views.table_csv, name="table_csv"),
    path(
        "cite/articles/<slug:document>/<slug:article>.<slug:extension>",
        views.cite_article,
        name="cite_article",
    ),
    path("cite/<slug:kind>/<slug:slug>.<slug:extension>", views.cite, name="cite"),
    path("", include(views.router.urls)),
]
# The open data page, a reader's page, is in the site's language-prefixed addresses
# (dispute_site/urls.py, named "data").
urlpatterns = [
    path("api/v1/", include(api_v1)),
]
