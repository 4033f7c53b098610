"""Documents and their articles in the open data: the endpoints, their filters,
all.json, citations and JSON-LD; drafts never shown; queries flat as documents grow."""

import csv
import datetime
import io
import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from api import citations
from documents.models import Document
from editorial.models import Status

from .factories import (
    make_article,
    make_article_text,
    make_country,
    make_document,
    make_person,
    make_position,
    make_source,
    make_statement,
)
from .test_api import DRAFT_MARKS, all_results
from .test_api_query_counts import count_queries
from .test_linked_data import linked_data
from .test_open_data_downloads import download

pytestmark = pytest.mark.django_db

ACCESSED = datetime.date(2026, 12, 1)


def test_a_document_links_to_its_parties_signatories_event_source_and_articles(
    client, api_world
):
    item = client.get("/api/v1/documents/joint-declaration-1956/").json()
    assert item["parties"] == [
        "http://testserver/api/v1/countries/japan/",
        "http://testserver/api/v1/countries/ussr/",
    ]
    assert item["signatories"] == ["http://testserver/api/v1/people/hatoyama/"]
    assert item["event"] == "http://testserver/api/v1/events/joint-declaration/"
    assert item["source"] == (
        "http://testserver/api/v1/sources/joint-declaration-text/"
    )
    assert item["authentic_languages"] == ["ja", "ru"]
    # The draft article is not linked.
    assert item["articles"] == [
        "http://testserver/api/v1/articles/joint-declaration-1956.article-9/"
    ]
    assert item["page"] == "http://testserver/en/documents/joint-declaration-1956/"
    for url in [*item["parties"], *item["signatories"], item["event"], item["source"]]:
        assert client.get(url.removeprefix("http://testserver")).status_code == 200


def test_an_article_holds_its_texts_by_language_with_their_standing(client, api_world):
    url = "/api/v1/articles/joint-declaration-1956.article-9/"
    item = client.get(url).json()
    assert item["id"] == "joint-declaration-1956.article-9"
    assert item["document"] == (
        "http://testserver/api/v1/documents/joint-declaration-1956/"
    )
    assert item["page"] == (
        "http://testserver/en/documents/joint-declaration-1956/#article-9"
    )
    # The authentic language first, then the translation.
    assert [text["language"] for text in item["texts"]] == ["ja", "en"]
    japanese, english = item["texts"]
    assert japanese["authenticity"] == "authentic"
    assert japanese["verification"] == "full"
    assert english["authenticity"] == "unofficial"
    assert english["translator"] == "United Nations Secretariat"
    assert english["source"] == (
        "http://testserver/api/v1/sources/joint-declaration-text/"
    )


def test_a_not_verified_text_shows_no_wording_and_cites_where_it_is(client):
    article = make_article(document=make_document(slug="ussr-constitution"))
    make_article_text(
        article=article,
        language="ru",
        authenticity="original",
        verification="not-verified",
        text="",
        source=make_source(slug="constitution-text"),
    )
    item = all_results(client, "/api/v1/articles/")[0]
    assert item["texts"][0]["verification"] == "not-verified"
    assert item["texts"][0]["text"] == ""
    assert item["texts"][0]["source"].endswith("/api/v1/sources/constitution-text/")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/documents/draft-document/",
        "/api/v1/articles/draft-document.hidden-article/",
        "/api/v1/articles/joint-declaration-1956.draft-article/",
        "/api/v1/people/draft-signatory/",
        "/api/v1/sources/draft-document-source/",
        "/api/v1/sources/draft-article-source/",
        "/api/v1/cite/documents/draft-document.json",
        "/api/v1/cite/articles/draft-document/hidden-article.ris",
        "/api/v1/cite/articles/joint-declaration-1956/draft-article.bib",
        "/api/v1/cite/articles/joint-declaration-1956/article-9.pdf",
    ],
)
def test_drafts_and_what_only_they_use_are_not_found(client, api_world, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW])
def test_an_unpublished_document_hides_every_article(client, status):
    document = make_document(slug="unpublished", status=status)
    make_article_text(article=make_article(document=document, slug="article-1"))
    scheduled = make_document(
        slug="scheduled",
        published_at=datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC),
    )
    make_article(document=scheduled, slug="article-1")
    assert client.get("/api/v1/documents/").json()["count"] == 0
    assert client.get("/api/v1/articles/").json()["count"] == 0
    text = client.get(reverse("api:bulk")).content.decode()
    assert "unpublished" not in text
    assert "scheduled" not in text


