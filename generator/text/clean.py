"""Text stage: split a capture into the outlet's article and everything else.

Every non-blank line of a capture becomes exactly one :class:`Block` (two,
where a curator splits a line): body text, a photo caption, a reader comment,
or a removed line with the reason it was removed. Nothing is dropped.

The rules are general (they work on captures nobody has seen yet): site chrome
phrases and comment-thread markers come from ``content/boilerplate.yml``;
layout rules (repeated lines, image text, teasers, headings) are below; what
rules cannot decide is settled per line by the article's ``overrides``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Iterable, Sequence

from generator.model import ArticleText, Block, BlockKind, LineKind, LineOverride, Section
from generator.read.decode import capture_lines
from generator.read.pattern import CuratedPattern, LineSet


@dataclass(frozen=True)
class Rule:
    pattern: CuratedPattern  # matched against the whole line
    reason: str

    def matches(self, text: str) -> bool:
        return self.pattern.found(text)


class RuleSet:
    """Rules tried together on a line: the first in order that the whole line matches."""

    def __init__(self, rules: tuple[Rule, ...]):
        self.rules = rules
        self._lines = LineSet(tuple(rule.pattern for rule in rules))

    def first(self, text: str) -> Rule | None:
        index = self._lines.first(text)
        return None if index is None else self.rules[index]


@dataclass(frozen=True)
class Rules:
    """Boilerplate rules: whole-line patterns, matched case-insensitively."""

    chrome: tuple[Rule, ...] = ()
    thread_start: tuple[Rule, ...] = ()
    thread_chrome: tuple[Rule, ...] = ()

    @cached_property
    def chrome_set(self) -> RuleSet:
        """Site chrome, tried in one pass."""
        return RuleSet(self.chrome)

    @cached_property
    def thread_start_set(self) -> RuleSet:
        """What starts a comment thread, tried in one pass."""
        return RuleSet(self.thread_start)

    @cached_property
    def in_thread_set(self) -> RuleSet:
        """Inside a comment thread: its own furniture first, then site chrome."""
        return RuleSet(self.thread_chrome + self.chrome)


@dataclass(frozen=True)
class CleanInput:
    text: str
    title: str | None = None
    site_names: Sequence[str] = ()
    overrides: Sequence[LineOverride] = ()
    language: str = "en"


KIND_SECTION = {
    LineKind.BODY: (Section.BODY, BlockKind.PARAGRAPH),
    LineKind.HEADING: (Section.BODY, BlockKind.HEADING),
    LineKind.CAPTION: (Section.CAPTION, BlockKind.CAPTION),
    LineKind.COMMENT: (Section.COMMENT, BlockKind.COMMENT),
    LineKind.REMOVED: (Section.REMOVED, BlockKind.REMOVED),
    LineKind.HEADLINE: (Section.REMOVED, BlockKind.HEADLINE),
}

HEADLINE_REASON = "the headline: shown as the page title"
SENTENCE_END = ".!?…:;,"
CLOSERS = "\"'”’»)]"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
QUOTES = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"'}


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace (non-breaking spaces too) to one space."""
    return " ".join(text.split())


_FOLD = str.maketrans({**{c: "-" for c in DASHES}, **QUOTES})


