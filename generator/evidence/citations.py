"""Who each outlet cites, and which figures it states, paragraph by paragraph.

The extractors (:mod:`generator.evidence.attribution`, :mod:`generator.evidence.figures`) read
every paragraph of every article; the curators' fixes in
``content/attributions.yml`` then correct what the rules got wrong. A figure
is attributed to the source named in its own sentence, or else stands as the
outlet's own statement. Reader comments are read too, but kept apart.
"""

from __future__ import annotations

from dataclasses import replace

from generator.cache import Memo, remembered
from generator.evidence.attribution import Attribution, Citation, find_attributions
from generator.evidence.figures import StatedFigure, find_durations, find_figures
from generator.evidence.indexes import ArchiveIndex
from generator.model import Article, AttributionFix, BlockKind, Claim, ClaimFigure, EntityKind, Section
from generator.problems import Problem, Severity
from generator.text.clean import comparable
from generator.text.sentences import split_sentences

OWN = "the outlet itself (no source named)"


def read_article(index: ArchiveIndex, article: Article) -> tuple[list[Citation], list[StatedFigure]]:
    citations: list[Citation] = []
    figures: list[StatedFigure] = []
    earlier: list[Attribution] = []  # the article text's last attributions, for "he said"
    seed = article.seed.name
    for block in article.text.blocks:
        if block.section not in (Section.BODY, Section.COMMENT) or block.kind is BlockKind.HEADING:
            continue
        readers = block.section is Section.COMMENT
        found = find_attributions(block.text, index.mention_spans(seed, block.anchor),
                                  [] if readers else earlier)
        if not readers:
            earlier = (earlier + found)[-8:]
        block_citations = [Citation(seed, block.anchor, readers, a) for a in found]
        citations += block_citations
        by_sentence: dict[tuple[int, int], Citation] = {}  # the first citation of each sentence
        for citation in block_citations:
            by_sentence.setdefault(citation.attribution.sentence, citation)
        stated = find_figures(block.text)
        stated = sorted(stated + find_durations(block.text, stated), key=lambda f: f.start)
        for figure in stated:
            source = by_sentence.get(figure.sentence)
            figures.append(StatedFigure(seed, block.anchor, readers, figure, source))
    return citations, figures


def apply_fixes(index: ArchiveIndex, citations: list[Citation], figures: list[StatedFigure],
                fixes: list[AttributionFix]) -> tuple[list[Citation], list[StatedFigure], list[Problem]]:
    """Apply the curators' corrections; a fix whose passage is not found is reported."""
    problems = []
    for fix in fixes:
        target = comparable(fix.quote)
        hits = [c for c in citations if c.seed == fix.seed and target in comparable(
            index.block(c.seed, c.anchor).text[slice(*c.attribution.sentence)])]
        if not hits:
            added = _curated_citation(index, fix)
            if added is None:
                problems.append(Problem("content/attributions.yml", None, fix.seed,
                                        f"no sentence of the article holds {fix.quote!r}",
                                        Severity.WARNING, "quote a passage of one sentence"))
                continue
            citations.append(added)
            figures = [replace(f, citation=added) if f.citation is None and f.seed == fix.seed
                       and f.anchor == added.anchor and f.figure.sentence == added.attribution.sentence
                       else f for f in figures]
            continue
        for old in hits:
            new = None if fix.drop else replace(old, fixed=fix.reason, attribution=replace(
                old.attribution, source_key=EntityKind.ACTOR.key(fix.source) if fix.source else None,
                source_text=fix.source_text or (index.entity(EntityKind.ACTOR.key(fix.source)).name
                                                if fix.source else old.attribution.source_text)))
            if new is None:  # the fix drops the citation
                citations = [c for c in citations if c is not old]
            else:
                citations = [new if c is old else c for c in citations]
            figures = [replace(f, citation=new) if f.citation is old else f for f in figures]
    return citations, figures, problems