def test_no_draft_document_or_article_anywhere_in_the_lists_or_all_json(
    client, api_world
):
    texts = [
        json.dumps(all_results(client, f"/api/v1/{name}/"), ensure_ascii=False)
        for name in ("documents", "articles", "people", "countries", "sources")
    ]
    texts.append(client.get(reverse("api:bulk")).content.decode())
    for text in texts:
        for mark in DRAFT_MARKS:
            assert mark not in text, mark


def test_the_article_texts_table_has_one_row_per_published_text(client, api_world):
    _, text = download(client, "/api/v1/article_texts.csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(row["document"], row["article"], row["language"]) for row in rows] == [
        ("joint-declaration-1956", "article-9", "en"),
        ("joint-declaration-1956", "article-9", "ja"),
    ]
    assert rows[0]["translator"] == "United Nations Secretariat"


def test_all_json_holds_documents_and_articles_as_the_lists_do(client, api_world):
    data = json.loads(client.get(reverse("api:bulk")).content)
    for name in ("documents", "articles"):
        assert data[name] == all_results(client, f"/api/v1/{name}/"), name
        assert data[name]


def test_document_filters(client):
    japan = make_country(slug="japan")
    make_document(slug="shimoda", date=datetime.date(1855, 2, 7), parties=[japan])
    make_document(slug="potsdam", kind="declaration", date=datetime.date(1945, 7, 26))

    def slugs(query):
        return [
            item["slug"] for item in all_results(client, f"/api/v1/documents/?{query}")
        ]

    assert slugs("") == ["shimoda", "potsdam"]
    assert slugs("party=japan") == ["shimoda"]
    assert slugs("kind=declaration") == ["potsdam"]
    assert slugs("year_from=1900") == ["potsdam"]
    assert slugs("year_to=1900") == ["shimoda"]


def test_article_filters(client):
    document = make_document(slug="treaty")
    other = make_document(slug="other")
    both = make_article(document=document, slug="both", order=1)
    make_article_text(article=both, language="ja")
    make_article_text(
        article=both, language="ru", verification="excerpt", text="The … clause."
    )
    only_ja = make_article(document=document, slug="only-ja", order=2)
    make_article_text(article=only_ja, language="ja")
    make_article_text(article=make_article(document=other, slug="elsewhere"))

    def ids(query):
        return [
            item["id"] for item in all_results(client, f"/api/v1/articles/?{query}")
        ]

    assert ids("document=treaty") == ["treaty.both", "treaty.only-ja"]
    assert ids("document=treaty&language=ru") == ["treaty.both"]
    assert ids("verification=excerpt") == ["treaty.both"]
    # An article that matches keeps all its texts.
    item = client.get("/api/v1/articles/?language=ru").json()["results"][0]
    assert [text["language"] for text in item["texts"]] == ["ja", "ru"]


@pytest.mark.parametrize(
    "url, field",
    [
        ("/api/v1/documents/?kind=novel", "kind"),
        ("/api/v1/documents/?party=atlantis", "party"),
        ("/api/v1/documents/?year_from=abc", "year_from"),
        ("/api/v1/documents/?year_to=99999", "year_to"),
        ("/api/v1/articles/?document=draft-document", "document"),
        ("/api/v1/articles/?document=%00", "document"),
        ("/api/v1/articles/?language=xx", "language"),
        ("/api/v1/articles/?verification=probably", "verification"),
    ],
)
def test_bad_filters_are_a_400_naming_the_parameter(client, api_world, url, field):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert field in response.json()


def test_lists_are_paged_like_the_others(client):
    document = make_document(slug="long-treaty")
    for number in range(1, 8):
        make_article(document=document, slug=f"article-{number}", order=number)
    data = client.get("/api/v1/articles/?page_size=5").json()
    assert data["count"] == 7
    assert len(data["results"]) == 5
    assert data["next"].endswith("/api/v1/articles/?page=2&page_size=5")
    assert client.get("/api/v1/articles/?page=9").status_code == 404


