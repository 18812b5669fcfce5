"""Downloadable data written at build time: JSON for each kind, CSV of mentions."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import partial

from generator.cache import Memo, remembered
from generator.escape import csv_row
from generator.evidence.indexes import ArchiveIndex
from generator.evidence.marks import outlet_marks
from generator.model import Article, Entity, EntityKind, Report, Voice
from generator.render.pages import Pages


def _json(records: Sequence[Mapping[str, object]]) -> str:
    """A JSON array with one record a line: diffs show which records changed, and it is
    written by the json module's C encoder (an indented dump runs in Python, ten times slower)."""
    return "".join(_json_parts(_item(r) for r in records))


def _json_parts(items: Iterable[str]) -> Iterator[str]:
    """The text of ``_json`` piece by piece, from items written by ``_item``, each taken
    when it is needed."""
    first = True
    for item in items:
        yield ("[\n" if first else ",\n") + item
        first = False
    yield "[]\n" if first else "\n]\n"


def _item(record: object) -> str:
    """One record of ``_json``, on one line (JSON strings hold no raw newline)."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True)



def article_record(article: Article, index: ArchiveIndex) -> dict[str, object]:
    meta = article.meta
    return {
        "seed": article.seed.name, "sha256": article.seed.sha256, "slug": article.slug,
        "page": article.page_path.replace(".md", ".html"), "title": meta.title,
        "outlet": article.outlet.id, "outlet_inferred": meta.outlet_inferred,
        "outlet_basis": meta.outlet_basis,
        "relays": [{"source": r.source, "kind": r.kind.value, "whole": r.whole, "basis": r.basis}
                   for r in meta.relays],
        "date": meta.date.edtf if meta.date else None, "date_type": meta.date_type,
        "date_basis": meta.date_basis, "url": meta.url, "language": meta.language,
        "dateline": meta.dateline, "credit": meta.credit, "uncurated": not meta.source_file,
        "word_count": article.text.word_count,
        "headline": {"id": headline.anchor, "line": headline.line, "text": headline.text}
                    if (headline := article.text.headline) else None,
        "paragraphs": [{"id": b.anchor, "line": b.line, "kind": b.kind, "text": b.text}
                       for b in article.text.body],
        "captions": [{"id": b.anchor, "line": b.line, "text": b.text} for b in article.text.captions],
        "reader_comments": [{"id": b.anchor, "line": b.line, "depth": b.depth, "text": b.text}
                            for b in article.text.comments],
        "removed": [{"line": b.line, "text": b.text, "reason": b.reason}
                    for b in article.text.removed if b is not article.text.headline],
        # entity keys named in the outlet's own words; in its captions and comments apart
        "entities": sorted(index.entities_in(article.seed.name)),
        "entities_in_captions": sorted(index.entities_in(article.seed.name, Voice.CAPTION)),
        "entities_by_readers": sorted(index.entities_in(article.seed.name, Voice.COMMENT)),
    }


def article_line(article: Article, index: ArchiveIndex) -> str:
    """The article's record as ``data/articles.json`` writes it."""
    return _item(article_record(article, index))


def data_path(kind: EntityKind) -> str:
    """The data file of one kind of entity: "data/actors.json"."""
    return f"data/{kind.plural}.json"


