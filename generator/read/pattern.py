"""Read stage: a curated pattern, the regular expression a curator writes in ``content/``.

Three kinds of key hold one: a boilerplate rule's ``pattern`` (``boilerplate.yml``), an
outlet's ``signatures`` (``outlets.yml``) and an alias's context rules ``before`` and
``after`` (``actors.yml``, ``places.yml``, ``events.yml``). All are matched with case
ignored, and all run on RE2 (the ``google-re2`` binding), whose time is linear in the
text whatever the pattern: ``(x+x+)+y`` against thirty ``x`` answers at once, where a
backtracking engine takes half a minute and twice as long for each ``x`` more.

The syntax is Python's, translated where the two engines read the same text
differently, so that a pattern means what a curator used to Python's ``re`` expects:

- ``\\d``, ``\\s`` and ``\\w`` (and ``\\D``, ``\\S``, ``\\W``) are Unicode classes, as in
  Python: a decimal digit of any script; any Unicode space (no-break space, the
  U+2000 spaces, U+2028 ...); a letter or digit of any script, or ``_``;
- ``\\Z`` is the end of the text, ``{,n}`` is ``{0,n}``, ``\\uXXXX``, ``\\UXXXXXXXX`` and
  ``\\N{name}`` name a character.

What RE2 reads otherwise: ``\\b`` and ``\\B`` are word boundaries between ASCII letters,
digits and ``_`` only (``\\bupdated`` also matches in ``éupdated``); ``$`` is the end of
the text only (never before a final line break, which lines and context never hold).
What RE2 cannot run, a backtracking feature, is refused with what to write instead:
lookaround (``(?=``, ``(?!``, ``(?<=``, ``(?<!``), backreferences (``\\1``, ``(?P=name)``),
possessive quantifiers and atomic groups, repeats of more than 1,000, and a ``[`` inside a
character class (Python reads ``[[:alpha:]]`` as brackets and letters, RE2 as a class of
letters: write ``\\[``). A pattern is at most :data:`MAX_LENGTH` characters and its
compiled program at most :data:`MAX_MEM` bytes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import NamedTuple, cast

import re2

MAX_LENGTH = 2000  # characters of a pattern as written
MAX_MEM = 1 << 21  # bytes RE2 may use for one pattern (its program and its matching)

_SPACES = (  # what Python's \s matches in text: str.isspace(), one range each
    (0x09, 0x0D), (0x1C, 0x20), (0x85, 0x85), (0xA0, 0xA0), (0x1680, 0x1680),
    (0x2000, 0x200A), (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000),
)


def _ranges(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(rf"\x{{{a:x}}}" if a == b else rf"\x{{{a:x}}}-\x{{{b:x}}}" for a, b in ranges)


def _complement(ranges: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    out, start = [], 0
    for a, b in ranges:
        if a > start:
            out.append((start, a - 1))
        start = b + 1
    return (*out, (start, 0x10FFFF))


# Python's Unicode classes as RE2 class items: inside [...] as they are, outside wrapped.
_CLASS_ITEMS = {
    "d": r"\p{Nd}",
    "D": r"\P{Nd}",
    "s": _ranges(_SPACES),
    "S": _ranges(_complement(_SPACES)),
    "w": r"\p{L}\p{N}_",
}
_OUTSIDE = {**{k: f"[{v}]" for k, v in _CLASS_ITEMS.items()}, "W": r"[^\p{L}\p{N}_]",
            "d": r"\p{Nd}", "D": r"\P{Nd}", "Z": r"\z"}


class Anchor(Enum):
    """Where a curated pattern must match in the text it is given."""

    LINE = "the whole line"  # boilerplate rules and outlet signatures
    END = "the end of the words before"  # an alias's ``before``
    START = "the start of the words after"  # an alias's ``after``


class PatternError(ValueError):
    """A pattern RE2 cannot run, or one too large: why, and what to write instead."""

    def __init__(self, reason: str, hint: str):
        super().__init__(reason)
        self.reason, self.hint = reason, hint

    def expected(self) -> str:
        """The sentence a field check gives: what a valid value would be."""
        return f"a regular expression RE2 can run ({self.reason}; {self.hint})"


@dataclass(frozen=True)
class CuratedPattern:
    """One curated pattern, compiled for RE2 with case ignored, to match at ``anchor``."""

    source: str  # as the curator wrote it
    anchor: Anchor
    regexp: re2._Regexp[str] = field(compare=False, repr=False)

    def found(self, text: str, at: int = 0) -> bool:
        """LINE: ``text`` is a match; END: ``text`` ends with one; START: one begins at
        ``at`` (what comes before ``at`` is only looked at, for ``\\b``)."""
        if self.anchor is Anchor.LINE:
            return self.regexp.fullmatch(text) is not None
        if self.anchor is Anchor.END:
            return self.regexp.search(text) is not None
        return self.regexp.match(text, at) is not None


@lru_cache(maxsize=4096)
def curated(source: str, anchor: Anchor) -> CuratedPattern:
    """``source`` compiled to match at ``anchor``; raises :class:`PatternError`."""
    if len(source) > MAX_LENGTH:
        raise PatternError(f"{len(source):,} characters long",
                           f"write at most {MAX_LENGTH:,}, or split it into several patterns")
    body = translate(source)
    if anchor is Anchor.END:
        body = rf"(?:{body})\z"
    options = re2.Options()
    options.case_sensitive = False
    options.max_mem = MAX_MEM
    options.log_errors = False
    try:
        regexp = re2.compile(body, options)
    except re2.error as exc:
        raise _explained(_message(exc)) from None
    return CuratedPattern(source, anchor, regexp)


class LineSet:
    """Whole-line patterns matched together: which of them, the first in order, a line is.

    RE2 runs them as one automaton (``RE2::Set``), one pass over the line whatever their
    number; a set too large for :data:`MAX_MEM` each falls back to trying the patterns one
    by one, with the same answer.
    """

    def __init__(self, patterns: tuple[CuratedPattern, ...]):
        self.patterns = patterns
        self._set: re2.Set | None = None
        if all(p.anchor is Anchor.LINE for p in patterns) and patterns:
            self._set = _line_set(tuple(p.source for p in patterns))

    def first(self, text: str) -> int | None:
        """The index of the first pattern ``text`` matches whole, or None."""
        if self._set is None:
            return next((i for i, p in enumerate(self.patterns) if p.found(text)), None)
        # The binding returns the indices matched (its stubs say a bool).
        found = cast("list[int] | None", self._set.Match(text))
        return min(found) if found else None


def _line_set(sources: tuple[str, ...]) -> re2.Set | None:
    options = re2.Options()
    options.case_sensitive = False
    options.max_mem = MAX_MEM * max(1, len(sources))
    options.log_errors = False
    whole = re2.Set.FullMatchSet(options)
    try:
        for source in sources:
            whole.Add(translate(source))
        whole.Compile()
    except re2.error:
        return None
    return whole


def check(source: str, anchor: Anchor) -> PatternError | None:
    """Why ``source`` cannot be a curated pattern, or None when it can."""
    try:
        curated(source, anchor)
    except PatternError as exc:
        return exc
    return None


def translate(source: str) -> str:
    """Python's pattern syntax as RE2 reads it (see the module's docstring)."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(source):
        if source[i] == "\\" and i + 1 < len(source):
            i, piece = _escape(source, i, in_class)
        elif in_class:
            i, piece, in_class = _in_class(source, i)
        else:
            i, piece, in_class = _outside_class(source, i)
        out.append(piece)
    return "".join(out)