def test_the_schema_lists_the_new_endpoints_and_their_filters(client):
    import yaml
    from openapi_spec_validator import validate

    schema = yaml.safe_load(client.get(reverse("api:schema")).content)
    validate(schema)
    assert {
        "/api/v1/documents/",
        "/api/v1/documents/{slug}/",
        "/api/v1/articles/",
        "/api/v1/articles/{id}/",
    } <= set(schema["paths"])

    def parameters(path):
        return {p["name"] for p in schema["paths"][path]["get"]["parameters"]}

    assert {"kind", "party", "year_from", "year_to", "page", "page_size"} <= (
        parameters("/api/v1/documents/")
    )
    assert {"document", "language", "verification", "page"} <= parameters(
        "/api/v1/articles/"
    )


# Citations


@pytest.fixture
def declaration():
    japan = make_country(slug="japan", name="Japan", order=1)
    ussr = make_country(slug="ussr", name="USSR", order=2)
    document = make_document(
        slug="joint-declaration-1956",
        title="Japan–Soviet Joint Declaration",
        title_ja="日ソ共同宣言",
        title_ru="Советско-японская декларация 1956 года",
        authentic_languages="ja, ru",
        parties=[japan, ussr],
    )
    article = make_article(document=document, slug="article-9", label="Article 9")
    return document, article


def test_a_document_as_a_csl_json_treaty_with_its_original_titles(declaration):
    document, _ = declaration
    assert citations.document_item(document, today=ACCESSED) == {
        "id": "document-joint-declaration-1956",
        "type": "treaty",
        "title": "Japan–Soviet Joint Declaration",
        "original-title": "日ソ共同宣言 / Советско-японская декларация 1956 года",
        "author": [{"literal": "Japan"}, {"literal": "USSR"}],
        "issued": {"date-parts": [[1956, 10, 19]]},
        "URL": "http://127.0.0.1:8000/en/documents/joint-declaration-1956/",
        "source": "Northern Territories / Southern Kurils: the dispute",
        "language": "ja",
        "accessed": {"date-parts": [[2026, 12, 1]]},
    }


@pytest.mark.parametrize(
    "languages, original",
    [
        ("ru, ja", "Советско-японская декларация 1956 года / 日ソ共同宣言"),
        ("ja", "日ソ共同宣言"),
        ("en, ja", None),  # English is authentic: its title is an original
        ("", None),  # not verified: no title is put forward as the original
        ("fr", None),  # no title held in French
    ],
)
def test_which_titles_are_original(declaration, languages, original):
    document, _ = declaration
    document.authentic_languages = languages
    assert citations.document_item(document).get("original-title") == original


def test_an_article_as_ris_and_bibtex(declaration):
    _, article = declaration
    item = citations.article_item(article, today=ACCESSED)
    assert item["section"] == "Article 9"
    assert citations.ris(item) == (
        "TY  - GOVDOC\r\n"
        "AU  - Japan\r\n"
        "AU  - USSR\r\n"
        "TI  - Japan–Soviet Joint Declaration, Article 9\r\n"
        "PY  - 1956\r\n"
        "DA  - 1956/10/19\r\n"
        "UR  - http://127.0.0.1:8000/en/documents/joint-declaration-1956/#article-9\r\n"
        "Y2  - 2026/12/01\r\n"
        "LA  - ja\r\n"
        "N1  - Original title: 日ソ共同宣言 / "
        "Советско-японская декларация 1956 года\r\n"
        "ER  - \r\n"
    )
    assert citations.bibtex(item) == (
        "@misc{document-joint-declaration-1956.article-9,\n"
        "  author = {{Japan} and {USSR}},\n"
        "  title = {{Japan–Soviet Joint Declaration, Article 9}},\n"
        "  origtitle = {{日ソ共同宣言 / Советско-японская декларация 1956 года}},\n"
        "  year = {1956},\n"
        "  month = oct,\n"
        "  date = {1956-10-19},\n"
        "  url = {http://127.0.0.1:8000/en/documents/joint-declaration-1956/#article-9},\n"
        "  urldate = {2026-12-01},\n"
        "  language = {ja}\n"
        "}\n"
    )


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/cite/documents/joint-declaration-1956",
        "/api/v1/cite/articles/joint-declaration-1956/article-9",
    ],
)
@pytest.mark.parametrize(
    "extension, media_type, start",
    [
        ("json", "application/vnd.citationstyles.csl+json", "["),
        ("ris", "application/x-research-info-systems", "TY  - GOVDOC"),
        ("bib", "application/x-bibtex", "@misc{document-joint-declaration-1956"),
    ],
)
def test_citations_download_with_their_content_types(
    client, declaration, path, extension, media_type, start
):
    response = client.get(f"{path}.{extension}")
    assert response.status_code == 200
    assert response["Content-Type"] == f"{media_type}; charset=utf-8"
    assert response.content.decode().startswith(start)
    if extension == "json":
        assert json.loads(response.content)[0]["type"] == "treaty"


