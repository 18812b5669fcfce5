"""Whose words a span of an outlet's text is when the outlet quotes someone.

A paragraph of an article is the outlet's text, but some of it is a source's words:
quoted directly, between quotation marks (“We are exhausted,” Abu Younes said), or
reported (SOHR said US-backed militias had taken the city). :func:`quoted_spans_of` finds
both in one paragraph, from its quotation marks and the attributions found in it
(:mod:`attribution`), each with the source it is credited to:

- **direct**: text between quotation marks, unless it is a name in quotes ("Islamic
  State", “Democratic Forces of Syria”: every word capitalised), which is the outlet
  naming, not quoting. Its source is the attribution of its sentence, else the one of
  the sentence after it (“…,” he said.), else the latest before it in the paragraph;
  with none, the source is not stated.
- **reported**: the rest of a sentence that holds an attribution, outside the
  attribution's own words ("SOHR said", "according to local activists"): the speaker is
  not quoted, what they are said to have said is.

When spans overlap, the innermost decides: a quoted fragment inside reported speech
(the crisis is “rapidly escalating”) is direct. This reads punctuation and cues, not
meaning: ``tests/annotation/`` measures it against a reading of the seeds.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate
from typing import Sequence

from generator.evidence.attribution import Attribution, Quotes, Span, source_of
from generator.model import Quoted
from generator.text.sentences import quoted_spans, split_sentences

# Words a name in quotes may hold in lower case ("Army of the Tribes", "Islamic State")
_SMALL = {"of", "the", "and", "al", "el", "for", "in", "de", "la", "to", "a", "an"}


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """A stretch of a paragraph in a source's words: ``source`` is whom it is credited to
    (:func:`attribution.source_of`), or "" when the paragraph does not say."""

    start: int
    end: int
    quoted: Quoted
    source: str

    def holds(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def _is_name(text: str) -> bool:
    """A name in quotation marks: every word capitalised (small joining words apart)."""
    words = [w.strip("“”\"'‘’().,;:!?[]") for w in text.split()]
    words = [w for w in words if w]
    return bool(words) and len(words) <= 6 and all(
        w[:1].isupper() or w.lower() in _SMALL or not w[:1].isalpha() for w in words)


class Attributions:
    """The attributions of one paragraph, looked up by the sentence each stands in.

    Their sentences are sentences of the paragraph (:func:`split_sentences`), so two of them
    are the same or do not overlap; each look-up reads a few of them, not all."""

    def __init__(self, attributions: Sequence[Attribution]):
        self.all = list(attributions)
        groups: dict[Span, list[int]] = {}
        for number, attribution in enumerate(self.all):
            groups.setdefault(attribution.sentence, []).append(number)
        self.sentences = sorted(groups)  # in order of position
        self.starts = [s for s, _ in self.sentences]
        self.ends = [e for _, e in self.sentences]
        self.first = [groups[s][0] for s in self.sentences]  # the first of each in the list
        self.edges = {s: (sorted(self.all[n].start for n in numbers),
                          sorted(self.all[n].end for n in numbers))
                      for s, numbers in groups.items()}
        # the first in the list of the sentences from each on; the last up to each
        self.first_from = list(accumulate(reversed(self.first), min))[::-1]
        self.last_to = list(accumulate((groups[s][-1] for s in self.sentences), max))

    def bounds(self, attribution: Attribution) -> Span:
        """Where the other attributions of its sentence leave it room: from the end of the
        last before it to the start of the first after it (else the sentence's ends)."""
        (start, end), (starts, ends) = attribution.sentence, self.edges[attribution.sentence]
        after, before = bisect_left(starts, attribution.end), bisect_right(ends, attribution.start)
        return (max(start, ends[before - 1]) if before else start,
                min(end, starts[after]) if after < len(starts) else end)

    def own(self, start: int, end: int) -> Attribution | None:
        """The first in the list whose sentence holds ``start``, or ends at or holds ``end``."""
        found = []
        holding = bisect_right(self.starts, start) - 1
        if holding >= 0 and start < self.ends[holding]:
            found.append(self.first[holding])
        ending = bisect_left(self.starts, end) - 1
        if ending >= 0 and end <= self.ends[ending]:
            found.append(self.first[ending])
        return self.all[min(found)] if found else None

    def first_after(self, end: int) -> Attribution | None:
        """The first in the list whose sentence starts at or after ``end``."""
        at = bisect_left(self.starts, end)
        return self.all[self.first_from[at]] if at < len(self.starts) else None

    def last_before(self, start: int) -> Attribution | None:
        """The last in the list whose sentence ends by ``start``."""
        at = bisect_right(self.ends, start)
        return self.all[self.last_to[at - 1]] if at else None


def quoted_spans_of(text: str, attributions: Sequence[Attribution]) -> list[QuotedSpan]:
    """The quoted spans of one paragraph, outermost first (see the module's docstring)."""
    quotes = Quotes([(a, b) for a, b in quoted_spans(text) if not _is_name(text[a + 1:b - 1])])
    found: list[QuotedSpan] = []
    by_sentence = Attributions(attributions)
    for attribution in attributions:
        for a, b in _reported(text, attribution, by_sentence, quotes):
            found.append(QuotedSpan(a, b, Quoted.REPORTED, source_of(attribution)))
    sentences = split_sentences(text)
    for a, b in quotes.all:
        source = _direct_source(a, b, by_sentence, sentences)
        for part in _without_brackets(text, a, b):
            found.append(QuotedSpan(*part, Quoted.DIRECT, source))
    return sorted(found, key=lambda q: (q.start, -q.end))


def _reported(text: str, attribution: Attribution, attributions: Attributions,
              quotes: Quotes) -> list[tuple[int, int]]:
    """What a sentence says its source said, outside the attribution's own words and up to
    the sentence's other attributions ("SOHR said X, and the SDF said Y").

    - After the cue, unless it only places the statement ("said on Tuesday, in a blow
      to …") or the sentence is direct speech attributed after its quotation (“…,” said
      X, a member of …: what follows X describes X); "adding that …" reports again.
    - Before it, when nothing is reported after it ("The militias took the city, SOHR
      said"); a passive cue with no source reports its subject, back to the last clause
      break ("After losing Mosul, ISIS is reported to …" reports "ISIS …")."""
    start, end = attribution.sentence
    left_start, right_end = attributions.bounds(attribution)
    first = quotes.first_from(start)
    inside = [first] if first is not None and first[1] <= end else []
    right = _trim(text, attribution.end, right_end)
    day = _DAY.match(text, right[0], right[1])  # "announced Saturday they had …"
    right = _trim(text, day.end(), right[1]) if day else right
    after_quote = bool(inside) and inside[0][0] < attribution.start
    again = bool(_AGAIN.match(text, attribution.end, right_end))
    if attribution.cue == "spoke to":  # who talked to whom; "…, saying that X" reports X
        return _outside_quotes(text, [right] if again else [], quotes)
    says = again or not (after_quote or _PLACING.match(text, right[0], right[1]))
    spans = [right] if says else []
    left = _trim(text, left_start, attribution.start)
    if not attribution.source_text:
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, left[0], left[1])]
        spans.append(_trim(text, breaks[-1], left[1]) if breaks else left)
    elif not says or not _has_words(text, right):
        spans.append(left)
    return _outside_quotes(text, spans, quotes)