def _curated_citation(index: ArchiveIndex, fix: AttributionFix) -> Citation | None:
    """A citation the rules missed (an unattributed quotation, say), added by a curator."""
    if fix.drop:
        return None
    target = comparable(fix.quote)
    article = index.articles[fix.seed]
    for block in article.text.blocks:
        if block.section not in (Section.BODY, Section.COMMENT):
            continue
        for start, end in split_sentences(block.text):
            if target in comparable(block.text[start:end]):
                key = EntityKind.ACTOR.key(fix.source) if fix.source else None
                text = fix.source_text or (index.entity(key).name if key else "")
                attribution = Attribution(start, end, "curated", text, key, None, (start, end),
                                          False)
                return Citation(fix.seed, block.anchor, block.section is Section.COMMENT,
                                attribution, fix.reason)
    return None


Read = tuple[list[Citation], list[StatedFigure]]


def read_all(index: ArchiveIndex,
             read: Memo[Read] | None = None) -> tuple[list[Citation], list[StatedFigure], list[Problem]]:
    """Every article's citations and figures, the curators' fixes applied; ``read``
    remembers what each article cites and states, by its text and the names it was
    linked with."""
    citations, figures = [], []
    for article in index.archive.articles:
        spans = tuple((b.anchor, tuple(index.mention_spans(article.seed.name, b.anchor)))
                      for b in article.text.blocks)
        key = (article.seed.sha256, article.text, spans)
        c, f = remembered(read, key, lambda: read_article(index, article))
        citations += c
        figures += f
    return apply_fixes(index, citations, figures, index.archive.attribution_fixes)


def source_label(index: ArchiveIndex, source: str) -> str:
    if source.startswith("unnamed: "):
        return source[len("unnamed: "):] + " (unnamed)"
    if source.startswith("unattributed: "):
        return f"no source named (“{source[len('unattributed: '):]}”)"
    return index.entity(source).name if source in index.archive.entities else source


def claim_figures(index: ArchiveIndex, claim: Claim) -> list[tuple[ClaimFigure, StatedFigure | None]]:
    """Each figure a claim groups, found among the figures its article states (None if not)."""
    found = []
    for wanted in claim.figures:
        target = comparable(wanted.quote)
        hits = [f for f in index.figures if f.seed == wanted.seed and not f.readers
                and target in comparable(f.figure.text)]
        found.append((wanted, hits[0] if len(hits) == 1 else None))
    return found


def claim_problems(index: ArchiveIndex) -> list[Problem]:
    problems = []
    for claim in index.archive.claims:
        for wanted, figure in claim_figures(index, claim):
            if figure is None:
                problems.append(Problem(
                    "content/claims.yml", None, f"{claim.id}.figures",
                    f"no single figure {wanted.quote!r} among the figures found in {wanted.seed}",
                    Severity.WARNING, "quote the figure as it stands, e.g. '4,000' or 'hundreds'"))
    return problems + not_counted_problems(index)


def not_counted_problems(index: ArchiveIndex) -> list[Problem]:
    """A framing group's ``not_counted`` passage must stand in exactly one body paragraph."""
    problems = []
    for group in index.archive.framing:
        for number, entry in enumerate(group.not_counted):
            article = index.articles.get(entry.seed)
            found = sum(1 for b in article.text.body if entry.quote in b.text) if article else 0
            if found != 1:
                where = "no seed of that name" if article is None else (
                    f"{'no' if not found else found} paragraph(s) of its body hold it")
                problems.append(Problem(
                    "content/framing.yml", None, f"{group.id}.not_counted[{number}].quote",
                    f"{entry.quote!r} in {entry.seed}: {where}", Severity.ERROR,
                    "quote the passage as it stands in one paragraph of the article"))
    return problems


def figure_source(index: ArchiveIndex, stated: StatedFigure) -> str:
    return source_label(index, stated.citation.source) if stated.citation else OWN

