import datetime
import re

import pytest
from django.urls import resolve, reverse

from dispute_site import urls as site_urls
from editorial.models import Status
from timeline.views import EventDetailView, EventListView

from .factories import make_country, make_era, make_event, make_island, make_person

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def events():
    """A small timeline: two eras, events with varied attributes, and one draft."""
    early = make_era(slug="early", start_year=1855, order=1)
    late = make_era(slug="late", start_year=1991, order=2)
    japan = make_country(slug="japan", name="Japan")
    russia = make_country(slug="russia", name="Russia")
    yeltsin = make_person(slug="boris-yeltsin", name="Boris Yeltsin")
    shikotan = make_island(slug="shikotan")
    shimoda = make_event(
        slug="treaty-of-shimoda",
        title="Treaty of Shimoda",
        date=D(1855, 2, 7),
        era=early,
        kind="treaty",
        summary="Border between Etorofu and Urup.",
    )
    shimoda.countries.set([japan, russia])
    declaration = make_event(
        slug="joint-declaration-1956",
        title="Joint Declaration",
        date=D(1956, 10, 19),
        era=early,
        kind="declaration",
        summary="Ends the state of war.",
        body="Article 9 promises **Shikotan**.",
    )
    declaration.islands.set([shikotan])
    tokyo = make_event(
        slug="tokyo-declaration",
        title="Tokyo Declaration",
        date=D(1993, 10, 13),
        era=late,
        kind="declaration",
        summary="Names all four islands.",
    )
    tokyo.people.set([yeltsin])
    tokyo.countries.set([japan, russia])
    make_event(
        slug="secret-draft",
        title="Secret draft",
        date=D(1956, 10, 20),
        era=early,
        status=Status.DRAFT,
        summary="Not ready.",
    )
    return {"shimoda": shimoda, "declaration": declaration, "tokyo": tokyo}


def listed_slugs(response):
    return [event.slug for event in response.context["object_list"]]


def get_timeline(client, **params):
    return client.get(reverse("timeline:event_list"), params)


def test_timeline_lists_published_events_oldest_first(client, events):
    response = get_timeline(client)
    assert response.status_code == 200
    assert listed_slugs(response) == [
        "treaty-of-shimoda",
        "joint-declaration-1956",
        "tokyo-declaration",
    ]
    assert b"Secret draft" not in response.content
    assert b"3 events" in response.content


def test_order_newest_reverses(client, events):
    response = get_timeline(client, order="newest")
    assert listed_slugs(response)[0] == "tokyo-declaration"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"era": "late"}, ["tokyo-declaration"]),
        ({"country": "japan"}, ["treaty-of-shimoda", "tokyo-declaration"]),
        ({"person": "boris-yeltsin"}, ["tokyo-declaration"]),
        ({"island": "shikotan"}, ["joint-declaration-1956"]),
        ({"kind": "treaty"}, ["treaty-of-shimoda"]),
        ({"year_from": "1956"}, ["joint-declaration-1956", "tokyo-declaration"]),
        ({"year_to": "1956"}, ["treaty-of-shimoda", "joint-declaration-1956"]),
        ({"year_from": "1956", "year_to": "1956"}, ["joint-declaration-1956"]),
        ({"q": "etorofu"}, ["treaty-of-shimoda"]),
        ({"q": "article shikotan"}, ["joint-declaration-1956"]),
        ({"q": "nothing-matches-this"}, []),
        ({"country": "russia", "kind": "declaration"}, ["tokyo-declaration"]),
        ({"era": "early", "year_from": "1900", "q": "war"}, ["joint-declaration-1956"]),
    ],
)
def test_each_filter_alone_and_combined(client, events, params, expected):
    response = get_timeline(client, **params)
    assert response.status_code == 200
    assert listed_slugs(response) == expected


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"era": "no-such-era"}, "era"),
        ({"country": "atlantis"}, "country"),
        ({"person": "nobody"}, "person"),
        ({"island": "urup"}, "island"),
        ({"kind": "invasion"}, "kind"),
        ({"year_from": "nineteen"}, "year_from"),
        ({"year_to": "1e99"}, "year_to"),
        ({"year_from": "-5"}, "year_from"),
        ({"year_from": "2000", "year_to": "1900"}, "year_to"),
        ({"order": "sideways"}, "order"),
    ],
)
def test_invalid_filter_values_are_form_errors_not_server_errors(
    client, events, params, field
):
    response = get_timeline(client, **params)
    assert response.status_code == 400
    assert field in response.context["filter"].form.errors
    assert b"Some filters could not be used" in response.content


