"""Evidence stage: compare the outlets: coverage, names, framing words, sources, figures.

Every number here is counted from the cleaned text, and every count keeps the
passages it was computed from (:class:`Passage`), so the page can link each
cell to them. Reader comments are never counted as an outlet's words.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache, partial

from generator.cache import Memo, remembered
from generator.evidence.indexes import ArchiveIndex
from generator.model import (
    APART,
    Article,
    Entity,
    EntityKind,
    FramingGroup,
    FuzzyDate,
    Outlet,
    Section,
    Voice,
)
from generator.text.mentions import trie_pattern


@dataclass(frozen=True, slots=True)
class Passage:
    """A place in a paragraph that a count comes from."""

    seed: str
    anchor: str
    start: int
    end: int


@dataclass(slots=True)
class Cell:
    """One cell of a comparison table: a count and where it comes from."""

    id: str  # anchor of the evidence list on the comparison page
    evidence: list[Passage] = field(default_factory=list)
    label: str = ""

    @property
    def count(self) -> int:
        return len(self.evidence)


def outlets_with_articles(index: ArchiveIndex) -> list[Outlet]:
    seen: dict[str, Outlet] = {}
    for article in index.archive.articles:
        seen.setdefault(article.outlet.id, article.outlet)
    return list(seen.values())


# ---------------------------------------------------------------- coverage
@dataclass
class CoverageCell:
    cell: Cell
    recalls: bool
    article_dates: list[str]
    lag: str


def fuzzy_to_date(date: FuzzyDate) -> _dt.date:
    return _dt.date(date.year, date.month or 1, date.day or 1)


# Event types that last: with no curated end, a report years after the start may be news
# of the day (an air campaign still going on), not a late report: its lag is told as the
# time since it began.
DURATIVE = frozenset({"battle", "offensive", "siege", "airstrike campaign", "displacement"})


def lag_text(event: Entity, article: Article) -> str:
    """Time from an event to an article reporting it ("3 days", "≈ 4 months", "during it")."""
    if not (event.date and article.meta.date):
        return ""
    published = fuzzy_to_date(article.meta.date)
    if event.end and fuzzy_to_date(event.date) <= published < fuzzy_to_date(event.end):
        return "during it"
    days = (published - fuzzy_to_date(event.end or event.date)).days
    ongoing = event.end is None and event.type in DURATIVE  # a report during it, maybe
    text = _elapsed(days, any(d.precision.value != "day" or d.qualifier.value != "exact"
                              for d in (article.meta.date, event.end or event.date)))
    if not (ongoing and text):
        return text
    return {"≈ same month": "≈ the month it began", "0 days": "the day it began"}.get(
        text, f"{text} after it began")


def _elapsed(days: int, rough: bool) -> str:
    """A time span as the coverage table shows it ("3 days", "≈ 4 months")."""
    if days < 0:
        return ""
    if rough and days < 31:
        return "≈ same month"
    prefix = "≈ " if rough else ""
    if days < 60:
        return f"{prefix}{days} day{'s' if days != 1 else ''}"
    if days < 730:
        return f"{prefix}{round(days / 30.4)} months"
    return f"{prefix}{round(days / 365.25)} years"


def coverage(index: ArchiveIndex, outlets: list[Outlet]) -> dict[str, dict[str, CoverageCell]]:
    """Event key -> outlet id -> how that outlet covered it (from the outlet's own text)."""
    table: dict[str, dict[str, CoverageCell]] = {}
    for event in sorted(index.of_kind(EntityKind.EVENT), key=lambda e: (e.event_date.sort_key, e.id)):
        row: dict[str, CoverageCell] = {}
        for outlet in outlets:
            mentions = [m for m in index.by_entity.get(event.key, [])
                        if m.voice.own and index.articles[m.seed].outlet.id == outlet.id]
            if not mentions:
                continue
            seeds = sorted({m.seed for m in mentions})
            recalls = all(any(r.seed == s and r.recalls for r in event.reports) for s in seeds)
            articles = [index.articles[s] for s in seeds]
            lags = [lag_text(event, a) for a in articles if not recalls]
            row[outlet.id] = CoverageCell(
                Cell(f"cov-{event.id}-{outlet.id}",
                     [Passage(m.seed, m.anchor, m.start, m.end) for m in mentions]),
                recalls, [a.meta.date.human() if a.meta.date else "undated" for a in articles],
                ", ".join(x for x in lags if x))
        if row:
            table[event.key] = row
    return table


# ------------------------------------------------------------- terminology
@dataclass
class NameTable:
    actor: Entity
    names: list[str]
    cells: dict[str, dict[str, Cell]]  # name -> outlet id -> cell
    dominant: dict[str, str]  # outlet id -> its most used name
    apart: dict[Voice, Counter[str]]  # voice -> name -> uses in captions, comments (not counted above)


def name_tables(index: ArchiveIndex, outlets: list[Outlet]) -> list[NameTable]:
    """For every actor or place called by several names: who uses which, how often."""
    tables = []
    for entity in index.archive.entities.values():
        if entity.kind is EntityKind.EVENT:
            continue
        cells: dict[str, dict[str, Cell]] = defaultdict(dict)
        apart: dict[Voice, Counter[str]] = {voice: Counter() for voice in APART}
        for m in index.by_entity.get(entity.key, []):
            if m.via != "name":
                continue
            if not m.voice.own:
                apart[m.voice][m.surface] += 1
                continue
            outlet_id = index.articles[m.seed].outlet.id
            row = cells[m.surface]
            if outlet_id not in row:
                row[outlet_id] = Cell(f"name-{entity.id}-{_slug(m.surface)}-{outlet_id}")
            row[outlet_id].evidence.append(Passage(m.seed, m.anchor, m.start, m.end))
        if len(cells) < 2:
            continue
        names = sorted(cells, key=lambda n: (-sum(c.count for c in cells[n].values()), n))
        dominant: dict[str, str] = {}
        for outlet in outlets:
            used = [(cells[n][outlet.id].count, n) for n in names if outlet.id in cells[n]]
            if used:
                dominant[outlet.id] = max(used, key=lambda cn: (cn[0], -names.index(cn[1])))[1]
        tables.append(NameTable(entity, names, dict(cells), dominant, apart))
    return sorted(tables, key=lambda t: (-sum(c.count for row in t.cells.values()
                                                for c in row.values()), t.actor.key))


@lru_cache(maxsize=65_536)
def _slug(text: str) -> str:
    """An id part for a name; names that differ only in case ("ISIS", "Isis") stay apart."""
    base = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "x"
    return base if text == text.lower() else f"{base}-{hashlib.sha1(text.encode()).hexdigest()[:4]}"


# ----------------------------------------------------------------- framing
def _framing_pattern(groups: list[FramingGroup]
                     ) -> tuple[re.Pattern[str], dict[str, list[tuple[str, str]]]]:
    """One pattern for the forms of every group (one pass per paragraph)."""
    owners: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for group in groups:
        for term in group.terms:
            for form in term.forms:
                owners[form.casefold()].append((group.id, term.id))
    # a trie-shaped alternation, as for mentions: three times faster than a flat one
    pattern = re.compile(r"(?<![\w])(?:" + (trie_pattern(owners) if owners else "(?!x)x")
                         + r")(?![\w])", re.IGNORECASE)
    return pattern, owners


@dataclass
class FramingTable:
    group: FramingGroup
    cells: dict[str, dict[str, Cell]]  # term id -> outlet id -> cell
    words: dict[str, int]  # outlet id -> words in its headlines and article bodies
    not_counted: int = 0  # hits a curator set aside (content/framing.yml, not_counted)

    def rate(self, term: str, outlet: str) -> float:
        cell = self.cells.get(term, {}).get(outlet)
        words = self.words.get(outlet, 0)
        return 1000 * cell.count / words if cell and words else 0.0


def framing_tables(index: ArchiveIndex, outlets: list[Outlet], groups: list[FramingGroup],
                   framed: Memo[Framed] | None = None) -> list[FramingTable]:
    """How often each outlet uses each framing word; ``framed`` remembers the forms found
    in each article's headline and body, by its text and the forms sought."""
    counted: Counter[str] = Counter()
    for a in index.archive.articles:
        counted[a.outlet.id] += a.text.own_word_count
    words = {o.id: counted[o.id] for o in outlets}
    pattern, owners = _framing_pattern(groups)
    by_id = {g.id: g for g in groups}
    excluded: Counter[str] = Counter()
    cells: dict[str, dict[str, dict[str, Cell]]] = {g.id: defaultdict(dict) for g in groups}
    for article in index.archive.articles:
        outlet = article.outlet.id
        hits = remembered(framed, (article.text.digest, pattern.pattern),
                          partial(_framing_hits, article, pattern))
        for anchor, start, end, form in hits:
            for group, term in owners[form]:
                if _not_counted(by_id[group], article, anchor, start, end):
                    excluded[group] += 1
                    continue
                row = cells[group][term]
                if outlet not in row:
                    row[outlet] = Cell(f"frame-{group}-{term}-{outlet}")
                row[outlet].evidence.append(Passage(article.seed.name, anchor, start, end))
    return [FramingTable(g, dict(cells[g.id]), words, excluded[g.id]) for g in groups]


def _not_counted(group: FramingGroup, article: Article, anchor: str, start: int, end: int) -> bool:
    """A curator set the passage around this hit aside for the group."""
    text = article.text.by_anchor[anchor].text
    for entry in group.not_counted:
        if entry.seed != article.seed.name:
            continue
        at = text.find(entry.quote)
        if at != -1 and at <= start and end <= at + len(entry.quote):
            return True
    return False


# (anchor, start, end, form) of the framing forms found in an article
Framed = list[tuple[str, int, int, str]]


def _framing_hits(article: Article, pattern: re.Pattern[str]) -> list[tuple[str, int, int, str]]:
    """(anchor, start, end, form) of every framing form in the article's headline and body,
    in order."""
    blocks = [b for b in article.text.blocks
              if b.voice is Voice.HEADLINE or b.section is Section.BODY]
    return [(block.anchor, m.start(), m.end(), m.group(0).casefold())
            for block in blocks for m in pattern.finditer(block.text)]


# ----------------------------------------------------------------- sources
SOURCE_KINDS = {  # entity type -> the kind of source shown in charts
    "person": "named people", "media": "media and agencies", "NGO": "monitors and NGOs",
    "monitor": "monitors and NGOs", "state": "governments and forces",
    "government body": "governments and forces", "military": "governments and forces",
    "coalition": "governments and forces", "armed group": "armed groups",
    "international organization": "monitors and NGOs",
}


def source_kind(index: ArchiveIndex, source: str) -> str:
    if source.startswith("unnamed: "):
        return "unnamed sources"
    if source.startswith("unattributed: "):
        return "no source named"
    entity = index.archive.entities.get(source)
    return SOURCE_KINDS.get(entity.type, "others") if entity else "others"


def _is_outlet(index: ArchiveIndex, key: str, outlet: Outlet) -> bool:
    """True when an actor is the outlet itself ("told VOA" in a VOA article)."""
    entity = index.archive.entities.get(key)
    names = {n.casefold() for n in (outlet.name, *outlet.site_names)}
    return entity is not None and any(n.casefold() in names for n in entity.names)


@dataclass
class SourceTable:
    sources: list[str]  # source keys, most cited first
    cells: dict[str, dict[str, Cell]]  # source -> outlet id -> cell
    readers: Counter[str]  # source -> citations in reader comments (not counted above)


def source_table(index: ArchiveIndex, outlets: list[Outlet]) -> SourceTable:
    cells: dict[str, dict[str, Cell]] = defaultdict(dict)
    readers: Counter[str] = Counter()
    for citation in index.citations:
        keys = [citation.source]
        via = citation.attribution.via_key
        outlet = index.articles[citation.seed].outlet
        if via and via != citation.source and not _is_outlet(index, via, outlet):
            keys.append(via)
        for key in keys:
            if citation.readers:
                readers[key] += 1
                continue
            outlet_id = index.articles[citation.seed].outlet.id
            if outlet_id not in cells[key]:
                cells[key][outlet_id] = Cell(f"src-{_slug(key)}-{outlet_id}")
            cell = cells[key][outlet_id]
            a = citation.attribution
            cell.evidence.append(Passage(citation.seed, citation.anchor, a.start, a.end))
    order = sorted(cells, key=lambda k: (-sum(c.count for c in cells[k].values()), k))
    return SourceTable(order, dict(cells), readers)


@dataclass
class Comparison:
    """Every table of the comparison, computed once for the comparison and outlet pages."""

    outlets: list[Outlet]
    coverage: dict[str, dict[str, CoverageCell]]
    names: list[NameTable]
    framing: list[FramingTable]
    sources: SourceTable


def comparison_of(index: ArchiveIndex, framed: Memo[Framed] | None = None) -> Comparison:
    """The outlets side by side: what the comparison page and each outlet's page show."""
    outlets = outlets_with_articles(index)
    return Comparison(outlets, coverage(index, outlets), name_tables(index, outlets),
                      framing_tables(index, outlets, index.archive.framing, framed),
                      source_table(index, outlets))
