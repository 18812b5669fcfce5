"""The site's search index: an inverted index written in small script files.

A page of the site loads ``search/manifest.js`` (a few kilobytes) and, for each query,
only the term shards its words need and the page records of the results it shows, each
with a ``<script>`` (which a page opened from a folder may load, where ``fetch`` is
refused). ``site_templates/overrides/assets/archive-search.js`` is the reader's side;
the README ("Search") says why it is built this way.

Files, in the site's ``search/`` folder:

- ``manifest.js``: the format, the number of pages, how many page records a page shard
  holds, and the term shards: ``[key, bytes]`` sorted by key. Shard ``i`` is
  ``terms/<i>.js`` and holds every term whose longest key in the list is a prefix of it.
- ``terms/<i>.js``: ``{term: postings}``; a term's postings are its pages in id order,
  each as three numbers (page id minus the previous one, the passage the term is first
  met in, the term's weight in the page), written as base-32 digits (see ``digits``).
- ``words.js``: how words are folded and split, the same for the index and the page's
  script whatever Unicode version the browser knows (see ``words_table``).
- ``pages/<n>.js``: the records of pages ``n * PAGES_PER_SHARD`` onwards:
  ``[address, title, outlet, headings, passages, aliases]``, a passage being
  ``[anchor, heading index, voice, text]`` (voice: 0 the page's own text, 1 a photo
  caption, 2 a reader's comment; text cut to ``SNIPPET_CHARS``); aliases are an entity
  page's other names, shown when the query is one of them.

Every file calls ``archiveSearchShard(kind, key, data)``, defined by the page's script.
The same pages give the same bytes: ids are the pages' addresses in sorted order, keys
are sorted, numbers are integers.
"""

from __future__ import annotations

import functools
import json
import math
import re
import time
import unicodedata
import zlib
from array import array
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

FORMAT = 2
PAGES_PER_SHARD = 2  # page records per pages/<n>.js: 20 results read 20 of them at most
SHARD_BYTES = 48_000  # a term shard above this is split by one more letter of its terms
SNIPPET_CHARS = 200  # text kept of each passage for the result list

# Letters NFKD does not take apart, and the transliteration marks (ayin, hamza) that
# spellings of the same Arabic name keep or drop.
FOLD = str.maketrans({
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
    "ı": "i", "ʿ": "", "ʾ": "", "ʼ": "", "ʻ": "", "ʽ": "",  # noqa: RUF001 (look-alikes, folded)
})
_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_WORD = re.compile(r"[^\W_]+")
# Words joined by a hyphen or an apostrophe are also one word: "ez-Zor" is "ezzor" too.
JOINERS = "-\u2010\u2011'\u2019"
_JOINED = re.compile(r"[^\W_]+(?:[-\u2010\u2011'\u2019][^\W_]+)+")
_JOINERS = re.compile(r"[-\u2010\u2011'\u2019]")
_RUN = re.compile(r"[^\W_]+(?:[-\u2010\u2011'\u2019][^\W_]+)*")
# Hangul syllables stay whole: NFKD would spell each out in jamo, to no reader's gain.
_HANGUL = range(0xAC00, 0xD7A4)
_UNCHANGED = {"Cn", "Co", "Cs"}  # unassigned, private use, surrogates: fold to themselves

VOICE_OWN, VOICE_CAPTION, VOICE_COMMENT = 0, 1, 2
VOICE_OF_CLASS = {"article-captions": VOICE_CAPTION, "reader-comments": VOICE_COMMENT}


# --- words: what the index and the page's script compare -------------------------------
#
# Both fold and split words by one table made here from this Python's Unicode data and
# written into the index (``search/words.js``): a browser knows another Unicode version
# (letters Python has not assigned yet, other case pairs), and a word the two split or
# fold differently could not be found.

def _fold_once(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower().translate(FOLD))
    return _MARKS.sub("", text).translate(FOLD)


