"""Look-ups over the linked archive, computed once for all pages."""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable

from generator.cache import fingerprint
from generator.evidence.attribution import Attribution, Citation, MentionSpan, find_attributions
from generator.evidence.figures import StatedFigure
from generator.evidence.marks import outlet_header
from generator.evidence.quotes import Innermost, QuotedSpan, quoted_spans_of
from generator.model import Archive, Article, Block, BlockKind, Entity, EntityKind, Mention, Voice

DAYS = {"days": 1, "weeks": 7, "months": 30.44, "years": 365.25}  # to compare durations

@dataclass
class ArchiveIndex:
    archive: Archive
    # What the evidence stage found in the archive's text (empty while it reads it).
    citations: tuple[Citation, ...] = ()
    figures: tuple[StatedFigure, ...] = ()
    by_entity: dict[str, list[Mention]] = field(default_factory=lambda: defaultdict(list))
    by_seed: dict[str, list[Mention]] = field(default_factory=lambda: defaultdict(list))
    by_block: dict[tuple[str, str], list[Mention]] = field(default_factory=lambda: defaultdict(list))
    _entities_in: dict[tuple[str, Voice | None], Counter[str]] = field(default_factory=dict)
    _sets: dict[str, set[str]] = field(default_factory=dict)
    _quoted: dict[tuple[str, str], list[QuotedSpan]] = field(default_factory=dict)
    _innermost: dict[tuple[str, str], Innermost] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for mention in self.archive.mentions:
            self.by_entity[mention.entity].append(mention)
            self.by_seed[mention.seed].append(mention)
            self.by_block[(mention.seed, mention.anchor)].append(mention)

    @cached_property
    def articles(self) -> dict[str, Article]:
        return {a.seed.name: a for a in self.archive.articles}

    def block(self, seed: str, anchor: str) -> Block:
        """A paragraph (or caption, comment, heading) by its article and anchor."""
        return self.articles[seed].text.by_anchor[anchor]

    def entity(self, key: str) -> Entity:
        return self.archive.entities[key]

    def of_kind(self, kind: EntityKind) -> list[Entity]:
        return [e for e in self.archive.entities.values() if e.kind is kind]

    @cached_property
    def order(self) -> dict[str, int]:
        return {a.seed.name: i for i, a in enumerate(self.archive.articles)}

    # -- fingerprints, for remembering rendered pages (see site.py) ---------------
    @cached_property
    def article_prints(self) -> dict[str, bytes]:
        """Seed -> a digest of everything known of its article (not the raw capture,
        which the cleaned text and the seed's sha256 stand for)."""
        return {a.seed.name: fingerprint(a.seed.name, a.seed.sha256, a.seed.encoding, a.seed.size,
                                         a.seed.notes, a.meta, a.slug, a.outlet, a.text.digest)
                for a in self.archive.articles}

    def mention_print(self, mentions: Iterable[Mention]) -> bytes:
        """A digest of some mentions (plain tuples print far faster than records)."""
        return fingerprint([(m.seed, m.anchor, m.section.value, m.entity, m.surface, m.start,
                             m.end, m.via) for m in mentions])

    @cached_property
    def entity_prints(self) -> dict[str, str]:
        """Entity key -> the entity's full record as text."""
        return {k: repr(e) for k, e in self.archive.entities.items()}

    @cached_property
    def graph_print(self) -> bytes:
        """A digest of every entity and outlet: what an entity page shows of its neighbours."""
        return fingerprint(sorted(self.entity_prints.items()), sorted(self.archive.outlets.items()))

    @cached_property
    def outlet_names(self) -> list[str]:
        """Outlet names in the order their first article comes in the archive."""
        return list(dict.fromkeys(a.outlet.name for a in self.archive.articles))

    @cached_property
    def articles_by_outlet(self) -> dict[str, list[Article]]:
        """Outlet id -> its articles in archive order (every outlet, even with none)."""
        found: dict[str, list[Article]] = {oid: [] for oid in self.archive.outlets}
        for a in self.archive.articles:
            found.setdefault(a.outlet.id, []).append(a)
        return found

    @cached_property
    def contradictions(self) -> dict[str, list[list[StatedFigure]]]:
        """Seed -> the groups of its own figures that give one thing different lengths ("the
        five-month battle" here, "the four-month battle" there): shown, never smoothed."""
        groups: dict[tuple[str, str], list[StatedFigure]] = {}
        for stated in self.figures:
            figure = stated.figure
            if stated.readers or figure.category != "duration" or not figure.of:
                continue
            groups.setdefault((stated.seed, figure.of), []).append(stated)
        found: dict[str, list[list[StatedFigure]]] = {}
        for (seed, _), group in sorted(groups.items()):
            if len({round(f.figure.low * DAYS[f.figure.unit]) for f in group}) > 1:
                found.setdefault(seed, []).append(group)
        return found

    @cached_property
    def outlet_headers(self) -> dict[str, str]:
        """Outlet id -> its name with its marks (inferred, re-posts, relays) for headings."""
        return {o.id: outlet_header(o, self.articles_by_outlet[o.id])
                for o in self.archive.outlets.values()}

    @cached_property
    def figures_by_outlet(self) -> dict[str, list[StatedFigure]]:
        """Outlet id -> the figures its own text states (readers' comments apart), in order."""
        found: dict[str, list[StatedFigure]] = defaultdict(list)
        for f in self.figures:
            if not f.readers:
                found[self.articles[f.seed].outlet.id].append(f)
        return found

    @cached_property
    def seeds_of(self) -> dict[str, list[str]]:
        """Entity key -> the seeds that mention it, in archive order."""
        found: dict[str, set[str]] = defaultdict(set)
        for m in self.archive.mentions:
            found[m.entity].add(m.seed)
        return {k: sorted(v, key=self.order.__getitem__) for k, v in found.items()}

    @cached_property
    def _citations_by_block(self) -> dict[tuple[str, str], list[Attribution]]:
        found: dict[tuple[str, str], list[Attribution]] = defaultdict(list)
        for citation in self.citations:
            found[(citation.seed, citation.anchor)].append(citation.attribution)
        return found

    def mention_spans(self, seed: str, anchor: str) -> list[MentionSpan]:
        """The names found in a paragraph, with their types, as attributions are read."""
        spans = []
        for m in self.by_block.get((seed, anchor), ()):
            if m.via != "name":
                continue
            entity = self.entity(m.entity)
            spans.append(MentionSpan(m.start, m.end, m.entity, entity.name, entity.type))
        return spans

    def quoted_in(self, seed: str, anchor: str) -> list[QuotedSpan]:
        """The spans of a paragraph of an outlet's own words that give a source's words,
        quoted or reported (none in captions and comments, which are not the outlet's).

        A headline or subheading cites no source of the archive's (its attributions are
        not counted), but "IS fighters reportedly out of Raqqa" still reports."""
        memo = (seed, anchor)
        if memo not in self._quoted:
            block = self.block(seed, anchor)
            if not block.voice.own:
                self._quoted[memo] = []
                return []
            if block.voice is Voice.HEADLINE or block.kind is BlockKind.HEADING:
                found = find_attributions(block.text, self.mention_spans(seed, anchor))
            else:
                found = self._citations_by_block.get(memo, [])
            self._quoted[memo] = quoted_spans_of(block.text, found)
        return self._quoted[memo]

    def quote_of(self, seed: str, anchor: str, start: int, end: int) -> QuotedSpan | None:
        """The quotation a span of an article stands in (the innermost), if any."""
        memo = (seed, anchor)
        if memo not in self._innermost:
            self._innermost[memo] = Innermost(self.quoted_in(seed, anchor))
        return self._innermost[memo](start, end)

    def mentions_of(self, key: str, apart: Voice | None = None) -> list[Mention]:
        """The mentions of ``key`` in the outlets' own words (headlines and article text), or
        those in one voice counted ``apart`` (photo captions, reader comments): never the two
        summed, since a caption or a reader's comment is not the outlet's text."""
        if apart is None:
            return [m for m in self.by_entity.get(key, ()) if m.voice.own]
        return [m for m in self.by_entity.get(key, ()) if m.voice is apart]

    def articles_of(self, key: str, apart: Voice | None = None) -> list[Article]:
        """The articles whose own words (or, with ``apart``, whose captions or reader
        comments) name ``key``, in archive order."""
        seeds = dict.fromkeys(m.seed for m in self.mentions_of(key, apart))
        return [self.articles[s] for s in seeds]

    def role_paragraphs(self, event: Entity) -> dict[str, list[Mention]]:
        """Actor id -> where a paragraph that reports ``event`` (in any voice) names the actor
        the curation gives a role in it: a role no such paragraph names is the curator's
        context, not the reports', and pages say so."""
        blocks = dict.fromkeys((m.seed, m.anchor) for m in self.by_entity.get(event.key, ()))
        found: dict[str, list[Mention]] = {}
        for role in event.actors:
            key = EntityKind.ACTOR.key(role.actor)
            found[role.actor] = [m for block in blocks for m in self.by_block[block]
                                 if m.entity == key and m.via == "name"]
        return found

    def entities_in(self, seed: str, apart: Voice | None = None) -> Counter[str]:
        """Entity key -> number of mentions in one article's own words (or in one voice
        counted ``apart``)."""
        memo = (seed, apart)
        if memo not in self._entities_in:
            self._entities_in[memo] = Counter(
                m.entity for m in self.by_seed.get(seed, ())
                if (m.voice.own if apart is None else m.voice is apart))
        return self._entities_in[memo]

    def co_mentioned(self, key: str, limit: int = 12) -> list[tuple[str, int]]:
        """Entities named in the same paragraphs as ``key``, with the number of such paragraphs."""
        blocks = {(m.seed, m.anchor) for m in self.by_entity.get(key, ())}
        counts: Counter[str] = Counter()
        for block in blocks:
            for other in {m.entity for m in self.by_block[block]} - {key}:
                counts[other] += 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]

    def related_articles(self, seed: str, limit: int = 5,
                         common: int = 200) -> list[tuple[Article, list[str]]]:
        """Other articles sharing entities with ``seed``, most shared first.

        Entities named in more than ``common`` articles (a capital city, the main
        armed group) say little about relatedness and would make this quadratic
        in the size of the archive; they are left out of the scoring.
        """
        keys = [k for k in sorted(self.entities_in(seed)) if len(self.seeds_of.get(k, ())) <= common]
        counts: Counter[str] = Counter()
        for key in keys:
            counts.update(self.seeds_of[key])
        counts.pop(seed, None)
        ranked = heapq.nsmallest(limit, counts.items(), key=lambda kv: (-kv[1], self.order[kv[0]]))
        return [(self.articles[s], [k for k in keys if s in self._seed_sets(k)]) for s, _ in ranked]

    def _seed_sets(self, key: str) -> set[str]:
        if key not in self._sets:
            self._sets[key] = set(self.seeds_of.get(key, ()))
        return self._sets[key]

    @cached_property
    def _links(self) -> tuple[dict[str, list[Entity]], dict[str, list[tuple[Entity, str]]],
                              dict[str, list[tuple[Entity, str]]]]:
        """Reverse references, built once: children by the key of what contains them;
        events by the key of a participant or place, each with the role; affiliates by
        actor id, each with the relation."""
        children: dict[str, list[Entity]] = defaultdict(list)
        events: dict[str, list[tuple[Entity, str]]] = defaultdict(list)
        affiliated: dict[str, list[tuple[Entity, str]]] = defaultdict(list)
        for e in self.archive.entities.values():
            if e.container:
                children[e.container].append(e)
            for a in e.affiliations:
                affiliated[a.actor].append((e, a.relation))
            if e.kind is EntityKind.EVENT:
                for role in e.actors:
                    events[EntityKind.ACTOR.key(role.actor)].append((e, role.role))
                for place in e.places:
                    events[EntityKind.PLACE.key(place)].append((e, ""))
        return children, events, affiliated

    def children(self, key: str) -> list[Entity]:
        return self._links[0].get(key, [])

    def events_with(self, key: str) -> list[tuple[Entity, str]]:
        """Events an actor takes part in (with its role) or a place hosts."""
        found = self._links[1].get(key, [])
        return sorted(found, key=lambda er: (er[0].date.sort_key if er[0].date else (0, 0, 0),
                                             er[0].id))

    def affiliated_to(self, actor_id: str) -> list[tuple[Entity, str]]:
        return self._links[2].get(actor_id, [])
