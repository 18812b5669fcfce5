"""Pages of actors, places and events, and their indexes."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Callable

import jinja2
from markupsafe import Markup

from generator.escape import front_matter_string, json_for_script, kwic
from generator.evidence.indexes import ArchiveIndex
from generator.evidence.marks import article_outlet
from generator.model import Entity, EntityKind, Mention, Voice
from generator.render.jsonld import entity_jsonld
from generator.render.pages import APART_COLUMNS, View, date_text, link, quote_note

# Mentions in context: an article's own words first, then its captions, then its comments.
GROUP_ORDER = {Voice.HEADLINE: 0, Voice.BODY: 0, Voice.CAPTION: 1, Voice.COMMENT: 2}


def names_by_outlet(mentions: list[Mention], index: ArchiveIndex) -> View:
    """Which outlet uses which name, and how often (captions and readers' comments apart)."""
    columns = index.outlet_names + list(APART_COLUMNS.values())
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        if m.via != "name":
            continue
        column = index.articles[m.seed].outlet.name if m.voice.own else APART_COLUMNS[m.voice]
        counts[m.surface][column] += 1
    used = [c for c in columns if any(row[c] for row in counts.values())]
    rows = [{"name": name, "cells": [counts[name][c] or "" for c in used],
             "total": sum(counts[name].values())}
            for name in sorted(counts, key=lambda n: (-sum(counts[n].values()), n))]
    return {"columns": used, "rows": rows}


def mentions_in_context(mentions: list[Mention], index: ArchiveIndex, page: str) -> list[View]:
    """Every mention, grouped by article: its own words, then its captions, then its
    readers' comments."""
    groups: dict[tuple[str, int], list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[(m.seed, GROUP_ORDER[m.voice])].append(m)
    order = index.order
    result: list[View] = []
    for (seed, group), items in sorted(groups.items(), key=lambda kv: (order[kv[0][0]], kv[0][1])):
        article = index.articles[seed]
        href = link(page, article.page_path)
        blocks = article.text.by_anchor
        result.append({
            "title": article.meta.title, "link": href,
            "outlet": article.outlet.name, "outlet_marked": article_outlet(article),
            "date": date_text(article),
            "readers": group == GROUP_ORDER[Voice.COMMENT],
            "captions": group == GROUP_ORDER[Voice.CAPTION],
            # anchors are generated ids ("p-1a2b3c4d"): nothing in them to percent-encode
            "mentions": [{"link": Markup(f"{href}#{m.anchor}"), "anchor": m.anchor, "via": m.via,
                          "headline": m.in_headline,
                          "quoted": quote_note(index, index.quote_of(m.seed, m.anchor, m.start,
                                                                     m.end))
                          if m.via == "name" else "",
                          "snippet": _snippet(m, blocks[m.anchor].text)} for m in items],
        })
    return result


def _snippet(m: Mention, text: str) -> Markup:
    if m.via == "report":
        return kwic(text, m.start, m.end, width=40)
    return kwic(text, m.start, m.end)


def entity_ref(entity: Entity, page: str, **extra: object) -> View:
    return {"name": entity.name, "link": link(page, entity.page_path), "type": entity.type, **extra}


def reports_by_outlet(entity: Entity, index: ArchiveIndex, page: str,
                      apart: Voice | None = None) -> list[View]:
    """For an event: the paragraphs that report it, outlet by outlet, quoted in full; with
    ``apart``, the captions or reader comments that name it, by the outlet they stand under."""
    by_outlet: dict[str, list[View]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for m in index.mentions_of(entity.key, apart):
        if (m.seed, m.anchor) in seen:
            continue
        seen.add((m.seed, m.anchor))
        article = index.articles[m.seed]
        report = next((r for r in entity.reports if r.seed == m.seed), None)
        by_outlet[index.outlet_headers[article.outlet.id]].append({
            "text": index.block(m.seed, m.anchor).text,
            "link": link(page, article.page_path, m.anchor),
            "article": article.meta.title, "article_link": link(page, article.page_path),
            "date": date_text(article), "readers": m.by_readers,
            "headline": m.in_headline,
            "recalls": bool(report and report.recalls),
        })
    told = index.archive.collection.limits.told_per_outlet
    return [{"outlet": outlet, "paragraphs": items[:told], "more": max(0, len(items) - told)}
            for outlet, items in sorted(by_outlet.items())]


def entity_context(entity: Entity, index: ArchiveIndex) -> View:
    page = entity.page_path
    mentions = index.by_entity.get(entity.key, [])
    related = index.archive.entities
    context: View = {
        "entity": entity,
        "title_meta": Markup(front_matter_string(entity.name)),
        "also_called": [a.text for a in entity.aliases],
        "mention_count": len(index.mentions_of(entity.key)),
        "article_count": len(index.articles_of(entity.key)),
        "headline_mentions": sum(1 for m in index.mentions_of(entity.key) if m.in_headline),
        "quoted_mentions": sum(1 for m in index.mentions_of(entity.key) if m.via == "name"
                               and index.quote_of(m.seed, m.anchor, m.start, m.end)),
        "reader_mentions": len(index.mentions_of(entity.key, Voice.COMMENT)),
        "reader_articles": len(index.articles_of(entity.key, Voice.COMMENT)),
        "caption_mentions": len(index.mentions_of(entity.key, Voice.CAPTION)),
        "caption_articles": len(index.articles_of(entity.key, Voice.CAPTION)),
        "names": names_by_outlet(mentions, index),
        "with": [entity_ref(index.entity(k), page, count=n) for k, n in index.co_mentioned(entity.key)],
        "events": [entity_ref(e, page, role=role, date=e.event_date.human()) for e, role in
                   index.events_with(entity.key)] if entity.kind is not EntityKind.EVENT else [],
        "children": [entity_ref(e, page) for e in index.children(entity.key)],
        "jsonld": json_for_script(entity_jsonld(entity, related)),
    }
    if entity.kind is EntityKind.ACTOR:
        context["affiliations"] = [
            {"relation": a.relation, **entity_ref(related[EntityKind.ACTOR.key(a.actor)], page)}
            for a in entity.affiliations]
        context["affiliated"] = [{"relation": rel, **entity_ref(e, page)}
                                 for e, rel in index.affiliated_to(entity.id)]
    if entity.kind is EntityKind.PLACE:
        context["within"] = _chain(entity, index, page)
    if entity.kind is EntityKind.EVENT:
        context.update(event_context(entity, index, page))
    return context


def _chain(entity: Entity, index: ArchiveIndex, page: str) -> list[View]:
    chain: list[View] = []
    node = entity
    while node.container and (parent := index.archive.entities.get(node.container)):
        chain.append(entity_ref(parent, page))
        node = parent
        if len(chain) > 20:
            break
    return chain


def event_context(entity: Entity, index: ArchiveIndex, page: str) -> View:
    entities = index.archive.entities
    parent = entities.get(entity.container) if entity.container else None
    named = index.role_paragraphs(entity)
    return {
        "dates": entity.event_date.human() + (f" to {entity.end.human()}" if entity.end else ""),
        "places": [entity_ref(entities[EntityKind.PLACE.key(p)], page) for p in entity.places],
        "actors": [{"role": a.role, **entity_ref(entities[EntityKind.ACTOR.key(a.actor)], page),
                    "named": bool(named[a.actor])} for a in entity.actors],
        "parent": entity_ref(parent, page) if parent else None,
        "told": reports_by_outlet(entity, index, page),
        "told_in_captions": reports_by_outlet(entity, index, page, Voice.CAPTION),
        "told_by_readers": reports_by_outlet(entity, index, page, Voice.COMMENT),
    }


def mention_pages(entity: Entity, index: ArchiveIndex) -> list[list[Mention]]:
    """An entity's mentions cut into pages, so no page grows with the archive."""
    mentions = index.by_entity.get(entity.key, [])
    size = index.archive.collection.limits.mentions_per_page
    return [mentions[i:i + size] for i in range(0, len(mentions), size)] or [[]]


def continuation_path(entity: Entity, number: int) -> str:
    return f"{entity.kind.plural}/{entity.id}/mentions-{number}.md"


def render_entity(env: jinja2.Environment, entity: Entity, index: ArchiveIndex,
                  memo: Callable[[tuple[object, ...], Callable[[], str]], str] | None = None
                  ) -> dict[str, str]:
    """The entity's page, and continuation pages when it has many mentions.

    ``memo(key, compute)`` may return a continuation page kept from an earlier
    build: ``key`` holds everything the page shows."""
    pages = mention_pages(entity, index)
    paths = [entity.page_path] + [continuation_path(entity, n) for n in range(2, len(pages) + 1)]
    template = "event.md.j2" if entity.kind is EntityKind.EVENT else "entity.md.j2"
    context = entity_context(entity, index)
    out: dict[str, str] = {}
    for number, (path, chunk) in enumerate(zip(paths, pages, strict=True), 1):
        pager = [{"number": n, "link": link(path, p), "current": n == number}
                 for n, p in enumerate(paths, 1)] if len(paths) > 1 else []
        if number == 1:
            out[path] = env.get_template(template).render(
                **context, contexts_page=mentions_in_context(chunk, index, path), pager=pager)
        else:
            def page(path: str = path, chunk: list[Mention] = chunk, pager: list[View] = pager,
                     number: int = number) -> str:
                return env.get_template("entity_mentions.md.j2").render(
                    entity=entity, title_meta=context["title_meta"],
                    contexts_page=mentions_in_context(chunk, index, path), pager=pager,
                    number=number, total=len(paths), back=link(path, entity.page_path),
                    mention_count=context["mention_count"])

            key = (entity.key, entity.name, number, len(paths), context["mention_count"],
                   index.mention_print(chunk),
                   [index.article_prints[s] for s in dict.fromkeys(m.seed for m in chunk)],
                   # whose words each mention stands in follows the attributions, which
                   # curated fixes change without changing the text
                   [index.quote_of(m.seed, m.anchor, m.start, m.end) for m in chunk
                    if m.via == "name"])
            out[path] = memo(key, page) if memo else page()
    return out


def render_entity_index(env: jinja2.Environment, kind: EntityKind, index: ArchiveIndex) -> str:
    page = kind.index_page
    groups: dict[str, list[View]] = defaultdict(list)
    for entity in index.of_kind(kind):
        groups[entity.type].append(entity_ref(
            entity, page, aliases=", ".join(a.text for a in entity.aliases),
            mentions=len(index.mentions_of(entity.key)),
            articles=len(index.articles_of(entity.key)),
            readers=len(index.mentions_of(entity.key, Voice.COMMENT)),
            reader_articles=len(index.articles_of(entity.key, Voice.COMMENT)),
            captions=len(index.mentions_of(entity.key, Voice.CAPTION)),
            caption_articles=len(index.articles_of(entity.key, Voice.CAPTION)),
            date=entity.date.human() if entity.date else "",
            sort=entity.date.sort_key if entity.date else (0, 0, 0)))
    for rows in groups.values():
        if kind is EntityKind.EVENT:
            rows.sort(key=lambda r: (r["sort"], r["name"]))
        else:
            rows.sort(key=lambda r: (-r["mentions"], -r["captions"], -r["readers"],
                                      r["name"].casefold()))
    return env.get_template("entities_index.md.j2").render(
        kind=kind, title=kind.index_title, total=len(index.of_kind(kind)),
        groups=[{"type": t, "rows": groups[t]} for t in sorted(groups, key=str.casefold)],
    )
