"""Who each outlet cites, and which figures it states, paragraph by paragraph.

The extractors (:mod:`generator.evidence.attribution`, :mod:`generator.evidence.figures`) read
every paragraph of every article; the curators' fixes in
``content/attributions.yml`` then correct what the rules got wrong. A figure
is attributed to the source named in its own sentence, or else stands as the
outlet's own statement. Reader comments are read too, but kept apart.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from generator.cache import Memo, remembered
from generator.evidence.attribution import Attribution, Citation, find_attributions
from generator.evidence.figures import StatedFigure, find_durations, find_figures
from generator.evidence.indexes import ArchiveIndex
from generator.model import Article, AttributionFix, Block, BlockKind, Claim, ClaimFigure, EntityKind, Section
from generator.problems import Problem, Severity
from generator.text.clean import comparable, fold
from generator.text.passages import Passages
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
    """Apply the curators' corrections, in their order; a fix whose passage is not found is
    reported.

    A fix applies to every citation of its seed whose sentence holds its quote (case,
    dashes, quotes and spacing folded), as the previous fixes left it: it names the
    citation's source again, or drops it, and the figures stated under that citation
    follow. Where no citation's sentence holds the quote, the first sentence of the
    article's text or comments that does gets a citation of its own, and the
    figures of that sentence no source claimed are credited to it. The work is the
    length of the seeds' sentences and quotes and the number of citations each fix
    touches (:class:`_Fixing`), however many fixes and citations there are."""
    fixing = _Fixing(index, citations, figures, fixes)
    problems = []
    for fix in fixes:
        hits = fixing.hits(fix)
        if hits:
            for position in hits:
                fixing.fix(position, fix)
        elif not fixing.add(fix):
            problems.append(Problem("content/attributions.yml", None, fix.seed,
                                    f"no sentence of the article holds {fix.quote!r}",
                                    Severity.WARNING, "quote a passage of one sentence"))
    return fixing.citations(), fixing.figures(), problems


class _Fixing:
    """The citations and figures while the fixes apply: each citation has a position in the
    list (a dropped one leaves None there), and each figure the position of the citation
    it is stated under. A citation is found by its identity: each is read once, for its
    own article."""

    def __init__(self, index: ArchiveIndex, citations: list[Citation],
                 figures: list[StatedFigure], fixes: list[AttributionFix]) -> None:
        self.index = index
        self.current: list[Citation | None] = list(citations)
        self.given = figures
        self.quotes: dict[str, list[str]] = {}  # seed -> its fixes' quotes, folded
        for fix in fixes:
            self.quotes.setdefault(fix.seed, []).append(comparable(fix.quote))
        self.seeds: dict[str, list[int]] = {}  # seed -> the positions of its citations
        for position, citation in enumerate(citations):
            if citation.seed in self.quotes:
                self.seeds.setdefault(citation.seed, []).append(position)
        at = {id(c): position for position, c in enumerate(citations)}
        self.slot: list[int | None] = [None if f.citation is None else at.get(id(f.citation), -1)
                                       for f in figures]  # -1: a citation not in the list
        self.stated: dict[int, list[int]] = {}  # position -> the figures under its citation
        self.loose: dict[tuple[str, str, tuple[int, int]], list[int]] = {}  # no citation
        for number, slot in enumerate(self.slot):
            if slot is None:
                self._loosen(number)
            else:
                self.stated.setdefault(slot, []).append(number)
        self.found: dict[str, tuple[Passages, dict[str, list[int]]]] = {}
        self.first: dict[str, dict[str, tuple[Block, tuple[int, int]]]] = {}

    def _loosen(self, number: int) -> None:
        figure = self.given[number]
        self.slot[number] = None
        self.loose.setdefault((figure.seed, figure.anchor, figure.figure.sentence),
                              []).append(number)

    def _sentence(self, citation: Citation) -> str:
        text = self.index.block(citation.seed, citation.anchor).text
        return fold(text[slice(*citation.attribution.sentence)])

    def _found(self, seed: str) -> tuple[Passages, dict[str, list[int]]]:
        """The seed's quotes, and the positions of the citations whose sentence holds each:
        every sentence folded and read once."""
        if seed not in self.found:
            passages = Passages(self.quotes[seed])
            positions = self.seeds.get(seed, [])
            where = passages.where([self._sentence(self.current[p])  # type: ignore[arg-type]
                                    for p in positions])
            self.found[seed] = passages, {quote: [positions[i] for i in found]
                                          for quote, found in where.items()}
        return self.found[seed]

    def hits(self, fix: AttributionFix) -> list[int]:
        """The positions of the citations left whose sentence holds the fix's quote."""
        return [p for p in self._found(fix.seed)[1][comparable(fix.quote)]
                if self.current[p] is not None]

    def fix(self, position: int, fix: AttributionFix) -> None:
        old = self.current[position]
        assert old is not None
        if fix.drop:
            self.current[position] = None
            for number in self.stated.pop(position, []):
                self._loosen(number)
            return
        key = EntityKind.ACTOR.key(fix.source) if fix.source else None
        text = fix.source_text or (self.index.entity(key).name if key
                                   else old.attribution.source_text)
        self.current[position] = replace(old, fixed=fix.reason, attribution=replace(
            old.attribution, source_key=key, source_text=text))

    def add(self, fix: AttributionFix) -> bool:
        """The citation a curator adds where no citation's sentence holds the quote; False
        where no sentence of the article holds it either (or the fix drops)."""
        sentence = None if fix.drop else self._first_sentence(fix)
        if sentence is None:
            return False
        added = _curated_citation(self.index, fix, *sentence)
        position = len(self.current)
        self.current.append(added)
        passages, holding = self._found(fix.seed)
        for quote in passages.within(self._sentence(added)):
            holding[quote].append(position)
        key = (fix.seed, added.anchor, added.attribution.sentence)
        for number in self.loose.pop(key, []):
            self.slot[number] = position
            self.stated.setdefault(position, []).append(number)
        return True

    def _first_sentence(self, fix: AttributionFix) -> tuple[Block, tuple[int, int]] | None:
        """The first sentence of the fix's article that holds its quote: the article's
        sentences folded and read once, for all its fixes."""
        if fix.seed not in self.first:
            sentences = _sentences(self.index.articles[fix.seed])
            where = self._found(fix.seed)[0].where(
                [fold(block.text[slice(*span)]) for block, span in sentences])
            self.first[fix.seed] = {quote: sentences[found[0]]
                                    for quote, found in where.items() if found}
        return self.first[fix.seed].get(comparable(fix.quote))

    def citations(self) -> list[Citation]:
        return [c for c in self.current if c is not None]

    def figures(self) -> list[StatedFigure]:
        """Each figure with the citation it now stands under (the same record if unchanged)."""
        found = []
        for figure, slot in zip(self.given, self.slot, strict=True):
            now = figure.citation if slot == -1 else None if slot is None else self.current[slot]
            found.append(figure if now is figure.citation else replace(figure, citation=now))
        return found


