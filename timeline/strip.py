"""The visual timeline: events placed along a line of years, eras as bands behind them.

Everything here is arithmetic on plain values, so the geometry is tested without a
template; templates/includes/timeline_strip.html only draws what it is given.
"""

import calendar
import math
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from .dates import format_date_range

WIDTH = 1000
MARGIN_X = 24
LABEL_ROW = 22
AXIS_Y = 116
HEIGHT = 146
MARK_RADIUS = 5
KEY_RADIUS = 8
LANE_STEP = 17
LANES = 5
MARK_GAP = 2
TICK_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000)
MAX_TICKS = 10
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

    @property
    def accessible_name(self):
        name = f"{self.title}, {self.date_text}"
        return f"{name} (key event)" if self.is_key else name


def build_strip(events, eras, today=None):
    """Everything the strip template draws, in SVG units.

    `events` are rows with date, end_date, date_precision, slug, title and is_key
    (EventQuerySet.for_strip()), in any order.
    """
    today = today or timezone.localdate()
    events = sorted(events, key=lambda event: (event.date, event.title, event.slug))
    eras = list(eras)
    scale = YearScale(*year_domain([event.date for event in events], eras, today))
    xs = [scale.x_for_date(event.date) for event in events]
    radii = [KEY_RADIUS if event.is_key else MARK_RADIUS for event in events]
    lanes = assign_lanes(list(zip(xs, radii, strict=True)))
    marks = [
        Mark(
            x=x,
            y=AXIS_Y - MARK_RADIUS - 6 - lane * LANE_STEP,
            radius=radius,
            is_key=event.is_key,
            url=reverse("timeline:event_detail", args=[event.slug]),
            title=event.title,
            date_text=format_date_range(
                event.date, event.end_date, event.date_precision
            ),
        )
        for event, x, radius, lane in zip(events, xs, radii, lanes, strict=True)
    ]
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
    }
