"""The outlet comparison page: every cell links to the paragraphs it counts."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TypedDict

import jinja2
from markupsafe import Markup

from generator.escape import kwic
from generator.evidence.citations import claim_figures, figure_source, source_label
from generator.evidence.comparison import Cell, Comparison, CoverageCell, source_kind
from generator.evidence.figures import CATEGORIES, StatedFigure
from generator.evidence.indexes import ArchiveIndex
from generator.evidence.marks import article_marks, article_outlet, outlet_marks
from generator.model import APART, Article, NotCounted, Outlet, Voice
from generator.read.schema import parse_date
from generator.render.pages import APART_COLUMNS, View, date_text, link, quote_note
from generator.render.summary import number_word
from generator.svg.charts import Bar, Segment, stacked_bars

PAGE = "comparison.md"
# Bounds that keep the comparison page readable, and its size in check, in a large archive.
# Passages listed under one cell (the count stays exact): all of them in an archive of
# up to SMALL_ARCHIVE articles, a few in a larger one, where every entity and article
# page still lists its own.
SMALL_ARCHIVE, EVIDENCE_SMALL, EVIDENCE_LARGE = 200, 100, 3
# How many outlets, events, names, sources and figures the page lists is the collection's
# (``Limits``, content/collection.yml).


class EvidenceBook:
    """Collects every cell shown on a page, to list its paragraphs at the end."""

    def __init__(self, index: ArchiveIndex, page: str):
        self.index, self.page = index, page
        small = len(index.archive.articles) <= SMALL_ARCHIVE
        self.limit = EVIDENCE_SMALL if small else EVIDENCE_LARGE
        self.entries: list[View] = []
        self.seen: set[str] = set()

    def cell(self, cell: Cell | None, title: str) -> View:
        """A table cell: its count and the link to its evidence (``count`` 0: no link)."""
        if cell is None or not cell.count:
            return {"count": 0, "link": None}
        if cell.id not in self.seen:
            self.seen.add(cell.id)
            self.entries.append({"id": cell.id, "title": title, "passages": self._items(cell),
                                 "more": max(0, cell.count - self.limit)})
        return {"count": cell.count, "link": Markup(f"#{cell.id}")}

    def _items(self, cell: Cell) -> list[View]:
        items: list[View] = []
        for ev in cell.evidence[:self.limit]:
            article = self.index.articles[ev.seed]
            text = self.index.block(ev.seed, ev.anchor).text
            block = self.index.block(ev.seed, ev.anchor)
            quoted = quote_note(self.index, self.index.quote_of(ev.seed, ev.anchor, ev.start,
                                                                ev.end))
            items.append({"link": link(self.page, article.page_path, ev.anchor),
                          "where": f"{article_outlet(article)}, {date_text(article)}"
                                   + (", in its headline" if block.voice is Voice.HEADLINE
                                      else "") + (f", {quoted}" if quoted else ""),
                          "snippet": kwic(text, ev.start, ev.end, width=45)})
        return items


def coverage_view(index: ArchiveIndex, comparison: Comparison,
                  outlets: list[Outlet], book: EvidenceBook) -> list[View]:
    rows: list[View] = []
    table = comparison.coverage
    rows_shown = index.archive.collection.limits.coverage_rows
    keep = set(sorted(table, key=lambda k: (-len(table[k]), k))[:rows_shown])
    for key, row in table.items():
        if key not in keep:
            continue
        event = index.entity(key)
        cells: list[View | None] = []  # None: the outlet does not report the event
        for outlet in outlets:
            cov: CoverageCell | None = row.get(outlet.id)
            if cov is None:
                cells.append(None)
                continue
            shown = book.cell(cov.cell, f"{outlet.name} on “{event.name}”")
            cells.append({**shown, "recalls": cov.recalls, "dates": ", ".join(cov.article_dates),
                          "lag": cov.lag})
        rows.append({"name": event.name, "link": link(PAGE, event.page_path),
                     "date": event.event_date.human(), "cells": cells})
    return rows


def names_view(index: ArchiveIndex, comparison: Comparison,
               outlets: list[Outlet], book: EvidenceBook) -> list[View]:
    tables: list[View] = []
    for table in comparison.names[:index.archive.collection.limits.name_tables]:
        present = [o for o in outlets if o.id in table.dominant]
        apart = [v for v in APART if sum(table.apart[v].values())]
        rows = [{"name": name, "cells": [book.cell(table.cells[name].get(o.id),
                                                   f"{o.name} writes “{name}”") for o in present],
                 "apart": [table.apart[v].get(name, 0) for v in apart]} for name in table.names]
        chart = stacked_bars([Bar(index.outlet_headers[o.id], tuple(
            Segment(n, table.cells[n][o.id].count, f"#{table.cells[n][o.id].id}")
            for n in table.names if o.id in table.cells[n])) for o in present],
            f"Names of {table.actor.name}, share per outlet")
        tables.append({"entity": table.actor.name, "link": link(PAGE, table.actor.page_path),
                       "outlets": [index.outlet_headers[o.id] for o in present], "rows": rows,
                       "dominant": [table.dominant[o.id] for o in present],
                       "apart": [APART_COLUMNS[v] for v in apart],
                       "chart": Markup(chart)})
    return tables


def framing_view(index: ArchiveIndex, comparison: Comparison,
                 outlets: list[Outlet], book: EvidenceBook) -> list[View]:
    groups: list[View] = []
    for table in comparison.framing:
        rows: list[View] = []
        for term in table.group.terms:
            cells: list[View] = []
            for o in outlets:
                shown = book.cell(table.cells.get(term.id, {}).get(o.id),
                                  f"{o.name}: “{term.label}”")
                cell = table.cells.get(term.id, {}).get(o.id)
                quoted = sum(1 for ev in cell.evidence
                             if index.quote_of(ev.seed, ev.anchor, ev.start, ev.end)) if cell else 0
                cells.append({**shown, "rate": f"{table.rate(term.id, o.id):.1f}",
                              "quoted": quoted})
            rows.append({"label": term.label, "cells": cells})
        bars = [Bar(index.outlet_headers[o.id],
                    tuple(Segment(t.label, table.cells[t.id][o.id].count,
                                  f"#{table.cells[t.id][o.id].id}")
                          for t in table.group.terms if o.id in table.cells.get(t.id, {})))
                for o in outlets]
        sample = [f"{len(index.articles_by_outlet[o.id])} art., {table.words.get(o.id, 0)} words"
                  for o in outlets]
        groups.append({"title": table.group.title, "note": table.group.note, "rows": rows,
                       "sample": sample,
                       "chart": Markup(stacked_bars(bars, table.group.title)),
                       "not_counted": [_not_counted_view(index, e) for e in table.group.not_counted]})
    return groups


def _not_counted_view(index: ArchiveIndex, entry: NotCounted) -> View:
    article = index.articles[entry.seed]
    block = next(b for b in article.text.body if entry.quote in b.text)
    return {"quote": entry.quote, "reason": entry.reason, "outlet": article_outlet(article),
            "link": link(PAGE, article.page_path, block.anchor)}


def sources_view(index: ArchiveIndex, comparison: Comparison,
                 outlets: list[Outlet], book: EvidenceBook) -> View:
    table = comparison.sources
    rows: list[View] = []
    for key in table.sources[:index.archive.collection.limits.source_rows]:
        entity = index.archive.entities.get(key)
        rows.append({
            "label": source_label(index, key), "kind": source_kind(index, key),
            "link": link(PAGE, entity.page_path) if entity else None,
            "cells": [book.cell(table.cells[key].get(o.id), f"{o.name} cites {source_label(index, key)}")
                      for o in outlets],
            "readers": table.readers.get(key, 0)})
    kinds: dict[str, dict[str, int]] = {o.id: Counter() for o in outlets}
    for key in table.sources:
        for outlet_id, cell in table.cells[key].items():
            if outlet_id in kinds:
                kinds[outlet_id][source_kind(index, key)] += cell.count
    chart = stacked_bars([Bar(index.outlet_headers[o.id],
                              tuple(Segment(k, n) for k, n in sorted(kinds[o.id].items())))
                          for o in outlets], "Whom each outlet cites, by kind of source")
    readers = [{"label": source_label(index, k), "count": n}
               for k, n in sorted(table.readers.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"rows": rows, "chart": Markup(chart), "readers": readers}


def figure_row(index: ArchiveIndex, stated: StatedFigure, page: str = PAGE) -> View:
    article = index.articles[stated.seed]
    f = stated.figure
    text = index.block(stated.seed, stated.anchor).text
    value = f"{f.low:,.0f}" if f.low == f.high else f"{f.low:,.0f}–{f.high:,.0f}"
    return {"category": f.category, "figure": f.text, "value": value, "unit": f.unit,
            "scope": f.scope, "measures": f.comparable_as,
            "outlet": article_outlet(article), "date": date_text(article),
            "source": figure_source(index, stated),
            "fixed": stated.citation.fixed if stated.citation else "",
            "link": link(page, article.page_path, stated.anchor),
            "passage": kwic(text, f.start, f.end, width=70), "readers": stated.readers}


def _as_of(text: str) -> str:
    """When a figure applies, as curated: an EDTF date, or one and "/.." (from then on)."""
    open_ended = text.endswith("/..")
    date, _ = parse_date(text.removesuffix("/..")) if text else (None, "")
    if date is None:
        return text
    return f"from {date.human()} on" if open_ended else date.human()


def figures_view(index: ArchiveIndex) -> View:
    order = {c: i for i, c in enumerate(CATEGORIES)}
    stated = sorted((f for f in index.figures if not f.readers),
                    key=lambda f: (order.get(f.figure.category, 99), -f.figure.high,
                                   f.seed, f.anchor, f.figure.start))
    shown = index.archive.collection.limits.ledger_rows
    rows = [figure_row(index, f) for f in stated[:shown]]
    claims: list[View] = []
    for claim in index.archive.claims:
        found = [(wanted, figure_row(index, f)) for wanted, f in claim_figures(index, claim) if f]
        claim_rows = [{**row, "as_of": _as_of(wanted.as_of)} for wanted, row in found]
        # figures are set side by side only where they measure the same kind of quantity
        kinds = sorted({r["measures"] for r in claim_rows})
        claims.append({"title": claim.title, "quantity": claim.quantity, "note": claim.note,
                       "rows": claim_rows,
                       "groups": [{"measures": k, "rows": [r for r in claim_rows
                                                           if r["measures"] == k]}
                                  for k in kinds]})
    contradicting = [{"outlet": article_outlet(index.articles[seed]),
                      "title": index.articles[seed].meta.title,
                      "of": group[0].figure.of,
                      "figures": [{"text": f.figure.text,
                                   "link": link(PAGE, index.articles[seed].page_path, f.anchor)}
                                  for f in group]}
                     for seed, groups in index.contradictions.items() for group in groups]
    return {"hidden": max(0, len(stated) - shown), "contradictions": contradicting,
            "conflict": [r for r in rows if r["category"] != "other"],
            "other": [r for r in rows if r["category"] == "other"], "claims": claims,
            "readers": [figure_row(index, f) for f in index.figures if f.readers]}


def compared_outlets(index: ArchiveIndex, comparison: Comparison) -> list[Outlet]:
    """The outlets with most articles, in the archive's order, as many as the collection's
    ``compared_outlets`` at most."""
    everyone = comparison.outlets
    counts = Counter(a.outlet.id for a in index.archive.articles)
    keep = set(sorted((o.id for o in everyone), key=lambda o: (-counts[o], o))
               [:index.archive.collection.limits.compared_outlets])
    return [o for o in everyone if o.id in keep]


def render_comparison(env: jinja2.Environment, index: ArchiveIndex, comparison: Comparison) -> str:
    everyone = comparison.outlets
    outlets = compared_outlets(index, comparison)
    limits = index.archive.collection.limits
    book = EvidenceBook(index, PAGE)
    by_outlet: dict[str, list[Article]] = defaultdict(list)
    for a in index.archive.articles:
        by_outlet[a.outlet.id].append(a)
    articles = [{"outlet": o.name, "link": link(PAGE, f"outlets/{o.id}.md"),
                 "marks": "; ".join(outlet_marks(by_outlet[o.id])),
                 "count": len(by_outlet[o.id]), "words": sum(a.text.word_count for a in by_outlet[o.id]),
                 "articles": [{"title": a.meta.title, "link": link(PAGE, a.page_path),
                               "date": date_text(a), "words": a.text.word_count,
                               "marks": "; ".join(article_marks(a))}
                              for a in by_outlet[o.id][:limits.articles_listed]]} for o in outlets]
    context: View = {
        "articles_listed": number_word(limits.articles_listed),
        "hidden_outlets": [{"name": o.name, "link": link(PAGE, f"outlets/{o.id}.md")}
                           for o in everyone if o not in outlets],
        "hidden_events": max(0, len(comparison.coverage) - limits.coverage_rows),
        "hidden_sources": max(0, len(comparison.sources.sources) - limits.source_rows),
        "hidden_names": max(0, len(comparison.names) - limits.name_tables),
        "outlets": [index.outlet_headers[o.id] for o in outlets],
        "articles": articles,
        "coverage": coverage_view(index, comparison, outlets, book),
        "names": names_view(index, comparison, outlets, book),
        "framing": framing_view(index, comparison, outlets, book),
        "sources": sources_view(index, comparison, outlets, book),
        "figures": figures_view(index),
    }
    return env.get_template("comparison.md.j2").render(**context, evidence=book.entries)


class NameUse(TypedDict):
    """How often an outlet writes one of an entity's names."""

    name: str
    count: int


