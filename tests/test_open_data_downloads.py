"""CSV downloads, their codebook, datapackage.json and the bulk JSON file."""

import csv
import io
import json

import pytest
from django.urls import reverse
from django.utils.html import escape

from api.codebook import TABLES

from .test_api import DRAFT_MARKS

pytestmark = pytest.mark.django_db


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    return response, body.decode()


@pytest.mark.parametrize(
    "name", ["events", "statements", "sources", "documents", "article_texts"]
)
def test_csv_downloads_open_with_the_codebooks_header(client, api_world, name):
    response, text = download(client, f"/api/v1/{name}.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="{name}.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == TABLES[name].header
    assert len(rows) >= 2
    assert all(len(row) == len(rows[0]) for row in rows)


def test_every_csv_column_is_on_the_codebook_page(client, api_world):
    page = client.get(reverse("data")).content.decode()
    for table in TABLES.values():
        for column in table.columns:
            assert f'id="{table.name}-{column.name}"' in page
            assert escape(column.description) in page


def test_events_csv_rows(client, site_content):
    from timeline.models import Event

    _, text = download(client, "/api/v1/events.csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["slug"] for row in rows] == list(
        Event.objects.published().chronological().values_list("slug", flat=True)
    )
    shimoda = next(row for row in rows if row["slug"] == "treaty-of-shimoda")
    assert shimoda["date"] == "1855-02-07"
    assert shimoda["date_old_style"] == "1855-01-26"
    assert shimoda["is_key"] == "true"
    assert "japan" in shimoda["countries"].split(";")


def test_no_draft_in_any_download(client, api_world):
    texts = [download(client, f"/api/v1/{name}.csv")[1] for name in TABLES]
    texts.append(download(client, "/api/v1/all.json")[1])
    for text in texts:
        for mark in DRAFT_MARKS:
            assert mark not in text, mark


def test_an_unknown_table_is_a_404(client, api_world):
    assert client.get("/api/v1/nothing.csv").status_code == 404


def test_datapackage_describes_each_table(client, api_world):
    package = client.get(reverse("api:datapackage")).json()
    assert package["profile"] == "tabular-data-package"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert set(resources) == set(TABLES)
    for name, resource in resources.items():
        assert resource["path"].endswith(f"/api/v1/{name}.csv")
        fields = [field["name"] for field in resource["schema"]["fields"]]
        assert fields == TABLES[name].header
        for field in resource["schema"]["fields"]:
            assert field["type"] in {"string", "integer", "boolean", "date", "datetime"}
            assert field["description"]


def test_bulk_download_holds_everything_with_its_licence(client, api_world):
    response, text = download(client, reverse("api:bulk"))
    data = json.loads(text)
    assert data["licence"]["name"] == "CC-BY-4.0"
    assert "own terms" in data["licence"]["note"]
    assert data["version"] in response["Content-Disposition"]
    for name in [
        "eras",
        "events",
        "people",
        "islands",
        "sources",
        "statements",
        "documents",
        "articles",
    ]:
        listed = client.get(f"/api/v1/{name}/?page_size=500").json()["results"]
        assert data[name] == listed, name


def test_the_data_page_states_the_licence_and_links_every_download(client, api_world):
    response = client.get(reverse("data"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'rel="license"' in page
    assert "https://creativecommons.org/licenses/by/4.0/" in page
    for url in [
        "/api/v1/events.csv",
        "/api/v1/statements.csv",
        "/api/v1/sources.csv",
        "/api/v1/documents.csv",
        "/api/v1/article_texts.csv",
        "/api/v1/datapackage.json",
        "/api/v1/all.json",
        "/api/v1/docs/",
        "/api/v1/schema/",
    ]:
        assert f'href="{url}"' in page
