"""An offline map of the places an archive mentions, drawn at build time as inline SVG.

Country outlines come from the Natural Earth 1:110m file packaged in
``generator/svg/data/`` (see its README); nothing is fetched at build or view time.
The projection is equirectangular with the x axis scaled by the cosine of the
view's middle latitude, which keeps a regional map undistorted enough.

Output is deterministic (same input, same bytes): points and countries are
sorted, every number has exactly one decimal, and the ids inside the SVG are
derived from its content. Place names are untrusted and HTML-escaped. The result
is a ``<div class="archive-map-wrap">`` holding one ``<svg>``, one element per
line and no blank line, so it can be pasted into a Markdown page as a raw HTML
block (Python-Markdown does not treat a bare ``<svg>`` as a block).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.escape import svg_text, svg_url

DATA_FILE = Path(__file__).resolve().parent / "data" / "naturalearth_lowres.geojson"
WORLD_BBOX = (-180.0, -60.0, 180.0, 85.0)
MIN_MARGIN = 2.0        # degrees around the points' extent
MIN_ASPECT = 0.4        # default view: height at least this fraction of the width
LABEL_FONT = 11.0       # place labels, in SVG user units
COUNTRY_FONT = 9.0
MAX_LABEL_CHARS = 40

Ring = tuple[tuple[float, float], ...]
Polygon = tuple[Ring, ...]          # outer ring first, then holes
BBox = tuple[float, float, float, float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels


@dataclass(frozen=True)
class Country:
    name: str
    iso_a3: str
    polygons: tuple[Polygon, ...]
    label_lon: float
    label_lat: float
    area: float                     # in square degrees, to rank labels


@dataclass(frozen=True)
class MapPoint:
    id: str
    name: str
    lat: float
    lon: float
    href: str
    kind: str = ""
    weight: int = 0


# -- data -------------------------------------------------------------------

def load_countries(path: Path | None = None) -> list[Country]:
    """Country outlines from a GeoJSON file (default: the packaged Natural Earth file)."""
    return list(_load(Path(path) if path is not None else DATA_FILE))


@lru_cache(maxsize=4)
def _load(path: Path) -> tuple[Country, ...]:
    data = json.loads(path.read_text(encoding="utf-8"))
    countries = [_country(f) for f in data.get("features", [])]
    return tuple(sorted((c for c in countries if c), key=lambda c: (c.name, c.iso_a3)))


def _country(feature: dict[str, Any]) -> Country | None:  # a GeoJSON feature, as parsed
    geometry = feature.get("geometry") or {}
    props = feature.get("properties") or {}
    coords = geometry.get("coordinates") or []
    if geometry.get("type") == "Polygon":
        coords = [coords]
    elif geometry.get("type") != "MultiPolygon":
        return None
    polygons = tuple(tuple(tuple((float(p[0]), float(p[1])) for p in ring) for ring in poly)
                     for poly in coords if poly and poly[0])
    if not polygons:
        return None
    areas = [abs(_ring_area(poly[0])) for poly in polygons]
    largest = polygons[areas.index(max(areas))][0]
    lon, lat = _ring_centroid(largest)
    return Country(str(props.get("name", "")), str(props.get("iso_a3", "")), polygons,
                   lon, lat, sum(areas))


def _ring_area(ring: Ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True)) / 2


def _ring_centroid(ring: Ring) -> tuple[float, float]:
    area = _ring_area(ring)
    if abs(area) < 1e-12:
        return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        cx, cy = cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
    return cx / (6 * area), cy / (6 * area)


# -- view -------------------------------------------------------------------

def region_and_outliers(points: list[MapPoint],
                        bbox: BBox) -> tuple[list[MapPoint], list[MapPoint]]:
    """Split points into those inside ``bbox`` (min_lon, min_lat, max_lon, max_lat) and the rest."""
    inside = [p for p in points if _in_bbox(p.lon, p.lat, bbox)]
    outside = [p for p in points if not _in_bbox(p.lon, p.lat, bbox)]
    return inside, outside


def _in_bbox(lon: float, lat: float, bbox: BBox) -> bool:
    return bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]


def default_bbox(points: list[MapPoint]) -> BBox:
    """The points' extent plus a margin (10% of the span, at least 2 degrees)."""
    points = [p for p in points if math.isfinite(p.lon) and math.isfinite(p.lat)]
    if not points:
        return WORLD_BBOX
    lons, lats = [p.lon for p in points], [p.lat for p in points]
    mx = max(MIN_MARGIN, (max(lons) - min(lons)) * 0.1)
    my = max(MIN_MARGIN, (max(lats) - min(lats)) * 0.1)
    bbox = (min(lons) - mx, min(lats) - my, max(lons) + mx, max(lats) + my)
    return _clamp(_pad_aspect(bbox))


