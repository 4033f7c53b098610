"""JSON-LD on pages: it parses, says what the page is, and asserts no country."""

import json
import re

import pytest
from django.urls import reverse

from .factories import make_event, make_island, make_position

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
