"""Finding mentions of actors, places and events in article text.

All aliases of all entities are compiled into one pattern (a trie of their
case-folded characters), so each text is scanned once however many aliases
there are. The pattern itself enforces word boundaries (never inside a word)
and prefers the longest alias at a position; the few candidates that break an
alias's own rules (case-sensitive "IS" versus the verb "is"; "IS-held" where
the alias does not link hyphenated compounds) are checked after the match,
falling back to shorter aliases at the same place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from generator.model import Alias, Entity, default_case_sensitive
from generator.read.pattern import Anchor, curated

WORD_BEFORE = r"(?<![\w])"
WORD_AFTER = r"(?![\w])"


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    surface: str
    entity: str  # Entity.key


Trie = dict[str, "Trie"]  # a character -> the words' rest; "" -> {} where a word ends


def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, longest first, as a trie."""
    trie: Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: Trie) -> str:
        ends = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return build(trie)


class MentionFinder:
    """Finds every alias of every entity in a text, in one pass."""

    def __init__(self, entities: Iterable[Entity]):
        self.by_folded: dict[str, list[tuple[Alias, str]]] = {}
        for entity in entities:
            for alias in _all_aliases(entity):
                self.by_folded.setdefault(alias.text.casefold(), []).append((alias, entity.key))
        for candidates in self.by_folded.values():  # context rules first (a stable sort)
            candidates.sort(key=lambda pair: not pair[0].in_context)
        self.lengths = sorted({len(k) for k in self.by_folded}, reverse=True)
        pattern = trie_pattern(self.by_folded) if self.by_folded else r"(?!x)x"
        self.pattern = re.compile(WORD_BEFORE + "(?:" + pattern + ")" + WORD_AFTER, re.IGNORECASE)

    def find(self, text: str) -> list[Found]:
        found: list[Found] = []
        pos = 0
        while True:
            match = self.pattern.search(text, pos)
            if match is None:
                return found
            hit = self._accept(text, match.start(), match.end())
            if hit is None:
                pos = match.start() + 1
                continue
            found.append(hit)
            pos = hit.end

    def _accept(self, text: str, start: int, end: int) -> Found | None:
        """The longest alias at ``start`` (ending at or before ``end``) whose rules allow it."""
        for length in self.lengths:
            if length > end - start:
                continue
            stop = start + length
            surface = text[start:stop]
            if stop < len(text) and (text[stop].isalnum() or text[stop] == "_"):
                continue
            # an alias whose context holds here comes first; then the plain ones
            for alias, key in self.by_folded.get(surface.casefold(), ()):
                if alias.case_sensitive and surface != alias.text:
                    continue
                if not alias.compounds and _in_compound(text, start, stop):
                    continue
                if alias.in_context and not _context_holds(alias, text, start, stop):
                    continue
                return Found(start, stop, surface, key)
        return None


CONTEXT = 80  # characters looked at on each side for an alias's context rule


def _context_holds(alias: Alias, text: str, start: int, end: int) -> bool:
    """The words around ``text[start:end]`` are those the alias's context rule asks for:
    the ``CONTEXT`` characters before it end with a match of ``before``, and those after
    it begin with one of ``after`` (the character before them is looked at, for ``\b``).
    Both are curated patterns, checked when the entities were read."""
    before = text[max(0, start - CONTEXT):start]
    if alias.before and not curated(alias.before, Anchor.END).found(before):
        return False
    after = text[end - 1:end + CONTEXT]  # an alias is never empty: end > start >= 0
    return not alias.after or curated(alias.after, Anchor.START).found(after, 1)


def _in_compound(text: str, start: int, end: int) -> bool:
    """True when the match is glued to another word by a hyphen ("IS-held", "anti-IS")."""
    before = start >= 2 and text[start - 1] in "-\u2010\u2011" and text[start - 2].isalnum()
    after = end + 1 < len(text) and text[end] in "-\u2010\u2011" and text[end + 1].isalnum()
    return before or after


def _all_aliases(entity: Entity) -> Iterator[Alias]:
    texts = {a.text for a in entity.aliases}
    if entity.name not in texts:
        yield Alias(entity.name, case_sensitive=default_case_sensitive(entity.name))
    yield from entity.aliases

