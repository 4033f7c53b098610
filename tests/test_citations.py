"""Citations: CSL-JSON as the canonical form; RIS, BibTeX and three styles from it,
checked against examples written out by hand from the style guides."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import translation

from api import citations
from timeline.dates import DatePrecision
from timeline.models import Event, Source

from .factories import make_event, make_position, make_source, make_topic

pytestmark = pytest.mark.django_db

MODIFIED = datetime.datetime(2026, 3, 9, 10, 30, tzinfo=datetime.UTC)
ACCESSED = datetime.date(2026, 12, 1)
SITE = "Northern Territories / Southern Kurils: the dispute"


@pytest.fixture
def shimoda():
    return make_event(slug="treaty-of-shimoda", title="Treaty of Shimoda")


def styles(obj, title, updated=MODIFIED):
    item = citations.page_item(obj, title, updated, today=ACCESSED)
    return {key: (html, text) for key, _label, html, text in citations.styled(item)}


def test_an_event_page_in_chicago_apa_and_mla(shimoda):
    cited = styles(shimoda, "Treaty of Shimoda")
    url = "http://127.0.0.1:8000/en/timeline/treaty-of-shimoda/"
    assert cited["chicago"][1] == (
        f"“Treaty of Shimoda.” {SITE}. Last modified March 9, 2026. {url}."
    )
    assert cited["apa"][1] == f"{SITE}. (2026, March 9). Treaty of Shimoda. {url}"
    assert (
        cited["apa"][0] == f"{SITE}. (2026, March 9). <i>Treaty of Shimoda</i>. {url}"
    )
    assert cited["mla"][1] == (
        f"“Treaty of Shimoda.” {SITE}, 9 Mar. 2026, "
        "127.0.0.1:8000/en/timeline/treaty-of-shimoda/. Accessed 1 Dec. 2026."
    )
    assert cited["mla"][0].startswith(f"“Treaty of Shimoda.” <i>{SITE}</i>, 9 Mar.")


def test_a_question_keeps_its_own_mark_and_september_is_sept():
    topic = make_topic(slug="who-holds-them", title="Who holds the islands?")
    updated = datetime.datetime(2026, 9, 30, 23, 0, tzinfo=datetime.UTC)
    cited = styles(topic, topic.title, updated)
    url = "http://127.0.0.1:8000/en/positions/who-holds-them/"
    assert cited["chicago"][1] == (
        f"“Who holds the islands?” {SITE}. Last modified September 30, 2026. {url}."
    )
    assert cited["apa"][0] == (
        f"{SITE}. (2026, September 30). <i>Who holds the islands?</i> {url}"
    )
    assert cited["mla"][1] == (
        f"“Who holds the islands?” {SITE}, 30 Sept. 2026, "
        "127.0.0.1:8000/en/positions/who-holds-them/. Accessed 1 Dec. 2026."
    )


def test_a_page_without_a_date_says_so(shimoda):
    cited = styles(shimoda, "Treaty of Shimoda", updated=None)
    assert "Accessed December 1, 2026." in cited["chicago"][1]
    assert "(n.d.)" in cited["apa"][1]
    assert cited["mla"][1].startswith(f"“Treaty of Shimoda.” {SITE}, 127.0.0.1")


def test_titles_are_escaped_in_the_html_form(shimoda):
    cited = styles(shimoda, "Tom & <Jerry>")
    assert "Tom &amp; &lt;Jerry&gt;" in cited["apa"][0]
    assert "Tom & <Jerry>" in cited["apa"][1]


@pytest.fixture
def declaration():
    return make_source(
        slug="joint-declaration-1956",
        title="Joint Declaration by the USSR and Japan",
        author="USSR and Japan",
        publisher="United Nations Treaty Series",
        date=datetime.date(1956, 10, 19),
        kind=Source.Kind.TREATY,
        url="https://treaties.un.org/doc/example.pdf",
        language="en",
    )


def test_a_source_as_csl_json(declaration):
    assert citations.source_item(declaration) == {
        "id": "joint-declaration-1956",
        "type": "treaty",
        "title": "Joint Declaration by the USSR and Japan",
        "author": [{"literal": "USSR and Japan"}],
        "publisher": "United Nations Treaty Series",
        "issued": {"date-parts": [[1956, 10, 19]]},
        "URL": "https://treaties.un.org/doc/example.pdf",
        "language": "en",
    }


def test_a_source_as_ris(declaration):
    assert citations.ris(citations.source_item(declaration)) == (
        "TY  - GOVDOC\r\n"
        "AU  - USSR and Japan\r\n"
        "TI  - Joint Declaration by the USSR and Japan\r\n"
        "PB  - United Nations Treaty Series\r\n"
        "PY  - 1956\r\n"
        "DA  - 1956/10/19\r\n"
        "UR  - https://treaties.un.org/doc/example.pdf\r\n"
        "LA  - en\r\n"
        "ER  - \r\n"
    )


def test_a_press_source_as_bibtex_with_special_characters():
    source = make_source(
        slug="abe-putin-2016",
        title="Abe & Putin agree on 100% of nothing_yet",
        author="Kyodo News",
        publisher="The Japan Times",
        date=datetime.date(2016, 12, 1),
        date_precision=DatePrecision.MONTH,
        kind=Source.Kind.PRESS,
    )
    assert citations.bibtex(citations.source_item(source)) == (
        "@article{abe-putin-2016,\n"
        "  author = {{Kyodo News}},\n"
        r"  title = {{Abe \& Putin agree on 100\% of nothing\_yet}},"
        "\n"
        "  journal = {The Japan Times},\n"
        "  year = {2016},\n"
        "  month = dec,\n"
        "  language = {en}\n"
        "}\n"
    )


@pytest.mark.parametrize(
    "extension, media_type, start",
    [
        ("json", "application/vnd.citationstyles.csl+json", "["),
        ("ris", "application/x-research-info-systems", "TY  - GOVDOC"),
        ("bib", "application/x-bibtex", "@misc{joint-declaration-1956,"),
    ],
)
def test_a_source_cited_by_a_published_event_downloads(
    client, declaration, extension, media_type, start
):
    make_event(source=declaration)
    url = reverse("api:cite", args=["sources", declaration.slug, extension])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == f"{media_type}; charset=utf-8"
    assert response.content.decode().startswith(start)
    if extension == "json":
        assert json.loads(response.content)[0]["type"] == "treaty"


def test_event_and_topic_pages_download_as_csl_json(client, shimoda):
    data = client.get("/api/v1/cite/events/treaty-of-shimoda.json").json()
    assert data[0]["type"] == "webpage"
    assert data[0]["URL"] == "http://127.0.0.1:8000/en/timeline/treaty-of-shimoda/"
    position = make_position()
    data = client.get(f"/api/v1/cite/topics/{position.topic.slug}.json").json()
    assert data[0]["title"] == position.topic.title


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/cite/events/treaty-of-shimoda.pdf",
        "/api/v1/cite/novels/treaty-of-shimoda.json",
        "/api/v1/cite/events/no-such-event.ris",
        "/api/v1/cite/sources/uncited.bib",
    ],
)
def test_unknown_citations_are_a_404(client, shimoda, url):
    make_source(slug="uncited")
    assert client.get(url).status_code == 404


def test_event_page_offers_every_style_format_and_zotero_tags(client, shimoda):
    Event.objects.filter(pk=shimoda.pk).update(updated_at=MODIFIED)
    html = client.get(shimoda.get_absolute_url()).content.decode()
    for label in ["Chicago", "APA", "MLA"]:
        assert f">{label}</h3>" in html
    assert "Last modified March 9, 2026." in html
    assert "(2026, March 9). <i>Treaty of Shimoda</i>." in html
    for extension in ["json", "ris", "bib"]:
        assert f'href="/api/v1/cite/events/treaty-of-shimoda.{extension}"' in html
    assert '<meta name="citation_title" content="Treaty of Shimoda">' in html
    assert f'<meta name="citation_author" content="{SITE}">' in html
    assert '<meta name="citation_date" content="2026/03/09">' in html
    assert '<link rel="alternate" type="application/x-research-info-systems"' in html


def test_topic_page_has_zotero_tags(client):
    position = make_position()
    html = client.get(position.topic.get_absolute_url()).content.decode()
    assert f'<meta name="citation_title" content="{position.topic.title}">' in html
    assert ">MLA</h3>" in html


# The page's language


@pytest.fixture
def tokyo():
    event = make_event(
        slug="tokyo-declaration",
        title="Tokyo Declaration",
        title_ja="東京宣言",
        summary_ja="細川首相とエリツィン大統領が署名した。",
    )
    Event.objects.filter(pk=event.pk).update(updated_at=MODIFIED)
    return event


SITE_JA = "北方領土／南クリル：日露の領土問題"
SITE_RU = "Южные Курилы / «Северные территории»: территориальный спор"


def test_a_japanese_page_is_cited_with_its_title_name_and_address(client, tokyo):
    html = client.get("/ja/timeline/tokyo-declaration/").content.decode()
    url = "http://127.0.0.1:8000/ja/timeline/tokyo-declaration/"
    assert f"“東京宣言.” {SITE_JA}. Last modified March 9, 2026. {url}." in html
    assert f"{SITE_JA}. (2026, March 9). <i>東京宣言</i>. {url}" in html
    assert f"“東京宣言.” <i>{SITE_JA}</i>, 9 Mar. 2026, 127.0.0.1:8000/ja/" in html
    assert '<meta name="citation_title" content="東京宣言">' in html
    assert f'<meta name="citation_author" content="{SITE_JA}">' in html
    assert '<meta name="citation_language" content="ja">' in html
    assert f'<meta name="citation_public_url" content="{url}">' in html
    assert "ファイルは英語で、英語版のページを引用します。" in html


def test_an_untranslated_title_is_cited_in_english_on_a_russian_page(client, tokyo):
    html = client.get("/ru/timeline/tokyo-declaration/").content.decode()
    url = "http://127.0.0.1:8000/ru/timeline/tokyo-declaration/"
    assert f"“Tokyo Declaration.” {SITE_RU}. Last modified March 9, 2026. {url}." in (
        html
    )
    assert '<meta name="citation_title" content="Tokyo Declaration">' in html
    assert '<meta name="citation_language" content="en">' in html
    assert "Файлы — на английском языке" in html


def test_the_english_page_and_the_downloads_stay_english(client, tokyo):
    html = client.get("/en/timeline/tokyo-declaration/").content.decode()
    assert "“Tokyo Declaration.” " + SITE in html
    assert '<meta name="citation_language" content="en">' in html
    assert "The files are in English" not in html
    with translation.override("ja"):
        item = client.get("/api/v1/cite/events/tokyo-declaration.json").json()[0]
    assert item["title"] == "Tokyo Declaration"
    assert item["author"] == [{"literal": SITE}]
    assert item["language"] == "en"
    assert item["URL"] == "http://127.0.0.1:8000/en/timeline/tokyo-declaration/"
