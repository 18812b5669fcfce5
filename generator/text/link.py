"""Text stage: link the articles to the actors, places and events they mention.

Aliases are found in every body paragraph, caption and reader comment (one pass
per text); each event's curated ``reports`` are resolved to the paragraph they
quote (each article read once for all of them). Mentions in reader comments are kept, marked as the readers'.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from functools import partial
from typing import Callable

from generator.cache import Memo, remembered
from generator.model import Archive, Article, Block, Entity, EntityKind, Mention, Report, Section, Voice
from generator.problems import Problem, Severity
from generator.text.clean import comparable, fold
from generator.text.mentions import Found, MentionFinder
from generator.text.passages import Passages

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
                              partial(finder.find, block.text))
            for hit in hits:
                mentions.append(Mention(article.seed.name, block.anchor, block.section,
                                        hit.entity, hit.surface, hit.start, hit.end))
    return mentions


def resolve_reports(archive: Archive, events: list[Entity]) -> tuple[list[Mention], list[Problem]]:
    """Each report's quote must stand in exactly one paragraph of its article (of its voice,
    where the report names one). Each article's paragraphs are folded and read once for
    all the quotes of its reports (:class:`Passages`)."""
    by_seed = {a.seed.name: a for a in archive.articles}
    quotes: dict[str, list[str]] = {}
    for event in events:
        for report in event.reports:
            if report.seed in by_seed:
                quotes.setdefault(report.seed, []).append(comparable(report.quote))
    holding = {seed: _holding(by_seed[seed], found) for seed, found in quotes.items()}
    mentions, problems = [], []
    for event in events:
        for index, report in enumerate(event.reports):
            if report.seed not in holding:
                continue
            blocks = [b for b in holding[report.seed][comparable(report.quote)]
                      if report.voice in (None, b.voice)]
            if len(blocks) != 1:
                problems.append(_report_problem(event, index, report, len(blocks)))
                continue
            block = blocks[0]
            start = max(block.text.find(report.quote), 0)
            mentions.append(Mention(report.seed, block.anchor, block.section, event.key,
                                    report.quote, start, start + len(report.quote), "report"))
    return mentions, problems


def _holding(article: Article, quotes: list[str]) -> dict[str, list[Block]]:
    """Each quote (folded) -> the linkable blocks of ``article`` that hold it, in order."""
    blocks = linkable_blocks(article)
    where = Passages(quotes).where([fold(b.text) for b in blocks])
    return {quote: [blocks[i] for i in found] for quote, found in where.items()}


def _report_problem(event: Entity, index: int, report: Report, found: int) -> Problem:
    where = "is in no paragraph" if not found else f"is in {found} paragraphs"
    hint = ("copy a passage of one paragraph from the article page" if not found
            else "quote more of the paragraph you mean, or say where it stands "
                 "with 'in' (headline, body, caption or comment)")
    return Problem(event.source_file, event.line, f"{event.id}.reports[{index}].quote",
                   f"the quote {report.quote!r} {where} of {report.seed}", Severity.ERROR, hint)


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
