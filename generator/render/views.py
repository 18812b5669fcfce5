"""The map of places and the timeline of events and articles, drawn at build time."""

from __future__ import annotations

import jinja2
from markupsafe import Markup

from generator.evidence.indexes import ArchiveIndex
from generator.evidence.marks import article_marks
from generator.model import APART, Article, Entity, EntityKind, FuzzyDate, Voice
from generator.render.pages import View, date_text, html_link, link
from generator.svg.map import MapPoint, load_countries, region_and_outliers, render_map
from generator.svg.timeline import TimelineItem, render_timeline

# Places outside the collection's region (content/collection.yml) are drawn on this map.
WORLD = (-100.0, 10.0, 70.0, 65.0)
# Above this many articles, publications are counted per outlet and year instead of drawn
# one by one, so the page stays the same size however large the archive grows.
ARTICLES_DRAWN = 300


def _points(index: ArchiveIndex, page: str) -> list[MapPoint]:
    points = []
    for place in index.of_kind(EntityKind.PLACE):
        if place.coordinates is None:
            continue
        points.append(MapPoint(
            id=place.id, name=place.name, lat=place.coordinates.lat, lon=place.coordinates.lon,
            href=str(html_link(page, place.page_path)), kind=place.type,
            weight=len(index.by_entity.get(place.key, [])),
        ))
    return sorted(points, key=lambda p: (-p.weight, p.id))


def render_map_page(env: jinja2.Environment, index: ArchiveIndex) -> str:
    page = "map.md"
    points = _points(index, page)
    countries = load_countries()
    region = index.archive.collection.region
    regional, outside = region_and_outliers(points, region.bbox)
    world, _ = region_and_outliers(outside, WORLD)
    missing = [p for p in index.of_kind(EntityKind.PLACE) if p.coordinates is None]
    return env.get_template("map.md.j2").render(
        region_name=region.name,
        region_svg=Markup(render_map(regional, countries, bbox=region.bbox)),
        world_svg=Markup(render_map(world, countries, bbox=WORLD)) if world else None,
        regional=[{"name": p.name, "link": link(page, EntityKind.PLACE.page(p.id)), "weight": p.weight,
                   "kind": p.kind} for p in regional],
        outside=[{"name": p.name, "link": link(page, EntityKind.PLACE.page(p.id)), "weight": p.weight,
                  "kind": p.kind} for p in outside],
        missing=[{"name": p.name, "link": link(page, p.page_path)} for p in missing],
    )


def _item(label: str, href: str, when: tuple[FuzzyDate, FuzzyDate | None], lane: str,
          kind: str) -> TimelineItem:
    """A timeline item; ``when`` is its date and, for a range, the range's end."""
    date, end = when
    return TimelineItem(label=label, href=href, start=date.sort_key,
                        end=end.sort_key if end else None, precision=date.precision.value,
                        qualifier=date.qualifier.value, lane=lane, kind=kind)


# Events that only photo captions or readers' comments name are drawn in a lane of their
# own: no outlet's text reports them.
APART_LANES = {voice: f"Only in {words}" for voice, words in APART.items()}


def _apart_only(index: ArchiveIndex, key: str) -> Voice | None:
    """The voice counted apart that alone names an event, when no outlet's words do."""
    if index.mentions_of(key):
        return None
    return next((v for v in APART_LANES if index.mentions_of(key, v)), None)


def render_timeline_page(env: jinja2.Environment, index: ArchiveIndex) -> str:
    page = "timeline.md"
    collection = index.archive.collection
    events = sorted((e for e in index.of_kind(EntityKind.EVENT) if e.date),
                    key=lambda e: (e.event_date.sort_key, e.id))
    articles = [(a, a.meta.date) for a in index.archive.articles if a.meta.date]
    only = {e.key: voice for e in events if (voice := _apart_only(index, e.key))}
    items = [_item(e.name, str(html_link(page, e.page_path)), (e.event_date, e.end),
                   APART_LANES[only[e.key]] if e.key in only else "Events", "event")
             for e in events if collection.in_years(e.event_date.year)]
    drawn = len(articles) <= ARTICLES_DRAWN
    if drawn:
        items += [_item(a.meta.title, str(html_link(page, a.page_path)), (date, None),
                        index.outlet_headers[a.outlet.id], "article")
                  for a, date in articles if collection.in_years(date.year)]
    rows: list[View] = [{"sort": e.event_date.sort_key, "date": _span(e), "what": e.name,
             "link": link(page, e.page_path), "article": False,
             "kind": e.type + (f", only in {only[e.key].apart}" if e.key in only else "")}
            for e in events]
    if drawn:
        rows += [{"sort": date.sort_key, "date": date_text(a), "what": a.meta.title,
                  "link": link(page, a.page_path), "article": True,
                  "kind": f"article by {a.outlet.name}"
                          + "".join(f"; {mark}" for mark in article_marks(a))}
                 for a, date in articles]
    rows.sort(key=lambda r: (r["sort"], r["article"], r["what"]))
    undated = [a for a in index.archive.articles if not a.meta.date]
    return env.get_template("timeline.md.j2").render(
        svg=Markup(render_timeline(items, start_year=collection.first_year,
                                   end_year=collection.last_year)),
        years=collection.years, rows=rows,
        only=[{"count": sum(1 for v in only.values() if v is voice), "lane": lane,
               "voice": voice.apart}
              for voice, lane in APART_LANES.items() if voice in only.values()],
        outside=[r for r in rows if not collection.in_years(r["sort"][0])],
        undated=[{"title": a.meta.title, "link": link(page, a.page_path)} for a in undated]
        if drawn else [],
        per_year=None if drawn else _per_year(articles),
    )


def _per_year(articles: list[tuple[Article, FuzzyDate]]) -> View:
    """Articles per outlet and year, for an archive too large to draw one by one."""
    years = sorted({date.year for _, date in articles})
    counts: dict[str, dict[int, int]] = {}
    for a, date in articles:
        row = counts.setdefault(a.outlet.name, {})
        row[date.year] = row.get(date.year, 0) + 1
    return {"years": years, "rows": [{"outlet": o, "cells": [counts[o].get(y, 0) for y in years]}
                                     for o in sorted(counts)]}


def _span(event: Entity) -> str:
    return event.event_date.human() + (f" to {event.end.human()}" if event.end else "")