def entity_record(entity: Entity, index: ArchiveIndex) -> dict[str, object]:
    record: dict[str, object] = {
        "id": entity.id, "key": entity.key, "name": entity.name, "type": entity.type,
        "aliases": [{"text": a.text, "case_sensitive": a.case_sensitive, "compounds": a.compounds}
                    for a in entity.aliases],
        "description": entity.description, "wikidata": entity.wikidata,
        "page": entity.page_path.replace(".md", ".html"),
        # the outlets' own words (headlines and text); captions and readers' comments apart,
        # never summed with them
        "mentions": len(index.mentions_of(entity.key)),
        "mentions_in_headlines": sum(1 for m in index.mentions_of(entity.key) if m.in_headline),
        "articles": [a.seed.name for a in index.articles_of(entity.key)],
        "mentions_in_captions": len(index.mentions_of(entity.key, Voice.CAPTION)),
        "articles_in_captions": [a.seed.name for a in index.articles_of(entity.key, Voice.CAPTION)],
        "mentions_by_readers": len(index.mentions_of(entity.key, Voice.COMMENT)),
        "articles_by_readers": [a.seed.name for a in index.articles_of(entity.key, Voice.COMMENT)],
    }
    if entity.kind is EntityKind.ACTOR:
        record["affiliations"] = [{"relation": a.relation, "actor": a.actor}
                                  for a in entity.affiliations]
    if entity.kind is EntityKind.PLACE:
        c = entity.coordinates
        record["coordinates"] = {"lat": c.lat, "lon": c.lon, "precision": c.precision} if c else None
        record["within"] = entity.within
    if entity.kind is EntityKind.EVENT:
        record.update({
            "date": entity.event_date.edtf, "end": entity.end.edtf if entity.end else None,
            "date_basis": entity.date_basis, "places": list(entity.places),
            # whether a paragraph that reports the event names the actor, or the role is
            # the curator's context
            "actors": [{"actor": a.actor, "role": a.role,
                        "named_in_reports": bool(named[a.actor])}
                       for named in [index.role_paragraphs(entity)] for a in entity.actors],
            "parent": entity.parent,
            "reports": [{"seed": r.seed, "quote": r.quote, "recalls": r.recalls,
                         "voice": voice.value, "by_readers": voice is Voice.COMMENT}
                        for r in entity.reports
                        for voice in [_report_voice(r, entity, index)]],
        })
    return record


def _report_voice(report: Report, event: Entity, index: ArchiveIndex) -> Voice:
    """Whose words a curated report's passage is: the outlet's headline or text, a caption,
    or a reader's comment."""
    return next((m.voice for m in index.by_entity.get(event.key, ())
                 if m.via == "report" and m.seed == report.seed and m.surface == report.quote),
                Voice.BODY)


def mentions_csv(index: ArchiveIndex) -> str:
    rows = [csv_row(["article", "paragraph_id", "section", "entity", "surface_form",
                     "char_offset", "char_end", "via", "by_readers", "quoted", "quoted_source"])]
    for m in index.archive.mentions:
        quote = index.quote_of(m.seed, m.anchor, m.start, m.end) if m.via == "name" else None
        rows.append(csv_row([m.seed, m.anchor, m.voice.value, m.entity, m.surface, m.start,
                             m.end, m.via, "yes" if m.by_readers else "no",
                             quote.quoted.value if quote else "", quote.source if quote else ""]))
    return "".join(rows)


def data_files(index: ArchiveIndex, files: Pages, records_memo: Memo[str] | None = None) -> None:
    """The downloadable files, put into ``files`` one by one as each is made (when it
    writes them to a folder, each goes before the next is made). ``records_memo``
    remembers each article's record as written, by its fingerprint and the entities it
    names."""
    archive = index.archive
    records = (remembered(records_memo, (index.article_prints[a.seed.name],
                             tuple(tuple(sorted(index.entities_in(a.seed.name, v)))
                                   for v in (None, Voice.CAPTION, Voice.COMMENT))),
                            partial(article_line, a, index))
               for a in archive.articles)
    files.write("data/articles.json", _json_parts(records))  # the largest: record by record
    for kind in EntityKind:
        files[data_path(kind)] = _json([entity_record(e, index) for e in index.of_kind(kind)])
    files["data/outlets.json"] = _json([
        {"id": o.id, "name": o.name, "country": o.country, "ownership": o.ownership,
         "ownership_basis": o.ownership_basis, "kind": o.kind, "language": o.language,
         "site": o.site, "articles": len(index.articles_by_outlet[o.id]),
         "articles_outlet_inferred": sum(1 for a in index.articles_by_outlet[o.id]
                                         if a.meta.outlet_inferred),
         "marks": outlet_marks(index.articles_by_outlet[o.id])}
        for o in sorted(archive.outlets.values(), key=lambda o: o.id)])
    files["data/mentions.csv"] = mentions_csv(index)
