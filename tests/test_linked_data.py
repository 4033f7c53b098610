"""JSON-LD on pages: it parses, says what the page is, and asserts no country."""

import datetime
import json
import re

import pytest
from django.urls import reverse

from .factories import (
    make_country,
    make_event,
    make_island,
    make_person,
    make_position,
    make_source,
    make_statement,
    make_topic,
)

pytestmark = pytest.mark.django_db

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def linked_data(client, url):
    response = client.get(url)
    assert response.status_code == 200
    blocks = LD_JSON.findall(response.content.decode())
    assert blocks, url
    items = []
    for block in blocks:
        data = json.loads(block)
        items += data if isinstance(data, list) else [data]
    return {item["@type"]: item for item in items}


def keys(data):
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from keys(value)
    elif isinstance(data, list):
        for value in data:
            yield from keys(value)


def test_an_event_page_is_an_article_with_breadcrumbs(client):
    event = make_event(slug="tokyo-declaration", title="Tokyo Declaration")
    data = linked_data(client, event.get_absolute_url())
    article = data["Article"]
    assert article["@context"] == "https://schema.org"
    assert article["headline"] == "Tokyo Declaration"
    assert article["url"] == "http://127.0.0.1:8000/en/timeline/tokyo-declaration/"
    assert article["license"] == "https://creativecommons.org/licenses/by/4.0/"
    trail = data["BreadcrumbList"]["itemListElement"]
    assert [crumb["name"] for crumb in trail] == [
        "Home",
        "Timeline",
        event.era.title,
        "Tokyo Declaration",
    ]
    assert [crumb["position"] for crumb in trail] == [1, 2, 3, 4]


def test_a_topic_page_is_an_article(client):
    position = make_position()
    data = linked_data(client, position.topic.get_absolute_url())
    assert data["Article"]["headline"] == position.topic.title
    assert data["Article"]["dateModified"].startswith(
        position.updated_at.date().isoformat()
    )
    assert data["BreadcrumbList"]["itemListElement"][1]["name"] == "Positions"


@pytest.fixture
def japan_on_two_topics():
    japan = make_country(slug="japan", name="Japan", name_ja="日本", name_ru="Япония")
    legal = make_position(country=japan, topic=make_topic(order=1))
    later = make_position(country=japan, topic=make_topic(order=2))
    make_position(country=make_country(slug="russia", name="Russia"), topic=legal.topic)
    quoted = make_statement(
        position=legal,
        speaker=make_person(name="Ichirō Hatoyama"),
        is_quotation=True,
        original_text="原文のままの言葉。",
        original_language="ja",
        text="The words in English.",
        text_ru="Слова по-русски.",
        date=datetime.date(1956, 10, 19),
        source=make_source(title="A record", url="https://example.org/record"),
    )
    make_statement(position=later, text="A paraphrase only.")
    make_statement(
        position=later,
        speaker_label="Ministry of Foreign Affairs of Japan",
        is_quotation=True,
        original_text="省の言葉。",
        original_language="ja",
        date=datetime.date(2001, 3, 25),
    )
    return japan, quoted


def test_a_country_page_is_an_article_with_its_verbatim_statements(
    client, japan_on_two_topics
):
    japan, quoted = japan_on_two_topics
    url = reverse("positions:country_detail", args=["japan"])
    data = linked_data(client, url)
    article = data["Article"]
    assert article["headline"] == "Japan: positions on every topic"
    assert article["description"].startswith("What Japan holds on each question")
    assert article["url"] == "http://127.0.0.1:8000/en/positions/countries/japan/"
    assert article["inLanguage"] == "en"
    assert article["dateModified"]
    first, by_a_body = article["hasPart"]
    assert first["@type"] == "Quotation"
    assert first["text"] == "原文のままの言葉。"
    assert first["inLanguage"] == "ja"
    assert first["spokenByCharacter"]["name"] == "Ichirō Hatoyama"
    assert first["url"].endswith(f"#statement-{quoted.pk}")
    assert first["workTranslation"]["text"] == "The words in English."
    assert by_a_body["creditText"] == "Ministry of Foreign Affairs of Japan"
    assert "A paraphrase only." not in json.dumps(data, ensure_ascii=False)
    trail = data["BreadcrumbList"]["itemListElement"]
    assert [crumb["name"] for crumb in trail] == ["Home", "Positions", "Japan"]
    assert trail[-1]["item"] == article["url"]


