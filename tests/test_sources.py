"""The bibliography at /sources/ and the "Cite this page" box."""

import datetime

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from api.citations import MLA_MONTHS
from editorial.models import Status
from positions.models import Position, Topic
from timeline.models import Citation, Source

from .factories import (
    make_country,
    make_document,
    make_era,
    make_event,
    make_position,
    make_source,
    make_statement,
    make_status_item,
    make_topic,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def bibliography():
    era = make_era()
    treaty = make_source(
        slug="shimoda-treaty",
        title="Treaty of Commerce and Navigation between Japan and Russia",
        author="Governments of Japan and Russia",
        publisher="National Diet Library",
        date=datetime.date(1855, 2, 7),
        kind="treaty",
        url="https://example.org/shimoda",
        language="ja",
    )
    book = make_source(
        slug="hara-1998",
        title="Japanese-Soviet/Russian Relations since 1945",
        author="Kimie Hara",
        publisher="Routledge",
        date=datetime.date(1998, 1, 1),
        date_precision="year",
        kind="scholarship",
    )
    shimoda = make_event(
        slug="treaty-of-shimoda",
        title="Treaty of Shimoda",
        date=datetime.date(1855, 2, 7),
        era=era,
        source=treaty,
    )
    Citation.objects.create(event=shimoda, source=book, locator="p. 12")
    make_event(
        slug="secret",
        title="Secret draft event",
        era=era,
        source=book,
        status=Status.DRAFT,
    )
    make_event(
        slug="scheduled",
        title="Scheduled event",
        era=era,
        published_at=timezone.now() + datetime.timedelta(days=1),
        source=make_source(slug="scheduled-only", title="Not yet cited"),
    )
    make_source(slug="uncited", title="Uncited notes")
    make_event(
        slug="draft-only",
        era=era,
        status=Status.DRAFT,
        source=make_source(slug="draft-source", title="Draft-only source"),
    )
    return {"treaty": treaty, "book": book, "shimoda": shimoda}


def test_bibliography_groups_sources_by_kind(client, bibliography):
    response = client.get(reverse("sources"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1>") == 1
    treaties = html.index('<h2 id="kind-treaty">Treaties and official documents</h2>')
    scholarship = html.index('<h2 id="kind-scholarship">Scholarship</h2>')
    assert treaties < scholarship
    assert html.index("Treaty of Commerce") < scholarship < html.index("Kimie Hara")


def test_each_source_shows_its_details_and_anchor(client, bibliography):
    html = client.get(reverse("sources")).content.decode()
    assert 'id="source-shimoda-treaty"' in html
    assert "Governments of Japan and Russia" in html
    assert "National Diet Library" in html
    assert "7 February 1855" in html
    assert 'href="https://example.org/shimoda"' in html
    assert "In Japanese." in html
    assert "Routledge, 1998." in html


def test_each_source_counts_the_published_events_citing_it(client, bibliography):
    """The bibliography gives counts; the source's own page lists what they count."""
    response = client.get(reverse("sources"))
    html = response.content.decode()
    book = next(s for s in response.context["object_list"] if s.slug == "hara-1998")
    assert [event.title for event in book.citing_events] == ["Treaty of Shimoda"]
    assert '<p class="cited-counts">Cited in: 1 event</p>' in html
    assert 'href="/en/timeline/treaty-of-shimoda/"' not in html
    assert "Secret draft event" not in html and "Scheduled event" not in html


def test_sources_cited_only_by_drafts_or_nothing_are_left_out(client, bibliography):
    html = client.get(reverse("sources")).content.decode()
    for title in ["Uncited notes", "Draft-only source", "Not yet cited"]:
        assert title not in html


def test_an_event_cited_twice_by_one_source_is_listed_once(client, bibliography):
    Citation.objects.create(
        event=bibliography["shimoda"], source=bibliography["book"], locator="p. 40"
    )
    html = client.get(reverse("sources")).content.decode()
    assert '<p class="cited-counts">Cited in: 1 event</p>' in html


def test_source_url_is_its_page_and_the_bibliography_keeps_its_anchor(bibliography):
    treaty = bibliography["treaty"]
    assert treaty.get_absolute_url() == "/en/sources/shimoda-treaty/"
    assert treaty.get_bibliography_url() == "/en/sources/#source-shimoda-treaty"


def test_event_sources_link_to_their_pages(client, bibliography):
    html = client.get(bibliography["shimoda"].get_absolute_url()).content.decode()
    assert 'href="/en/sources/shimoda-treaty/"' in html
    assert 'href="/en/sources/hara-1998/"' in html


def test_empty_bibliography_says_so(client, db):
    response = client.get(reverse("sources"))
    assert response.status_code == 200
    assert b"No sources have been published yet." in response.content


def test_each_source_lists_the_published_statements_citing_it(client, bibliography):
    topic = make_topic(title="Legal basis")
    japan = make_country(name="Japan")
    position = make_position(country=japan, topic=topic)
    statement = make_statement(
        position=position,
        source=bibliography["book"],
        speaker_label="Ministry of Foreign Affairs of Japan",
        date=datetime.date(1993, 10, 13),
    )
    hidden = make_position(topic=topic, status=Status.DRAFT)
    make_statement(
        position=hidden, source=bibliography["book"], speaker_label="Hidden speaker"
    )
    statement_only = make_source(title="Cited by a statement only")
    make_statement(position=position, source=statement_only)
    make_statement(position=hidden, source=make_source(title="Draft statement source"))

    html = client.get(reverse("sources")).content.decode()
    assert "Cited in: 1 event · 1 statement</p>" in html
    assert "Hidden speaker" not in html
    assert "Cited by a statement only" in html
    assert "Draft statement source" not in html
    html = client.get(bibliography["book"].get_absolute_url()).content.decode()
    assert "Ministry of Foreign Affairs of Japan, 13 October 1993" in html
    assert "(Japan on Legal basis)" in html
    assert f'href="{statement.get_absolute_url()}"' in html
    assert "Hidden speaker" not in html


def build_sources(count, with_statements):
    era = make_era()
    kinds = ["treaty", "government", "scholarship", "press", "reference", "other"]
    position = make_position() if with_statements else None
    for i in range(count):
        source = make_source(kind=kinds[i % len(kinds)])
        make_event(era=era, source=source)
        make_event(era=era, source=source)
        if with_statements:
            make_statement(position=position, source=source)


def assert_flat_queries(client, with_statements):
    build_sources(5, with_statements)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("sources")).status_code == 200
    build_sources(60, with_statements)
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse("sources")).status_code == 200
    assert len(small) == len(large) <= 10


def test_bibliography_queries_stay_flat(client):
    assert_flat_queries(client, with_statements=False)


def test_bibliography_queries_stay_flat_with_statements(client):
    assert_flat_queries(client, with_statements=True)


# Cite this page


def test_event_page_has_a_cite_box(client, bibliography):
    event = bibliography["shimoda"]
    html = client.get(event.get_absolute_url()).content.decode()
    today = timezone.now()
    updated = event.updated_at
    assert '<h2 id="cite-title">Cite this page</h2>' in html
    for key in ["chicago", "apa", "mla"]:
        assert f'<label for="cite-{key}" class="visually-hidden">' in html
    chicago = (
        "“Treaty of Shimoda.” Northern Territories / Southern Kurils: the dispute. "
        f"Last modified {updated:%B} {updated.day}, {updated.year}. "
        "http://127.0.0.1:8000/en/timeline/treaty-of-shimoda/."
    )
    assert f"readonly>{chicago}</textarea>" in html
    mla_today = f"{today.day} {MLA_MONTHS[today.month - 1]} {today.year}"
    assert f"Accessed {mla_today}.</textarea>" in html


def test_cite_box_copy_button_needs_no_inline_script(client, bibliography):
    html = client.get(bibliography["shimoda"].get_absolute_url()).content.decode()
    assert '<script src="/static/js/cite.js" defer></script>' in html
    assert "<script>" not in html
    assert " onclick=" not in html
    assert 'data-copy="cite-chicago" hidden' in html
    assert finders.find("js/cite.js")


def test_topic_page_has_a_cite_box_dated_by_its_latest_position(client):
    topic = make_topic(slug="legal-basis", title="Legal basis of sovereignty")
    older = make_position(topic=topic)
    make_position(topic=topic)
    latest = make_position(topic=topic, status=Status.DRAFT)
    for position, days in [(older, 30), (latest, 0)]:
        Position.objects.filter(pk=position.pk).update(
            updated_at=timezone.now() - datetime.timedelta(days=days)
        )
    newest_public = topic.positions.published().latest("updated_at")
    html = client.get(topic.get_absolute_url()).content.decode()
    assert '<h2 id="cite-title">Cite this page</h2>' in html
    updated = newest_public.updated_at
    assert (
        "“Legal basis of sovereignty.” Northern Territories / Southern Kurils: the "
        f"dispute. Last modified {updated:%B} {updated.day}, {updated.year}. "
        "http://127.0.0.1:8000/en/positions/legal-basis/."
    ) in html


def test_topic_page_sources_link_to_the_bibliography(client):
    source = make_source(slug="mofa-1992", title="Japan's Northern Territories")
    make_statement(source=source, position=make_position(topic=make_topic()))
    topic = Topic.objects.get()
    html = client.get(topic.get_absolute_url()).content.decode()
    assert 'href="/en/sources/mofa-1992/"' in html


def cite(source):
    make_event(source=source)
    return source


def entry_order(html, *titles):
    return sorted(titles, key=html.index)


def test_treaties_are_listed_by_date_other_kinds_by_title(client, db):
    kind = Source.Kind.TREATY
    cite(
        make_source(title="A treaty of 2009", kind=kind, date=datetime.date(2009, 1, 1))
    )
    cite(
        make_source(title="B treaty of 1855", kind=kind, date=datetime.date(1855, 2, 7))
    )
    cite(
        make_source(
            title="C treaty of 1945", kind=kind, date=datetime.date(1945, 2, 11)
        )
    )
    cite(make_source(title="Zeta study", kind=Source.Kind.SCHOLARSHIP))
    cite(make_source(title="Alpha study", kind=Source.Kind.SCHOLARSHIP))
    html = client.get(reverse("sources")).content.decode()
    assert entry_order(
        html, "A treaty of 2009", "B treaty of 1855", "C treaty of 1945"
    ) == ["B treaty of 1855", "C treaty of 1945", "A treaty of 2009"]
    assert entry_order(html, "Zeta study", "Alpha study") == [
        "Alpha study",
        "Zeta study",
    ]


def test_sources_filter_by_kind_and_language(client, db):
    cite(make_source(title="Japanese note", kind=Source.Kind.GOVERNMENT, language="ja"))
    cite(make_source(title="Russian note", kind=Source.Kind.GOVERNMENT, language="ru"))
    cite(
        make_source(title="English study", kind=Source.Kind.SCHOLARSHIP, language="en")
    )
    page = client.get(reverse("sources"), {"language": "ru"}).content.decode()
    assert "Russian note" in page
    assert "Japanese note" not in page and "English study" not in page
    page = client.get(reverse("sources"), {"kind": "scholarship"}).content.decode()
    assert "English study" in page and "Russian note" not in page
    assert '<option value="ja">Japanese</option>' in page


def test_a_bad_source_filter_is_a_form_error(client, db):
    cite(make_source(title="Japanese note", language="ja"))
    response = client.get(reverse("sources"), {"kind": "nonsense"})
    assert response.status_code == 400
    assert b"Some filters could not be used" in response.content


# A page per source


def test_source_page_shows_the_reference_note_and_what_cites_it(client, bibliography):
    book = bibliography["book"]
    book.note = "A history of the talks since 1945."
    book.save()
    make_status_item(source=book, label="Administration", slug="administration")
    document = make_document(title="Joint Declaration", source=book)
    position = make_position(
        country=make_country(name="Japan"), topic=make_topic(title="Legal basis")
    )
    make_statement(
        position=position,
        source=book,
        speaker_label="Ministry of Foreign Affairs of Japan",
        locator="p. 7",
    )
    response = client.get(book.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1><cite>Japanese-Soviet/Russian Relations since 1945</cite></h1>" in html
    assert "Kimie Hara" in html and "Routledge, 1998." in html
    assert "A history of the talks since 1945." in html
    assert 'href="/en/timeline/treaty-of-shimoda/"' in html
    assert "(7 February 1855)</span>, p. 12" in html
    assert f'href="{document.get_absolute_url()}"' in html
    assert "Ministry of Foreign Affairs of Japan" in html
    assert "(Japan on Legal basis)</span>, p. 7" in html
    assert 'href="/en/#status-administration"' in html
    assert 'href="/en/sources/#source-hara-1998"' in html
    assert 'href="/api/v1/cite/sources/hara-1998.ris"' in html


def test_source_page_never_shows_drafts(client, bibliography):
    book = bibliography["book"]
    make_status_item(source=book, label="Hidden fact", status=Status.DRAFT)
    make_document(title="Draft declaration", source=book, status=Status.DRAFT)
    html = client.get(book.get_absolute_url()).content.decode()
    assert "Secret draft event" not in html
    assert "Hidden fact" not in html
    assert "Draft declaration" not in html


@pytest.mark.parametrize(
    "slug", ["uncited", "draft-source", "scheduled-only", "no-such-source"]
)
def test_a_source_nothing_public_cites_has_no_page(client, bibliography, slug):
    response = client.get(reverse("source_detail", args=[slug]))
    assert response.status_code == 404


def test_a_source_cited_only_by_the_current_status_has_a_page(client, db):
    source = make_source(slug="status-only", title="Cited by a fact only")
    make_status_item(source=source, label="Administration")
    assert client.get(source.get_absolute_url()).status_code == 200
    assert "Cited by a fact only" in client.get(reverse("sources")).content.decode()


def test_the_bibliography_links_each_entry_to_its_page(client, bibliography):
    html = client.get(reverse("sources")).content.decode()
    assert 'class="source-page-link" href="/en/sources/shimoda-treaty/"' in html
    assert 'class="source-page-link" href="/en/sources/hara-1998/"' in html


def test_source_pages_are_in_the_sitemap_in_each_language(client, bibliography):
    xml = client.get("/sitemap.xml").content.decode()
    for language in ["en", "ja", "ru"]:
        assert f"/{language}/sources/hara-1998/</loc>" in xml
    assert "/sources/uncited/" not in xml
    assert "/sources/draft-source/" not in xml


def test_source_page_in_japanese(client, bibliography):
    html = client.get("/ja/sources/hara-1998/").content.decode()
    assert '<html lang="ja">' in html
    assert 'href="/ja/timeline/treaty-of-shimoda/"' in html


@override_settings(CACHE_MIDDLEWARE_SECONDS=600)
def test_source_page_is_cached_for_readers(client, bibliography):
    url = bibliography["book"].get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_source_page_queries_stay_flat(client, db):
    source = make_source(slug="busy")
    make_event(source=source)
    with CaptureQueriesContext(connection) as small:
        assert client.get(source.get_absolute_url()).status_code == 200
    era = make_era()
    for _ in range(30):
        make_event(era=era, source=source)
        make_statement(source=source)
    with CaptureQueriesContext(connection) as large:
        assert client.get(source.get_absolute_url()).status_code == 200
    assert len(small) == len(large) <= 12


def test_the_bibliography_counts_texts_and_says_so_in_each_language(
    client, bibliography
):
    book = bibliography["book"]
    make_document(title="Joint Declaration", source=book)
    make_document(title="Another declaration", source=book)
    html = client.get(reverse("sources")).content.decode()
    assert "Cited in: 1 event · the texts of 2 documents or articles</p>" in html
    html = client.get("/ja/sources/").content.decode()
    assert "出来事1件" in html and "文書・条文の本文2件" in html
    html = client.get("/ru/sources/").content.decode()
    assert "1 событие" in html and "тексты 2 документов или статей" in html
    assert "На него опираются:" in html
