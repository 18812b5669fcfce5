"""Splitting a paragraph into sentences, and finding its quotations, as character spans.

A sentence ends at ``.``, ``!``, ``?`` or an ellipsis (with any closing quotes
or brackets after it) when whitespace and a plausible sentence start follow: a
capital letter, a digit or an opening quote or bracket. A full stop does not
end a sentence after an abbreviation ("Col.", "Feb.", "Mr."), a dotted acronym
("U.S.", "e.g."), a single initial ("George W. Bush") or a list marker ("1."
at the start of a line). Decimals ("2.5") never qualify, as no space follows
their point. A blank line, and a line that starts a list item, always start a
new sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import pairwise
from typing import Iterable

# "[.!?]+" spelt out by its first character, as sre skips ahead only to a known character
_END = re.compile(r"(?:\.[.!?]*|![.!?]*|\?[.!?]*|\u2026)[\u201d\"\u2019')\]]*(?=\s)")
_START = re.compile(r"\s+[\u201c\u2018\"'(\[]?[A-Z0-9\u00c0-\u00de]")
_ABBREVIATION = re.compile(  # the whole last word before a full stop, with it
    r"(?:Mr|Mrs|Ms|Dr|St|Mt|Ft|Col|Lt|Maj|Gen|Brig|Capt|Cpt|Sgt|Cpl|Adm|Cmdr|Gov|Sen|Rep|"
    r"Pres|Prof|Rev|Gens|Jr|Sr|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"No|Nos|Vol|vs|approx|[A-Za-z](?:\.[A-Za-z])+|[A-Z])\."
)
_BEFORE_WORD = "(\u201c\"["  # or a space: what a word follows, unless it starts the sentence
_LIST_MARKER = re.compile(r"\d{1,3}\.")  # the last word before a full stop, on a line of its own
_BLANKS = re.compile(r"[ \t]*")
_NEWLINE = re.compile("\n")
_QUOTE = re.compile("[\u201c\u201d\"]")
_HARD_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:\d{1,3}[.)]|[-*\u2022])[ \t])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences of ``text``, in order, trimmed of space."""
    spans: list[tuple[int, int]] = []
    for start, end in _blocks(text):
        spans.extend(_split_block(text, start, end))
    return spans


def _blocks(text: str) -> list[tuple[int, int]]:
    """Parts of ``text`` between hard breaks (blank lines, list items)."""
    cuts = [0] + [m.end() for m in _HARD_BREAK.finditer(text)] + [len(text)]
    return [(a, b) for a, b in pairwise(cuts) if a < b]


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, begin = [], start
    newlines = [m.start() for m in _NEWLINE.finditer(text, start, end)]
    for match in _END.finditer(text, start, end):
        if match.start() < begin or not _START.match(text, match.end(), end):
            continue
        if _no_break(text, begin, match, newlines):
            continue
        spans.append(_trim(text, begin, match.end()))
        begin = match.end()
    spans.append(_trim(text, begin, end))
    return [s for s in spans if s[0] < s[1]]


def _no_break(text: str, begin: int, match: re.Match[str], newlines: list[int]) -> bool:
    """A full stop that belongs to an abbreviation, initial or list marker.

    Only the word is read, not the sentence so far (``begin`` on): where its line starts
    is looked up in ``newlines``, the places of the block's line breaks, and the line
    before the word only when the word is a list marker's number ("12.")."""
    if match.group()[:1] != "." or match.group()[:2] == "..":
        return False
    end = match.start() + 1
    word = end - 1
    while word > begin and not text[word - 1].isspace() and text[word - 1] not in _BEFORE_WORD:
        word -= 1
    if _ABBREVIATION.fullmatch(text, word, end):
        return True
    if not _LIST_MARKER.fullmatch(text, word, end):
        return False
    before = bisect_left(newlines, end) - 1  # the last line break before the full stop
    line = newlines[before] + 1 if before >= 0 and newlines[before] >= begin else begin
    blanks = _BLANKS.match(text, line, word)
    return blanks is not None and blanks.end() == word  # only spaces before it on its line


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text between quotation marks (curly or straight), quotes included."""
    spans, opened = [], None
    for quote in _QUOTE.finditer(text):
        i, char = quote.start(), quote.group()
        opener = char == "\u201c" or (char == '"' and (i == 0 or (not text[i - 1].isalnum()
                                                                  and text[i - 1] not in ".,!?")))
        if opened is None and opener:
            opened = i
        elif opened is not None and char != "\u201c":
            spans.append((opened, i + 1))
            opened = None
    return spans


def by_first_letter(words: Iterable[str]) -> str:
    """The case-insensitive alternation of ``words`` (regexes that start with a letter), each
    first letter taken out in front of the words it starts: "s(?:aid|ays)|t(?:old)".

    It matches as the plain alternation does (a character matches one first letter, and the
    words keep their order), but sre, which tries the words of an alternation one by one at
    each position, tries only those of the right first letter."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0].lower(), []).append(word[1:])
    return "(?:" + "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items()) + ")"