def _pad_aspect(bbox: BBox) -> BBox:
    min_lon, min_lat, max_lon, max_lat = bbox
    wide = (max_lon - min_lon) * math.cos(math.radians((min_lat + max_lat) / 2))
    extra = max(0.0, wide * MIN_ASPECT - (max_lat - min_lat)) / 2
    return min_lon, min_lat - extra, max_lon, max_lat + extra


def _clamp(bbox: BBox) -> BBox:
    return (max(bbox[0], -180.0), max(bbox[1], -89.0), min(bbox[2], 180.0), min(bbox[3], 89.0))


@dataclass(frozen=True)
class _View:
    bbox: BBox
    width: int

    @property
    def cos(self) -> float:
        return max(0.2, math.cos(math.radians((self.bbox[1] + self.bbox[3]) / 2)))

    @property
    def scale(self) -> float:  # pixels per projected degree
        return self.width / ((self.bbox[2] - self.bbox[0]) * self.cos)

    @property
    def height(self) -> float:
        return round((self.bbox[3] - self.bbox[1]) * self.scale, 1)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return ((lon - self.bbox[0]) * self.cos * self.scale, (self.bbox[3] - lat) * self.scale)


# -- output -----------------------------------------------------------------

def svg_num(value: float) -> str:
    """A coordinate or length with exactly one decimal (never "-0.0")."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def css_suffix(kind: str) -> str:
    """A place type as a CSS class suffix: lowercase letters and hyphens only."""
    return re.sub(r"[^a-z]+", "-", str(kind).lower()).strip("-") or "other"


def radius(weight: int) -> float:
    """Dot radius: grows with the log of the number of mentions, bounded."""
    return min(3.0 + 1.5 * math.log1p(max(weight, 0)), 10.0)


def _overlaps(box: Box, boxes: list[Box]) -> bool:
    return any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes)


def _short(name: str) -> str:
    name = " ".join(str(name).split())
    return name if len(name) <= MAX_LABEL_CHARS else name[:MAX_LABEL_CHARS - 1] + "…"


def _path_data(country: Country, view: _View) -> str:
    parts = []
    for polygon in country.polygons:
        if not _ring_touches(polygon[0], view.bbox):
            continue
        for ring in polygon:
            coords = [(svg_num(x), svg_num(y)) for x, y in (view.xy(*p) for p in ring)]
            kept = [c for i, c in enumerate(coords) if i == 0 or c != coords[i - 1]]
            if len(kept) >= 3:
                parts.append("M" + "L".join(f"{x} {y}" for x, y in kept) + "Z")
    return "".join(parts)


def _ring_touches(ring: Ring, bbox: BBox) -> bool:
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return (min(lons) <= bbox[2] and max(lons) >= bbox[0]
            and min(lats) <= bbox[3] and max(lats) >= bbox[1])


def _country_lines(countries: list[Country], view: _View) -> list[str]:
    lines = []
    for country in countries:
        d = _path_data(country, view)
        if d:
            name = svg_text(country.name)
            lines.append(f'<path class="country" d="{d}"><title>{name}</title></path>')
    return lines


def _point_lines(points: list[MapPoint], view: _View, taken: list[Box]) -> list[str]:
    lines = []
    for p in points:
        x, y, r = *view.xy(p.lon, p.lat), radius(p.weight)
        label = _short(p.name)
        w, h = 0.6 * LABEL_FONT * len(label), LABEL_FONT + 2
        left = x + r + 2 + w > view.width
        x0 = x - r - 2 - w if left else x + r + 2
        box = (x0, y - h / 2, x0 + w, y + h / 2)
        text = ""
        if not _overlaps(box, taken):
            taken.append(box)
            anchor = ' text-anchor="end"' if left else ""
            tx, ty = (x - r - 2 if left else x + r + 2), y + LABEL_FONT * 0.35
            text = f'<text x="{svg_num(tx)}" y="{svg_num(ty)}"{anchor}>{svg_text(label)}</text>'
        taken.append((x - r, y - r, x + r, y + r))
        lines.append(f'<a href="{svg_url(p.href)}" class="place-point place-{css_suffix(p.kind)}">'
                     f'<title>{svg_text(p.name)}</title>'
                     f'<circle cx="{svg_num(x)}" cy="{svg_num(y)}" r="{svg_num(r)}"/>{text}</a>')
    return lines


def _country_label_lines(countries: list[Country], view: _View, taken: list[Box]) -> list[str]:
    lines = []
    for c in sorted(countries, key=lambda c: (-c.area, c.name)):
        if not _in_bbox(c.label_lon, c.label_lat, view.bbox):
            continue
        x, y = view.xy(c.label_lon, c.label_lat)
        w, h = 0.55 * COUNTRY_FONT * len(c.name), COUNTRY_FONT + 2
        box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
        outside = min(box[:2]) < 0 or box[2] > view.width or box[3] > view.height
        if outside or _overlaps(box, taken):
            continue
        taken.append(box)
        lines.append(f'<text class="country-label" x="{svg_num(x)}"'
                     f' y="{svg_num(y + COUNTRY_FONT * 0.35)}" text-anchor="middle">'
                     f'{svg_text(c.name)}</text>')
    return lines


def render_map(points: list[MapPoint], countries: list[Country], *,
               bbox: tuple[float, float, float, float] | None = None, width: int = 960) -> str:
    """The map as ``<div class="archive-map-wrap"><svg class="archive-map" ...>`` text.

    Only points inside ``bbox`` are drawn (use :func:`region_and_outliers` to
    list the others); heavier points get bigger dots and first claim on labels.
    """
    west, south, east, north = bbox if bbox is not None else default_bbox(points)
    view_bbox: BBox = (float(west), float(south), float(east), float(north))
    if not (view_bbox[0] < view_bbox[2] and view_bbox[1] < view_bbox[3]):
        raise ValueError(f"empty map bbox: {view_bbox}")
    view = _View(view_bbox, int(width))
    shown = sorted(region_and_outliers(points, view_bbox)[0],
                   key=lambda p: (-p.weight, p.name, p.id, p.href, p.lon, p.lat))
    countries = sorted(countries, key=lambda c: (c.name, c.iso_a3, c.polygons))
    taken: list[Box] = []
    place_lines = _point_lines(shown, view, taken)
    body = ['<g class="countries">', *_country_lines(countries, view), "</g>",
            f'<g class="country-labels" font-size="{svg_num(COUNTRY_FONT)}">',
            *_country_label_lines(countries, view, taken), "</g>",
            f'<g class="places" font-size="{svg_num(LABEL_FONT)}">', *place_lines, "</g>"]
    return _wrap(body, view, shown)


def _wrap(body: list[str], view: _View, shown: list[MapPoint]) -> str:
    names = ", ".join(svg_text(p.name) for p in sorted(shown, key=lambda p: (p.name, p.id)))
    desc = f"{len(shown)} place{'' if len(shown) == 1 else 's'}" + (f": {names}." if names else ".")
    w, h = svg_num(view.width), svg_num(view.height)
    uid = "map-" + hashlib.sha256("\n".join([w, h, desc, *body]).encode("utf-8")).hexdigest()[:10]
    lines = ['<div class="archive-map-wrap">',
             f'<svg xmlns="http://www.w3.org/2000/svg" class="archive-map" viewBox="0 0 {w} {h}"'
             # A group of links (an "img" cannot hold any), named by its title and desc.
             f' width="{view.width}" height="{round(view.height)}" role="{"group" if shown else "img"}"'
             f' aria-labelledby="{uid}-title {uid}-desc">',
             f'<title id="{uid}-title">Map of the places mentioned</title>',
             f'<desc id="{uid}-desc">{desc}</desc>',
             f'<defs><clipPath id="{uid}-clip"><rect x="0.0" y="0.0" width="{w}" height="{h}"/>'
             "</clipPath></defs>",
             f'<rect class="map-sea" x="0.0" y="0.0" width="{w}" height="{h}"/>',
             f'<g clip-path="url(#{uid}-clip)">', *body, "</g>", "</svg>", "</div>"]
    return "\n".join(lines) + "\n"