def fold(text: str) -> str:
    """A form for comparing lines: case, dashes, quotes and spacing folded."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return normalize_space(text).casefold()


@lru_cache(maxsize=16_384)  # one line is compared several ways while its article is cleaned
def comparable(text: str) -> str:
    """:func:`fold`, remembered for the last lines asked (a text read once for many
    quotes or names is folded with :func:`fold`, and leaves the lines of the article
    being cleaned remembered)."""
    return fold(text)


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip(CLOSERS + " ")
    return bool(stripped) and stripped[-1] in SENTENCE_END


def headline_like(text: str) -> bool:
    """Short, and not ending like a sentence: a headline, subheading or teaser."""
    return len(text.split()) <= 15 and len(text) <= 120 and not ends_sentence(text)


def foreign_script(text: str, language: str) -> bool:
    """True when most letters of the line are outside the Latin script of the article."""
    if not language.startswith(("en", "fr", "de", "es", "it", "pt", "nl")):
        return False
    if text.isascii():
        return False  # ASCII letters are all Latin
    # Only the few non-ASCII characters are looked at one by one.
    others = [c for c in _NON_ASCII.findall(text) if c.isalpha()]
    letters = len(_ASCII_LETTERS.findall(text)) + len(others)
    if letters < 3:
        return False
    latin = letters - len(others) + sum(1 for c in others if "LATIN" in unicodedata.name(c, ""))
    return latin / letters < 0.5


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_LETTERS = re.compile(r"[A-Za-z]")


def anchor_for(prefix: str, text: str) -> str:
    """A stable id derived from the text itself, so other edits never move it."""
    digest = hashlib.sha1(comparable(text).encode("utf-8")).hexdigest()[:8]
    return f"{prefix}-{digest}"


@dataclass
class _Line:
    number: int
    raw: str
    text: str
    blank_before: bool
    blank_after: bool


def _lines(text: str) -> list[_Line]:
    raw_lines = capture_lines(text)
    result = []
    for index, raw in enumerate(raw_lines):
        stripped = normalize_space(raw)
        if not stripped:
            continue
        before = index == 0 or not raw_lines[index - 1].strip()
        after = index + 1 >= len(raw_lines) or not raw_lines[index + 1].strip()
        result.append(_Line(index + 1, raw, stripped, before, after))
    return result




@lru_cache(maxsize=1024)
def _folded_names(site_names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(comparable(name) for name in site_names)


def site_name_line(text: str, site_names: Sequence[str]) -> bool:
    """A line that is only the site's name ("- Sputnik International")."""
    return comparable(text).strip(" -|:•·") in _folded_names(tuple(site_names))


def image_text(text: str, site_names: Sequence[str]) -> bool:
    """Image alt text as outlets brand it: '<description> - <site name>'."""
    folded = comparable(text)
    return any(folded.endswith(" - " + n) for n in _folded_names(tuple(site_names)))


_TRAILING_CREDIT = re.compile(r"\((photo|image|picture)s?\b[^)]*\)\s*$", re.IGNORECASE)
# A line longer than this that ends with a credit in brackets is a paragraph followed by
# its picture's caption, not a caption: the two parts are told apart.
CAPTION_WORDS = 40


def _photo_credit(text: str) -> bool:
    return text.startswith("©") or bool(
        _TRAILING_CREDIT.search(text)
        or re.match(r"(photo|image|picture)( credit)?\s*:", text, re.IGNORECASE)
    )


def trailing_credit(text: str) -> int | None:
    """Where the bracketed photo credit closing a long paragraph starts, if one does."""
    found = _TRAILING_CREDIT.search(text)
    if found is None or len(text[:found.start()].split()) <= CAPTION_WORDS:
        return None
    return found.start()