def test_the_api_links_to_the_citations(client, declaration):
    document = client.get("/api/v1/documents/joint-declaration-1956/").json()
    article = client.get("/api/v1/articles/joint-declaration-1956.article-9/").json()
    for item in (document, article):
        for url in item["cite"].values():
            assert client.get(url.removeprefix("http://testserver")).status_code == 200


def test_the_document_page_offers_the_treaty_citation_downloads(client, declaration):
    document, _ = declaration
    html = client.get(document.get_absolute_url()).content.decode()
    assert 'href="/api/v1/cite/documents/joint-declaration-1956.ris"' in html
    assert 'href="/api/v1/cite/documents/joint-declaration-1956.bib"' in html


def test_the_document_page_has_zotero_tags_for_the_treaty(client, declaration):
    document, _ = declaration
    html = client.get(document.get_absolute_url()).content.decode()
    assert (
        '<meta name="citation_title" content="Japan–Soviet Joint Declaration">' in html
    )
    assert '<meta name="citation_author" content="Japan">' in html
    assert '<meta name="citation_author" content="USSR">' in html
    assert '<meta name="citation_date" content="1956/10/19">' in html
    assert '<meta name="citation_language" content="ja">' in html
    assert (
        '<meta name="citation_public_url" '
        'content="http://127.0.0.1:8000/en/documents/joint-declaration-1956/">'
    ) in html
    assert (
        '<link rel="alternate" type="application/x-research-info-systems" '
        'title="Citation (RIS)" '
        'href="/api/v1/cite/documents/joint-declaration-1956.ris">'
    ) in html


def article_box(html, slug):
    start = html.index(f'<section class="document-article" id="{slug}"')
    return html[start : html.index("</section>", start)]


def test_each_article_box_links_the_articles_citation_files(client, declaration):
    document, article = declaration
    make_article_text(article=article, language="ja")
    response = client.get(document.get_absolute_url())
    box = article_box(response.content.decode(), "article-9")
    api = client.get("/api/v1/articles/joint-declaration-1956.article-9/").json()
    for name, extension, media_type in [
        ("csl_json", "json", "application/vnd.citationstyles.csl+json"),
        ("ris", "ris", "application/x-research-info-systems"),
        ("bibtex", "bib", "application/x-bibtex"),
    ]:
        url = f"/api/v1/cite/articles/joint-declaration-1956/article-9.{extension}"
        assert api["cite"][name] == f"http://testserver{url}"
        assert f'<a href="{url}" type="{media_type}" download>' in box
        assert client.get(url).status_code == 200
    assert '<span class="visually-hidden"> (Article 9)</span>' in box


def test_a_draft_article_in_preview_offers_no_citation_files(admin_client):
    document = make_document(slug="joint-declaration-1956")
    make_article(document=document, slug="draft-article", status=Status.DRAFT)
    html = admin_client.get(document.get_absolute_url()).content.decode()
    start = html.index('id="draft-article"')
    box = html[start : html.index("</section>", start)]
    assert "Cite Draft Article" in box
    assert "/api/v1/cite/articles/" not in box


# JSON-LD


def test_a_document_page_is_legislation_with_its_titles_and_articles(
    client, declaration
):
    document, _ = declaration
    make_article(document=document, slug="draft-article", status=Status.DRAFT)
    data = linked_data(client, document.get_absolute_url())
    legislation = data["Legislation"]
    assert legislation["@context"] == "https://schema.org"
    assert legislation["name"] == "Japan–Soviet Joint Declaration"
    assert legislation["alternateName"] == [
        "日ソ共同宣言",
        "Советско-японская декларация 1956 года",
    ]
    assert legislation["legislationDate"] == "1956-10-19"
    assert legislation["inLanguage"] == ["ja", "ru"]
    assert legislation["url"] == (
        "http://127.0.0.1:8000/en/documents/joint-declaration-1956/"
    )
    assert [part["url"] for part in legislation["hasPart"]] == [
        "http://127.0.0.1:8000/en/documents/joint-declaration-1956/#article-9"
    ]
    assert data["BreadcrumbList"]["itemListElement"][1]["name"] == "Documents"


