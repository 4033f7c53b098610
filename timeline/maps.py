"""The islands map: Natural Earth coastlines kept as lon/lat, projected into SVG units.

The coastlines live in data/map.json, written once by data/build_map.py from Natural
Earth's 1:10m countries (public domain): a "coarse" set for the whole region and a
"fine" one for the disputed islands and their neighbours. The site draws no tiles
and fetches nothing, so the map works offline. The historical borders are lines this
site draws between the coasts: they show which waters a treaty's line ran through,
not a surveyed boundary.
"""

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

MAP_FILE = Path(__file__).resolve().parent / "data" / "map.json"
MAP_WIDTH = 800
KM_PER_DEGREE_LATITUDE = 111.32
MARKER_RADIUS = 7
INSET_WIDTH = 150

# The disputed islands: which database islands a coastline stands for (words of
# their slugs or Latin names), and where its label goes in the close views.
DISPUTED = {
    "etorofu": {"match": ["etorofu", "iturup"], "label": (147.45, 45.5)},
    "kunashiri": {
        "match": ["kunashiri", "kunashir"],
        "label": (144.85, 44.78),
        "anchor": "start",
    },
    "shikotan": {"match": ["shikotan"], "label": (146.9, 43.98), "anchor": "start"},
    "habomai": {"match": ["habomai", "khabomai"], "label": (146.3, 43.33)},
}
REFERENCE = {
    "hokkaido": {"name": _("Hokkaido"), "native": "北海道", "lang": "ja"},
    "urup": {"name": _("Urup"), "native": "得撫島 / Уруп", "lang": ""},
    "sakhalin": {"name": _("Sakhalin"), "native": "樺太 / Сахалин", "lang": ""},
    "kamchatka": {"name": _("Kamchatka"), "native": "Камчатка", "lang": "ru"},
    "shumshu": {"name": _("Shumshu"), "native": "", "lang": ""},
    "paramushir": {"name": _("Paramushir"), "native": "", "lang": ""},
    "disputed": {"name": _("The disputed islands"), "native": "", "lang": ""},
}
# Where reference labels go, per view ("close" = the disputed islands' views).
REFERENCE_LABELS = {
    "close": {
        "hokkaido": (144.8, 43.62, "start"),
        "urup": (150.05, 46.2, "middle"),
    },
    "region": {
        "hokkaido": (142.6, 43.5, "middle"),
        "sakhalin": (142.9, 48.0, "middle"),
        "kamchatka": (157.9, 53.7, "end"),
        "urup": (150.5, 45.5, "start"),
        "shumshu": (155.1, 50.95, "middle"),
        "disputed": (147.6, 43.25, "start"),
    },
}
PLACE_NAMES = {
    "close": [
        (_("Sea of Okhotsk"), "sea", (146.3, 45.7), 0),
        (_("Pacific Ocean"), "sea", (148.7, 43.9), 0),
        (_("Nemuro Strait"), "sea", (145.3, 44.12), -62),
    ],
    "region": [
        (_("Sea of Okhotsk"), "sea", (149.0, 50.5), 0),
        (_("Pacific Ocean"), "sea", (153.8, 42.4), 0),
        (_("Sea of Japan"), "sea", (140.3, 45.0), -90),
    ],
}

# The borders, as lines through the straits (lon, lat), with a short label.
BORDERS = [
    {
        "year": 1855,
        "name": _(
            "1855, Treaty of Shimoda: between Etorofu and Urup; Sakhalin undivided"
        ),
        "label": "1855",
        "label_at": {"close": (149.3, 46.1), "region": (149.0, 46.3)},
        "lines": [[(149.05, 46.03), (149.14, 45.535), (149.23, 45.04)]],
    },
    {
        "year": 1875,
        "name": _(
            "1875, Treaty of Saint Petersburg: all the Kurils to Japan (border "
            "between Shumshu and Kamchatka), Sakhalin to Russia"
        ),
        "label": "1875",
        "label_at": {"region": (156.0, 51.55)},
        "lines": [
            [(156.45, 51.2), (156.59, 50.87), (156.75, 50.5)],
            [(140.9, 45.72), (142.0, 45.71), (143.6, 45.76)],
        ],
    },
    {
        "year": 1905,
        "name": _("1905, Treaty of Portsmouth: Sakhalin south of 50° N to Japan"),
        "label": _("1905: 50° N"),
        "label_at": {"region": (146.7, 49.9)},
        "lines": [[(141.9, 50.0), (144.3, 50.0)]],
    },
    {
        "year": 1945,
        "name": _(
            "Since 1945: the line between Hokkaido and the islands the USSR, "
            "then Russia, has held since its occupation of August–September 1945"
        ),
        "label": "1945",
        "label_at": {"close": (145.6, 45.3), "region": (143.6, 45.35)},
        "lines": [
            [
                (145.6, 45.2),
                (145.55, 44.4),
                (145.42, 44.0),
                (145.28, 43.75),
                (145.62, 43.55),
                (145.84, 43.43),
                (145.86, 43.2),
                (145.9, 42.8),
            ],
            [(140.9, 45.72), (142.0, 45.71), (143.6, 45.76)],
        ],
    },
]

