"""Site search: on SQLite and PostgreSQL alike, with full-text extras on PostgreSQL."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dispute_site.search import highlight, highlight_marked
from editorial.models import Status
from timeline.words import Query

from .factories import (
    make_country,
    make_era,
    make_etorofu,
    make_event,
    make_island,
    make_position,
    make_source,
    make_statement,
    make_topic,
)

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search"
)


@pytest.fixture
def content():
    era = make_era(slug="post-war")
    treaty_text = make_source(
        slug="tokyo-declaration-text",
        title="Tokyo Declaration on Japan–Russia Relations",
        author="Ministry of Foreign Affairs of Japan",
        kind="treaty",
    )
    make_event(
        slug="joint-declaration",
        title="Joint Declaration",
        date=datetime.date(1956, 10, 19),
        era=era,
        summary="Ends the state of war.",
        body="Article 9 promises to hand over **Shikotan** and the Habomai islands.",
    )
    make_event(
        slug="tokyo-declaration",
        title="Tokyo Declaration",
        date=datetime.date(1993, 10, 13),
        era=era,
        summary="Yeltsin and Hosokawa name all four islands.",
        source=treaty_text,
    )
    make_event(
        slug="landing",
        title="Soviet landing on Etorofu",
        date=datetime.date(1945, 8, 28),
        era=era,
        summary="Soviet troops land on 択捉島 (Итуруп).",
    )
    make_event(
        slug="secret-draft",
        title="Secret Shikotan plan",
        era=era,
        status=Status.DRAFT,
        summary="Not ready.",
        source=make_source(slug="draft-only", title="Shikotan memo"),
    )
    make_etorofu(
        summary="The largest of the four islands.",
    )


def search(client, q, **params):
    return client.get(reverse("search"), {"q": q, **params})


def group_titles(response, key):
    groups = {group.type.key: group for group in response.context["groups"]}
    return [hit.object.title for hit in groups[key].hits] if key in groups else []


def test_search_page_without_a_query_is_a_form(client):
    response = client.get(reverse("search"))
    assert response.status_code == 200
    assert b'<label for="id_q">Search for</label>' in response.content
    assert b"result" not in response.content.split(b"<main")[1].lower()


def test_finds_shikotan_in_an_event_body_and_marks_it(client, content):
    response = search(client, "Shikotan")
    assert response.status_code == 200
    assert group_titles(response, "event") == ["Joint Declaration"]
    assert "<mark>Shikotan</mark>" in response.content.decode()


def test_finds_the_tokyo_declaration_event_and_its_source(client, content):
    response = search(client, "Tokyo Declaration")
    html = response.content.decode()
    assert group_titles(response, "event") == ["Tokyo Declaration"]
    assert group_titles(response, "source") == [
        "Tokyo Declaration on Japan–Russia Relations"
    ]
    assert "<mark>Tokyo</mark> <mark>Declaration</mark>" in html


@pytest.mark.parametrize("name", ["択捉", "択捉島", "Итуруп", "Iturup", "etorofu"])
def test_finds_islands_by_any_of_their_names(client, content, name):
    response = search(client, name)
    groups = {group.type.key: group for group in response.context["groups"]}
    assert [str(hit.object) for hit in groups["island"].hits] == ["Etorofu / Iturup"]
    assert f"<mark>{name}</mark>".casefold() in response.content.decode().casefold()


@pytest.mark.parametrize("name", ["択捉", "Итуруп"])
def test_finds_events_by_native_names_in_their_text(client, content, name):
    response = search(client, name)
    assert group_titles(response, "event") == ["Soviet landing on Etorofu"]


def test_results_are_grouped_by_type_with_counts(client, content):
    response = search(client, "Declaration")
    html = response.content.decode()
    assert response.context["total"] == 3
    assert 'id="results-event"' in html and "Events <span" in html
    assert 'href="#results-source">Sources (1)</a>' in html
    assert 'href="#results-event">Events (2)</a>' in html
    assert 'id="results-island"' not in html


def test_drafts_and_their_sources_are_never_found(client, content):
    response = search(client, "Secret Shikotan")
    assert response.context["total"] == 0
    assert b"Nothing matches" in response.content
    assert group_titles(search(client, "memo"), "source") == []


def test_a_large_group_shows_ten_and_links_to_all(client):
    era = make_era()
    for day in range(1, 16):
        make_event(
            era=era, title=f"Shikotan visit {day}", date=datetime.date(1990, 1, day)
        )
    response = search(client, "Shikotan")
    (group,) = [g for g in response.context["groups"] if g.type.key == "event"]
    assert (group.count, len(group.hits)) == (15, 10)
    assert "type=event" in response.content.decode()
    assert "All 15 events matching" in response.content.decode()

    one_type = search(client, "Shikotan", type="event")
    assert [g.type.key for g in one_type.context["groups"]] == ["event"]
    assert len(one_type.context["groups"][0].hits) == 15
    assert b"Show results of every kind" in one_type.content


def test_one_type_is_paginated(client):
    era = make_era()
    for day in range(1, 26):
        make_event(
            era=era, title=f"Kunashiri talks {day}", date=datetime.date(2000, 1, day)
        )
    second = search(client, "Kunashiri", type="event", page=2)
    assert second.status_code == 200
    assert len(second.context["groups"][0].hits) == 5
    assert search(client, "Kunashiri", type="event", page=99).status_code == 200


def test_words_with_a_minus_are_left_out(client, content):
    titles = group_titles(search(client, "Declaration -Tokyo"), "event")
    assert titles == ["Joint Declaration"]


def test_stored_markup_and_the_query_are_escaped(client):
    make_event(
        title="<script>alert(1)</script> Shikotan",
        summary="<b>bold</b> Shikotan <img src=x onerror=alert(2)>",
    )
    response = search(client, "Shikotan <img src=x>")
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Shikotan</mark>" in html


@pytest.mark.parametrize(
    "q",
    [
        "",
        "   ",
        "!!!",
        "?*&%$#@!",
        "-",
        "a",
        '"unbalanced',
        "'; DROP TABLE timeline_event; --",
        "or and not",
        "(a | b) & !c:*",
        "x" * 199,
        "\u200b\ue000\ue001",
    ],
)
def test_odd_queries_give_a_friendly_page(client, content, q):
    response = search(client, q)
    assert response.status_code == 200
    assert b"<h1>Search</h1>" in response.content


@pytest.mark.parametrize(
    ("query_string", "message"),
    [
        ("q=%00", b"Null characters are not allowed"),
        ("q=Shikotan%00", b"Null characters are not allowed"),
        ("q=" + "x" * 1000, b"Please shorten your search to at most 200 characters"),
        ("q=Shikotan&type=nonsense", b"Select a valid choice"),
    ],
)
def test_malformed_queries_are_explained(client, content, query_string, message):
    response = client.get(reverse("search") + "?" + query_string)
    assert response.status_code == 400
    assert message in response.content
    assert b'role="alert"' in response.content


def test_queries_without_words_ask_for_one(client, content):
    response = search(client, "!!!")
    assert b"Type a word or a name to search for." in response.content


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def build_matches(count):
    era = make_era()
    source = make_source(title="Habomai survey")
    for i in range(count):
        make_event(
            era=era,
            source=source,
            title=f"Habomai event {i}",
            date=datetime.date(1960, 1, 1) + datetime.timedelta(days=i),
        )
        make_island(name_ja=f"Habomai {i}")
        position = make_position(summary=f"Habomai stance {i}.")
        make_statement(position=position, source=source, text=f"Habomai, said {i}.")


@pytest.mark.parametrize(
    "params",
    ["q=Habomai", "q=Habomai&type=event&page=2", "q=Habomai&type=statement&page=2"],
)
def test_queries_stay_flat_as_results_grow(client, params):
    url = reverse("search") + "?" + params
    build_matches(25)
    small = count_queries(client, url)
    build_matches(100)
    large = count_queries(client, url)
    assert small == large
    assert large <= 10


def test_finds_published_positions_and_statements_only(client):
    japan = make_country(name="Japan")
    topic = make_topic(title="The 1956 declaration", question="What did it promise?")
    position = make_position(
        country=japan, topic=topic, summary="Shikotan and Habomai first, then more."
    )
    statement = make_statement(
        position=position, text="We seek the return of Shikotan."
    )
    hidden = make_position(
        topic=topic, summary="Shikotan draft stance.", status=Status.DRAFT
    )
    make_statement(position=hidden, text="Shikotan draft words.")

    response = search(client, "Shikotan")
    groups = {group.type.key: group for group in response.context["groups"]}
    assert [hit.object for hit in groups["position"].hits] == [position]
    assert [hit.object.text for hit in groups["statement"].hits] == [
        "We seek the return of Shikotan."
    ]
    html = response.content.decode()
    assert "draft" not in html
    assert f'href="{topic.get_absolute_url()}#position-{japan.slug}"' in html
    assert f'href="{statement.get_absolute_url()}"' in html


def test_the_shipped_content_is_found(client, site_content):
    for q, result_type, slug in [
        ("Shikotan", "island", "shikotan"),
        ("Shikotan", "event", "joint-declaration-1956"),
        ("Tokyo Declaration", "event", "tokyo-declaration"),
        ("Tokyo Declaration", "source", "tokyo-declaration-text"),
        ("択捉", "island", "etorofu-iturup"),
        ("Итуруп", "island", "etorofu-iturup"),
        ("色丹", "island", "shikotan"),
    ]:
        response = search(client, q, type=result_type)
        assert response.status_code == 200
        (group,) = response.context["groups"]
        assert slug in [hit.object.slug for hit in group.hits], (q, result_type)


def test_title_matches_come_first(client):
    era = make_era()
    make_event(era=era, title="A visit", summary="Talks about Habomai fishing.")
    make_event(era=era, title="Habomai fishing agreement", summary="Signed.")
    titles = group_titles(search(client, "Habomai fishing"), "event")
    assert titles == ["Habomai fishing agreement", "A visit"]


# The query and the highlighting, without a database.


def test_query_parsing_keeps_words_and_drops_noise():
    query = Query.parse("  Tokyo\x00 Declaration's -Moscow  tokyo 択 a ")
    assert query.words == ("Tokyo", "Declaration", "択")
    assert query.excluded == ("Moscow",)
    assert not Query.parse("!!! - ?")
    assert len(Query.parse("word " * 500).text) <= 200


def test_highlight_escapes_before_marking():
    pattern = Query.parse("shikotan").pattern
    assert highlight("<b>Shikotan</b>", pattern) == (
        "&lt;b&gt;<mark>Shikotan</mark>&lt;/b&gt;"
    )
    assert highlight_marked("<i>\ue000Shikotan\ue001</i>\ue000") == (
        "&lt;i&gt;<mark>Shikotan</mark>&lt;/i&gt;"
    )


# What only PostgreSQL's full-text search does.


@on_postgresql
def test_full_text_search_matches_other_forms_of_a_word(client, content):
    assert group_titles(search(client, "declarations"), "event") == [
        "Joint Declaration",
        "Tokyo Declaration",
    ]
    response = search(client, "promised")
    assert group_titles(response, "event") == ["Joint Declaration"]
    assert "<mark>promises</mark>" in response.content.decode()


@on_postgresql
def test_full_text_search_understands_phrases(client, content):
    response = search(client, '"four islands"')
    assert group_titles(response, "event") == ["Tokyo Declaration"]
    assert re.search(
        r"<mark>four</mark> <mark>islands</mark>", response.content.decode()
    )
