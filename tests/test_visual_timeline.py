import datetime
import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from editorial.models import Status
from timeline.models import Era, Event
from timeline.strip import (
    KEY_LABEL_ROWS,
    KEY_RADIUS,
    MARK_GAP,
    MARK_RADIUS,
    MIN_BIN_WIDTH,
    MIN_TICK_GAP,
    WIDTH,
    YearScale,
    assign_lanes,
    build_strip,
    era_bands,
    era_scale,
    fractional_year,
    label_box,
    shorten,
    text_width,
    year_domain,
)
from timeline.views import era_pages

from .factories import make_era, make_event, make_island

D = datetime.date
TODAY = D(2026, 6, 1)


def era(start, end=None, title="An era", order=0):
    return SimpleNamespace(start_year=start, end_year=end, title=title, order=order)


def row(date, title="Event", is_key=False, slug=None, end_date=None, precision="day"):
    return SimpleNamespace(
        date=date,
        end_date=end_date,
        date_precision=precision,
        slug=slug or title.lower().replace(" ", "-"),
        title=title,
        is_key=is_key,
    )


def strip_marks(html):
    """The visual timeline's links, as (href, accessible name)."""
    return re.findall(
        r'<a href="([^"]+)" class="strip-mark[^"]*" aria-label="([^"]+)"', html
    )


# --- geometry ---


def test_fractional_year():
    assert fractional_year(D(1956, 1, 1)) == 1956
    assert fractional_year(D(1956, 7, 2)) == pytest.approx(1956.5, abs=0.01)
    assert fractional_year(D(1955, 12, 31)) < 1956


def test_year_scale_maps_the_domain_onto_the_width():
    scale = YearScale(1855, 2027, left=20, right=980)
    assert scale.x(1855) == 20
    assert scale.x(2027) == 980
    assert scale.x(1941) == 500
    assert scale.x_for_date(D(1855, 1, 1)) == 20


def test_later_dates_are_further_right():
    scale = YearScale(1855, 2027)
    dates = [
        D(1855, 2, 7),
        D(1855, 8, 7),
        D(1945, 8, 9),
        D(1956, 10, 19),
        D(2019, 1, 22),
    ]
    xs = [scale.x_for_date(value) for value in dates]
    assert xs == sorted(xs)
    assert len(set(xs)) == len(xs)


def test_ticks_are_round_years_inside_the_axis():
    scale = YearScale(1855, 2027)
    ticks = scale.ticks()
    assert [tick["year"] for tick in ticks] == list(range(1860, 2021, 20))
    assert all(scale.left <= tick["x"] <= scale.right for tick in ticks)
    assert [tick["year"] for tick in YearScale(1990, 1996).ticks()] == list(
        range(1990, 1997)
    )


def test_domain_spans_every_era_and_event():
    eras = [era(1855, 1945), era(1991)]
    assert year_domain([D(1850, 5, 1)], eras, TODAY) == (1850, 2027)
    assert year_domain([], [], TODAY) == (2025, 2027)


def test_era_bands_tile_the_axis_without_overlapping():
    eras = [
        era(1855, 1945, "Treaties and war"),
        era(1945, 1960, "The 1956 declaration"),
        era(1960, 1991, "Cold War"),
        era(1991, None, "Since 1991"),
    ]
    scale = YearScale(1855, 2027)
    bands = era_bands(eras, scale, TODAY)
    assert [band.number for band in bands] == [1, 2, 3, 4]
    assert bands[0].x == scale.left
    for band, following in zip(bands, bands[1:], strict=False):
        assert band.x + band.width == pytest.approx(following.x, abs=0.11)
    # The open-ended era runs to the end of this year.
    assert bands[-1].x + bands[-1].width == pytest.approx(scale.right, abs=0.11)


def test_era_band_labels_fall_back_to_a_number_when_the_title_does_not_fit():
    eras = [era(1855, 1945, "Treaties and war"), era(1945, 1947, "A long title here")]
    bands = era_bands(eras, YearScale(1855, 2027), TODAY)
    assert bands[0].label == "1. Treaties and war"
    assert bands[1].label == "2"


def test_era_bands_keep_the_eras_order_for_their_numbers():
    eras = [era(1991, None, "Later", order=1), era(1855, 1990, "Earlier", order=2)]
    bands = era_bands(eras, YearScale(1855, 2027), TODAY)
    assert [band.number for band in bands] == [1, 2]
    assert bands[0].x > bands[1].x


