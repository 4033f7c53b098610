"""The islands map: simplified outlines kept as lon/lat, projected into SVG units.

The outlines live in data/outlines.json, hand-made and simplified (a few dozen points an
island): the map shows where the islands lie, and draws no tiles, so it works offline.
"""

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from django.utils.text import slugify

OUTLINES_FILE = Path(__file__).resolve().parent / "data" / "outlines.json"
MAP_WIDTH = 800
KM_PER_DEGREE_LATITUDE = 111.32
SCALE_BAR_KM = 50
MARKER_RADIUS = 7


@functools.cache
def load_outlines():
    return json.loads(OUTLINES_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Projection:
    """Equirectangular, with longitude shrunk by the cosine of the middle latitude.

    Over three degrees of latitude this distorts shapes less than the outlines'
    own simplification does.
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

    def path(self, polygons):
        """An SVG path: one closed sub-path per polygon."""
        parts = []
        for polygon in polygons:
            points = [self.point(lon, lat) for lon, lat in polygon]
            head, *tail = points
            parts.append(
                f"M{head[0]} {head[1]}" + "".join(f"L{x} {y}" for x, y in tail) + "Z"
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

    @property
    def accessible_name(self):
        # The visible label's words, in its order, so speech input finds the link.
        island = self.island
        name = f"{island} {island.name_ja_native} / {island.name_ru_native}"
        if self.island.is_named_in_1956:
            name += ", named in the 1956 Joint Declaration"
        return name


def island_tokens(island):
    words = set(island.slug.split("-"))
    for name in (island.name_ja, island.name_ru):
        words.update(slugify(name).split("-"))
    return words


def match_outlines(islands, outlines):
    """Pair each outline with the first island whose slug or Latin names it names.

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


def build_island_map(islands, current=None):
    """Everything the map template draws, in SVG units."""
    data = load_outlines()
    projection = Projection(**data["bounds"])
    islands = list(islands)
    pairs = match_outlines(islands, data["islands"])
    shapes, land = [], []
    for outline in data["islands"]:
        path = projection.path(outline["polygons"])
        island = pairs.get(outline["key"])
        if island is None:
            land.append(path)
            continue
        label_x, label_y = projection.point(*outline["label"])
        shapes.append(
            MapIsland(
                island=island,
                label_x=label_x,
                label_y=label_y,
                label_anchor=outline.get("anchor", "middle"),
                path=path,
                is_current=current is not None and island.pk == current.pk,
            )
        )
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
    for reference in data["reference"]:
        x, y = projection.point(*reference["label"])
        references.append(
            {
                "path": projection.path(reference["polygons"]),
                "name": reference["name"],
                "name_native": reference.get("name_native", ""),
                "x": x,
                "y": y,
                "anchor": reference.get("anchor", "middle"),
            }
        )
    place_names = []
    for place in data["place_names"]:
        x, y = projection.point(*place["label"])
        place_names.append(
            {
                "name": place["name"],
                "kind": place["kind"],
                "x": x,
                "y": y,
                "rotate": place.get("rotate", 0),
            }
        )
    bar = projection.length(SCALE_BAR_KM)
    bar_x, bar_y = (
        round(projection.width - 24 - bar, 1),
        round(projection.height - 24, 1),
    )
    drawn = sorted([*shapes, *markers], key=lambda shape: islands.index(shape.island))
    return {
        "width": projection.width,
        "height": projection.height,
        "islands": shapes,
        "markers": markers,
        "land": land,
        "references": references,
        "place_names": place_names,
        "marker_radius": MARKER_RADIUS,
        "scale_bar": {
            "km": SCALE_BAR_KM,
            "path": f"M{bar_x} {round(bar_y - 6, 1)}v6h{bar}v-6",
            "label_x": bar_x,
            "label_y": round(bar_y - 12, 1),
        },
        "names": [str(shape.island) for shape in drawn],
        "named_in_1956": [
            str(shape.island) for shape in drawn if shape.island.is_named_in_1956
        ],
    }