def _outside_quotes(text: str, spans: list[tuple[int, int]],
                    quotes: Quotes) -> list[tuple[int, int]]:
    """What lies within a quotation is the quotation's (direct), not reported; a gloss in
    brackets ("ISIS (“Islamic State”) fighters") is the outlet's."""
    return [part for a, b in spans for part in _without_brackets(text, a, b, _GLOSS)
            if _has_words(text, part) and not quotes.holding(*part)]


def _has_words(text: str, span: tuple[int, int]) -> bool:
    return any(c.isalnum() for c in text[span[0]:span[1]])


_CLAUSE_BREAK = re.compile(r",\s|\s[-–—]\s|;\s")
# What follows a cue when it only says when, where or how the words were said
_PLACING = re.compile(r"(?i:on|in|at|during|after|before|by|with|from|for|late|early|"
                      r"yesterday|today|last|this|earlier|later|when|while)\b|[.!?]|$")
_DAY = re.compile(r"(?i:(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day"
                  r"(?:\s+(?:morning|afternoon|evening|night))?)\b,?")
_AGAIN = re.compile(r"[\s,]*(?:adding|saying|noting|explaining|warning)\b")
_BRACKETS = re.compile(r"\[[^\]]*\]")
_GLOSS = re.compile(r"\[[^\]]*\]|\(\s*[\"“][^)]*\)")


