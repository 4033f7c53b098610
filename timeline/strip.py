"""The visual timeline: events placed along a line of years, eras as bands behind them.

Everything here is arithmetic on plain values, so the geometry is tested without a
template; templates/includes/timeline_strip.html only draws what it is given.
"""

import calendar
import math
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from .dates import format_date_range

WIDTH = 1000
MARGIN_X = 24
LABEL_ROW = 22
KEY_LABEL_ROWS = 2
KEY_LABEL_STEP = 15
KEY_LABEL_TOP = 40
KEY_LABEL_SIZE = 12
KEY_LABEL_CHARS = 30
AXIS_Y = 196
HEIGHT = 226
MARK_RADIUS = 6
KEY_RADIUS = 9
# Every mark's link is a circle at least this big (SVG units; the strip is drawn at
# least 1,000 px wide, so a unit is a pixel or more): a 24 px target to tap.
HIT_RADIUS = 12
LANE_STEP = 24
LANES = 5
MARK_GAP = 2
# Past this many events the strip draws their density (bars per span of years) and
# marks only the key events, so its size no longer grows with the chronology.
MAX_MARKS = 120
MIN_BIN_WIDTH = 24
BIN_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)
BAR_MAX_HEIGHT = 90
MIN_TICK_GAP = 44
TICK_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000)
MAX_TICKS = 10
KEY_CHAR_WIDTH = 6.6
# An SVG font has no metrics here: this average glyph width, in SVG units at the
# band label size, decides whether an era's title fits in its band.
LABEL_CHAR_WIDTH = 7.2
LABEL_PADDING = 8


def fractional_year(value):
    """1 January 1956 is 1956.0, 2 July 1956 about 1956.5."""
    days = 366 if calendar.isleap(value.year) else 365
    return value.year + (value.timetuple().tm_yday - 1) / days


def year_domain(event_dates, eras, today):
    """The years the strip spans: every era and every event, whole years."""
    starts = [era.start_year for era in eras] + [d.year for d in event_dates]
    ends = [era.end_year or today.year for era in eras] + [d.year for d in event_dates]
    if not starts:
        return today.year - 1, today.year + 1
    return min(starts), max(ends) + 1


@dataclass(frozen=True)
class YearScale:
    start: int
    end: int
    left: float = MARGIN_X
    right: float = WIDTH - MARGIN_X

    def x(self, year):
        span = self.end - self.start
        return round(
            self.left + (year - self.start) / span * (self.right - self.left), 1
        )

    def x_for_date(self, value):
        return self.x(fractional_year(value))

    def ticks(self):
        span = self.end - self.start
        step = next(
            (step for step in TICK_STEPS if span / step <= MAX_TICKS), TICK_STEPS[-1]
        )
        first = math.ceil(self.start / step) * step
        return [
            {"year": year, "x": self.x(year)}
            for year in range(first, self.end + 1, step)
        ]


@dataclass(frozen=True)
class PiecewiseScale:
    """A scale of years in segments (the eras), each segment linear inside.

    `breaks` are the years where segments meet, from the domain's start to its end;
    `widths` each segment's share of the axis. An era with many events gets room
    although it spans few years, so 1991–2025 is not crushed by 1855–1945.
    """

    breaks: tuple
    widths: tuple
    left: float = MARGIN_X
    right: float = WIDTH - MARGIN_X

    @property
    def start(self):
        return self.breaks[0]

    @property
    def end(self):
        return self.breaks[-1]

    @property
    def edges(self):
        total = sum(self.widths)
        edges, x = [self.left], self.left
        for width in self.widths:
            x += width / total * (self.right - self.left)
            edges.append(x)
        return edges

    def x(self, year):
        year = min(max(year, self.start), self.end)
        edges = self.edges
        for i in range(len(self.widths)):
            low, high = self.breaks[i], self.breaks[i + 1]
            if year <= high or i == len(self.widths) - 1:
                share = (year - low) / (high - low)
                return round(edges[i] + share * (edges[i + 1] - edges[i]), 1)
        return round(self.right, 1)

    def x_for_date(self, value):
        return self.x(fractional_year(value))

    def units_per_year(self, year):
        """The width of one year where `year` falls."""
        return self.x(min(year + 1, self.end)) - self.x(year)

    def segments(self):
        return list(zip(self.breaks, self.breaks[1:], strict=False))

    def ticks(self):
        """The segments' boundaries first, then round years where they have room."""
        chosen = {year: self.x(year) for year in self.breaks}
        for low, high in self.segments():
            per_year = (self.x(high) - self.x(low)) / (high - low)
            step = next(
                (step for step in TICK_STEPS if step * per_year >= MIN_TICK_GAP),
                None,
            )
            if step is None:
                continue
            for year in range(math.ceil(low / step) * step, high, step):
                x = self.x(year)
                if all(abs(x - other) >= MIN_TICK_GAP for other in chosen.values()):
                    chosen[year] = x
        ticks = sorted(chosen.items())
        # Boundaries too close together: keep the first of each crowded pair.
        kept = []
        for year, x in ticks:
            if not kept or x - kept[-1]["x"] >= MIN_TICK_GAP * 0.75:
                kept.append({"year": year, "x": x})
        return kept


