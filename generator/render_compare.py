"""The outlet comparison page: every cell links to the paragraphs it counts."""

from __future__ import annotations

import jinja2
from markupsafe import Markup

from .charts import Bar, Segment, stacked_bars
from .compare import (Cell, CoverageCell, coverage, framing_tables, name_tables,
                      outlets_with_articles)
from .escape import kwic
from .indexes import ArchiveIndex
from .model import Outlet
from .render import date_text, link

PAGE = "comparison.md"


class EvidenceBook:
    """Collects every cell shown on a page, to list its paragraphs at the end."""

    def __init__(self, index: ArchiveIndex, page: str):
        self.index, self.page = index, page
        self.entries: list[dict] = []
        self.seen: set[str] = set()

    def cell(self, cell: Cell | None, title: str) -> dict:
        """A table cell: its count and the link to its evidence (``count`` 0: no link)."""
        if cell is None or not cell.count:
            return {"count": 0, "link": None}
        if cell.id not in self.seen:
            self.seen.add(cell.id)
            self.entries.append({"id": cell.id, "title": title, "passages": self._items(cell)})
        return {"count": cell.count, "link": Markup(f"#{cell.id}")}

    def _items(self, cell: Cell) -> list[dict]:
        items = []
        for ev in cell.evidence:
            article = self.index.articles[ev.seed]
            text = self.index.blocks[(ev.seed, ev.anchor)].text
            items.append({"link": link(self.page, f"{article.page_path}#{ev.anchor}"),
                          "where": f"{article.outlet.name}, {date_text(article)}",
                          "snippet": kwic(text, ev.start, ev.end, width=60)})
        return items


def coverage_view(index: ArchiveIndex, outlets: list[Outlet], book: EvidenceBook) -> list[dict]:
    rows = []
    for key, row in coverage(index, outlets).items():
        event = index.entity(key)
        cells = []
        for outlet in outlets:
            cov: CoverageCell | None = row.get(outlet.id)
            if cov is None:
                cells.append(None)
                continue
            shown = book.cell(cov.cell, f"{outlet.name} on “{event.name}”")
            cells.append({**shown, "recalls": cov.recalls, "dates": ", ".join(cov.article_dates),
                          "lag": cov.lag})
        rows.append({"name": event.name, "link": link(PAGE, event.page_path),
                     "date": event.date.human(), "cells": cells})
    return rows


def names_view(index: ArchiveIndex, outlets: list[Outlet], book: EvidenceBook) -> list[dict]:
    tables = []
    for table in name_tables(index, outlets):
        present = [o for o in outlets if o.id in table.dominant]
        rows = [{"name": name, "cells": [book.cell(table.cells[name].get(o.id),
                                                   f"{o.name} writes “{name}”") for o in present],
                 "readers": table.readers.get(name, 0)} for name in table.names]
        chart = stacked_bars([Bar(o.name, tuple(
            Segment(n, table.cells[n][o.id].count, f"#{table.cells[n][o.id].id}")
            for n in table.names if o.id in table.cells[n])) for o in present],
            f"Names of {table.actor.name}, share per outlet")
        tables.append({"entity": table.actor.name, "link": link(PAGE, table.actor.page_path),
                       "outlets": [o.name for o in present], "rows": rows,
                       "dominant": [table.dominant[o.id] for o in present],
                       "readers": sum(table.readers.values()), "chart": Markup(chart)})
    return tables


def framing_view(index: ArchiveIndex, outlets: list[Outlet], book: EvidenceBook) -> list[dict]:
    groups = []
    for table in framing_tables(index, outlets, index.archive.framing):
        rows = []
        for term in table.group.terms:
            cells = []
            for o in outlets:
                shown = book.cell(table.cells.get(term.id, {}).get(o.id),
                                  f"{o.name}: “{term.label}”")
                cells.append({**shown, "rate": f"{table.rate(term.id, o.id):.1f}"})
            rows.append({"label": term.label, "cells": cells})
        bars = [Bar(o.name, tuple(Segment(t.label, table.cells[t.id][o.id].count,
                                          f"#{table.cells[t.id][o.id].id}")
                                  for t in table.group.terms if o.id in table.cells.get(t.id, {})))
                for o in outlets]
        groups.append({"title": table.group.title, "note": table.group.note, "rows": rows,
                       "chart": Markup(stacked_bars(bars, table.group.title))})
    return groups


def render_comparison(env: jinja2.Environment, index: ArchiveIndex) -> str:
    outlets = outlets_with_articles(index)
    book = EvidenceBook(index, PAGE)
    articles = [{"outlet": o.name, "link": link(PAGE, f"outlets/{o.id}.md"), "articles": [
        {"title": a.meta.title, "link": link(PAGE, a.page_path), "date": date_text(a),
         "words": a.text.word_count}
        for a in index.archive.articles if a.outlet.id == o.id]} for o in outlets]
    context = {
        "outlets": [o.name for o in outlets],
        "articles": articles,
        "coverage": coverage_view(index, outlets, book),
        "names": names_view(index, outlets, book),
        "framing": framing_view(index, outlets, book),
    }
    return env.get_template("comparison.md.j2").render(**context, evidence=book.entries)
