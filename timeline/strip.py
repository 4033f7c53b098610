"""The visual timeline: events placed along a line of years, eras as bands behind them.

Everything here is arithmetic on plain values, so the geometry is tested without a
template; templates/includes/timeline_strip.html only draws what it is given.
"""

import calendar
import math
import unicodedata
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from .dates import format_date_range

WIDTH = 1000
MARGIN_X = 24
LABEL_ROW = 22
# Three rows of key-event labels fit between the era titles and the highest lane of
# marks (lane 4's top is at y=77).
KEY_LABEL_ROWS = 3
KEY_LABEL_STEP = 15
KEY_LABEL_TOP = 40
KEY_LABEL_SIZE = 12
# A label is at most this wide (SVG units: some 30 Latin letters, 15 Japanese
# characters); where it does not fit, a shorter one is tried before none.
KEY_LABEL_WIDTH = 200
KEY_LABEL_SHORT_WIDTH = 130
KEY_LABEL_GAP = 8
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
# An SVG label has no font metrics here: its width is estimated from its characters,
# in ems of its font. Measured in Chromium on Debian, where the stylesheet's fonts
# fall back to DejaVu Sans Bold (wider than most devices' system fonts), and rounded
# up so that every shipped title is drawn narrower than its estimate. Japanese and
# Chinese characters are a whole em, Cyrillic letters wider than Latin ones.
NARROW_CHARS = set(" .,:;'’‘!|ilIjtfr()[]-")
WIDE_CHARS = set("mwMWшщжыюмШЩЖЫЮМ—")
WIDTH_SAFETY = 1.06
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


def char_em(char):
    if unicodedata.east_asian_width(char) in "WF" or char in WIDE_CHARS:
        return 1.0
    if char in NARROW_CHARS:
        return 0.42
    if char.isdigit():
        return 0.7
    if char.isupper():
        return 0.85
    return 0.74 if "CYRILLIC" in unicodedata.name(char, "") else 0.66


def text_width(text, size=KEY_LABEL_SIZE):
    """How wide `text` is drawn at `size`, in SVG units, estimated on the wide side."""
    return round(sum(char_em(char) for char in text) * size * WIDTH_SAFETY, 1)


def shorten(title, room=KEY_LABEL_WIDTH):
    """The title, or its first words (characters, in a script without spaces) and an
    ellipsis, as wide as `room` at most."""
    if text_width(title) <= room:
        return title
    cut = title
    while cut and text_width(cut + "…") > room:
        cut = cut[:-1]
    if " " in cut.strip():
        cut = cut.rsplit(" ", 1)[0] if not title[len(cut)].isspace() else cut
    return cut.rstrip(" ,;:、，。・") + "…"


@dataclass(frozen=True)
class LabelBox:
    """Where a key mark's label is drawn: its row and its extent along the axis, and
    the leader line that runs down from it at the mark's x."""

    x1: float
    x2: float
    row: int
    leader_x: float

    def clashes(self, other, gap=KEY_LABEL_GAP):
        if self.row == other.row:
            return self.x1 < other.x2 + gap and other.x1 < self.x2 + gap
        upper, lower = (self, other) if self.row < other.row else (other, self)
        # The upper label's leader passes through the lower label's row.
        return lower.x1 - 2 <= upper.leader_x <= lower.x2 + 2


def label_box(mark):
    """The box of a mark's label as drawn (None for a mark without one)."""
    if not mark.label:
        return None
    width = text_width(mark.label)
    x1 = mark.label_x if mark.label_anchor == "start" else mark.label_x - width
    row = (mark.label_y - KEY_LABEL_TOP) // KEY_LABEL_STEP
    return LabelBox(round(x1, 1), round(x1 + width, 1), row, mark.x)


def label_key_marks(marks, left=2, right=WIDTH - 2):
    """Give key marks a short visible title where one fits in the label rows.

    A label may not overlap another in its row nor cross a leader line from a row
    above. The marks are labelled one by one, in three orders (left to right, right
    to left, from both ends inwards), and the order that shows the most labels,
    then the fewest shortened, is kept.
    """
    keys = [mark for mark in marks if mark.is_key]
    middle = (left + right) / 2
    orders = [
        keys,
        keys[::-1],
        # From both ends towards the middle, where a label has room either side.
        [mark for mark in keys if mark.x < middle]
        + [mark for mark in keys if mark.x >= middle][::-1],
    ]
    passes = [place_labels(order, left, right) for order in orders]
    best = max(
        passes,
        key=lambda labels: (
            len(labels),
            -sum(text.endswith("…") for text, *_ in labels.values()),
            sum(len(text) for text, *_ in labels.values()),
        ),
    )
    for mark in keys:
        if id(mark) in best:
            text, anchor, box = best[id(mark)]
            mark.label = text
            mark.label_anchor = anchor
            mark.label_x = round(
                mark.x - 4 if mark.label_anchor == "start" else mark.x + 4, 1
            )
            mark.label_y = KEY_LABEL_TOP + box.row * KEY_LABEL_STEP


def place_labels(keys, left, right):
    """{id(mark): (text, anchor, box)} for marks labelled in the given order.

    Each takes the label (its title, else a shorter one) and place (a row; starting
    at the mark or ending there) that fits and hides the fewest marks still to come:
    a label spanning a mark's x leaves that mark only the rows below it.
    """
    placed = {}
    for index, mark in enumerate(keys):
        later = [other.x for other in keys[index + 1 :]]
        options = [
            (label_cost(box, later, is_short), text, anchor, box)
            for is_short, text in enumerate(label_texts(mark.title))
            for row in range(KEY_LABEL_ROWS)
            for anchor, box in label_positions(mark.x, text_width(text), row)
            if left <= box.x1
            and box.x2 <= right
            and not any(box.clashes(other) for *_, other in placed.values())
        ]
        if options:
            _, *label = min(options, key=lambda option: option[0])
            placed[id(mark)] = tuple(label)
    return placed


def label_texts(title):
    """The label, then a shorter one (the same when the title is short)."""
    full = shorten(title)
    short = shorten(title, KEY_LABEL_SHORT_WIDTH)
    return [full] if short == full else [full, short]


def label_cost(box, later_xs, is_short):
    """How much a label costs the marks after it: a later mark it spans keeps only
    the rows below it, none if it is in the last row; a shortened title and a
    higher row cost a little."""
    rows_left = KEY_LABEL_ROWS - 1 - box.row
    covered = [x for x in later_xs if box.x1 - 2 <= x <= box.x2 + 2]
    hidden = sum(1 if rows_left == 0 else 0.2 / rows_left for _ in covered)
    return (round(hidden + 0.6 * is_short, 3), box.row, box.x1 > box.leader_x - 5)


def label_positions(x, width, row):
    """A label starting just left of its mark, or ending just right of it."""
    yield "start", LabelBox(round(x - 4, 1), round(x - 4 + width, 1), row, x)
    yield "end", LabelBox(round(x + 4 - width, 1), round(x + 4, 1), row, x)


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
    label_key_marks(marks)
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
