"""CSV downloads, their codebook, datapackage.json and the bulk JSON file."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from api.codebook import TABLES

from .factories import (
    make_article,
    make_article_text,
    make_document,
    make_event,
    make_person,
    make_position,
    make_source,
    make_statement,
)
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


TRANSLATED_COLUMNS = {
    "events": ["title", "summary"],
    "statements": ["speaker_name", "text"],
    "sources": ["note"],
    "documents": ["title", "place", "force_note", "summary"],
    "article_texts": ["label"],
}


@pytest.mark.parametrize("name", TRANSLATED_COLUMNS)
def test_each_translated_column_has_its_japanese_and_russian_beside_it(name):
    header = TABLES[name].header
    for column in TRANSLATED_COLUMNS[name]:
        at = header.index(column)
        assert header[at : at + 3] == [column, f"{column}_ja", f"{column}_ru"]


def rows_of(client, name):
    _, text = download(client, f"/api/v1/{name}.csv")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csvs_hold_each_languages_own_text_and_english_under_the_plain_name(
    client,
):
    source = make_source(
        slug="record", note="A record.", note_ja="記録。", note_ru="Запись."
    )
    make_event(
        slug="tokyo-declaration",
        title="Tokyo Declaration",
        title_ja="東京宣言",
        title_ru="Токийская декларация",
        summary="Yeltsin and Hosokawa signed it.",
        summary_ru="Ельцин и Хосокава подписали её.",
        source=source,
    )
    event = rows_of(client, "events")[0]
    assert event["title"] == "Tokyo Declaration"
    assert event["title_ja"] == "東京宣言"
    assert event["title_ru"] == "Токийская декларация"
    assert event["summary"] == "Yeltsin and Hosokawa signed it."
    # Not yet translated: empty, never the English again.
    assert event["summary_ja"] == ""
    assert event["summary_ru"] == "Ельцин и Хосокава подписали её."
    [row] = rows_of(client, "sources")
    assert (row["note"], row["note_ja"], row["note_ru"]) == (
        "A record.",
        "記録。",
        "Запись.",
    )


def test_statements_name_the_speaker_in_each_language(client):
    position = make_position()
    make_statement(
        position=position,
        speaker=make_person(name="Ichirō Hatoyama", name_ja="鳩山一郎"),
        text="The islands are ours.",
        text_ru="Острова наши.",
        date=datetime.date(1956, 1, 1),
    )
    make_statement(
        position=position,
        speaker_label="Ministry of Foreign Affairs",
        speaker_label_ru="МИД",
        date=datetime.date(1957, 1, 1),
    )
    person, body = rows_of(client, "statements")
    assert (person["speaker_name"], person["speaker_name_ja"]) == (
        "Ichirō Hatoyama",
        "鳩山一郎",
    )
    assert person["speaker_name_ru"] == ""
    assert (person["text"], person["text_ja"], person["text_ru"]) == (
        "The islands are ours.",
        "",
        "Острова наши.",
    )
    assert (body["speaker_name"], body["speaker_name_ru"]) == (
        "Ministry of Foreign Affairs",
        "МИД",
    )


def test_documents_and_article_texts_in_each_language(client):
    document = make_document(
        slug="joint-declaration-1956",
        title="Japan–Soviet Joint Declaration",
        title_ja="日ソ共同宣言",
        place="Moscow",
        place_ja="モスクワ",
        place_ru="Москва",
        force_note="In force.",
        force_note_ru="В силе.",
        summary="Peace restored.",
        summary_ja="国交回復。",
    )
    article = make_article(
        document=document, label="Article 9", label_ja="第九項", label_ru="Пункт 9"
    )
    make_article_text(article=article, language="ja")
    [row] = rows_of(client, "documents")
    assert [row[name] for name in ("title", "title_ja", "title_ru")] == [
        "Japan–Soviet Joint Declaration",
        "日ソ共同宣言",
        "",
    ]
    assert [row[name] for name in ("place", "place_ja", "place_ru")] == [
        "Moscow",
        "モスクワ",
        "Москва",
    ]
    assert (row["force_note_ja"], row["force_note_ru"]) == ("", "В силе.")
    assert (row["summary"], row["summary_ja"]) == ("Peace restored.", "国交回復。")
    [text] = rows_of(client, "article_texts")
    assert [text[name] for name in ("label", "label_ja", "label_ru")] == [
        "Article 9",
        "第九項",
        "Пункт 9",
    ]


def test_the_csvs_are_english_whatever_language_is_active(client):
    make_event(title="Tokyo Declaration", title_ja="東京宣言")
    with translation.override("ja"):
        assert rows_of(client, "events")[0]["title"] == "Tokyo Declaration"


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


def test_the_data_page_describes_documents_articles_and_languages(client, api_world):
    page = client.get(reverse("data")).content.decode()
    assert "three tables" not in page
    assert "the five tables described as a" in page
    for words in [
        "documents and their articles",
        "<code>joint-declaration-1956.article-9</code>",
        "documents by <code>kind</code>, <code>party</code>",
        "by <code>document</code>, <code>language</code> and <code>verification</code>",
        "Documents are cited as treaties",
        "/api/v1/cite/articles/&lt;document&gt;/&lt;article&gt;.json",
        "a <code>translations</code> object",
        "<code>title_ja</code> and <code>title_ru</code>",
    ]:
        assert words in page, words


@pytest.mark.parametrize(
    "language, words",
    [
        ("ja", ["五つの表", "<code>translations</code>オブジェクト", "条約として引用"]),
        ("ru", ["пять таблиц", "объект <code>translations</code>", "как договоры"]),
    ],
)
def test_the_data_page_in_japanese_and_russian(client, api_world, language, words):
    page = client.get(f"/{language}/data/").content.decode()
    for word in words:
        assert word in page, word
    for english in ["the five tables", "Documents are cited as treaties", "object"]:
        assert english not in page.split('<h2 id="codebook-title">')[0], english
