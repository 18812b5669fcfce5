"""Checks ``content/collection.yml``, the facts of this collection, into a :class:`Collection`.

What one war's archive needs and another's would not (the map's region, the
timeline's years, the vocabularies of roles and place types, how much a page
lists) is the curators' to set. Every key is optional and defaults to the value
this collection was built with; without the file, every value is the default.
"""

from __future__ import annotations

import math
import re
from dataclasses import fields, replace
from typing import Any, Callable, cast

from generator.model import Collection, Limits, Region
from generator.read.load import LineDict, YamlDoc
from generator.read.schema import SLUG_RE, Checker, Field, Values

FILE = "content/collection.yml"
NUMBER = (float, int)
WORDS_RE = re.compile(r"^[a-z0-9]+(?:[ -][a-z0-9]+)*$")
# Every value accepted here can be drawn. The timeline's years are those a date can hold
# (``datetime.date``, like the articles' EDTF dates, from year 1) and whose next 1 January
# it can hold too (the axis ends there), at most MAX_YEARS of them (one grid line a year).
FIRST_YEAR, LAST_YEAR, MAX_YEARS = 1, 9998, 200
# The map's box is at least MIN_SPAN degrees each way, and drawn (longitude scaled by the
# cosine of the middle latitude, never less than MIN_COS, as ``svg/map.py`` draws it) at
# most MAX_ASPECT times as tall as wide or as wide as tall: the map is 960 px wide, so at
# most 5,760 px tall.
MIN_SPAN, MIN_COS, MAX_ASPECT = 0.1, 0.2, 6.0
MAX_LIMIT = 100_000  # what a page may list: beyond this, no page is readable


def _positive(value: Any) -> str:
    return "" if 1 <= value <= MAX_LIMIT else f"a whole number from 1 to {MAX_LIMIT:,}"


def _year(value: Any) -> str:
    return "" if FIRST_YEAR <= value <= LAST_YEAR else f"a year from {FIRST_YEAR} to {LAST_YEAR}"


def _between(low: float, high: float) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        return "" if low <= value <= high else f"a number from {low:g} to {high:g}"

    return check


def _text(value: Any) -> str:
    return "" if value.strip() else "some text"


COLLECTION_FIELDS: dict[str, Field] = {
    "region": Field((dict,), doc="the regional map's box and heading"),
    "timeline": Field((dict,), doc="the years the timeline draws"),
    "roles": Field((list,), doc="the roles an actor may take in an event"),
    "place_types": Field((list,), doc="the kinds of place"),
    "limits": Field((dict,), doc="how much a page lists"),
}
REGION_FIELDS: dict[str, Field] = {
    "name": Field((str,), check=_text, doc="the regional map's heading"),
    "west": Field(NUMBER, check=_between(-180, 180), doc="western edge, longitude -180 to 180"),
    "south": Field(NUMBER, check=_between(-90, 90), doc="southern edge, latitude -90 to 90"),
    "east": Field(NUMBER, check=_between(-180, 180), doc="eastern edge, longitude -180 to 180"),
    "north": Field(NUMBER, check=_between(-90, 90), doc="northern edge, latitude -90 to 90"),
}
TIMELINE_FIELDS: dict[str, Field] = {
    "first_year": Field((int,), check=_year, doc="the first year drawn"),
    "last_year": Field((int,), check=_year, doc="the last year drawn"),
}
LIMIT_FIELDS: dict[str, Field] = {
    f.name: Field((int,), check=_positive, doc=f"a whole number from 1 to {MAX_LIMIT:,}")
    for f in fields(Limits)
}


def read_collection(doc: YamlDoc | None, check: Checker) -> Collection:
    """The collection as ``doc`` sets it, defaults for what it leaves out; every problem
    goes to ``check`` (the defaults stand in for a wrong value)."""
    default = Collection()
    if doc is None or doc.data is None:  # no file, or an empty one
        return default
    values = check.mapping(doc.path, doc.data, COLLECTION_FIELDS, "")
    if values is None:
        return default
    top = cast(LineDict, doc.data)  # a mapping, or ``mapping`` would have said otherwise
    collection = default
    if "region" in values:
        collection = replace(collection, region=_region(doc, top, values["region"], check))
    if "timeline" in values:
        first, last = _timeline(doc, values["timeline"], check)
        collection = replace(collection, first_year=first, last_year=last)
    if "roles" in values:
        roles = _vocabulary(doc, top, "roles", values["roles"], check)
        collection = replace(collection, roles=roles or default.roles)
    if "place_types" in values:
        types = _vocabulary(doc, top, "place_types", values["place_types"], check)
        collection = replace(collection, place_types=types or default.place_types)
    if "limits" in values:
        limits = check.mapping(doc.path, values["limits"], LIMIT_FIELDS, "limits") or {}
        collection = replace(collection, limits=replace(default.limits, **limits))
    return collection