def test_filtered_page_offers_to_clear_filters(client, events):
    response = get_timeline(client, era="late")
    assert b"Clear filters" in response.content
    assert b"Clear filters" not in get_timeline(client).content


def test_events_are_grouped_under_era_headings(client, events):
    content = get_timeline(client).content.decode()
    # The list follows the visual timeline, which names the events too.
    content = content[content.index('id="after-strip"') :]
    assert content.index('id="era-early"') < content.index("Treaty of Shimoda")
    assert content.index("Joint Declaration") < content.index('id="era-late"')


def decade_nav(content):
    start = content.index('class="era-index decade-index"')
    return content[start : content.index("</nav>", start)]


def test_each_decade_s_first_event_carries_its_anchor(client, events):
    make_event(
        slug="second-of-the-fifties", date=D(1959, 1, 1), era=events["declaration"].era
    )
    content = get_timeline(client).content.decode()
    links = re.findall(r'href="\?[^"]*#(decade-\d+)">(\d+s)</a>', decade_nav(content))
    assert [label for _anchor, label in links] == ["1850s", "1950s", "1990s"]
    for anchor, _label in links:
        assert content.count(f'id="{anchor}"') == 1
    content = content[content.index('id="after-strip"') :]
    fifties = content.index('id="decade-1950"')
    assert content.index("Joint Declaration") > fifties
    assert content.index("Second Of The Fifties") > content.index("Joint Declaration")
    # The era anchors are still there.
    assert 'id="era-early"' in content and 'id="era-late"' in content


def test_decade_links_lead_to_the_page_where_the_decade_starts(client, monkeypatch):
    monkeypatch.setattr(EventListView, "paginate_by", 2)
    era = make_era(slug="decades")
    for year in [1950, 1951, 1960, 1961, 1970]:
        make_event(era=era, date=D(year, 1, 1))
    first = get_timeline(client).content.decode()
    assert 'href="?page=2#decade-1960">1960s</a>' in decade_nav(first)
    assert 'href="?page=3#decade-1970">1970s</a>' in decade_nav(first)
    second = get_timeline(client, page="2").content.decode()
    assert second.count('id="decade-') == 1 and 'id="decade-1960"' in second
    assert 'id="decade-1970"' in get_timeline(client, page="3").content.decode()
    newest = get_timeline(client, order="newest").content.decode()
    assert 'href="?order=newest&amp;page=1#decade-1970">' in decade_nav(newest)


def test_a_single_decade_needs_no_decade_links(client):
    make_event(date=D(1956, 10, 19))
    assert b"decade-index" not in get_timeline(client).content


def test_decade_labels_follow_the_language(client, events):
    japanese = decade_nav(client.get("/ja/timeline/").content.decode())
    russian = decade_nav(client.get("/ru/timeline/").content.decode())
    assert ">1950年代</a>" in japanese
    assert ">1950-е</a>" in russian


def test_page_past_the_end_is_not_found(client, events):
    assert get_timeline(client, page="99").status_code == 404
    assert get_timeline(client, page="abc").status_code == 404
    assert get_timeline(client, page="last").status_code == 200


def test_pagination_keeps_filters(client):
    era = make_era(slug="many")
    for day in range(45):
        make_event(era=era, date=D(2000, 1, 1) + datetime.timedelta(days=day))
    response = get_timeline(client, era="many")
    assert len(response.context["object_list"]) == 40
    assert b'href="?era=many&amp;page=2" rel="next"' in response.content
    # {% querystring %} writes the "?" itself.
    assert b'"??' not in response.content
    second = get_timeline(client, era="many", page="2")
    assert len(second.context["object_list"]) == 5
    # An era longer than a page is the only one cut, and says so.
    assert b"continued from page 1" in second.content