def test_lanes_keep_neighbouring_marks_apart():
    spans = [(100, 5), (104, 5), (108, 8), (200, 5), (300, 5), (303, 5)]
    lanes = assign_lanes(spans)
    assert lanes == [0, 1, 2, 0, 0, 1]
    for lane in set(lanes):
        in_lane = [
            span for span, chosen in zip(spans, lanes, strict=True) if chosen == lane
        ]
        for (x1, r1), (x2, r2) in zip(in_lane, in_lane[1:], strict=False):
            assert x1 + r1 + MARK_GAP <= x2 - r2


def test_a_crowded_stretch_keeps_every_mark():
    lanes = assign_lanes([(100, 5)] * 12, lanes=3)
    assert len(lanes) == 12
    assert set(lanes) == {0, 1, 2}


def test_build_strip_orders_marks_by_date_and_sizes_key_events():
    rows = [
        row(D(1993, 10, 13), "Tokyo Declaration"),
        row(D(1855, 2, 7), "Treaty of Shimoda", is_key=True),
        row(D(1956, 10, 1), "Joint Declaration", precision="month"),
    ]
    strip = build_strip(rows, [era(1855, 1945), era(1945)], today=TODAY)
    marks = strip["marks"]
    assert [mark.title for mark in marks] == [
        "Treaty of Shimoda",
        "Joint Declaration",
        "Tokyo Declaration",
    ]
    assert [mark.x for mark in marks] == sorted(mark.x for mark in marks)
    assert [mark.radius for mark in marks] == [KEY_RADIUS, MARK_RADIUS, MARK_RADIUS]
    assert marks[0].accessible_name == "Treaty of Shimoda, 7 February 1855 (key event)"
    assert marks[1].accessible_name == "Joint Declaration, October 1956"
    assert marks[0].url == "/en/timeline/treaty-of-shimoda/"
    assert all(mark.y < strip["axis_y"] for mark in marks)
    assert (strip["start_year"], strip["end_year"]) == (1855, 2026)


# --- on the pages ---


@pytest.fixture
def timeline(db):
    early = make_era(slug="early", title="Early", start_year=1855, end_year=1945)
    late = make_era(slug="late", title="Late", start_year=1946, order=1)
    shikotan = make_island(slug="shikotan")
    events = {
        "shimoda": make_event(
            slug="shimoda",
            title="Treaty of Shimoda",
            date=D(1855, 2, 7),
            era=early,
            is_key=True,
        ),
        "declaration": make_event(
            slug="declaration",
            title="Joint Declaration",
            date=D(1956, 10, 19),
            era=late,
        ),
        "tokyo": make_event(
            slug="tokyo", title="Tokyo Declaration", date=D(1993, 10, 13), era=late
        ),
    }
    events["declaration"].islands.set([shikotan])
    make_event(slug="secret", title="Secret draft", era=late, status=Status.DRAFT)
    return events


def test_timeline_strip_marks_link_to_events_with_accessible_names(client, timeline):
    html = client.get(reverse("timeline:event_list")).content.decode()
    assert strip_marks(html) == [
        ("/en/timeline/shimoda/", "Treaty of Shimoda, 7 February 1855 (key event)"),
        ("/en/timeline/declaration/", "Joint Declaration, 19 October 1956"),
        ("/en/timeline/tokyo/", "Tokyo Declaration, 13 October 1993"),
    ]
    assert '<title id="strip-title">Visual timeline, 1855 to ' in html
    assert 'class="strip-mark is-key"' in html
    assert "1. Early" in html
    assert "Secret draft" not in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"era": "early"}, ["/en/timeline/shimoda/"]),
        ({"island": "shikotan"}, ["/en/timeline/declaration/"]),
        (
            {"year_from": "1900", "order": "newest"},
            ["/en/timeline/declaration/", "/en/timeline/tokyo/"],
        ),
        ({"q": "declaration"}, ["/en/timeline/declaration/", "/en/timeline/tokyo/"]),
    ],
)
def test_timeline_strip_follows_the_filters(client, timeline, params, expected):
    html = client.get(reverse("timeline:event_list"), params).content.decode()
    assert [href for href, _ in strip_marks(html)] == expected
    assert "every event that matches the filters" in html


