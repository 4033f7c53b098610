"""What every page's head tells search engines, link previews and feed readers."""

import re
from html.parser import HTMLParser

import pytest
from django.test import override_settings
from django.urls import reverse

from .factories import make_event

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


class HeadParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.links, self.in_head = {}, [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "meta" and self.in_head:
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta[key] = attrs.get("content")
        elif tag == "link" and self.in_head:
            self.links.append(attrs)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def event():
    return make_event(
        slug="tokyo-declaration",
        title="Tokyo Declaration",
        summary="Yeltsin and Hosokawa name all four islands & agree to talk.",
    )


def test_event_page_head(client, event):
    parsed = head(client, event.get_absolute_url() + "?utm_source=x&fbclid=y")
    canonical = [link for link in parsed.links if link.get("rel") == "canonical"]
    assert canonical == [
        {"rel": "canonical", "href": SITE + "/en/timeline/tokyo-declaration/"}
    ]
    summary = "Yeltsin and Hosokawa name all four islands & agree to talk."
    assert parsed.meta["description"] == summary
    assert parsed.meta["og:description"] == summary
    assert parsed.meta["og:title"].startswith("Tokyo Declaration (19 October 1956)")
    assert parsed.meta["og:url"] == SITE + "/en/timeline/tokyo-declaration/"
    assert parsed.meta["og:type"] == "article"
    assert parsed.meta["og:site_name"] == (
        "Northern Territories / Southern Kurils: the dispute"
    )


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/timeline/",
        "/en/islands/",
        "/en/positions/",
        "/en/sources/",
        "/en/search/?q=Shikotan",
    ],
    ids=str,
)
def test_every_page_has_the_discovery_tags(client, event, url):
    parsed = head(client, url)
    path = url.split("?")[0]
    assert {"rel": "canonical", "href": SITE + path} in parsed.links
    for key in ["description", "og:title", "og:description", "og:url", "og:site_name"]:
        assert parsed.meta[key], key
    assert parsed.meta["og:type"] == "website"
    feeds = {
        link["type"]: link["href"]
        for link in parsed.links
        # The other alternates are the page in each language (tests/test_i18n.py).
        if link["rel"] == "alternate" and "hreflang" not in link
    }
    assert feeds == {
        "application/rss+xml": reverse("event_feed"),
        "application/atom+xml": reverse("event_feed_atom"),
    }


def test_search_results_are_not_indexed(client, event):
    assert head(client, "/en/search/?q=Tokyo").meta["robots"] == "noindex"
    assert "robots" not in head(client, "/en/timeline/").meta


@override_settings(SITE_URL="https://kurils.example")
def test_canonical_url_follows_the_site_url_setting(client, event):
    parsed = head(client, event.get_absolute_url())
    assert (
        parsed.meta["og:url"] == "https://kurils.example/en/timeline/tokyo-declaration/"
    )


def test_og_title_is_escaped_like_the_title(client):
    make_event(slug="quoted", title='The "two islands" <first> approach')
    html = client.get("/en/timeline/quoted/").content.decode()
    match = re.search(r'<meta property="og:title" content="([^"]*)">', html)
    assert match.group(1).startswith(
        "The &quot;two islands&quot; &lt;first&gt; approach"
    )


def test_header_has_a_labelled_search_form(client):
    html = client.get("/en/").content.decode()
    assert 'role="search"' in html
    assert '<label for="site-search-q"' in html
    assert 'action="/en/search/"' in html
    assert 'href="/en/sources/"' in html