def test_verbatim_statements_on_a_topic_page_are_quotations(client):
    position = make_position()
    speaker = make_person(name="Ichirō Hatoyama")
    quoted = make_statement(
        position=position,
        speaker=speaker,
        is_quotation=True,
        original_text="The words as said.",
        original_language="ja",
        text="The words in English.",
        date=datetime.date(1956, 10, 19),
        source=make_source(title="A record", url="https://example.org/record"),
    )
    make_statement(position=position, text="A paraphrase only.", locator="p. 2")
    make_statement(
        position=position,
        speaker_label="Ministry of Foreign Affairs of Japan",
        is_quotation=True,
        original_text="Words of a ministry.",
        original_language="ja",
        date=datetime.date(1957, 1, 1),
    )
    data = linked_data(client, position.topic.get_absolute_url())
    quotations = data["Article"]["hasPart"]
    assert len(quotations) == 2
    quotation, by_a_body = quotations
    assert by_a_body["creditText"] == "Ministry of Foreign Affairs of Japan"
    assert "spokenByCharacter" not in by_a_body
    assert quotation["@type"] == "Quotation"
    assert quotation["text"] == "The words as said."
    assert quotation["inLanguage"] == "ja"
    assert quotation["spokenByCharacter"] == {
        "@type": "Person",
        "name": "Ichirō Hatoyama",
    }
    assert quotation["dateCreated"] == "1956-10-19"
    assert quotation["url"].endswith(f"#statement-{quoted.pk}")
    assert quotation["citation"]["url"] == "https://example.org/record"
    assert quotation["workTranslation"] == {
        "@type": "Quotation",
        "text": "The words in English.",
        "inLanguage": "en",
    }
    assert "A paraphrase only." not in json.dumps(data, ensure_ascii=False)


def test_a_topic_page_without_quotations_has_no_parts(client):
    position = make_position()
    make_statement(position=position)
    assert (
        "hasPart"
        not in linked_data(client, position.topic.get_absolute_url())["Article"]
    )


# Query counts


def build_documents(count):
    parties = [make_country(), make_country()]
    signatory = make_person()
    source = make_source()
    for i in range(count):
        document = make_document(
            date=datetime.date(1855, 1, 1) + datetime.timedelta(days=400 * i),
            source=source,
            parties=parties,
        )
        document.signatories.set([signatory])
        for number in range(3):
            article = make_article(document=document, order=number)
            make_article_text(article=article, language="ja", source=source)
            make_article_text(article=article, language="ru", source=source)
        make_article(document=document, status=Status.DRAFT)


DOCUMENT_URLS = [
    "/api/v1/documents/",
    "/api/v1/documents/?page_size=500",
    "/api/v1/documents/?party={party}&kind=treaty&year_from=1800&year_to=2100",
    "/api/v1/articles/",
    "/api/v1/articles/?page_size=500",
    "/api/v1/articles/?document={document}&language=ja&verification=full",
    "/api/v1/documents/{document}/",
    "/api/v1/articles/{document}.{article}/",
    "/api/v1/cite/documents/{document}.ris",
    "/api/v1/cite/articles/{document}/{article}.json",
    "/api/v1/all.json",
    "/api/v1/documents.csv",
    "/api/v1/article_texts.csv",
    "/api/v1/datapackage.json",
    "/api/v1/people/",
    "/api/v1/countries/",
    "/api/v1/sources/",
]


@pytest.mark.parametrize("url", DOCUMENT_URLS)
def test_queries_are_the_same_with_3_and_30_documents(client, url):
    from .test_api_query_counts import LIMITS, MAX_QUERIES

    build_documents(3)
    first = Document.objects.order_by("date").first()
    names = {
        "document": first.slug,
        "article": first.articles.order_by("order").first().slug,
        "party": first.parties.first().slug,
    }
    with_3 = count_queries(client, url.format(**names))
    build_documents(27)
    cache.clear()
    with_30 = count_queries(client, url.format(**names))
    assert with_3 == with_30 <= LIMITS.get(url, MAX_QUERIES)