def era_scale(eras, start, end, event_years):
    """A piecewise scale over [start, end]: one segment per era inside it.

    A segment's width is half an equal share and half its share of the events.
    """
    inside = sorted({era.start_year for era in eras if start < era.start_year < end})
    breaks = (start, *inside, end)
    total = len(event_years) or 1
    count = len(breaks) - 1
    widths = []
    for low, high in zip(breaks, breaks[1:], strict=False):
        events = sum(1 for year in event_years if low <= year < high)
        widths.append(1 + events / total * count)
    return PiecewiseScale(breaks=breaks, widths=tuple(widths))


@dataclass
class Bin:
    """A span of years on a dense strip: how many events fall in it."""

    first_year: int
    last_year: int
    count: int
    x: float
    width: float
    height: float
    y: float
    url: str

    @property
    def accessible_name(self):
        years = (
            str(self.first_year)
            if self.first_year == self.last_year
            else f"{self.first_year}–{self.last_year}"
        )
        return ngettext(
            "%(years)s: %(count)d event", "%(years)s: %(count)d events", self.count
        ) % {"years": years, "count": self.count}


def density_bins(years, scale, link):
    """Bars of event counts over spans of whole years, each at least MIN_BIN_WIDTH
    wide; `link(first, last)` gives the address of the span's events."""
    counts = {}
    for year in years:
        counts[year] = counts.get(year, 0) + 1
    spans = []
    for low, high in scale.segments():
        per_year = (scale.x(high) - scale.x(low)) / (high - low)
        step = next(
            (step for step in BIN_STEPS if step * per_year >= MIN_BIN_WIDTH),
            BIN_STEPS[-1],
        )
        # Spans of equal whole years, each at least `step` long.
        count = max(1, (high - low) // step)
        edges = [low + round(i * (high - low) / count) for i in range(count + 1)]
        for first, following in zip(edges, edges[1:], strict=False):
            in_span = sum(counts.get(year, 0) for year in range(first, following))
            spans.append((first, following - 1, in_span))
    highest = max((count for *_, count in spans), default=0) or 1
    bins = []
    for first, last, count in spans:
        if not count:
            continue
        x1, x2 = scale.x(first), scale.x(last + 1)
        height = round(max(4, math.sqrt(count / highest) * BAR_MAX_HEIGHT), 1)
        bins.append(
            Bin(
                first_year=first,
                last_year=last,
                count=count,
                x=round(x1 + 1, 1),
                width=round(x2 - x1 - 2, 1),
                height=height,
                y=round(AXIS_Y - height, 1),
                url=link(first, last),
            )
        )
    return bins


@dataclass
class Band:
    era: object
    number: int
    x: float
    width: float
    label: str

    @property
    def label_x(self):
        return round(self.x + LABEL_PADDING / 2, 1)


def era_bands(eras, scale, today):
    """One band per era, numbered in the eras' own order, clipped where the next era
    starts so that bands never overlap."""
    starts = sorted({era.start_year for era in eras})
    bands = []
    for number, era in enumerate(eras, start=1):
        end = (era.end_year or today.year) + 1
        later = [start for start in starts if start > era.start_year]
        if later:
            end = min(end, later[0])
        x1 = scale.x(max(era.start_year, scale.start))
        x2 = scale.x(min(end, scale.end))
        width = round(x2 - x1, 1)
        if width <= 0:
            continue
        room = width - LABEL_PADDING
        title = f"{number}. {era.title}"
        if len(title) * LABEL_CHAR_WIDTH <= room:
            label = title
        elif len(str(number)) * LABEL_CHAR_WIDTH <= room:
            label = str(number)
        else:
            label = ""
        bands.append(Band(era=era, number=number, x=x1, width=width, label=label))
    return bands


def assign_lanes(spans, lanes=LANES, gap=MARK_GAP):
    """Give each (x, radius), in order of x, the lowest lane where it overlaps nothing.

    When every lane is taken the mark goes where the overlap is smallest: on a dense
    stretch marks may touch, but none is dropped.
    """
    right_edges = [-math.inf] * lanes
    chosen = []
    for x, radius in spans:
        left = x - radius
        lane = next(
            (i for i, edge in enumerate(right_edges) if edge + gap <= left), None
        )
        if lane is None:
            lane = min(range(lanes), key=lambda i: right_edges[i])
        right_edges[lane] = x + radius
        chosen.append(lane)
    return chosen


@dataclass
class Mark:
    x: float
    y: float
    radius: int
    is_key: bool
    url: str
    title: str
    date_text: str
    label: str = ""
    label_x: float = 0
    label_y: float = 0
    label_anchor: str = "start"
    hit_radius: int = HIT_RADIUS

    @property
    def accessible_name(self):
        name = f"{self.title}, {self.date_text}"
        return gettext("%(name)s (key event)") % {"name": name} if self.is_key else name


def shorten(title, limit=KEY_LABEL_CHARS):
    if len(title) <= limit:
        return title
    return title[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def label_key_marks(marks, left=MARGIN_X, right=WIDTH - MARGIN_X):
    """Give key marks a short visible title where one fits in the label rows.

    A label that would overlap another in every row is left out; its mark keeps its
    accessible name and tooltip.
    """
    row_ends = [-math.inf] * KEY_LABEL_ROWS
    for mark in marks:
        if not mark.is_key:
            continue
        text = shorten(mark.title)
        width = len(text) * KEY_CHAR_WIDTH
        anchor, x1 = "start", mark.x - 4
        if x1 + width > right:
            anchor, x1 = "end", mark.x + 4 - width
        x1 = max(x1, left)
        row = next((i for i, end in enumerate(row_ends) if end + 8 <= x1), None)
        if row is None:
            continue
        row_ends[row] = x1 + width
        mark.label = text
        mark.label_anchor = anchor
        mark.label_x = round(mark.x - 4 if anchor == "start" else mark.x + 4, 1)
        mark.label_y = KEY_LABEL_TOP + row * KEY_LABEL_STEP


def strip_domain(events, eras, today, zoom):
    """The years drawn: every era, or (zoomed to a filter) just the events' span,
    widened to whole eras' boundaries only where the span already reaches them."""
    if not zoom or not events:
        return year_domain([event.date for event in events], eras, today)
    first = min(event.date.year for event in events)
    last = max(event.date.year for event in events) + 1
    if last - first < 6:
        pad = (6 - (last - first) + 1) // 2
        first, last = first - pad, last + pad
    return first, last


def default_link(query=""):
    base = reverse("timeline:event_list")

    def link(first, last):
        params = f"year_from={first}&year_to={last}"
        return f"{base}?{query}&{params}" if query else f"{base}?{params}"

    return link


def build_strip(events, eras, today=None, zoom=False, link=None):
    """Everything the strip template draws, in SVG units.

    `events` are rows with date, end_date, date_precision, slug, title and is_key
    (EventQuerySet.for_strip()), in any order. `zoom` narrows the years to the
    events' own (a filtered timeline). Past MAX_MARKS events the strip shows bars of
    density and marks only the key events.
    """
    today = today or timezone.localdate()
    events = sorted(events, key=lambda event: (event.date, event.title, event.slug))
    eras = list(eras)
    start, end = strip_domain(events, eras, today, zoom)
    years = [event.date.year for event in events]
    scale = era_scale(eras, start, end, years)
    is_dense = len(events) > MAX_MARKS
    bins = density_bins(years, scale, link or default_link()) if is_dense else []
    drawn = [event for event in events if event.is_key] if is_dense else events
    if len(drawn) > MAX_MARKS:
        drawn = []
    xs = [scale.x_for_date(event.date) for event in drawn]
    radii = [KEY_RADIUS if event.is_key else MARK_RADIUS for event in drawn]
    spans = [(x, HIT_RADIUS) for x in xs]
    lanes = assign_lanes(spans, gap=0)
    marks = [
        Mark(
            x=x,
            y=AXIS_Y - HIT_RADIUS - 2 - lane * LANE_STEP,
            radius=radius,
            is_key=event.is_key,
            url=reverse("timeline:event_detail", args=[event.slug]),
            title=event.title,
            date_text=format_date_range(
                event.date, event.end_date, event.date_precision
            ),
        )
        for event, x, radius, lane in zip(drawn, xs, radii, lanes, strict=True)
    ]
    label_key_marks(marks, scale.left, scale.right)
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "axis_y": AXIS_Y,
        "tick_end_y": AXIS_Y + 6,
        "tick_label_y": AXIS_Y + 22,
        "label_y": LABEL_ROW - 7,
        "left": scale.left,
        "right": scale.right,
        "start_year": scale.start,
        "end_year": scale.end - 1,
        "ticks": scale.ticks(),
        "bands": era_bands(eras, scale, today),
        "marks": marks,
        "bins": bins,
        "is_dense": is_dense,
        "event_count": len(events),
        "is_zoomed": zoom,
    }