def _region(doc: YamlDoc, top: LineDict, value: Any, check: Checker) -> Region:
    default = Region()
    given: Values = check.mapping(doc.path, value, REGION_FIELDS, "region") or {}
    edges: dict[str, Any] = {k: float(v) for k, v in given.items() if k != "name"}
    region = replace(default, name=given.get("name", default.name).strip(), **edges)
    drawn = True
    for low, high, what in (("west", "east", "longitude"), ("south", "north", "latitude")):
        if wrong := _span_problem(region, low, high, what):
            key = high if high in given else low if low in given else ""
            line = value.line_of(key) if key else top.line_of("region")
            check.error(doc.path, line, f"region.{key}" if key else "region", *wrong)
            drawn = False
    if drawn and (wrong := _aspect_problem(region)):
        check.error(doc.path, top.line_of("region"), "region", *wrong)
        drawn = False
    return region if drawn else default


def _span_problem(region: Region, low: str, high: str, what: str) -> tuple[str, str] | None:
    """What is wrong with the box's span between edges ``low`` and ``high``, and a hint;
    None when it can be drawn."""
    first, last = getattr(region, low), getattr(region, high)
    found = f"found {low} {_degrees(first)} and {high} {_degrees(last)}"
    if first >= last:
        return (f"expected {low} < {high} ({what}), {found}",
                "the box is west to east and south to north; "
                "a region across the antimeridian cannot be drawn")
    if last - first < MIN_SPAN:
        return (f"expected {low} and {high} at least {MIN_SPAN:g} degrees apart ({what}), "
                f"{found}", "a map narrower than that shows no more than a dot")
    return None


def _degrees(value: float) -> str:
    """A degree as written, as exact as it was given: ``40``, ``34.0000000000001``."""
    return repr(value).removesuffix(".0")


def _aspect_problem(region: Region) -> tuple[str, str] | None:
    """What is wrong with the box's shape as drawn, and a hint; None when it can be drawn."""
    cos = max(MIN_COS, math.cos(math.radians((region.south + region.north) / 2)))
    ratio = (region.north - region.south) / ((region.east - region.west) * cos)
    if 1 / MAX_ASPECT <= ratio <= MAX_ASPECT:
        return None
    return (f"expected a box at most {MAX_ASPECT:g} times as tall as wide, or as wide as tall, "
            f"as the map draws it; found one {ratio:.3g} times as tall as wide (west "
            f"{_degrees(region.west)}, south {_degrees(region.south)}, east "
            f"{_degrees(region.east)}, north {_degrees(region.north)})", "widen the narrow side")


def _timeline(doc: YamlDoc, value: Any, check: Checker) -> tuple[int, int]:
    default = Collection()
    given: Values = check.mapping(doc.path, value, TIMELINE_FIELDS, "timeline") or {}
    first = given.get("first_year", default.first_year)
    last = given.get("last_year", default.last_year)
    key = "last_year" if "last_year" in given else "first_year"
    if first > last:
        check.error(doc.path, value.line_of(key), f"timeline.{key}",
                    f"expected first_year <= last_year, found {first} and {last}")
        return default.first_year, default.last_year
    if last - first + 1 > MAX_YEARS:
        check.error(doc.path, value.line_of(key), f"timeline.{key}",
                    f"expected at most {MAX_YEARS} years from first_year to last_year, "
                    f"found {first} to {last}", "the timeline draws one line a year")
        return default.first_year, default.last_year
    return first, last


def _vocabulary(doc: YamlDoc, top: LineDict, key: str, items: list[Any],
                check: Checker) -> tuple[str, ...]:
    """The words of a vocabulary list, each checked; () when any is wrong."""
    line = top.line_of(key)
    if not items:
        check.error(doc.path, line, key, "expected a list of at least one word, found an empty list")
        return ()
    pattern, expected = (SLUG_RE, "lowercase letters, digits and inner hyphens (a-z, 0-9, -)") \
        if key == "roles" else (WORDS_RE, "lowercase words (a-z, 0-9) with single spaces or hyphens")
    words: list[str] = []
    wrong = False
    for index, item in enumerate(items):
        where = f"{key}[{index}]"
        if not isinstance(item, str) or not pattern.match(item):
            check.error(doc.path, line, where, f"expected {expected}, found {item!r}")
            wrong = True
        elif item in words:
            check.error(doc.path, line, where, f"'{item}' is listed twice")
            wrong = True
        else:
            words.append(item)
    return () if wrong else tuple(words)
