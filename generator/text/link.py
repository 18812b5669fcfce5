"""Text stage: link the articles to the actors, places and events they mention.

Aliases are found in every body paragraph, caption and reader comment (one pass
per text); each event's curated ``reports`` are resolved to the paragraph they
quote. Mentions in reader comments are kept, marked as the readers'.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Callable

from generator.cache import Memo, remembered
from generator.model import Archive, Article, Block, Entity, EntityKind, Mention, Section, Voice
from generator.problems import Problem, Severity
from generator.text.clean import comparable
from generator.text.mentions import Found, MentionFinder

LINKED_SECTIONS = (Section.BODY, Section.CAPTION, Section.COMMENT)


def linkable_blocks(article: Article) -> list[Block]:
    """The blocks whose names are found: the article's text, captions, reader comments and
    its headline (set aside as the page's title, but the outlet's words)."""
    return [b for b in article.text.blocks
            if b.section in LINKED_SECTIONS or b.voice is Voice.HEADLINE]


# What a finder knows of each alias and entity, in order: its memo key.
Names = tuple[tuple[str, bool, bool, str, str, str] | str, ...]


def finder_for(entities: list[Entity],
               finders: Memo[MentionFinder] | None = None) -> tuple[MentionFinder, Names]:
    names = tuple(sorted((a.text, a.case_sensitive, a.compounds, a.before, a.after, e.key)
                         for e in entities for a in e.aliases) + sorted(e.key + "|" + e.name
                                                                        for e in entities))
    return remembered(finders, names, lambda: MentionFinder(entities)), names


def find_mentions(archive: Archive, finder: MentionFinder, names: str = "",
                  found: Memo[list[Found]] | None = None) -> list[Mention]:
    """Every name ``finder`` finds in the linkable blocks; what it found in a paragraph's text
    is remembered in ``found`` where ``names`` (a digest of what it knows) is given."""
    mentions = []
    for article in archive.articles:
        for block in linkable_blocks(article):
            hits = remembered(found if names else None, (names, block.text),
                              lambda: finder.find(block.text))
            for hit in hits:
                mentions.append(Mention(article.seed.name, block.anchor, block.section,
                                        hit.entity, hit.surface, hit.start, hit.end))
    return mentions


def resolve_reports(archive: Archive, events: list[Entity]) -> tuple[list[Mention], list[Problem]]:
    """Each report's quote must stand in exactly one paragraph of its article."""
    by_seed = {a.seed.name: a for a in archive.articles}
    mentions, problems = [], []
    for event in events:
        for index, report in enumerate(event.reports):
            article = by_seed.get(report.seed)
            if article is None:
                continue
            quote = comparable(report.quote)
            blocks = [b for b in linkable_blocks(article) if quote in comparable(b.text)
                      and report.voice in (None, b.voice)]
            if len(blocks) != 1:
                found = "is in no paragraph" if not blocks else f"is in {len(blocks)} paragraphs"
                hint = ("copy a passage of one paragraph from the article page" if not blocks
                        else "quote more of the paragraph you mean, or say where it stands "
                             "with 'in' (headline, body, caption or comment)")
                problems.append(Problem(event.source_file, event.line,
                                        f"{event.id}.reports[{index}].quote",
                                        f"the quote {report.quote!r} {found} of {report.seed}",
                                        Severity.ERROR, hint))
                continue
            block = blocks[0]
            start = max(block.text.find(report.quote), 0)
            mentions.append(Mention(report.seed, block.anchor, block.section, event.key,
                                    report.quote, start, start + len(report.quote), "report"))
    return mentions, problems


def link(archive: Archive, entities: dict[str, Entity], finders: Memo[MentionFinder] | None = None,
         found: Memo[list[Found]] | None = None) -> tuple[Archive, list[Problem]]:
    """The archive with its entities and every mention of them; problems with reports.
    ``finders`` remembers compiled finders by the names they know, ``found`` what they
    found by paragraph text."""
    archive = replace(archive, entities=dict(sorted(entities.items())))
    finder, names = finder_for(list(archive.entities.values()), finders)
    events = [e for e in archive.entities.values() if e.kind is EntityKind.EVENT]
    named = find_mentions(archive, finder, hashlib.sha1(repr(names).encode()).hexdigest(), found)
    reported, problems = resolve_reports(archive, events)
    return replace(archive, mentions=sorted(named + reported, key=mention_order(archive))), problems


def mention_order(archive: Archive) -> Callable[[Mention], tuple[int, int, int, str]]:
    position = {a.seed.name: i for i, a in enumerate(archive.articles)}
    block_index = {(a.seed.name, b.anchor): i for a in archive.articles
                   for i, b in enumerate(a.text.blocks)}

    def key(m: Mention) -> tuple[int, int, int, str]:
        return (position[m.seed], block_index.get((m.seed, m.anchor), 0), m.start, m.entity)

    return key