class _Step(NamedTuple):
    """One piece of a translated pattern: where the next begins, the RE2 text, and
    whether the next is inside a character class."""

    end: int
    piece: str
    in_class: bool


def _in_class(source: str, i: int) -> _Step:
    """The character at ``source[i]``, inside a character class (not an escape)."""
    char = source[i]
    if char == "[":
        raise PatternError("a '[' inside a character class", r"write \[ for the bracket itself")
    return _Step(i + 1, char, char != "]")


def _outside_class(source: str, i: int) -> _Step:
    """The character at ``source[i]``, outside any character class (not an escape)."""
    char = source[i]
    if source.startswith("(?P=", i):
        raise PatternError("a backreference ((?P=name))", "write the repeated words out")
    if char == "[":
        return _class_opening(source, i)
    if char == "{" and source[i + 1:i + 2] == ",":
        return _Step(i + 1, "{0", False)
    return _Step(i + 1, char, False)


def _class_opening(source: str, i: int) -> _Step:
    """The '[' at ``source[i]`` with the '^' that negates the class and a ']' first in
    it, which is the bracket itself."""
    piece, i = "[", i + 1
    if source[i:i + 1] == "^":
        piece, i = piece + "^", i + 1
    if source[i:i + 1] == "]":
        piece, i = piece + r"\]", i + 1
    return _Step(i, piece, True)


