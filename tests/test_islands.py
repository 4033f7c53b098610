import datetime
import re

import pytest
from django.urls import reverse

from editorial.models import Status
from timeline.maps import (
    BORDERS,
    VIEWS,
    Projection,
    build_island_map,
    disputed_outlines,
    features,
    match_outlines,
)
from timeline.models import Island

from .factories import make_etorofu, make_event, make_island, make_shikotan

pytestmark = pytest.mark.django_db


@pytest.fixture
def islands():
    etorofu = make_etorofu(
        area_km2="3166.6",
        population=6387,
        population_year=2021,
        administration_by_japan="Nemuro Subprefecture, Hokkaido",
        administration_by_russia="Kurilsky District, Sakhalin Oblast",
        latitude="45.0",
        longitude="147.9",
        order=1,
    )
    shikotan = make_shikotan(
        area_km2="253.3",
        latitude="43.8",
        longitude="146.7",
        order=2,
    )
    habomai = make_island(
        slug="habomai-islands",
        name_ja="Habomai Islands",
        name_ja_native="歯舞群島",
        name_ru="Habomai",
        name_ru_native="Хабомаи",
        area_km2="99.9",
        population_note="no civilian residents; border guards",
        is_named_in_1956=True,
        latitude="43.45",
        longitude="146.1",
        order=3,
    )
    return {"etorofu": etorofu, "shikotan": shikotan, "habomai": habomai}


@pytest.fixture
def shikotan_events(islands):
    declaration = make_event(
        slug="joint-declaration",
        title="Joint Declaration",
        date=datetime.date(1956, 10, 19),
    )
    declaration.islands.set([islands["shikotan"]])
    draft = make_event(slug="draft-visit", title="Draft visit", status=Status.DRAFT)
    draft.islands.set([islands["shikotan"]])
    make_event(slug="unrelated", title="Unrelated event")
    return declaration


def map_links(html):
    """The islands the map links to, as (href, accessible name)."""
    return re.findall(
        r'<a href="([^"]+)" class="map-island-link[^"]*" aria-label="([^"]+)"', html
    )


# --- pages ---


def test_island_list_shows_both_names_in_both_scripts(client, islands):
    response = client.get(reverse("timeline:island_list"))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Etorofu", "Iturup", "Shikotan", "Habomai Islands"):
        assert name in html
    assert '<span lang="ja">択捉島</span>' in html
    assert '<span lang="ru">Итуруп</span>' in html
    assert '<span lang="ja">歯舞群島</span>' in html
    assert "3,166.6 km²" in html
    assert "6,387 (2021)" in html
    assert "no civilian residents; border guards" in html


def test_island_list_counts_only_published_events(client, islands, shikotan_events):
    response = client.get(reverse("timeline:island_list"))
    counts = {
        island.slug: island.event_count for island in response.context["object_list"]
    }
    assert counts == {"etorofu": 0, "shikotan": 1, "habomai-islands": 0}
    assert b"1 event in the timeline" in response.content


