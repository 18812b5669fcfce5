"""Text stage: which of many curated passages stand in which of many texts, in one pass.

A curator quotes a passage to point at a paragraph (an event's ``reports``) or a sentence
(a fix in ``attributions.yml``). Looking each passage up in each text takes passages ×
texts steps, which a file of many quotes against a long article makes quadratic. A
:class:`Passages` reads every text once, character by character, through one automaton
of all the passages (Aho and Corasick's): the work is the length of the passages, the
length of the texts and the number of passages found, however many there are. A few
passages are looked up one by one instead, which is the faster way for so few.

Texts and passages are compared as given: fold both first (``clean.comparable``).
"""

from __future__ import annotations

from typing import Sequence

FEW = 8  # at most this many passages are looked up one by one in each text


class Passages:
    """Distinct passages, and where they stand."""

    def __init__(self, passages: Sequence[str], few: int = FEW) -> None:
        self.passages = list(dict.fromkeys(passages))
        self._few = len(self.passages) <= few
        self._empty = "" in self.passages  # stands in every text
        if not self._few:
            self._build([p for p in self.passages if p])

    def within(self, text: str) -> set[str]:
        """The passages that stand in ``text`` (the empty passage stands in every text)."""
        if self._few:
            return {p for p in self.passages if p in text}
        found = {""} if self._empty else set()
        goto, fail, ends, link = self._goto, self._fail, self._ends, self._link
        state = 0
        for char in text:
            while state and char not in goto[state]:
                state = fail[state]
            state = goto[state].get(char, 0)
            node = state if ends[state] else link[state]
            while node and ends[node] not in found:  # if found, so was every suffix of it
                found.add(ends[node])
                node = link[node]
        return found

    def where(self, texts: Sequence[str]) -> dict[str, list[int]]:
        """Each passage -> the positions in ``texts`` of the texts it stands in, in order."""
        found: dict[str, list[int]] = {p: [] for p in self.passages}
        for position, text in enumerate(texts):
            for passage in self.within(text):
                found[passage].append(position)
        return found

    def _build(self, passages: list[str]) -> None:
        """The automaton: a trie of the passages, each node's longest proper suffix that is
        also a node (``fail``), and the nearest such suffix that ends a passage (``link``)."""
        goto: list[dict[str, int]] = [{}]
        ends = [""]  # the passage a node ends, or ""
        for passage in passages:
            state = 0
            for char in passage:
                if char not in goto[state]:
                    goto[state][char] = len(goto)
                    goto.append({})
                    ends.append("")
                state = goto[state][char]
            ends[state] = passage
        fail = [0] * len(goto)
        link = [0] * len(goto)
        queue = list(goto[0].values())
        for node in queue:  # breadth first: a node's suffixes are done before it
            for char, child in goto[node].items():
                state = fail[node]
                while state and char not in goto[state]:
                    state = fail[state]
                fail[child] = suffix = goto[state].get(char, 0)
                link[child] = suffix if ends[suffix] else link[suffix]
                queue.append(child)
        self._goto, self._fail, self._ends, self._link = goto, fail, ends, link