def _without_brackets(text: str, start: int, end: int,
                      brackets: re.Pattern[str] = _BRACKETS) -> list[tuple[int, int]]:
    """A quotation's parts outside square brackets, which hold the outlet's insertions
    ("linked [to IS]"), not the speaker's words."""
    parts, at = [], start
    for match in brackets.finditer(text, start, end):
        parts.append((at, match.start()))
        at = match.end()
    parts.append((at, end))
    return [(a, b) for a, b in parts if a < b]


def _direct_source(start: int, end: int, attributions: Attributions,
                   sentences: list[tuple[int, int]]) -> str:
    own = attributions.own(start, end)
    if own:
        return source_of(own)
    after = attributions.first_after(end)
    at = bisect_left(sentences, (end,))  # the first sentence that starts at or after ``end``
    if after and at < len(sentences) and after.sentence == sentences[at]:
        return source_of(after)
    before = attributions.last_before(start)
    return source_of(before) if before else ""


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def innermost(spans: Sequence[QuotedSpan], start: int, end: int) -> QuotedSpan | None:
    """The narrowest quoted span holding ``start``–``end``, if any (the first of ``spans``
    among equals). It reads every span: :class:`Innermost` answers many such questions."""
    holding = [q for q in spans if q.holds(start, end)]
    return min(holding, key=lambda q: q.end - q.start) if holding else None


class Innermost:
    """:func:`innermost` of one paragraph's spans, for every name in it, each answer read
    from a few spans and not all of them.

    The spans are taken in order of start and grouped as a Fenwick tree does: the spans
    that start at or before a place are those of a few groups (one per bit of their count).
    Each group keeps its spans in order of end, and for each the narrowest (the first of
    ``spans`` among equals) of those that end there or later."""

    def __init__(self, spans: Sequence[QuotedSpan]):
        self.spans = list(spans)
        order = sorted(range(len(self.spans)), key=lambda n: self.spans[n].start)
        self.starts = [self.spans[n].start for n in order]
        self.groups: list[tuple[list[int], list[tuple[int, int]]]] = [([], [])]
        for size in range(1, len(order) + 1):
            members = sorted(order[size - (size & -size):size], key=lambda n: self.spans[n].end)
            narrowest = [(self.spans[n].end - self.spans[n].start, n) for n in members]
            self.groups.append(([self.spans[n].end for n in members],
                                list(accumulate(reversed(narrowest), min))[::-1]))

    def __call__(self, start: int, end: int) -> QuotedSpan | None:
        """The narrowest span holding ``start``–``end``, if any."""
        best: tuple[int, int] | None = None
        size = bisect_right(self.starts, start)  # the spans that start by ``start``
        while size:
            ends, narrowest = self.groups[size]
            first = bisect_left(ends, end)  # the first of the group that ends at ``end`` or later
            if first < len(ends) and (best is None or narrowest[first] < best):
                best = narrowest[first]
            size -= size & -size
        return self.spans[best[1]] if best else None