def test_a_country_page_in_russian_says_so(client, japan_on_two_topics):
    data = linked_data(client, "/ru/positions/countries/japan/")
    article = data["Article"]
    assert article["headline"] == "Япония: позиции по всем темам"
    assert article["inLanguage"] == "ru"
    assert article["url"] == "http://127.0.0.1:8000/ru/positions/countries/japan/"
    translation = article["hasPart"][0]["workTranslation"]
    assert translation == {
        "@type": "Quotation",
        "text": "Слова по-русски.",
        "inLanguage": "ru",
    }
    # Not yet translated into Russian: the English, marked as English.
    assert article["hasPart"][1]["workTranslation"]["inLanguage"] == "en"


def test_a_country_page_without_quotations_has_no_parts(client):
    position = make_position(country=make_country(slug="japan"))
    make_statement(position=position)
    data = linked_data(client, reverse("positions:country_detail", args=["japan"]))
    assert "hasPart" not in data["Article"]


def test_an_island_is_a_place_with_both_names_and_no_country(client):
    island = make_island(
        slug="shikotan",
        name_ja="Shikotan",
        name_ja_native="色丹島",
        name_ru="Shikotan",
        name_ru_native="Шикотан",
        latitude=43.8,
        longitude=146.7,
    )
    place = linked_data(client, island.get_absolute_url())["Place"]
    assert "色丹島" in place["alternateName"]
    assert "Шикотан" in place["alternateName"]
    assert place["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 43.8,
        "longitude": 146.7,
    }
    assert not {"containedInPlace", "addressCountry", "country", "address"} & set(
        keys(place)
    )


def test_the_data_page_is_a_dataset(client):
    make_event()
    dataset = linked_data(client, reverse("data"))["Dataset"]
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    downloads = {item["name"]: item for item in dataset["distribution"]}
    assert downloads["events.csv"]["encodingFormat"] == "text/csv"
    assert downloads["events.csv"]["contentUrl"].endswith("/api/v1/events.csv")
    assert "all.json" in downloads


def test_json_ld_cannot_close_its_script_element(client):
    event = make_event(title="</script><script>alert(1)</script>")
    html = client.get(event.get_absolute_url()).content.decode()
    block = LD_JSON.search(html).group(1)
    assert "<" not in block
    assert json.loads(block)[0]["headline"].startswith("</script>")


def test_the_shipped_pages_json_ld_parses(client, site_content):
    from timeline.models import Event, Island

    for event in Event.objects.published()[:5]:
        assert "Article" in linked_data(client, event.get_absolute_url())
    for island in Island.objects.all():
        assert "Place" in linked_data(client, island.get_absolute_url())
    from documents.models import Document
    from positions.models import Topic

    for document in Document.objects.published():
        assert "Legislation" in linked_data(client, document.get_absolute_url())
    for topic in Topic.objects.with_published_positions():
        assert "Article" in linked_data(client, topic.get_absolute_url())
    for slug in ["japan", "russia"]:
        url = reverse("positions:country_detail", args=[slug])
        assert "Quotation" in json.dumps(linked_data(client, url)["Article"])


VISIBLE_CRUMBS = re.compile(r'<p class="breadcrumbs">(.*?)</p>', re.S)
LINK_TEXT = re.compile(r"<a [^>]*>(.*?)</a>", re.S)
HOME = {"en": "Home", "ja": "ホーム", "ru": "Главная"}


@pytest.mark.parametrize("language", ["en", "ja", "ru"])
def test_breadcrumb_names_are_the_pages_language(client, site_content, language):
    """The JSON-LD trail names what the visible breadcrumbs name, in their language."""
    from html import unescape

    pages = [
        "/timeline/treaty-of-shimoda/",
        "/documents/treaty-of-shimoda/",
        "/positions/legal-basis-of-sovereignty/",
        "/islands/etorofu-iturup/",
        "/positions/countries/japan/",
    ]
    for page in pages:
        url = f"/{language}{page}"
        html = client.get(url).content.decode()
        visible = [
            unescape(text).strip()
            for text in LINK_TEXT.findall(VISIBLE_CRUMBS.search(html).group(1))
        ]
        trail = linked_data(client, url)["BreadcrumbList"]["itemListElement"]
        names = [crumb["name"] for crumb in trail]
        assert names[0] == HOME[language], url
        assert names[1:-1] == visible, url
        assert all(
            crumb["item"].startswith(f"http://127.0.0.1:8000/{language}/")
            for crumb in trail
        ), url


def test_the_data_pages_breadcrumbs_are_translated(client):
    make_event()
    trail = linked_data(client, "/ja/data/")["BreadcrumbList"]["itemListElement"]
    assert [crumb["name"] for crumb in trail] == ["ホーム", "オープンデータ"]