class _Classifier:
    """Decides the section of each line of one capture."""

    def __init__(self, source: CleanInput, rules: Rules):
        self.source = source
        self.rules = rules
        self.lines = _lines(source.text)
        self.decided: dict[int, list[Block]] = {}
        self.overrides = {o.line: o for o in source.overrides}

    def put(self, line: _Line, kind: LineKind, reason: str = "", text: str | None = None,
            part: int = 0) -> None:
        section, block_kind = KIND_SECTION[kind]
        block = Block(line.number, text if text is not None else line.text, section,
                      block_kind, reason, part=part)
        self.decided.setdefault(line.number, []).append(block)

    def run(self) -> ArticleText:
        thread_at = self._thread_start()
        article = [ln for ln in self.lines if thread_at is None or ln.number < thread_at]
        thread = [ln for ln in self.lines if thread_at is not None and ln.number >= thread_at]
        self._apply_overrides()
        self._mark_headline(article)
        self._mark_repeats(article)
        self._mark_teasers(article)
        for index, line in enumerate(article):
            if line.number not in self.decided:
                self._classify(line, article[index + 1] if index + 1 < len(article) else None)
        for line in thread:
            if line.number not in self.decided:
                self._classify_comment(line)
        blocks = [b for n in sorted(self.decided) for b in self.decided[n]]
        return ArticleText(tuple(_with_anchors(blocks)))

    def _thread_start(self) -> int | None:
        for line in self.lines:
            if line.number in self.overrides:
                continue
            if self.rules.thread_start_set.first(line.text):
                return line.number
        return None

    def _apply_overrides(self) -> None:
        by_number = {ln.number: ln for ln in self.lines}
        for number, override in sorted(self.overrides.items()):
            line = by_number.get(number)
            if line is None:
                continue
            reason = override.reason or "curator's decision"
            if override.split_after and line.text.startswith(override.split_after):
                head = override.split_after.strip()
                rest = line.text[len(override.split_after):].strip()
                self.put(line, override.kind, reason, head, part=1)
                if rest:
                    self.put(line, override.rest_kind, reason, rest, part=2)
            else:
                self.put(line, override.kind, reason)

    def _mark_headline(self, article: list[_Line]) -> None:
        title = self.source.title
        if not title:
            return
        target = comparable(title)
        first = True
        for line in article:
            if comparable(line.text) != target or line.number in self.decided:
                continue
            if first:
                self.put(line, LineKind.HEADLINE, HEADLINE_REASON)
                first = False
            else:
                self.put(line, LineKind.REMOVED, "repeats the headline")

    def _mark_repeats(self, article: list[_Line]) -> None:
        """A line repeated at once is image text then its caption; later repeats are removed."""
        seen: dict[str, int] = {}
        for index, line in enumerate(article):
            key = comparable(line.text)
            if line.number in self.decided:
                seen.setdefault(key, line.number)
                continue
            if key in seen:
                self.put(line, LineKind.REMOVED, f"repeats line {seen[key]}")
                continue
            seen[key] = line.number
            following = article[index + 1] if index + 1 < len(article) else None
            if following is not None and comparable(following.text) == key and not line.blank_after:
                self.put(line, LineKind.CAPTION, "photo caption (the capture repeats it)")

    def _mark_teasers(self, article: list[_Line]) -> None:
        """Image text + a headline glued into the body: a related-story teaser."""
        names = self.source.site_names
        for index in range(len(article) - 2):  # a line of the body follows the headline
            image, headline, _body = article[index:index + 3]
            if image.number in self.decided or headline.number in self.decided:
                continue
            glued = not image.blank_after and not headline.blank_after
            if glued and image_text(image.text, names) and headline_like(headline.text):
                reason = "related-story teaser inside the body"
                self.put(image, LineKind.REMOVED, reason + " (its image text)")
                self.put(headline, LineKind.REMOVED, reason + " (its headline)")

    def _classify(self, line: _Line, following: _Line | None) -> None:
        """One line of the article: only the line itself and the one after it are read."""
        text = line.text
        rule = self.rules.chrome_set.first(text)
        if rule:
            self.put(line, LineKind.REMOVED, rule.reason)
        elif site_name_line(text, self.source.site_names):
            self.put(line, LineKind.REMOVED, "the site's name (site chrome)")
        elif foreign_script(text, self.source.language):
            self.put(line, LineKind.REMOVED, "interface text in another script")
        elif (credit := trailing_credit(text)) is not None:
            reason = "a photo credit closing a paragraph: the paragraph is kept as text"
            self.put(line, LineKind.BODY, reason, text[:credit].rstrip(), part=1)
            self.put(line, LineKind.CAPTION, reason, text[credit:], part=2)
        elif image_text(text, self.source.site_names) or _photo_credit(text):
            self.put(line, LineKind.CAPTION, "image text or photo credit")
        elif (headline_like(text) and line.blank_before and line.blank_after
              and following is not None and not headline_like(following.text)):
            self.put(line, LineKind.HEADING)
        else:
            self.put(line, LineKind.BODY)

    def _classify_comment(self, line: _Line) -> None:
        rule = self.rules.in_thread_set.first(line.text)
        if rule:
            self.put(line, LineKind.REMOVED, rule.reason)
            return
        self.put(line, LineKind.COMMENT, "reader comment thread")
        block = self.decided[line.number][-1]
        depth = (len(line.raw) - len(line.raw.lstrip())) // 2
        self.decided[line.number][-1] = replace(block, depth=depth)


def _with_anchors(blocks: list[Block]) -> Iterable[Block]:
    """Each block's anchor: the digest of its text, and for the n-th block of the same
    text, ``-n`` after it ("r-1a2b3c4d", "r-1a2b3c4d-2", ...).

    A digest's count is kept, not looked for: no other text's anchor can take the form
    ``<digest>-<n>``, as every digest has the same length."""
    prefixes = {Section.BODY: "p", Section.CAPTION: "c", Section.COMMENT: "r"}
    seen: dict[str, int] = {}
    for block in blocks:
        prefix = "h" if block.kind is BlockKind.HEADLINE else prefixes.get(block.section)
        if prefix is None:
            yield block
            continue
        base = anchor_for(prefix, block.text)
        n = seen[base] = seen.get(base, 0) + 1
        yield replace(block, anchor=base if n == 1 else f"{base}-{n}")


def clean(source: CleanInput, rules: Rules) -> ArticleText:
    """Split one capture into body, captions, reader comments and removed lines."""
    return _Classifier(source, rules).run()
