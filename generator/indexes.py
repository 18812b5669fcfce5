"""Look-ups over the linked archive, computed once for all pages."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from .model import Archive, Article, Block, Entity, Mention


@dataclass
class ArchiveIndex:
    archive: Archive
    by_entity: dict[str, list[Mention]] = field(default_factory=lambda: defaultdict(list))
    by_seed: dict[str, list[Mention]] = field(default_factory=lambda: defaultdict(list))
    by_block: dict[tuple[str, str], list[Mention]] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        for mention in self.archive.mentions:
            self.by_entity[mention.entity].append(mention)
            self.by_seed[mention.seed].append(mention)
            self.by_block[(mention.seed, mention.anchor)].append(mention)

    @cached_property
    def articles(self) -> dict[str, Article]:
        return {a.seed.name: a for a in self.archive.articles}

    @cached_property
    def blocks(self) -> dict[tuple[str, str], Block]:
        return {(a.seed.name, b.anchor): b for a in self.archive.articles
                for b in a.text.blocks if b.anchor}

    def entity(self, key: str) -> Entity:
        return self.archive.entities[key]

    def of_kind(self, kind: str) -> list[Entity]:
        return [e for e in self.archive.entities.values() if e.kind == kind]

    def articles_of(self, key: str) -> list[Article]:
        seeds = {m.seed for m in self.by_entity.get(key, ())}
        return [a for a in self.archive.articles if a.seed.name in seeds]

    def entities_in(self, seed: str) -> Counter:
        """Entity key -> number of mentions in one article."""
        return Counter(m.entity for m in self.by_seed.get(seed, ()))

    def co_mentioned(self, key: str, limit: int = 12) -> list[tuple[str, int]]:
        """Entities named in the same paragraphs as ``key``, with the number of such paragraphs."""
        blocks = {(m.seed, m.anchor) for m in self.by_entity.get(key, ())}
        counts: Counter = Counter()
        for block in blocks:
            for other in {m.entity for m in self.by_block[block]} - {key}:
                counts[other] += 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]

    def related_articles(self, seed: str, limit: int = 5) -> list[tuple[Article, list[str]]]:
        """Other articles sharing entities with ``seed``, most shared first."""
        mine = set(self.entities_in(seed))
        scored = []
        for article in self.archive.articles:
            if article.seed.name == seed:
                continue
            shared = sorted(mine & set(self.entities_in(article.seed.name)))
            if shared:
                scored.append((-len(shared), article.seed.name, article, shared))
        return [(a, shared) for _, _, a, shared in sorted(scored, key=lambda t: t[:2])[:limit]]

    def children(self, key: str) -> list[Entity]:
        entity = self.entity(key)
        link = "within" if entity.kind == "place" else "parent"
        return [e for e in self.archive.entities.values()
                if e.kind == entity.kind and getattr(e, link) == entity.id]

    def events_with(self, key: str) -> list[tuple[Entity, str]]:
        """Events an actor takes part in (with its role) or a place hosts."""
        entity = self.entity(key)
        found = []
        for event in self.of_kind("event"):
            if entity.kind == "actor":
                found += [(event, a.role) for a in event.actors if a.actor == entity.id]
            elif entity.kind == "place" and entity.id in event.places:
                found.append((event, ""))
        return sorted(found, key=lambda er: (er[0].date.sort_key if er[0].date else (0, 0, 0),
                                             er[0].id))

    def affiliated_to(self, actor_id: str) -> list[tuple[Entity, str]]:
        return [(e, a.relation) for e in self.of_kind("actor") for a in e.affiliations
                if a.actor == actor_id]
