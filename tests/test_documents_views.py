import datetime
import re

import pytest
from django.urls import reverse

from editorial.models import Status

from .factories import (
    make_article,
    make_article_text,
    make_country,
    make_document,
    make_editor,
    make_event,
    make_person,
    make_position,
    make_source,
    make_statement,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def declaration():
    """A published document with two published articles, a draft one and readings."""
    japan, russia = (
        make_country(slug="japan", order=1),
        make_country(slug="russia", order=2),
    )
    event = make_event(slug="signing")
    document = make_document(
        slug="joint-declaration-1956",
        title="Joint Declaration",
        authentic_languages="ja, ru",
        event=event,
        parties=[japan, russia],
    )
    article_1 = make_article(document=document, slug="article-1", label="Article 1")
    article_9 = make_article(
        document=document, slug="article-9", label="Article 9", order=9
    )
    draft = make_article(
        document=document, slug="article-10", label="Article 10", status=Status.DRAFT
    )
    make_article_text(
        article=article_9, language="ja", text="歯舞群島及び色丹島を日本国に引き渡す"
    )
    make_article_text(
        article=article_9,
        language="ru",
        text="… передачу Японии …",
        verification="excerpt",
    )
    make_article_text(
        article=article_9,
        language="en",
        authenticity="unofficial",
        translator="UN Secretariat",
        text="agrees to transfer to Japan",
    )
    make_article_text(article=article_1, language="ja", text="戦争状態は終了する")
    make_article_text(
        article=article_1, language="ru", verification="not-verified", text=""
    )
    make_article_text(article=draft, language="ja", text="SECRET DRAFT WORDING")
    japan_1960 = make_statement(
        position=make_position(country=japan),
        date=datetime.date(1960, 2, 1),
        text="JAPAN READS ARTICLE 9, LATER",
        article=article_9,
    )
    japan_1956 = make_statement(
        position=japan_1960.position,
        date=datetime.date(1956, 10, 19),
        text="JAPAN READS ARTICLE 9, FIRST",
        article=article_9,
    )
    russia_1960 = make_statement(
        position=make_position(country=russia, topic=japan_1960.position.topic),
        date=datetime.date(1960, 1, 27),
        text="RUSSIA READS ARTICLE 9",
        article=article_9,
    )
    make_statement(
        position=make_position(country=russia, status=Status.DRAFT),
        date=datetime.date(1961, 1, 1),
        text="A DRAFT POSITION'S READING",
        article=article_9,
    )
    return {
        "document": document,
        "articles": [article_1, article_9],
        "draft": draft,
        "readings": [japan_1956, japan_1960, russia_1960],
        "event": event,
    }


def test_the_list_shows_published_documents_by_date(client, declaration):
    older = make_document(title="Treaty of Shimoda", date=datetime.date(1855, 2, 7))
    make_document(title="DRAFT TREATY", status=Status.DRAFT)
    response = client.get(reverse("documents:document_list"))
    assert response.status_code == 200
    assert list(response.context["document_list"]) == [older, declaration["document"]]
    html = response.content.decode()
    assert "DRAFT TREATY" not in html
    assert "Japan" in html and "Declaration" in html


def test_the_page_shows_every_article_in_its_languages_with_lang(client, declaration):
    response = client.get(declaration["document"].get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    for article in declaration["articles"]:
        section = re.search(
            rf'<section[^>]*id="{article.slug}".*?</section>\s*(?=<section|</div>)',
            html,
            re.S,
        )
        assert section, article.slug
        for text in article.texts.all():
            if text.is_verified:
                assert f'lang="{text.language}">' in section.group(0)
                assert text.text.split("…")[-1].strip()[:5] in section.group(0)
    # The columns line up: authentic languages first, then the translations.
    assert [language["code"] for language in response.context["languages"]] == [
        "ja",
        "ru",
        "en",
    ]
    assert 'lang="ja">' in html and 'lang="ru">' in html and 'lang="en">' in html
    assert 'href="#article-9"' in html
    assert "is not verified here" in html  # Article 1's Russian text
    assert "Unofficial translation by UN Secretariat" in html
    assert "Cite Article 9" in html and "#article-9 (accessed" in html


def side_column(html):
    return re.search(r'<aside class="side-col".*?</aside>', html, re.S).group(0)


def test_the_side_column_gives_the_facts_and_the_articles(client, declaration):
    document = declaration["document"]
    document.place = "Moscow"
    document.place_ja = "モスクワ"
    document.save()
    document.signatories.set([make_person(name="Ichirō Hatoyama")])
    html = client.get(document.get_absolute_url()).content.decode()
    aside = side_column(html)
    assert 'class="event with-aside"' not in html
    assert 'class="document with-aside"' in html
    for words in (
        "At a glance",
        "Date signed",
        '<time datetime="1956-10-19">19 October 1956</time>',
        "Kind</dt><dd>Treaty</dd>",
        "Parties",
        "Ichirō Hatoyama",
        "Moscow",
        f'href="{declaration["event"].era.get_absolute_url()}"',
        f'href="{declaration["event"].get_absolute_url()}"',
        "Languages of the texts</dt><dd>Japanese, Russian, English</dd>",
        "Japanese and Russian",
    ):
        assert words in aside, words
    contents = re.search(r'class="side-box document-contents".*?</nav>', aside, re.S)
    links = re.findall(r'<a href="#([\w-]+)">', contents.group(0))
    assert links == ["article-1", "article-9"]  # the draft article is left out
    for slug in links:
        assert f'id="{slug}"' in html

    html = client.get("/ja" + document.get_absolute_url()[3:]).content.decode()
    aside = side_column(html)
    assert "概要" in aside and "署名日" in aside and "条文の言語" in aside
    assert "モスクワ" in aside
    assert "日本語, ロシア語, 英語" in aside
    html = client.get("/ru" + document.get_absolute_url()[3:]).content.decode()
    assert "Дата подписания" in side_column(html)


def test_a_statute_was_adopted_not_signed(client):
    statute = make_document(kind="statute", date=datetime.date(2020, 7, 4))
    aside = side_column(client.get(statute.get_absolute_url()).content.decode())
    assert "Date adopted" in aside and "Date signed" not in aside
    assert "document-contents" not in aside  # no published articles, no contents


def test_readings_show_each_sides_statements_in_date_order(client, declaration):
    html = client.get(declaration["document"].get_absolute_url()).content.decode()
    readings = html[html.index('id="article-9-readings"') :]
    assert readings.index("JAPAN READS ARTICLE 9, FIRST") < readings.index(
        "JAPAN READS ARTICLE 9, LATER"
    )
    japan = readings.index("reading-side country-japan")
    russia = readings.index("reading-side country-russia")
    assert japan < readings.index("JAPAN READS ARTICLE 9, LATER") < russia
    assert russia < readings.index("RUSSIA READS ARTICLE 9")
    assert "A DRAFT POSITION&#x27;S READING" not in html
    assert "A DRAFT POSITION'S READING" not in html
    # Article 1 has no readings: no empty section.
    assert 'id="article-1-readings"' not in html


def test_a_statement_links_back_to_the_article_it_reads(client, declaration):
    statement = declaration["readings"][0]
    html = client.get(statement.position.topic.get_absolute_url()).content.decode()
    assert f'href="{statement.article.get_absolute_url()}"' in html


def test_drafts_appear_nowhere_public(client, declaration):
    hidden_document = make_document(
        slug="hidden-treaty",
        title="HIDDEN TREATY",
        status=Status.DRAFT,
        event=declaration["event"],
    )
    make_article_text(
        article=make_article(document=hidden_document, label="HIDDEN ARTICLE"),
        source=make_source(title="HIDDEN SOURCE"),
    )
    draft_text = "SECRET DRAFT WORDING"
    pages = [
        reverse("documents:document_list"),
        declaration["document"].get_absolute_url(),
        declaration["event"].get_absolute_url(),
        reverse("sources"),
        reverse("django.contrib.sitemaps.views.sitemap"),
        reverse("document_feed"),
        reverse("document_feed_atom"),
        reverse("search") + "?q=HIDDEN",
        reverse("search") + "?q=Article",
        reverse("home"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for secret in (
            draft_text,
            "HIDDEN TREATY",
            "HIDDEN ARTICLE",
            "HIDDEN SOURCE",
            "Article 10",
            "hidden-treaty",
        ):
            assert secret not in html, (url, secret)
    assert client.get(hidden_document.get_absolute_url()).status_code == 404


def test_staff_preview_a_draft_document_and_its_draft_articles(client, declaration):
    client.force_login(make_editor())
    response = client.get(declaration["document"].get_absolute_url())
    html = response.content.decode()
    assert "SECRET DRAFT WORDING" in html and "Not public" in html
    assert "no-cache" in response["Cache-Control"]
    hidden = make_document(slug="hidden", status=Status.DRAFT)
    response = client.get(hidden.get_absolute_url())
    assert response.status_code == 200
    assert "Draft — not public" in response.content.decode()


def test_the_signing_event_links_to_the_document_and_its_articles(client, declaration):
    html = client.get(declaration["event"].get_absolute_url()).content.decode()
    document = declaration["document"]
    assert f'href="{document.get_absolute_url()}"' in html
    for article in declaration["articles"]:
        assert f'href="{article.get_absolute_url()}"' in html
    assert declaration["draft"].get_absolute_url() not in html


def test_the_document_links_to_its_event_and_bibliography(client, declaration):
    document = declaration["document"]
    document.source = make_source(title="The Declaration's Text")
    document.save()
    html = client.get(document.get_absolute_url()).content.decode()
    assert f'href="{declaration["event"].get_absolute_url()}"' in html
    assert "The Declaration&#x27;s Text" in html or "The Declaration's Text" in html
    sources = client.get(document.source.get_absolute_url()).content.decode()
    assert f'href="{document.get_absolute_url()}"' in sources
    text = declaration["articles"][1].texts.first()
    assert (
        f'href="{text.article.get_absolute_url()}"'
        in client.get(text.source.get_absolute_url()).content.decode()
    )


def test_documents_and_articles_are_found_by_search(client, declaration):
    response = client.get(reverse("search"), {"q": "Joint Declaration"})
    keys = {group.type.key: group.count for group in response.context["groups"]}
    assert keys["document"] == 1
    assert keys["article"] == 2  # Article 10 is a draft


def test_sitemap_and_feeds_list_the_published_documents(client, declaration):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert declaration["document"].get_absolute_url() in sitemap
    assert reverse("documents:document_list") in sitemap
    for name in ("document_feed", "document_feed_atom"):
        feed = client.get(reverse(name)).content.decode()
        assert declaration["document"].get_absolute_url() in feed


@pytest.mark.parametrize(
    "path",
    [
        "/en/documents/atlantis/",
        "/en/documents/%00/",
        "/en/documents/%F0%9F%92%A5/",
        "/en/documents/joint-declaration-1956/../../admin/",
    ],
)
def test_bad_addresses_are_not_found(client, declaration, path):
    assert client.get(path).status_code in (301, 404)


def test_the_page_is_served_from_the_cache_to_readers(client, declaration, settings):
    settings.CACHE_MIDDLEWARE_SECONDS = 600
    url = declaration["document"].get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    declaration["articles"][0].save()
    assert client.get(url)["X-Page-Cache"] == "miss"