VIEWS = {
    "region": {"bounds": (139.3, 41.3, 158.4, 54.5), "level": "coarse"},
    "close": {"bounds": (144.75, 42.95, 150.75, 46.35), "level": "fine"},
}


@functools.cache
def load_map():
    return json.loads(MAP_FILE.read_text(encoding="utf-8"))


def features():
    return {feature["key"]: feature for feature in load_map()["features"]}


@dataclass(frozen=True)
class Projection:
    """Equirectangular, with longitude shrunk by the cosine of the middle latitude.

    Over the region's thirteen degrees of latitude this distorts shapes less than
    the coastlines' own simplification at the map's size.
    """

    west: float
    east: float
    south: float
    north: float
    width: float = MAP_WIDTH

    @property
    def x_factor(self):
        return math.cos(math.radians((self.south + self.north) / 2))

    @property
    def scale(self):
        """Map units per degree of latitude."""
        return self.width / ((self.east - self.west) * self.x_factor)

    @property
    def height(self):
        return round((self.north - self.south) * self.scale, 1)

    def point(self, lon, lat):
        x = (float(lon) - self.west) * self.x_factor * self.scale
        y = (self.north - float(lat)) * self.scale
        return round(x, 1), round(y, 1)

    def contains(self, lon, lat):
        return self.west <= float(lon) <= self.east and (
            self.south <= float(lat) <= self.north
        )

    def overlaps(self, polygon, margin=0.3):
        lons = [lon for lon, _ in polygon]
        lats = [lat for _, lat in polygon]
        return not (
            max(lons) < self.west - margin
            or min(lons) > self.east + margin
            or max(lats) < self.south - margin
            or min(lats) > self.north + margin
        )

    def path(self, polygons, closed=True):
        """An SVG path: one sub-path per polygon (closed) or line."""
        parts = []
        for polygon in polygons:
            if closed and not self.overlaps(polygon):
                continue
            points = [self.point(lon, lat) for lon, lat in polygon]
            head, *tail = points
            parts.append(
                f"M{head[0]} {head[1]}"
                + "".join(f"L{x} {y}" for x, y in tail)
                + ("Z" if closed else "")
            )
        return "".join(parts)

    def length(self, km):
        return round(km / KM_PER_DEGREE_LATITUDE * self.scale, 1)


@dataclass
class MapIsland:
    """An island as drawn: its outline, or a marker at its centre when it has none."""

    island: object
    label_x: float
    label_y: float
    path: str = ""
    x: float = 0
    y: float = 0
    is_current: bool = False
    label_anchor: str = "middle"
    show_label: bool = True

    @property
    def accessible_name(self):
        # The visible label's words, in its order, so speech input finds the link.
        island = self.island
        name = f"{island} {island.name_ja_native} / {island.name_ru_native}"
        if self.island.is_named_in_1956:
            name += gettext(", named in the 1956 Joint Declaration")
        return name


def island_tokens(island):
    words = set(island.slug.split("-"))
    for name in (island.name_ja, island.name_ru):
        words.update(slugify(name).split("-"))
    return words


def match_outlines(islands, outlines):
    """Pair each outline ({"key", "match"}) with the first island that it names.

    Matching on words rather than exact slugs lets editors pick "etorofu" or
    "etorofu-iturup" as a slug without breaking the map.
    """
    pairs = {}
    taken = set()
    for outline in outlines:
        wanted = set(outline["match"])
        for island in islands:
            if island.pk not in taken and island_tokens(island) & wanted:
                pairs[outline["key"]] = island
                taken.add(island.pk)
                break
    return pairs


def disputed_outlines():
    return [{"key": key, **spec} for key, spec in DISPUTED.items()]


def bounds_around(polygons, aspect=0.75, margin=0.35):
    """A view around polygons, widened to the map's aspect (height / width)."""
    lons = [lon for polygon in polygons for lon, _ in polygon]
    lats = [lat for polygon in polygons for _, lat in polygon]
    west, east = min(lons) - margin, max(lons) + margin
    south, north = min(lats) - margin, max(lats) + margin
    x_factor = math.cos(math.radians((south + north) / 2))
    width_deg, height_deg = (east - west) * x_factor, north - south
    if height_deg < width_deg * aspect:
        extra = (width_deg * aspect - height_deg) / 2
        south, north = south - extra, north + extra
    else:
        extra = (height_deg / aspect - width_deg) / 2 / x_factor
        west, east = west - extra, east + extra
    return west, south, east, north


def locator(view_bounds):
    """A small map of the whole region with the drawn view as a rectangle."""
    west, south, east, north = VIEWS["region"]["bounds"]
    projection = Projection(west, east, south, north, width=INSET_WIDTH)
    land = projection.path(
        [polygon for feature in features().values() for polygon in feature["coarse"]]
    )
    x1, y1 = projection.point(view_bounds[0], view_bounds[3])
    x2, y2 = projection.point(view_bounds[2], view_bounds[1])
    return {
        "width": INSET_WIDTH,
        "height": projection.height,
        "land": land,
        "x": x1,
        "y": y1,
        "box_width": round(max(x2 - x1, 3), 1),
        "box_height": round(max(y2 - y1, 3), 1),
    }