def outlet_profile(index: ArchiveIndex, comparison: Comparison, outlet: Outlet) -> View:
    """What the outlet page shows of the comparison: its names, words, sources, figures."""
    page = f"outlets/{outlet.id}.md"
    names: list[View] = [{"entity": t.actor.name, "link": link(page, t.actor.page_path),
              "used": sorted((NameUse(name=n, count=t.cells[n][outlet.id].count) for n in t.names
                              if outlet.id in t.cells[n]), key=lambda u: -u["count"])}
             for t in comparison.names if outlet.id in t.dominant]
    framing: list[View] = []
    for table in comparison.framing:
        used = [{"label": term.label, "count": table.cells[term.id][outlet.id].count,
                 "rate": f"{table.rate(term.id, outlet.id):.1f}"}
                for term in table.group.terms if outlet.id in table.cells.get(term.id, {})]
        framing.append({"title": table.group.title, "used": used})
    sources = comparison.sources
    limits = index.archive.collection.limits
    # A cell of the comparison exists only for the sources and outlets it shows.
    compared = outlet in compared_outlets(index, comparison)
    shown = set(sources.sources[:limits.source_rows]) if compared else set()
    cited = [{"label": source_label(index, key), "count": sources.cells[key][outlet.id].count,
              "link": (link(page, PAGE) + Markup(f"#{sources.cells[key][outlet.id].id}")
                       if key in shown else None)}
             for key in sources.sources if outlet.id in sources.cells[key]]
    own = [f for f in index.figures_by_outlet.get(outlet.id, ()) if f.figure.category != "other"]
    figures = [figure_row(index, f, page) for f in own[:limits.outlet_figures]]
    return {"names": names, "framing": framing, "sources": cited[:limits.source_rows],
            "figures": figures, "more_figures": max(0, len(own) - limits.outlet_figures),
            "more_sources": max(0, len(cited) - limits.source_rows),
            "comparison": link(page, PAGE)}