def fold_char(char: str) -> str:
    """One code point folded: lower case, taken apart (NFKD), accents and transliteration
    marks dropped, and again until nothing changes (the mathematical 𝐀 is A taken apart,
    then a)."""  # noqa: RUF002 (the look-alike is the example)
    if ord(char) in _HANGUL or unicodedata.category(char) in _UNCHANGED:
        return char
    folded = _fold_once(char)
    for _ in range(8):
        again = _fold_once(folded)
        if again == folded:
            break
        folded = again
    return folded


@functools.cache
def fold_table() -> dict[str, str]:
    """Every code point folding changes, and what it becomes."""
    table = {}
    for point in range(0x110000):
        char = chr(point)
        if (folded := fold_char(char)) != char:
            table[char] = folded
    return table


@functools.cache
def word_ranges() -> tuple[tuple[int, int], ...]:
    """The word characters (letters and digits: Python's ``\\w`` but ``_``), as the first
    and last code point of each run of them."""
    everything = "".join(map(chr, range(0x110000)))
    return tuple((m.start(), m.end() - 1) for m in _WORD.finditer(everything))


@functools.cache
def _changed() -> re.Pattern[str]:
    points = sorted(map(ord, fold_table()))
    runs: list[list[int]] = []
    for point in points:
        if runs and runs[-1][1] == point - 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs) + "]")


def fold(text: str) -> str:
    """Lower case, accents and transliteration marks dropped: what the index compares.
    Code point by code point, by ``fold_table``."""
    table = fold_table()
    return _changed().sub(lambda m: table[m[0]], text)


def words_table() -> dict[str, object]:
    """``fold_table`` and ``word_ranges`` as the page's script reads them (``words.js``):

    - ``fold``: ``[first, text]``: code point ``first + i`` folds to the ``i``-th code
      point of ``text``;
    - ``spell``: ``[point, text]``: a code point that folds to none or several;
    - ``word``: pairs of numbers, the code points from the end of the previous run of
      word characters to the first of this one, and how many there are;
    - ``joiners``: the characters that join two words into one more (``ez-Zor``)."""
    runs: list[list[object]] = []
    spell: list[list[object]] = []
    ends: list[int] = []
    for char, folded in sorted(fold_table().items()):
        point = ord(char)
        if len(folded) != 1:
            spell.append([point, folded])
        elif ends and ends[-1] == point:
            runs[-1][1] = f"{runs[-1][1]}{folded}"
            ends[-1] += 1
        else:
            runs.append([point, folded])
            ends.append(point + 1)
    word: list[int] = []
    end = 0
    for first, last in word_ranges():
        word += [first - end, last - first + 1]
        end = last + 1
    return {"fold": runs, "spell": spell, "word": word, "joiners": JOINERS}


def query_terms(text: str) -> list[str]:
    """The terms the page's script makes of a query: its words, a hyphenated word run
    together (as ``tokens`` also indexes it), each once."""
    return list(dict.fromkeys(_JOINERS.sub("", run) for run in _RUN.findall(fold(text))))


def name_term(name: str) -> str:
    """The term under which a page is found by its whole name: a query that is exactly
    one of an entity's names (or a page's title), folded, puts that page first."""
    return "=" + " ".join(query_terms(name))


def tokens(text: str) -> list[str]:
    """The folded words of ``text`` in order, then each hyphenated word run together."""
    folded = fold(text)
    words = _WORD.findall(folded)
    words += [_JOINERS.sub("", m) for m in _JOINED.findall(folded)]
    return words


# --- digits: the postings' number encoding -------------------------------------------

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"


def digits(values: list[int]) -> str:
    """Non-negative integers as base-32 digits, high first: the last digit of a number is
    one of the first 32 characters of ``ALPHABET``, the others one of the last 32."""
    out: list[str] = []
    for value in values:
        if value < 0:
            raise ValueError(f"cannot encode {value}")
        groups = [value & 31]
        value >>= 5
        while value:
            groups.append(32 | (value & 31))
            value >>= 5
        out.extend(ALPHABET[g] for g in reversed(groups))
    return "".join(out)


def undigits(text: str) -> list[int]:
    values, value = [], 0
    for char in text:
        g = ALPHABET.index(char)
        value = value * 32 + (g & 31)
        if g < 32:
            values.append(value)
            value = 0
    return values