def _curated_citation(index: ArchiveIndex, fix: AttributionFix, block: Block,
                      sentence: tuple[int, int]) -> Citation:
    """A citation the rules missed (an unattributed quotation, say), added by a curator to
    the sentence that holds its quote."""
    key = EntityKind.ACTOR.key(fix.source) if fix.source else None
    text = fix.source_text or (index.entity(key).name if key else "")
    attribution = Attribution(*sentence, "curated", text, key, None, sentence, False)
    return Citation(fix.seed, block.anchor, block.section is Section.COMMENT, attribution,
                    fix.reason)


def _sentences(article: Article) -> list[tuple[Block, tuple[int, int]]]:
    """Every sentence of an article's text and comments (headings too), in order."""
    return [(block, span) for block in article.text.blocks
            if block.section in (Section.BODY, Section.COMMENT)
            for span in split_sentences(block.text)]


Read = tuple[list[Citation], list[StatedFigure]]


def read_all(index: ArchiveIndex,
             read: Memo[Read] | None = None) -> tuple[list[Citation], list[StatedFigure], list[Problem]]:
    """Every article's citations and figures, the curators' fixes applied; ``read``
    remembers what each article cites and states, by its seed, its text and the names it
    was linked with (two seeds of the same bytes are two articles, each citing as itself)."""
    citations, figures = [], []
    for article in index.archive.articles:
        spans = tuple((b.anchor, tuple(index.mention_spans(article.seed.name, b.anchor)))
                      for b in article.text.blocks)
        key = (article.seed.name, article.seed.sha256, article.text, spans)
        c, f = remembered(read, key, partial(read_article, index, article))
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
                    f"{found or 'no'} paragraph(s) of its body hold it")
                problems.append(Problem(
                    "content/framing.yml", None, f"{group.id}.not_counted[{number}].quote",
                    f"{entry.quote!r} in {entry.seed}: {where}", Severity.ERROR,
                    "quote the passage as it stands in one paragraph of the article"))
    return problems


def figure_source(index: ArchiveIndex, stated: StatedFigure) -> str:
    return source_label(index, stated.citation.source) if stated.citation else OWN