def test_event_page_shows_everything_a_reader_needs(client, events):
    response = client.get(events["tokyo"].get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "13 October 1993" in content
    assert "Boris Yeltsin" in content
    assert 'id="source-1"' in content
    assert 'rel="prev"' in content and "Joint Declaration" in content


def test_event_body_is_rendered_markdown(client, events):
    response = client.get(events["declaration"].get_absolute_url())
    assert b"<strong>Shikotan</strong>" in response.content


def test_draft_and_unknown_events_are_not_found(client, events):
    assert (
        client.get(reverse("timeline:event_detail", args=["secret-draft"])).status_code
        == 404
    )
    assert (
        client.get(reverse("timeline:event_detail", args=["no-such"])).status_code
        == 404
    )


def test_previous_next_on_event_page_skip_drafts(client, events):
    response = client.get(events["declaration"].get_absolute_url())
    assert response.context["next_event"] == events["tokyo"]
    assert b"Secret draft" not in response.content


def test_era_page_lists_only_its_published_events(client, events):
    response = client.get(reverse("timeline:era_detail", args=["early"]))
    assert response.status_code == 200
    assert [event.slug for event in response.context["events"]] == [
        "treaty-of-shimoda",
        "joint-declaration-1956",
    ]
    assert b"Secret draft" not in response.content
    assert client.get(reverse("timeline:era_detail", args=["nope"])).status_code == 404


def test_home_page_shows_eras_and_key_events_only(client, events):
    events["tokyo"].is_key = True
    events["tokyo"].save()
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert list(response.context["key_events"]) == [events["tokyo"]]
    assert b"Secret draft" not in response.content
    assert b"late" in response.content.lower()


def test_unknown_url_is_a_friendly_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_public_pages_send_a_strict_content_security_policy(client, events):
    policy = client.get(reverse("timeline:event_list"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_a_timeline_search_with_thousands_of_words_is_no_error(client):
    make_event(title="Tokyo Declaration")
    words = " ".join(f"w{i}" for i in range(3000))
    response = client.get(reverse("timeline:event_list"), {"q": words})
    assert response.status_code == 400
    assert "q" in response.context["filter"].form.errors
    many = " ".join(["tokyo"] * 40)[:199]
    assert client.get(reverse("timeline:event_list"), {"q": many}).status_code == 200


def test_one_route_and_one_view_serve_an_event_page(client):
    event = make_event(slug="tokyo-declaration")
    path = reverse("timeline:event_detail", args=[event.slug])
    match = resolve(path)
    assert match.view_name == "timeline:event_detail"
    assert match.func.view_class is EventDetailView
    routes = [
        pattern
        for pattern in site_urls.urlpatterns
        if str(getattr(pattern, "pattern", "")).startswith("timeline/<")
    ]
    assert routes == []  # no shadowing route at the top level
    assert client.get(path).status_code == 200


def test_home_shows_the_latest_developments_newest_first(client):
    era = make_era(slug="recent")
    make_event(slug="older", title="Older talks", date=D(2019, 1, 22), era=era)
    make_event(slug="newest", title="Newest talks", date=D(2025, 3, 1), era=era)
    make_event(
        slug="hidden",
        title="Draft talks",
        date=D(2026, 1, 1),
        era=era,
        status=Status.DRAFT,
    )
    page = client.get(reverse("home")).content.decode()
    latest = page[page.index('id="latest-title"') : page.index('id="islands-title"')]
    assert latest.index("Newest talks") < latest.index("Older talks")
    assert "Draft talks" not in page


def test_home_key_events_carry_no_badge(client):
    make_event(slug="shimoda", title="Treaty of Shimoda", is_key=True)
    page = client.get(reverse("home")).content.decode()
    key = page[page.index('id="key-title"') :]
    assert "Treaty of Shimoda" in key
    assert 'class="badge"' not in key
