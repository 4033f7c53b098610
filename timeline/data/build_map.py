"""Write timeline/data/map.json, the islands map's coastlines, from Natural Earth.

Source: Natural Earth 1:10m Admin 0 countries (public domain), as TopoJSON in the npm
package world-atlas (countries-10m.json). Run once, by hand, when the map changes;
the site reads only the file this writes and fetches nothing at run time:

    npm install world-atlas@2.0.2              # in a scratch folder, not committed
    python timeline/data/build_map.py node_modules/world-atlas/countries-10m.json

Plain Python, no dependencies: the TopoJSON arcs are decoded, each land polygon is
clipped to the region (Hokkaido, the Kuril chain, Sakhalin, southern Kamchatka) and
simplified (Douglas-Peucker) at two levels: "coarse" for the whole region and "fine"
for the disputed islands and their neighbours.
"""

import json
import math
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "map.json"
REGION = (139.2, 41.2, 158.6, 54.6)  # west, south, east, north
FINE_AREA = (143.6, 42.6, 151.4, 46.8)
COARSE_TOLERANCE = 0.02  # degrees
FINE_TOLERANCE = 0.003
MIN_AREA = {"coarse": 0.0008, "fine": 0.00002}  # square degrees: smaller is dropped

# (key, name, native names, a point inside, the DB islands it stands for)
NAMED = [
    ("etorofu", (147.9, 45.0), ["etorofu", "iturup"]),
    ("kunashiri", (145.9, 44.1), ["kunashiri", "kunashir"]),
    ("shikotan", (146.75, 43.8), ["shikotan"]),
    ("urup", (149.9, 45.9), None),
    ("hokkaido", (142.8, 43.5), None),
    ("sakhalin", (142.8, 50.0), None),
    ("kamchatka", (158.0, 53.5), None),
    ("shumshu", (156.35, 50.72), None),
    ("paramushir", (155.7, 50.3), None),
]
# The Habomai islets: every polygon whose centre lies in this box.
HABOMAI = (145.6, 43.2, 146.55, 43.66)


def decode_arcs(topology):
    (sx, sy), (tx, ty) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes, arcs):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def clip(points, box):
    """Sutherland-Hodgman: the ring clipped to a box (west, south, east, north)."""
    west, south, east, north = box
    edges = [
        (lambda p: p[0] >= west, lambda a, b: cut_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: cut_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: cut_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: cut_y(a, b, north)),
    ]
    for inside, cut in edges:
        if not points:
            break
        result = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    result.append(cut(previous, current))
                result.append(current)
            elif inside(previous):
                result.append(cut(previous, current))
        points = result
    return points


def cut_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def cut_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(points, tolerance):
    """Douglas-Peucker, iterative."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1) or 1e-12
        best, index = 0, None
        for i in range(first + 1, last):
            x, y = points[i]
            distance = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length
            if distance > best:
                best, index = distance, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def simplify_ring(points, tolerance):
    """A closed ring simplified as two open lines, split at the point farthest from
    its first, so the ring's ends never meet at a zero-length baseline."""
    x0, y0 = points[0]
    far = max(
        range(len(points)),
        key=lambda i: math.hypot(points[i][0] - x0, points[i][1] - y0),
    )
    first = simplify(points[: far + 1], tolerance)
    second = simplify(points[far:] + points[:1], tolerance)
    return first + second[1:-1]


def area(points):
    return abs(
        sum(
            x1 * y2 - x2 * y1
            for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True)
        )
        / 2
    )


def contains(points, lon, lat):
    inside = False
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def centre(points):
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def overlaps(points, box):
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return not (
        max(xs) < box[0] or min(xs) > box[2] or max(ys) < box[1] or min(ys) > box[3]
    )


def land_rings(topology, arcs, names=("Japan", "Russia")):
    for geometry in topology["objects"]["countries"]["geometries"]:
        country = geometry.get("properties", {}).get("name")
        if country not in names:
            continue
        polygons = geometry["arcs"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            yield country, ring(polygon[0], arcs)  # outer ring; no lakes at this size


def key_for(points):
    if overlaps(points, HABOMAI) and area(points) < 0.05:
        lon, lat = centre(points)
        if HABOMAI[0] <= lon <= HABOMAI[2] and HABOMAI[1] <= lat <= HABOMAI[3]:
            return "habomai"
    for key, (lon, lat), _ in NAMED:
        if contains(points, lon, lat):
            return key
    return "land"


def rounded(points):
    return [[round(lon, 3), round(lat, 3)] for lon, lat in points]


def build(topology):
    arcs = decode_arcs(topology)
    features = {}
    for _country, points in land_rings(topology, arcs):
        if not overlaps(points, REGION):
            continue
        key = key_for(points)
        for level, box, tolerance in (
            ("coarse", REGION, COARSE_TOLERANCE),
            ("fine", FINE_AREA, FINE_TOLERANCE),
        ):
            if not overlaps(points, box):
                continue
            clipped = clip(points, box)
            if len(clipped) < 3 or area(clipped) < MIN_AREA[level]:
                continue
            simple = simplify_ring(clipped, tolerance)
            if len(simple) < 4:
                simple = clipped
            feature = features.setdefault(key, {"key": key, "coarse": [], "fine": []})
            feature[level].append(rounded(simple))
    missing = [key for key, *_ in NAMED if key not in features] + (
        [] if "habomai" in features else ["habomai"]
    )
    if missing:
        raise SystemExit(f"not found in the data: {', '.join(missing)}")
    return {
        "_source": "Natural Earth 1:10m Admin 0 countries (public domain), from the "
        "npm package world-atlas 2.0.2 (countries-10m.json); clipped and simplified "
        "by timeline/data/build_map.py.",
        "region": dict(zip(("west", "south", "east", "north"), REGION, strict=True)),
        "fine_area": dict(
            zip(("west", "south", "east", "north"), FINE_AREA, strict=True)
        ),
        "features": sorted(features.values(), key=lambda feature: feature["key"]),
    }


def main(path):
    topology = json.loads(Path(path).read_text(encoding="utf-8"))
    data = build(topology)
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    points = {
        level: sum(
            len(polygon) for feature in data["features"] for polygon in feature[level]
        )
        for level in ("coarse", "fine")
    }
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes; points {points})")


if __name__ == "__main__":
    main(sys.argv[1])