def test_timeline_strip_is_empty_for_a_bad_filter(client, timeline):
    response = client.get(reverse("timeline:event_list"), {"year_from": "abc"})
    assert response.status_code == 400
    assert strip_marks(response.content.decode()) == []


def test_timeline_strip_shows_every_page_of_events(client, timeline):
    era = Era.objects.get(slug="late")
    for day in range(45):
        make_event(era=era, date=D(2000, 1, 1) + datetime.timedelta(days=day))
    response = client.get(reverse("timeline:event_list"))
    assert len(response.context["object_list"]) == 40
    assert len(strip_marks(response.content.decode())) == 48


def test_home_strip_shows_all_published_events(client, timeline):
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert len(strip_marks(html)) == 3
    assert "Secret draft" not in html
    assert "Read the timeline (3 events)" in html


def test_a_scheduled_event_stays_off_the_strip(client, timeline):
    make_event(
        slug="scheduled",
        title="Scheduled",
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    html = client.get(reverse("home")).content.decode()
    assert "/en/timeline/scheduled/" not in html


def test_strip_rows_are_one_query(timeline):
    with CaptureQueriesContext(connection) as queries:
        rows = list(Event.objects.published().for_strip())
    assert len(queries) == 1
    assert {event.slug for event in rows} == {"shimoda", "declaration", "tokyo"}


# --- an era-proportional scale, labels, targets, zoom, density ---

ERAS = [
    era(1855, 1944, "Treaties and war"),
    era(1945, 1959, "The 1956 declaration"),
    era(1960, 1990, "Cold War"),
    era(1991, None, "Since 1991"),
]


def test_piecewise_scale_gives_each_era_room_for_its_events():
    years = [1855, 1875, 1905, 1945, 1956] + list(range(1991, 2026))
    scale = era_scale(ERAS, 1855, 2027, years)
    assert scale.x(1855) == scale.left and scale.x(2027) == scale.right
    # 1855-1944 is half the years but far less than half the width; 1991- the most.
    widths = [scale.x(high) - scale.x(low) for low, high in scale.segments()]
    assert widths[0] < (scale.right - scale.left) / 3
    assert widths[-1] == max(widths)
    assert scale.units_per_year(2000) > 4 * scale.units_per_year(1900)
    xs = [scale.x(year) for year in range(1855, 2028)]
    assert xs == sorted(xs)


def test_piecewise_ticks_keep_their_distance():
    scale = era_scale(ERAS, 1855, 2027, list(range(1991, 2026)))
    ticks = [tick["x"] for tick in scale.ticks()]
    assert ticks == sorted(ticks)
    assert all(
        b - a >= MIN_TICK_GAP * 0.75 for a, b in zip(ticks, ticks[1:], strict=False)
    )
    assert {1945, 1991} <= {tick["year"] for tick in scale.ticks()}


def test_every_mark_is_a_24_unit_target_and_key_events_are_labelled():
    rows = [
        row(D(1855, 2, 7), "Treaty of Shimoda", is_key=True),
        row(
            D(1956, 10, 19),
            "Soviet–Japanese Joint Declaration",
            is_key=True,
            slug="sjd",
        ),
        row(D(1993, 10, 13), "Tokyo Declaration"),
    ]
    strip = build_strip(rows, ERAS, today=TODAY)
    assert all(mark.hit_radius * 2 >= 24 for mark in strip["marks"])
    labels = {mark.title: mark.label for mark in strip["marks"]}
    assert labels["Treaty of Shimoda"] == "Treaty of Shimoda"
    assert labels["Soviet–Japanese Joint Declaration"].startswith("Soviet–Japanese")
    assert labels["Tokyo Declaration"] == ""


def test_a_filtered_strip_zooms_to_its_events():
    rows = [row(D(1855, 2, 7), "A"), row(D(1875, 5, 7), "B")]
    strip = build_strip(rows, ERAS, today=TODAY, zoom=True)
    assert (strip["start_year"], strip["end_year"]) == (1855, 1875)
    assert [band.era.title for band in strip["bands"]] == ["Treaties and war"]
    assert build_strip(rows, ERAS, today=TODAY)["end_year"] == 2026


def test_a_long_chronology_becomes_bars_of_density_with_its_key_events():
    rows = [
        row(
            D(1855, 1, 1) + datetime.timedelta(days=20 * i), f"E{i}", is_key=i % 50 == 0
        )
        for i in range(3000)
    ]
    strip = build_strip(rows, ERAS, today=TODAY)
    assert strip["is_dense"]
    assert sum(bin.count for bin in strip["bins"]) == 3000
    assert len(strip["bins"]) <= (WIDTH // MIN_BIN_WIDTH) + len(ERAS)
    assert all(bin.width >= MIN_BIN_WIDTH - 2.1 for bin in strip["bins"])
    assert [mark.is_key for mark in strip["marks"]] == [True] * 60
    first = strip["bins"][0]
    assert (
        first.url
        == f"/en/timeline/?year_from={first.first_year}&year_to={first.last_year}"
    )
    assert first.accessible_name.endswith("events")


def test_era_pages_never_cut_an_era_that_fits_on_a_page():
    rows = [
        SimpleNamespace(pk=i, era_id=era_id)
        for i, era_id in enumerate([1] * 10 + [2] * 25 + [3] * 10 + [4] * 90)
    ]
    pages = era_pages(rows, size=40)
    eras_per_page = [[row.era_id for row in page] for page in pages]
    assert eras_per_page[0] == [1] * 10 + [2] * 25
    # Era 4 is longer than a page: it alone is cut, after filling the page.
    assert eras_per_page[1] == [3] * 10 + [4] * 30
    assert eras_per_page[2] == [4] * 40
    assert eras_per_page[3] == [4] * 20
    assert sum(len(page) for page in pages) == len(rows)


def test_the_era_filter_zooms_the_strip(client, timeline):
    response = client.get(reverse("timeline:event_list"), {"era": "early"})
    html = response.content.decode()
    assert "Visual timeline, 1852 to 1858" in html
    assert "Zoomed to the events that match the filters" in html


# --- key-event labels: estimated widths, rows, no overlaps ---


def assert_labels_do_not_clash(marks):
    boxes = [box for box in map(label_box, marks) if box]
    for i, box in enumerate(boxes):
        assert 0 <= box.x1 and box.x2 <= WIDTH, box
        assert 0 <= box.row < KEY_LABEL_ROWS, box
        for other in boxes[i + 1 :]:
            assert not box.clashes(other), (box, other)
    return boxes


def test_label_widths_follow_the_script():
    # A Japanese character is an em; Cyrillic letters are wider than Latin ones.
    assert text_width("日ソ共同宣言") == pytest.approx(6 * 12 * 1.06, abs=0.1)
    assert text_width("договор") > text_width("dogovor")
    assert text_width("Illinois") < text_width("Moscow MW")
    assert text_width(shorten("ソ連の覚書、1956年の約束に条件を追加")) <= 200
    assert shorten("ソ連の覚書、1956年の約束に条件を追加").endswith("…")
    assert shorten("Russian constitutional amendments bar ceding territory") == (
        "Russian constitutional…"
    )


def test_crowded_key_labels_take_other_rows_or_a_shorter_title():
    titles = [
        "Визит Горбачёва в Японию и совместное заявление",
        "Встреча Танаки и Брежнева в Москве",
        "Советский меморандум добавляет условия к обещанию 1956 года",
        "Поправки к Конституции России запрещают отчуждение территории",
        "Сингапурская договорённость ускорить переговоры",
    ]
    rows = [
        row(D(1990 + i // 2, 1 + 5 * (i % 2), 1), title, is_key=True, slug=f"k{i}")
        for i, title in enumerate(titles)
    ]
    strip = build_strip(rows, ERAS, today=TODAY)
    boxes = assert_labels_do_not_clash(strip["marks"])
    assert len({box.row for box in boxes}) > 1


@pytest.mark.parametrize("language", ["en", "ja", "ru"])
def test_the_shipped_strips_labels_never_overlap(site_content, language):
    with translation.override(language):
        rows = list(Event.objects.published().for_strip())
        eras = list(Era.objects.all())
        strip = build_strip(rows, eras, today=TODAY)
        boxes = assert_labels_do_not_clash(strip["marks"])
    key_events = [mark for mark in strip["marks"] if mark.is_key]
    # Most key events keep a visible label.
    assert len(boxes) >= len(key_events) * 0.7, [m.title for m in key_events]