def _escape(source: str, i: int, in_class: bool) -> tuple[int, str]:
    """The escape at ``source[i]`` as RE2 writes it, and where the next piece begins."""
    letter = source[i + 1]
    if letter in "uU":
        width = 4 if letter == "u" else 8
        digits = source[i + 2:i + 2 + width]
        if len(digits) != width or not all(c in "0123456789abcdefABCDEF" for c in digits):
            raise PatternError(f"\\{letter} needs {width} hexadecimal digits", rf"write \{letter}"
                               + "0" * (width - 2) + "e9, say")
        return i + 2 + width, rf"\x{{{digits}}}"
    if letter == "N" and source[i + 2:i + 3] == "{":
        close = source.find("}", i + 3)
        try:
            char = unicodedata.lookup(source[i + 3:close]) if close > 0 else ""
        except KeyError:
            char = ""
        if not char:
            raise PatternError(f"no character named {source[i + 3:close]!r}",
                               r"write \N{LATIN SMALL LETTER E WITH ACUTE}, say")
        return close + 1, rf"\x{{{ord(char):x}}}"
    if letter in "123456789" and not in_class:
        raise PatternError(f"a backreference (\\{letter})", "write the repeated words out")
    if in_class:
        if letter == "W":
            raise PatternError(r"\W inside a character class",
                               r"write the class without it, or use [^\w...] for 'not these'")
        return i + 2, _CLASS_ITEMS.get(letter, source[i:i + 2])
    return i + 2, _OUTSIDE.get(letter, source[i:i + 2])


_HINTS = (  # what RE2 says, why, and what to write instead
    ("invalid perl operator: (?=", "lookahead", "match the words themselves; an alias's "
     "context is its own 'before' and 'after'"),
    ("invalid perl operator: (?!", "negative lookahead", "list what may follow instead"),
    ("invalid perl operator: (?<=", "lookbehind", "match the words themselves; an alias's "
     "context is its own 'before' and 'after'"),
    ("invalid perl operator: (?<!", "negative lookbehind", "list what may come before instead"),
    ("invalid perl operator: (?>", "an atomic group", "write a plain group (?:...): nothing "
     "backtracks in RE2"),
    ("bad repetition operator: *+", "a possessive quantifier", "drop the second '+': "
     "nothing backtracks in RE2"),
    ("bad repetition operator: ++", "a possessive quantifier", "drop the second '+': "
     "nothing backtracks in RE2"),
    ("bad repetition operator: ?+", "a possessive quantifier", "drop the '+': nothing "
     "backtracks in RE2"),
    ("invalid repetition size", "a repeat of more than 1,000", "repeat at most 1,000 times "
     "(nested repeats multiply)"),
    ("pattern too large", "a pattern too large to compile", "make it shorter, or split it "
     "into several patterns"),
)


def _message(exc: re2.error) -> str:
    """RE2's own words (the binding hands them over as bytes)."""
    first = exc.args[0] if exc.args else ""
    return first.decode("utf-8", "replace") if isinstance(first, bytes) else str(first)


def _explained(message: str) -> PatternError:
    for start, reason, hint in _HINTS:
        if message.startswith(start):
            return PatternError(f"{reason}: {message}", hint)
    return PatternError(message, "see RE2's syntax, https://github.com/google/re2/wiki/Syntax")