def build_island_map(islands, current=None, view=None, map_id="island-map"):
    """Everything the map template draws, in SVG units.

    `view` is "region" (Hokkaido to Kamchatka), "close" (the disputed islands, the
    default) or "island" (zoomed to `current`).
    """
    data = features()
    islands = list(islands)
    pairs = match_outlines(islands, disputed_outlines())
    current_key = next(
        (key for key, island in pairs.items() if current and island.pk == current.pk),
        None,
    )
    view = view or "close"
    if view == "island" and current_key:
        bounds = bounds_around(data[current_key]["fine"])
        level, labels_view = "fine", "close"
    else:
        view = "region" if view == "region" else "close"
        bounds = VIEWS[view]["bounds"]
        level, labels_view = VIEWS[view]["level"], view
    west, south, east, north = bounds
    projection = Projection(west, east, south, north)
    is_region = view == "region"

    shapes, land = [], []
    for key, spec in DISPUTED.items():
        path = projection.path(data[key][level])
        island = pairs.get(key)
        if island is None:
            land.append(path)
            continue
        label_x, label_y = projection.point(*spec["label"])
        anchor = spec.get("anchor", "middle")
        if view == "island":
            polygons = data[key]["fine"]
            lons = [lon for polygon in polygons for lon, _ in polygon]
            top = max(lat for polygon in polygons for _, lat in polygon)
            label_x, label_y = projection.point((min(lons) + max(lons)) / 2, top)
            label_y, anchor = round(label_y - 48, 1), "middle"
        shapes.append(
            MapIsland(
                island=island,
                label_x=label_x,
                label_y=label_y,
                label_anchor=anchor,
                path=path,
                is_current=key == current_key,
                show_label=not is_region and (view != "island" or key == current_key),
            )
        )
    others = [
        polygon
        for key, feature in data.items()
        if key not in DISPUTED
        for polygon in feature[level] or feature["coarse"]
    ]
    outlined = {shape.island.pk for shape in shapes}
    # An island with no outline (a new one, or a test's) still gets a marker.
    markers = []
    for island in islands:
        if island.pk in outlined or not projection.contains(
            island.longitude, island.latitude
        ):
            continue
        x, y = projection.point(island.longitude, island.latitude)
        markers.append(
            MapIsland(
                island=island,
                label_x=round(x + MARKER_RADIUS + 4, 1),
                label_y=round(y + 4, 1),
                label_anchor="start",
                x=x,
                y=y,
                is_current=current is not None and island.pk == current.pk,
            )
        )
    references = []
    for key, (lon, lat, anchor) in REFERENCE_LABELS[labels_view].items():
        if not projection.contains(lon, lat):
            continue
        x, y = projection.point(lon, lat)
        references.append({**REFERENCE[key], "x": x, "y": y, "anchor": anchor})
    place_names = []
    for name, kind, (lon, lat), rotate in PLACE_NAMES[labels_view]:
        if projection.contains(lon, lat):
            x, y = projection.point(lon, lat)
            place_names.append(
                {"name": name, "kind": kind, "x": x, "y": y, "rotate": rotate}
            )
    borders = []
    for border in BORDERS:
        path = projection.path(border["lines"], closed=False)
        at = border["label_at"].get(labels_view)
        label = {}
        if at and projection.contains(*at):
            label_x, label_y = projection.point(*at)
            label = {"x": label_x, "y": label_y, "text": border["label"]}
        visible = any(
            projection.contains(lon, lat)
            for line in border["lines"]
            for lon, lat in line
        )
        borders.append({**border, "path": path, "visible": visible, **label})
    km = scale_bar_km(projection)
    bar = projection.length(km)
    bar_x, bar_y = (
        round(projection.width - 24 - bar, 1),
        round(projection.height - 24, 1),
    )
    drawn = sorted([*shapes, *markers], key=lambda shape: islands.index(shape.island))
    return {
        "id": map_id,
        "view": view,
        "width": projection.width,
        "height": projection.height,
        "islands": shapes,
        "markers": markers,
        "land": land,
        "others": projection.path(others),
        "references": references,
        "place_names": place_names,
        "borders": borders,
        "visible_borders": [border for border in borders if border["visible"]],
        "locator": None if is_region else locator(bounds),
        "marker_radius": MARKER_RADIUS,
        "scale_bar": {
            "km": km,
            "path": f"M{bar_x} {round(bar_y - 6, 1)}v6h{bar}v-6",
            "label_x": bar_x,
            "label_y": round(bar_y - 12, 1),
        },
        "names": [str(shape.island) for shape in drawn],
        "named_in_1956": [
            str(shape.island) for shape in drawn if shape.island.is_named_in_1956
        ],
    }


def scale_bar_km(projection):
    """A round distance about a sixth of the map's width."""
    target = projection.width / 6 / projection.scale * KM_PER_DEGREE_LATITUDE
    return next(
        (km for km in (10, 20, 25, 50, 100, 200, 250, 500) if km >= target * 0.6), 500
    )