# --- reading a rendered page -----------------------------------------------------------

@dataclass
class Passage:
    anchor: str
    heading: int
    voice: int
    text: list[str] = field(default_factory=list)


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
         "param", "source", "track", "wbr"}
_SKIPPED = {"script", "style", "textarea", "template", "svg", "button", "noscript"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = _HEADINGS | {"p", "li", "td", "th", "div", "section", "br", "tr", "dd", "dt",
                       "blockquote", "figcaption", "summary", "pre"}


_EXCLUDED = re.compile(r"""<([a-zA-Z][a-zA-Z0-9]*)\b(?:[^>"']|"[^"]*"|'[^']*')*?"""
                       r"""\sdata-search-exclude\b(?:[^>"']|"[^"]*"|'[^']*')*>""")
_NESTING: dict[str, re.Pattern[str]] = {}


def drop_excluded(html: str) -> str:
    """``html`` without the elements marked ``data-search-exclude`` (and what they hold).

    The same as the reader below skips, found with a few regular expressions instead of
    parsing every tag: entity pages hold most of their markup in such elements (every
    mention in context), and the parser is the slow part of reading a page."""
    out: list[str] = []
    pos = 0
    while (found := _EXCLUDED.search(html, pos)) is not None:
        out.append(html[pos:found.start()])
        tag = found[1].lower()
        pos = found.end()
        if tag in _VOID or found[0].endswith("/>"):
            continue
        nesting = _NESTING.get(tag)
        if nesting is None:
            nesting = _NESTING[tag] = re.compile(rf"<(/?){tag}(?=[\s/>])[^>]*>", re.I)
        depth = 1
        for m in nesting.finditer(html, pos):
            depth += -1 if m[1] else 1
            if depth == 0:
                pos = m.end()
                break
        else:
            pos = len(html)
    out.append(html[pos:])
    return "".join(out)


class PageText(HTMLParser):
    """A page's content HTML as Material's search read it: split at headings (and here
    also at each paragraph with an id, so a result opens at its paragraph), leaving out
    every element marked ``data-search-exclude``; each passage keeps whose words it is
    (the outlet's, a photo caption's, a reader's comment's)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = [""]
        self.passages = [Passage("", 0, VOICE_OWN)]
        self.words: list[tuple[str, int, int]] = []  # (text, passage, kind) of each run
        self._stack: list[tuple[str, bool, int]] = []  # tag, skipped, voice
        self._heading: list[str] | None = None
        self._heading_level = 0
        self._seen_h1 = False

    @property
    def _skipping(self) -> bool:
        return bool(self._stack) and self._stack[-1][1]

    @property
    def _voice(self) -> int:
        return self._stack[-1][2] if self._stack else VOICE_OWN

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br" and not self._skipping:
                self._text(" ")
            return
        named = dict(attrs)
        classes = (named.get("class") or "").split()
        skipped = (self._skipping or "data-search-exclude" in named or tag in _SKIPPED
                   or (tag == "a" and "headerlink" in classes))
        voice = self._voice
        for name in classes:
            voice = VOICE_OF_CLASS.get(name, voice)
        self._stack.append((tag, skipped, voice))
        if skipped:
            return
        if tag in _BLOCKS:
            self._text(" ")
        anchor = named.get("id") or ""
        if tag in _HEADINGS:
            self._heading = []
            self._heading_level = int(tag[1])
            if tag == "h1" and not self._seen_h1:
                self._seen_h1 = True
            elif anchor:
                self.passages.append(Passage(anchor, len(self.headings), voice))
                self.headings.append("")
        elif tag == "p" and anchor:
            self.passages.append(Passage(anchor, self.passages[-1].heading, voice))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        for depth in range(len(self._stack) - 1, -1, -1):
            if self._stack[depth][0] == tag:
                was_skipped = self._stack[depth][1]
                del self._stack[depth:]
                break
        else:
            return
        if was_skipped:
            return
        if tag in _HEADINGS and self._heading is not None:
            text = " ".join("".join(self._heading).split())
            passage = self.passages[-1]
            self.headings[passage.heading] = text
            self._heading = None
        if tag in _BLOCKS:
            self._text(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._text(data)

    def _text(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)
            kind = KIND_TITLE if self._heading_level == 1 else KIND_HEADING
        else:
            self.passages[-1].text.append(data)
            kind = KIND_OWN if self._voice == VOICE_OWN else KIND_APART
        if data.strip():
            self.words.append((data, len(self.passages) - 1, kind))


# How a term stands in a page: in one of its names, its title, a heading, its own text,
# or only in words counted apart (captions, comments).
KIND_NAME, KIND_TITLE, KIND_HEADING, KIND_OWN, KIND_APART = range(5)


def snippet(parts: list[str]) -> str:
    text = " ".join("".join(parts).split())
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text.rfind(" ", 0, SNIPPET_CHARS)
    return text[: cut if cut > SNIPPET_CHARS // 2 else SNIPPET_CHARS] + " …"


# A posting while the build runs: one 64-bit number, the page id in the high bits so
# that sorting the numbers sorts by page.
_PAGE_SHIFT, _PASSAGE_SHIFT = 40, 28
_TF_BITS = {KIND_TITLE: (24, 7), KIND_HEADING: (20, 15), KIND_OWN: (10, 1023),
            KIND_APART: (0, 1023)}
# Which passage a result shows for a term: where the page's own text has it, else a
# heading, its title, its names, and only failing those a caption or comment.
_SNIPPET_RANK = {KIND_OWN: 0, KIND_HEADING: 1, KIND_TITLE: 2, KIND_NAME: 3, KIND_APART: 4}
_NAME_BIT = 1 << 27
# A passage number that does not fit in its 12 bits is written as _FAR, and kept beside.
_FAR = (1 << 12) - 1


def _count_terms(reader: PageText, names: tuple[str, ...]) -> tuple[dict[str, list[int]], int]:
    """Every term of a page, in its ``names`` (its title first) and in the words its
    ``reader`` kept, as [passage, rank of the voice it was chosen in, tf per KIND_*]; and
    how many words the page has."""
    found: dict[str, list[int]] = {}
    for name in names:
        for term in tokens(name):
            _count(found, term, 0, KIND_NAME)
        if len(name_term(name)) > 1:
            _count(found, name_term(name), 0, KIND_NAME)
    length = 0
    for text, passage, kind in reader.words:
        for term in tokens(text):
            _count(found, term, passage, kind)
            length += 1
    return found, length


def _count(found: dict[str, list[int]], term: str, passage: int, kind: int) -> None:
    """One more ``term`` of ``kind`` in ``passage``: its passage is the first in the best
    ranked voice (``_SNIPPET_RANK``)."""
    seen = found.get(term)
    rank = _SNIPPET_RANK[kind]
    if seen is None:
        found[term] = seen = [passage, rank, 0, 0, 0, 0, 0]
    elif rank < seen[1]:
        seen[0], seen[1] = passage, rank
    seen[2 + kind] += 1


def _posting(high: int, seen: list[int], named: bool) -> int:
    """A term's posting: the page (``high``), its passage (``_FAR`` when it does not fit),
    whether it is in the name of a ``named`` page, and its capped count of each kind."""
    value = high | min(seen[0], _FAR) << _PASSAGE_SHIFT
    if named and seen[2 + KIND_NAME]:
        value |= _NAME_BIT
    for kind, (shift, cap) in _TF_BITS.items():
        value |= min(seen[2 + kind], cap) << shift
    return value


@dataclass
class Stats:
    pages: int
    files: int
    bytes: int
    largest: int
    term_shards: int
    seconds: float  # reading the pages and writing the index


class SearchIndex:
    """Collects each page as MkDocs renders it and writes the index after the build.

    Memory: a page's HTML is read once and let go; what stays is, per term, one 64-bit
    number per page it is in, and per page its record, compressed."""

    def __init__(self, addresses: list[str], names: dict[str, tuple[str, ...]] | None = None,
                 outlets: dict[str, str] | None = None) -> None:
        self._ids = {address: i for i, address in enumerate(sorted(set(addresses)))}
        self._names = names or {}
        self._outlets = outlets or {}
        self._postings: dict[str, array[int]] = {}
        self._far: dict[tuple[str, int], int] = {}  # (term, page): its passage, from _FAR on
        self._records: dict[int, bytes] = {}
        self._lengths = array("I", [0] * len(self._ids))
        self._seconds = 0.0

    def add_page(self, address: str, title: str, html: str) -> None:
        """Read one page: ``title`` as MkDocs holds it, HTML text (the front matter holds
        it escaped, for the theme prints it as it is), and its content ``html``. The index
        holds text: the title is unescaped here, once, and the page's script inserts
        every value as text."""
        page = self._ids.get(address)
        if page is None:
            return
        title = unescape(title)
        started = time.perf_counter()
        reader = PageText()
        reader.feed(drop_excluded(html))
        reader.close()
        if not reader.headings[0]:
            reader.headings[0] = title
        found, self._lengths[page] = _count_terms(reader, (title, *self._names.get(address, ())))
        self._post(page, found, named=address in self._names)
        aliases = [n for n in self._names.get(address, ()) if n != title]
        record = [address, title, self._outlets.get(address, ""), reader.headings,
                  [[p.anchor, p.heading, p.voice, snippet(p.text)] for p in reader.passages],
                  sorted(set(aliases))]
        self._records[page] = zlib.compress(_json(record).encode("utf-8"))
        self._seconds += time.perf_counter() - started

    def _post(self, page: int, found: dict[str, list[int]], named: bool) -> None:
        """One posting of ``page`` for every term ``found`` in it (see :func:`_count_terms`);
        ``named``: the page is an entity's, and a term in one of its names is marked."""
        high = page << _PAGE_SHIFT
        for term, seen in found.items():
            if seen[0] >= _FAR:
                self._far[term, page] = seen[0]
            postings = self._postings.get(term)
            if postings is None:
                self._postings[term] = postings = array("Q")
            postings.append(_posting(high, seen, named))

    # --- writing ---------------------------------------------------------------------

    def write(self, folder: Path) -> Stats:
        """Write the index into ``folder`` (the site's ``search/``), replacing one there."""
        started = time.perf_counter()
        for sub in ("terms", "pages"):
            old = folder / sub
            if old.is_dir():
                for file in old.glob("*.js"):
                    file.unlink()
        (folder / "terms").mkdir(parents=True, exist_ok=True)
        (folder / "pages").mkdir(parents=True, exist_ok=True)
        sizes: list[int] = []
        shards = self._term_shards()
        keys = []
        for number, (key, text) in enumerate(shards):
            sizes.append(_write(folder / "terms" / f"{number}.js", "t", number, text))
            keys.append([key, sizes[-1]])
        count = len(self._ids)
        for start in range(0, count, PAGES_PER_SHARD):
            records = [self._records.get(i) for i in range(start, min(start + PAGES_PER_SHARD, count))]
            text = "[" + ",".join(zlib.decompress(r).decode("utf-8") if r else "null"
                                  for r in records) + "]"
            sizes.append(_write(folder / "pages" / f"{start // PAGES_PER_SHARD}.js", "p",
                                start // PAGES_PER_SHARD, text))
        sizes.append(_write(folder / "words.js", "w", 0, _json(words_table())))
        manifest = {"format": FORMAT, "pages": count, "perShard": PAGES_PER_SHARD, "terms": keys}
        sizes.append(_write(folder / "manifest.js", "m", 0, _json(manifest)))
        return Stats(count, len(sizes), sum(sizes), max(sizes), len(keys),
                     self._seconds + time.perf_counter() - started)

    def _weights(self) -> dict[str, str]:
        """Each term's postings, encoded; the weight is BM25's (k1 1.2, b 0.75) over the
        page's own words (captions and comments counted at 0.4) plus fixed boosts for a
        name of the page's entity, its title and its headings, times 4, as an integer."""
        lengths = [n for n in self._lengths if n] or [1]
        average = sum(lengths) / len(lengths)
        encoded = {}
        for term in sorted(self._postings):
            values = sorted(self._postings[term])
            out: list[int] = []
            previous = 0
            for value in values:
                page = value >> _PAGE_SHIFT
                passage = (value >> _PASSAGE_SHIFT) & _FAR
                if passage == _FAR:
                    passage = self._far[term, page]
                tf = {kind: (value >> shift) & cap for kind, (shift, cap) in _TF_BITS.items()}
                own = tf[KIND_OWN] + 0.4 * tf[KIND_APART]
                norm = 1 - 0.75 + 0.75 * self._lengths[page] / average
                weight = 4 * own * 2.2 / (own + 1.2 * norm) if own else 0.0
                weight += 60 * bool(value & _NAME_BIT) + 12 * min(tf[KIND_TITLE], 1)
                weight += 3 * min(tf[KIND_HEADING], 2)
                out += [page - previous, passage, max(1, round(weight * 4))]
                previous = page
            encoded[term] = digits(out)
        return encoded

    def _term_shards(self) -> list[tuple[str, str]]:
        """The terms cut into shards of about ``SHARD_BYTES`` at most, by prefix."""
        return cut_shards(self._weights())


def cut_shards(encoded: Mapping[str, str]) -> list[tuple[str, str]]:
    """``{term: postings}`` cut into shards ``(key, JSON)`` sorted by key: all terms of
    one first letter, and where that is more than ``SHARD_BYTES``, cut again by the next
    letter, and so on; a shard of terms no longer than its key stays whole.

    A shard's size is summed from its terms' entries, and a run of cuts that would each
    leave every term in one part is taken in one step (to the terms' common prefix), so
    that long words sharing a long prefix cost no more than other words; the work waits
    on a list, not on the call stack."""
    entry = {t: len(_json({t: e})) - 1 for t, e in encoded.items()}  # '"t":e' and a comma
    shards: list[tuple[str, str]] = []
    firsts: dict[str, list[str]] = {}
    for term in encoded:
        firsts.setdefault(term[0], []).append(term)
    waiting = [(key, firsts[key]) for key in sorted(firsts, reverse=True)]
    while waiting:
        key, terms = waiting.pop()
        if 1 + sum(entry[t] for t in terms) <= SHARD_BYTES or all(len(t) <= len(key) for t in terms):
            shards.append((key, _json({t: encoded[t] for t in terms})))
            continue
        own = [t for t in terms if len(t) <= len(key)]
        if own:
            shards.append((key, _json({t: encoded[t] for t in own})))
        children: dict[str, list[str]] = {}
        at = len(key)
        for t in terms:
            if len(t) > at:
                children.setdefault(t[at], []).append(t)
        if not own and len(children) == 1:
            waiting.append((shared_start(terms), terms))
        else:
            waiting += [(key + c, children[c]) for c in sorted(children, reverse=True)]
    return sorted(shards)


def shared_start(words: list[str]) -> str:
    """The longest start all of ``words`` share, letter by letter (the first and last in
    order share no more than the others do)."""
    first, last = min(words), max(words)
    length = 0
    while length < min(len(first), len(last)) and first[length] == last[length]:
        length += 1
    return first[:length]


def _json(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # Valid in JSON, and in JavaScript since ES2019; escaped for older parsers.
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _write(path: Path, kind: str, key: int, data: str) -> int:
    body = f'archiveSearchShard("{kind}",{key},{data});\n'.encode("utf-8")
    path.write_bytes(body)
    return len(body)


def bm25_idf(pages: int, containing: int) -> float:
    """The inverse document frequency the page's script uses (kept here for the tests)."""
    return math.log(1 + (pages - containing + 0.5) / (containing + 0.5))


def excluded(meta: Mapping[str, object]) -> bool:
    """A page whose front matter says ``search: {exclude: true}`` (as Material reads it)."""
    search = meta.get("search")
    return isinstance(search, dict) and bool(search.get("exclude"))