def test_island_page_shows_facts_and_both_administrations(client, islands):
    response = client.get(islands["etorofu"].get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Etorofu / Iturup</h1>" in html
    assert '<span lang="ja">択捉島</span>' in html
    assert '<span lang="ru">Итуруп</span>' in html
    assert "Administration, as Japan describes it" in html
    assert "Nemuro Subprefecture, Hokkaido" in html
    assert "Administration, as Russia describes it" in html
    assert "Kurilsky District, Sakhalin Oblast" in html
    assert "Not named" in html


def test_island_page_leaves_out_administration_not_yet_written(client, islands):
    html = client.get(islands["shikotan"].get_absolute_url()).content.decode()
    assert "Administration, as" not in html
    assert "the USSR agrees to transfer it to Japan" in html


def test_island_page_lists_only_published_events(client, islands, shikotan_events):
    response = client.get(islands["shikotan"].get_absolute_url())
    assert [event.slug for event in response.context["events"]] == ["joint-declaration"]
    assert b"Joint Declaration" in response.content
    assert b"Draft visit" not in response.content
    assert b"Unrelated event" not in response.content


def test_island_page_links_to_the_filtered_timeline(client, islands):
    html = client.get(islands["shikotan"].get_absolute_url()).content.decode()
    assert 'href="/en/timeline/?island=shikotan"' in html


def test_unknown_island_is_a_404(client, islands):
    assert client.get("/en/islands/urup/").status_code == 404
    assert client.get("/en/islands/not a slug/").status_code == 404


def test_island_url_is_its_page(islands):
    assert islands["shikotan"].get_absolute_url() == "/en/islands/shikotan/"
    assert islands["shikotan"].get_timeline_url() == "/en/timeline/?island=shikotan"


def test_event_page_links_its_islands_to_their_pages(client, islands, shikotan_events):
    html = client.get(shikotan_events.get_absolute_url()).content.decode()
    assert 'href="/en/islands/shikotan/"' in html


def test_main_navigation_links_to_the_islands(client, islands):
    html = client.get(reverse("timeline:island_list")).content.decode()
    assert 'href="/en/islands/" aria-current="page">Islands</a>' in html
    html = client.get(reverse("home")).content.decode()
    assert 'href="/en/islands/">Islands</a>' in html


# --- the map on the pages ---


def test_map_links_every_island_with_an_accessible_name(client, islands):
    html = client.get(reverse("timeline:island_list")).content.decode()
    # The first map: the disputed islands (the second is the region's borders).
    html = html[: html.index("</figure>")]
    assert map_links(html) == [
        ("/en/islands/etorofu/", "Etorofu / Iturup 択捉島 / Итуруп"),
        (
            "/en/islands/shikotan/",
            "Shikotan 色丹島 / Шикотан, named in the 1956 Joint Declaration",
        ),
        (
            "/en/islands/habomai-islands/",
            "Habomai Islands / Habomai 歯舞群島 / Хабомаи, named in the 1956 Joint "
            "Declaration",
        ),
    ]
    assert '<title id="island-map-title">' in html
    assert '<desc id="island-map-desc">' in html
    assert "Hatched: Shikotan and Habomai Islands / Habomai" in html
    assert "Named in the 1956 Joint Declaration" in html
    assert '<tspan lang="ja">択捉島</tspan>' in html
    assert '<tspan lang="ru">Итуруп</tspan>' in html


def test_map_highlights_the_current_island(client, islands):
    html = client.get(islands["shikotan"].get_absolute_url()).content.decode()
    current = re.findall(r'<a href="([^"]+)" class="map-island-link is-current"', html)
    assert current == ["/en/islands/shikotan/"]
    assert 'aria-current="page"' in html
    assert "Thick outline: Shikotan" in html


def test_home_page_shows_the_islands_at_a_glance(client, islands):
    html = client.get(reverse("home")).content.decode()
    assert "The four islands at a glance" in html
    assert len(map_links(html)) == 3
    assert "253.3 km²" in html


def test_map_without_islands_still_draws_the_outlines(client):
    response = client.get(reverse("timeline:island_list"))
    assert response.status_code == 200
    assert b'class="map-island"' in response.content
    assert map_links(response.content.decode()) == []


# --- map geometry ---


def test_projection_puts_the_corners_at_the_corners():
    projection = Projection(west=145, east=148, south=43, north=45, width=600)
    assert projection.point(145, 45) == (0, 0)
    assert projection.point(148, 43) == (600, projection.height)
    # A degree of latitude is longer than a degree of longitude at 44°N.
    assert projection.height > 600 * 2 / 3


def test_projection_keeps_north_up_and_east_right():
    projection = Projection(west=145, east=148, south=43, north=45)
    west_x, north_y = projection.point(145.5, 44.5)
    east_x, south_y = projection.point(147.5, 43.5)
    assert east_x > west_x
    assert south_y > north_y


def test_projection_path_closes_each_polygon():
    projection = Projection(west=0, east=1, south=0, north=1, width=100)
    path = projection.path([[[0, 0], [1, 0], [1, 1]], [[0, 1], [0.5, 1], [0, 0.5]]])
    assert path.count("M") == 2
    assert path.count("Z") == 2


def side(point, line):
    """Which side of a line (two points) a point lies: the sign of the cross product."""
    (x1, y1), (x2, y2) = line
    return (x2 - x1) * (point[1] - y1) - (y2 - y1) * (point[0] - x1)


def test_map_file_is_sound():
    data = features()
    for key in ("etorofu", "kunashiri", "shikotan", "habomai", "urup", "hokkaido"):
        assert data[key]["coarse"] and data[key]["fine"], key
    for key in ("sakhalin", "kamchatka", "shumshu"):
        assert data[key]["coarse"], key
    west, south, east, north = VIEWS["region"]["bounds"]
    for feature in data.values():
        for polygon in feature["coarse"] + feature["fine"]:
            assert len(polygon) >= 4
            for lon, lat in polygon:
                assert west - 0.2 <= lon <= east + 0.3
                assert south - 0.2 <= lat <= north + 0.2


def test_urup_and_the_1855_border_lie_where_the_treaty_put_them():
    data = features()
    urup = [point for polygon in data["urup"]["fine"] for point in polygon]
    etorofu = [point for polygon in data["etorofu"]["fine"] for point in polygon]
    assert all(149 < lon < 151 and 45 < lat < 46.5 for lon, lat in urup)
    line = BORDERS[0]["lines"][0]
    assert BORDERS[0]["year"] == 1855
    segment = (line[0], line[-1])
    # The line runs north to south: Etorofu lies on its west (negative) side.
    assert all(side(point, segment) < 0 for point in etorofu)
    assert all(side(point, segment) > 0 for point in urup)


def test_the_1875_border_runs_between_shumshu_and_kamchatka():
    data = features()
    border = next(border for border in BORDERS if border["year"] == 1875)
    segment = (border["lines"][0][0], border["lines"][0][-1])
    shumshu = [point for polygon in data["shumshu"]["coarse"] for point in polygon]
    tip = [  # Kamchatka's southern tip, Cape Lopatka
        point
        for polygon in data["kamchatka"]["coarse"]
        for point in polygon
        if point[0] > 155 and point[1] < 51.2
    ]
    assert tip
    assert all(side(point, segment) < 0 for point in shumshu)
    assert all(side(point, segment) > 0 for point in tip)


def test_region_view_draws_every_border_and_a_close_view_its_own(client, islands):
    region = build_island_map(islands.values(), view="region")
    assert [border["year"] for border in region["visible_borders"]] == [
        1855,
        1875,
        1905,
        1945,
    ]
    assert region["locator"] is None
    close = build_island_map(islands.values())
    assert [border["year"] for border in close["visible_borders"]] == [1855, 1945]
    assert close["locator"]["box_width"] > 0
    html = client.get(reverse("timeline:island_list")).content.decode()
    # Without a choice (and without CSS) every border is drawn, each with its label.
    assert html.count('class="map-border border-') == 2 + 4
    assert 'value="all" checked' in html
    assert "Natural Earth" in html


def test_island_view_zooms_to_the_island(islands):
    close = build_island_map(islands.values(), current=islands["shikotan"])
    zoomed = build_island_map(
        islands.values(), current=islands["shikotan"], view="island"
    )
    assert zoomed["scale_bar"]["km"] < close["scale_bar"]["km"]
    labelled = [shape.island for shape in zoomed["islands"] if shape.show_label]
    assert labelled == [islands["shikotan"]]


def test_outlines_match_islands_by_slug_or_latin_name():
    outlines = disputed_outlines()
    islands = [
        Island(pk=1, slug="etorofu-iturup", name_ja="Etorofu", name_ru="Iturup"),
        Island(pk=2, slug="kunashir", name_ja="Kunashiri", name_ru="Kunashir"),
        Island(pk=3, slug="island-3", name_ja="Shikotan", name_ru="Shikotan"),
        Island(pk=4, slug="habomai", name_ja="Habomai Islands", name_ru="Khabomai"),
        Island(pk=5, slug="urup", name_ja="Uruppu", name_ru="Urup"),
    ]
    pairs = match_outlines(islands, outlines)
    assert {key: island.pk for key, island in pairs.items()} == {
        "etorofu": 1,
        "kunashiri": 2,
        "shikotan": 3,
        "habomai": 4,
    }


def test_an_island_without_an_outline_gets_a_marker_inside_the_map():
    inside = Island(
        pk=1,
        slug="somewhere",
        name_ja="Somewhere",
        name_ru="Gde-to",
        latitude=44,
        longitude=146,
        is_named_in_1956=False,
    )
    outside = Island(
        pk=2,
        slug="paramushir",
        name_ja="Paramushiru",
        name_ru="Paramushir",
        latitude=50.3,
        longitude=155.7,
        is_named_in_1956=False,
    )
    drawn = build_island_map([inside, outside], current=inside)
    assert drawn["islands"] == []
    assert [marker.island for marker in drawn["markers"]] == [inside]
    marker = drawn["markers"][0]
    assert marker.is_current
    assert 0 < marker.x < drawn["width"]
    assert 0 < marker.y < drawn["height"]
    # Four outlines with no island in the database are drawn as plain land.
    assert len(drawn["land"]) == 4


# --- with the shipped content ---


def test_the_shipped_islands_each_get_their_outline(site_content):
    drawn = build_island_map(Island.objects.all())
    assert [shape.island.slug for shape in drawn["islands"]] == [
        "etorofu-iturup",
        "kunashiri-kunashir",
        "shikotan",
        "habomai",
    ]
    assert drawn["markers"] == []
    assert drawn["land"] == []


def test_the_shipped_island_pages_answer(client, site_content):
    for island in Island.objects.all():
        response = client.get(island.get_absolute_url())
        assert response.status_code == 200
        assert island.name_ru_native in response.content.decode()
