"""The build-time map (generator/svg/map.py): well-formed, safe, deterministic SVG."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest

import generator.svg.map as geo
from generator.svg.map import MapPoint, load_countries, region_and_outliers, render_map

SVG = "{http://www.w3.org/2000/svg}"
# Syria, Iraq and their neighbours: (min_lon, min_lat, max_lon, max_lat)
REGION = (33.0, 29.0, 49.0, 39.5)

NEAR = [
    MapPoint("raqqa", "Raqqa", 35.95, 39.01, "../places/raqqa.html", "city", 120),
    MapPoint("tabqa", "Tabqa", 35.84, 38.55, "../places/tabqa.html", "city", 14),
    MapPoint("deir-ez-zor", "Deir ez-Zor", 35.33, 40.14, "../places/deir-ez-zor.html", "city", 9),
    MapPoint("aleppo", "Aleppo", 36.20, 37.16, "../places/aleppo.html", "city", 30),
    MapPoint("ain-issa", "Ain Issa", 36.38, 38.87, "../places/ain-issa.html", "village", 2),
    MapPoint("mosul", "Mosul", 36.34, 43.13, "../places/mosul.html", "city", 11),
]
FAR = [
    MapPoint("paris", "Paris", 48.86, 2.35, "../places/paris.html", "city", 3),
    MapPoint("dresden", "Dresden", 51.05, 13.74, "../places/dresden.html", "city", 1),
    MapPoint("moscow", "Moscow", 55.76, 37.62, "../places/moscow.html", "city", 5),
    MapPoint("washington", "Washington", 38.91, -77.04, "../places/washington.html", "city", 4),
]


@pytest.fixture(scope="module")
def countries():
    return load_countries()


def parse(text: str) -> ET.Element:
    """The <svg> element inside the wrapper, parsed as XML (fails on any malformed markup)."""
    root = ET.fromstring(text)
    assert root.tag == "div" and root.get("class") == "archive-map-wrap"
    svg = root.find(f"{SVG}svg")
    assert svg is not None
    return svg


def links(svg: ET.Element) -> dict[str, ET.Element]:
    return {a.attrib["href"]: a for a in svg.iter(f"{SVG}a")}


def circle_xy(link: ET.Element) -> tuple[float, float]:
    circle = link.find(f"{SVG}circle")
    assert circle is not None
    return float(circle.attrib["cx"]), float(circle.attrib["cy"])


def test_svg_is_a_named_group_of_links(countries):
    # A group, not an "img": an image's content is hidden from assistive technology,
    # and its links with it.
    svg = parse(render_map(NEAR, countries, bbox=REGION))
    assert svg.get("class") == "archive-map"
    assert svg.get("role") == "group"
    assert re.fullmatch(r"0 0 960\.0 \d+\.\d", svg.get("viewBox"))
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title.text and "Raqqa" in desc.text and "Mosul" in desc.text
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_a_map_with_no_place_is_an_image(countries):
    svg = parse(render_map(FAR, countries, bbox=REGION))
    assert not links(svg) and svg.get("role") == "img"
    assert svg.find(f"{SVG}desc").text == "0 places."


def test_one_link_per_point_inside_the_bbox_with_its_href(countries):
    svg = parse(render_map(NEAR + FAR, countries, bbox=REGION))
    drawn = links(svg)
    assert set(drawn) == {p.href for p in NEAR}
    for p in NEAR:
        assert drawn[p.href].find(f"{SVG}title").text == p.name
        assert drawn[p.href].get("class") == f"place-point place-{p.kind}"


def test_far_away_places_are_reported_as_outliers():
    inside, outside = region_and_outliers(NEAR + FAR, REGION)
    assert inside == NEAR
    assert [p.name for p in outside] == ["Paris", "Dresden", "Moscow", "Washington"]


def test_default_bbox_holds_every_point_with_a_margin(countries):
    bbox = geo.default_bbox(NEAR + FAR)
    for p in NEAR + FAR:
        assert bbox[0] + 2 <= p.lon <= bbox[2] - 2 and bbox[1] + 2 <= p.lat <= bbox[3] - 2
    svg = parse(render_map(NEAR + FAR, countries))
    assert set(links(svg)) == {p.href for p in NEAR + FAR}


def test_x_grows_with_longitude_and_y_falls_with_latitude(countries):
    row = [MapPoint(f"e{i}", f"E{i}", 35.0, 36.0 + i, f"e{i}.html") for i in range(5)]
    column = [MapPoint(f"n{i}", f"N{i}", 32.0 + i, 40.0, f"n{i}.html") for i in range(5)]
    drawn = links(parse(render_map(row + column, countries, bbox=REGION)))
    xs = [circle_xy(drawn[p.href])[0] for p in row]
    ys = [circle_xy(drawn[p.href])[1] for p in column]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    assert ys == sorted(ys, reverse=True) and len(set(ys)) == len(ys)


def test_untrusted_names_and_hrefs_are_escaped(countries):
    evil = MapPoint("x", "<script>alert(1)</script>", 36.0, 39.0, 'x.html?a=1&b="2"', "<b>")
    text = render_map([evil], countries, bbox=REGION)
    assert "<script" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    svg = parse(text)
    assert not [e for e in svg.iter() if e.tag.endswith("script") or e.tag.endswith("}b")]
    (link,) = links(svg).values()
    assert link.get("href") == 'x.html?a=1&b="2"'
    assert link.find(f"{SVG}title").text == "<script>alert(1)</script>"
    assert link.get("class") == "place-point place-b"


def test_country_outlines_in_view_only(countries):
    svg = parse(render_map(NEAR, countries, bbox=REGION))
    outlined = {p.find(f"{SVG}title").text for p in svg.iter(f"{SVG}path")}
    assert {"Syria", "Iraq", "Turkey", "Lebanon"} <= outlined
    assert not {"Brazil", "Australia", "France"} & outlined
    labels = {t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "country-label"}
    assert "Syria" in labels and "Brazil" not in labels
    clip = svg.find(f"{SVG}defs/{SVG}clipPath")
    assert svg.find(f"{SVG}g").get("clip-path") == f"url(#{clip.get('id')})"


def test_no_syria_outline_when_the_bbox_misses_it(countries):
    svg = parse(render_map([], countries, bbox=(-75.0, -35.0, -35.0, 5.0)))
    outlined = {p.find(f"{SVG}title").text for p in svg.iter(f"{SVG}path")}
    assert "Brazil" in outlined and "Syria" not in outlined


def test_output_is_byte_identical_whatever_the_input_order(countries):
    first = render_map(NEAR + FAR, countries, bbox=REGION)
    assert render_map(NEAR + FAR, countries, bbox=REGION) == first
    assert render_map(list(reversed(NEAR + FAR)), list(reversed(countries)), bbox=REGION) == first


def test_embeddable_as_one_raw_html_block(countries):
    newline = MapPoint("nl", "Two\n\nparagraphs\r\n", 36.0, 39.0, "nl.html")
    text = render_map([*NEAR, newline], countries, bbox=REGION)
    assert text.startswith('<div class="archive-map-wrap">\n<svg ')
    assert all(line.strip() for line in text.splitlines())
    page = "# Places\n\n" + text + "\nAfter the *map*.\n"
    html = markdown.markdown(page, extensions=["attr_list", "md_in_html", "toc", "tables"])
    assert text.strip() in html
    assert "<em>map</em>" in html


def test_no_external_reference_or_active_content(countries):
    text = render_map(NEAR + FAR, countries)
    assert text.count("http") == 1 and 'xmlns="http://www.w3.org/2000/svg"' in text
    for banned in ("<script", "<foreignObject", "xlink", "<image", "<use", "url(http", "@import"):
        assert banned not in text
    assert all(not href.startswith(("//", "javascript:")) for href in links(parse(text)))


def test_numbers_have_one_decimal(countries):
    svg = parse(render_map(NEAR, countries, bbox=REGION))
    numbers = [v for e in svg.iter() for k in ("cx", "cy", "r", "x", "y") if (v := e.get(k))]
    numbers += re.findall(r"-?\d+(?:\.\d+)?", " ".join(p.get("d") for p in svg.iter(f"{SVG}path")))
    assert numbers and all(re.fullmatch(r"-?\d+\.\d", n) for n in numbers)


def test_more_mentions_bigger_dot_within_bounds(countries):
    drawn = links(parse(render_map(NEAR, countries, bbox=REGION)))
    radius = {p.id: float(drawn[p.href].find(f"{SVG}circle").get("r")) for p in NEAR}
    assert radius["raqqa"] > radius["aleppo"] > radius["tabqa"] > radius["ain-issa"]
    assert geo.radius(0) >= 3.0 and geo.radius(10**9) <= 10.0


def test_overlapping_labels_keep_the_heavier_one_and_every_dot(countries):
    light = MapPoint("b", "Light", 36.0, 39.0, "b.html", weight=1)
    heavy = MapPoint("a", "Heavy", 36.0, 39.0, "a.html", weight=50)
    drawn = links(parse(render_map([light, heavy], countries, bbox=REGION)))
    assert drawn["a.html"].find(f"{SVG}text").text == "Heavy"
    assert drawn["b.html"].find(f"{SVG}text") is None
    assert drawn["b.html"].find(f"{SVG}circle") is not None
    assert drawn["b.html"].find(f"{SVG}title").text == "Light"


def test_kind_becomes_a_safe_css_class():
    assert geo.css_suffix("City") == "city"
    assert geo.css_suffix("Military base") == "military-base"
    assert geo.css_suffix('x" onload="y') == "x-onload-y"
    assert geo.css_suffix("") == "other"


def test_countries_load_from_the_packaged_file():
    assert geo.DATA_FILE.is_file()
    assert geo.DATA_FILE.parent == Path(geo.__file__).resolve().parent / "data"
    countries = load_countries()
    assert len(countries) == 177
    syria = next(c for c in countries if c.name == "Syria")
    assert syria.iso_a3 == "SYR"
    assert 35 < syria.label_lon < 42 and 32 < syria.label_lat < 37.5


def test_polygon_and_multipolygon_features(tmp_path):
    square = [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]
    features = [
        {"type": "Feature", "properties": {"name": "One", "iso_a3": "ONE"},
         "geometry": {"type": "Polygon", "coordinates": square}},
        {"type": "Feature", "properties": {"name": "Two", "iso_a3": "TWO"},
         "geometry": {"type": "MultiPolygon",
                      "coordinates": [square, [[[5, 5], [7, 5], [7, 7], [5, 5]]]]}},
        {"type": "Feature", "properties": {"name": "Dot"},
         "geometry": {"type": "Point", "coordinates": [1, 1]}},
    ]
    path = tmp_path / "tiny.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    one, two = load_countries(path)
    assert (one.name, len(one.polygons), two.name, len(two.polygons)) == ("One", 1, "Two", 2)
    assert (one.label_lon, one.label_lat) == pytest.approx((0.5, 0.5))
