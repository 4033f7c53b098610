"""RSS and Atom feeds of events, and the sitemap: published content only."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from editorial.models import Status
from timeline.models import Event

from .factories import (
    make_country,
    make_era,
    make_event,
    make_island,
    make_position,
    make_topic,
)

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def events():
    era = make_era(slug="post-soviet")
    older = make_event(slug="tokyo-declaration", title="Tokyo Declaration", era=era)
    newer = make_event(slug="irkutsk-statement", title="Irkutsk Statement", era=era)
    Event.objects.filter(pk=older.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=2)
    )
    make_event(slug="secret-draft", title="Secret draft", era=era, status=Status.DRAFT)
    make_event(
        slug="scheduled",
        title="Scheduled event",
        era=era,
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    return older, newer


def get_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, ET.fromstring(response.content)


def test_rss_feed_lists_published_events_most_recently_updated_first(client, events):
    response, rss = get_xml(client, reverse("event_feed"))
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = rss.find("channel")
    assert channel.findtext("link") == SITE + "/en/timeline/"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "Irkutsk Statement (19 October 1956)",
        "Tokyo Declaration (19 October 1956)",
    ]
    assert items[0].findtext("link") == SITE + "/en/timeline/irkutsk-statement/"
    assert items[0].findtext("description") == "Something happened."
    assert "Post Soviet" in [c.text for c in items[0].findall("category")]
    assert b"Secret draft" not in response.content
    assert b"Scheduled event" not in response.content


def test_atom_feed_lists_published_events_with_update_times(client, events):
    older, newer = events
    response, atom = get_xml(client, reverse("event_feed_atom"))
    assert response["Content-Type"].startswith("application/atom+xml")
    assert atom.tag == f"{ATOM}feed"
    links = {link.get("rel"): link.get("href") for link in atom.findall(f"{ATOM}link")}
    assert links["self"] == SITE + "/en/feeds/events/atom/"
    entries = atom.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}id") for entry in entries] == [
        SITE + newer.get_absolute_url(),
        SITE + older.get_absolute_url(),
    ]
    older.refresh_from_db()
    assert entries[1].findtext(f"{ATOM}updated") == older.updated_at.isoformat()
    assert b"Secret draft" not in response.content


def test_feeds_use_a_fixed_number_of_queries(client, events):
    for url in (reverse("event_feed"), reverse("event_feed_atom")):
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        assert len(queries) == 1


def test_empty_feeds_are_valid(client, db):
    for url in (reverse("event_feed"), reverse("event_feed_atom")):
        get_xml(client, url)


def sitemap_locations(client):
    response, urlset = get_xml(client, "/sitemap.xml")
    return response, [loc.text for loc in urlset.iter(f"{SITEMAP}loc")]


def test_sitemap_lists_public_pages_only(client, events):
    older, newer = events
    response, locations = sitemap_locations(client)
    assert response["Content-Type"].startswith("application/xml")
    for path in [
        "/en/",
        "/en/timeline/",
        "/en/sources/",
        "/en/positions/",
        "/en/islands/",
        older.get_absolute_url(),
        newer.get_absolute_url(),
        older.era.get_absolute_url(),
    ]:
        assert SITE + path in locations
    assert not any("secret-draft" in loc or "scheduled" in loc for loc in locations)
    assert not any("/en/search/" in loc or "/admin/" in loc for loc in locations)
    assert len(locations) == len(set(locations))


def test_sitemap_gives_events_their_last_update(client, events):
    older, _ = events
    older.refresh_from_db()
    _, urlset = get_xml(client, "/sitemap.xml")
    entries = {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in urlset.iter(f"{SITEMAP}url")
    }
    expected = older.updated_at.date().isoformat()
    assert entries[SITE + older.get_absolute_url()].startswith(expected)


def test_sitemap_queries_stay_flat(client, db):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/sitemap.xml").status_code == 200
        return len(queries)

    era = make_era()
    for _ in range(3):
        make_event(era=era)
    small = count()
    for _ in range(30):
        make_event(era=make_era())
    assert count() == small <= 10


def test_sitemap_lists_topics_and_countries_with_published_positions(client, db):
    japan = make_country(slug="japan")
    russia = make_country(slug="russia")
    public = make_topic(slug="legal-basis")
    make_position(country=japan, topic=public)
    unfinished = make_topic(slug="unfinished")
    make_position(country=russia, topic=unfinished, status=Status.DRAFT)

    _, locations = sitemap_locations(client)
    assert SITE + "/en/positions/legal-basis/" in locations
    assert SITE + "/en/positions/countries/japan/" in locations
    assert not any("unfinished" in loc or "russia" in loc for loc in locations)


def test_sitemap_lists_the_islands(client, db):
    island = make_island(slug="shikotan")
    _, locations = sitemap_locations(client)
    assert SITE + island.get_absolute_url() in locations
    assert SITE + "/en/islands/shikotan/" in locations


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http" in response.content.decode()
    assert "/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_favicon_ico_leads_to_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")


def test_the_about_page_explains_names_and_sources(client):
    response = client.get("/en/about/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Northern Territories" in content and "Southern Kurils" in content
    assert 'href="/en/sources/"' in content
    assert "/en/about/" in client.get("/sitemap.xml").content.decode()


@pytest.mark.parametrize("feed", ["event_feed", "event_feed_atom"])
def test_a_summary_is_text_in_feeds_never_markup(client, feed):
    make_event(summary='Talks <img src=x onerror="alert(1)"> & more')
    _response, xml = get_xml(client, reverse(feed))
    text = [
        element.text
        for element in xml.iter()
        if element.tag in ("description", f"{ATOM}summary")
        and element.text
        and "Talks" in element.text
    ]
    # What a feed reader renders as HTML: the tag as escaped text.
    assert text == ["Talks &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; more"]
