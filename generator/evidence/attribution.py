"""Who a paragraph attributes its information to: "SOHR said", "according to local activists".

:func:`find_attributions` finds attribution cues (a verb of saying, "according to", a passive
"is estimated", "reportedly") and the source each names: as written, and as the key of the
actor the source phrase mentions (a person before the body they speak for: "SDF spokesman
Talal Silo" is Silo), with the medium apart ("told VOA", "cited by AFP"). Unnamed sources
("a witness") keep their words and no key; "he"/"she" take the key of the latest named source
before them in the paragraph or in ``earlier`` (the attributions of the paragraphs before);
"the outlet" the latest media named. Cues inside quotations are the speaker's, and left out.

A source phrase is read word by word outwards from the cue; it ends at a word no noun phrase
holds (a verb, a preposition but "of"/"for", a number, a day) or at a second determiner
("on the other hand the SOHR said" gives "the SOHR"), so it holds in text without commas.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from itertools import islice
from typing import Sequence

from generator.model import EntityKind, kind_of
from generator.text.sentences import by_first_letter, quoted_spans, split_sentences


@dataclass(frozen=True, slots=True)
class MentionSpan:
    start: int
    end: int
    key: str  # the entity's key: its kind says whether it is an actor, who can be a source
    name: str
    type: str  # the entity's own type ("person", "media", "city")

    @property
    def is_actor(self) -> bool:
        return kind_of(self.key) is EntityKind.ACTOR


@dataclass(frozen=True, slots=True)
class Attribution:
    start: int
    end: int
    cue: str
    source_text: str
    source_key: str | None
    via_key: str | None
    sentence: tuple[int, int]
    quote: bool


VERBS = ("said says say told tells reported claimed claims claim estimated estimates estimate "
         "believed believes believe warned warns added adds confirmed confirms announced "
         "announces explained explains stated states noted notes stressed maintains maintained "
         "declared denied denies revealed acknowledged alleged quoted cited cites wrote writes")
NOUN_LIKE = {"claim", "claims", "estimate", "estimates", "say", "states", "notes", "cites"}


# Every cue starts a word with a letter: the lookahead lets sre leave the other places where
# a word starts or ends at once, where it would try each alternative (each verb) in turn.
CUE = re.compile(
    r"\b(?=[a-z])(?:(?P<passive>(?:is|are|was|were|(?:has|have|had) been)\s+"
    r"(?:estimated|believed|reported|thought|said)\b(?!\s+by\b))"
    r"|(?P<cited>(?:is|are|was|were|(?:has|have|had) been)\s+(?:cited|quoted|reported)\s+by\b)"
    r"|(?P<according>according to\b)|(?P<reportedly>reportedly\b)"
    r"|(?P<spoke>(?:spoke|speaking|talked|talking)\s+to\b)"
    rf"|(?P<verb>{by_first_letter(VERBS.split())}\b))", re.IGNORECASE)
NOT_A_VERB = re.compile(r"\b(?:is|are|was|were|be|been|being|the|a|an|this|its|their|his|"
                        r"her|our)\s+$", re.IGNORECASE)
CLAUSE_BREAK = re.compile(r"[;:\u2014\u2013]|\s-\s|\b(?:where|when|while|because|although|"
                          r"though|whether|if|but|so)\b", re.IGNORECASE)
RELATIVE = re.compile(r"\b(?:who|whom|whose|which|that)\b", re.IGNORECASE)
RELATIVE_END = re.compile(r"\s(?:who|which|that)$", re.IGNORECASE)
CAPITALISED_BEFORE, OF = re.compile(r"[A-Z][\w.]*\s+$"), re.compile(r"\s+of\b")
LEADING = re.compile(r"(?:(?i:and|but|so|yet|then|however|also|separately|meanwhile|now|that|"
                     r"in a statement)\b[\s,]*|(?!family|ally|assembly|rally)[a-z]+ly\b[\s,]*)+")
TRAILING = re.compile(r"(?:\s+(?:has|have|had|also|is|was|would|will|later|earlier|then|"
                      r"further|(?!family|ally|assembly|rally)[a-z]+ly))+$")
FORWARD_END = re.compile(r"[,;:!?\u201d\"(\[]|\s(?:saying|adding)\b")
STATEMENT = re.compile(r"\s+in an? (?:statement|interview)\b", re.IGNORECASE)
PREPOSITION = re.compile(r"(?:in|on|at|for|with|from|during|after|before|by|to|under|over)\b",
                         re.IGNORECASE)
MEDIUM_ROLE = re.compile(r"\s+(?:correspondents?|reporters?|journalists?|crew|team)\b")
INDEFINITE = re.compile(r"an?\s", re.IGNORECASE)
OUTLET = re.compile(r"the (?:outlet|agency|news agency|channel|broadcaster|newspaper|website|"
                    r"paper|network)", re.IGNORECASE)
WORD = re.compile(r"\S+")
EDGE = ",;:.\u201c\u201d\"'\u2018\u2019\u2014\u2013-"
STOP = {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will",
        "would", "can", "could", "may", "might", "must", "should", "shall", "not", "no", "in", "on", "at",
        "to", "with", "by", "from", "into", "onto", "over", "under", "after", "before", "during", "since",
        "until", "as", "than", "about", "against", "between", "through", "across", "near", "within",
        "without", "that", "which", "who", "whom", "whose", "what", "where", "when", "while", "because",
        "although", "though", "if", "but", "so", "or", "nor", "yet", "then", "also", "however", "me", "us",
        "him", "them", "you", "your", "my", "said", "says", "told", "tells", "reported", "according",
        "saying", "adding", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "today", "yesterday", "tonight", "ago", "last", "earlier", "later", "january", "february", "march",
        "april", "june", "july", "august", "september", "october", "november", "december"}
NUMBERS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens",
           "hundreds", "thousands"}
OBJECT_PRONOUNS = {"him", "her", "them", "us", "me"}
SUBJECT_PRONOUNS = {"he", "she", "it", "they", "we", "i"}
DETERMINERS = {"the", "a", "an", "these", "those", "its", "their", "his", "her", "our", "this"}
CONNECTORS = {"of", "for", "and"}
PRONOUN = {"he", "she", "him", "her"}
MAX_WORDS = 10
# A source phrase after its cue is read within this many characters (and MAX_WORDS * 2 words)
PHRASE_CHARS = 1_000

Span = tuple[int, int]  # start and end offsets in a paragraph's text


class Mentions:
    """The names of one paragraph, looked up by position.

    They come in order of position, never overlapping, as the name finder gives them; each
    look-up reads only the names it returns, so a paragraph's cost grows with its length,
    not with its length times its names."""

    def __init__(self, mentions: Sequence[MentionSpan]):
        self.all = list(mentions)
        self.starts = [m.start for m in self.all]
        self.reach, furthest = [], -1  # the furthest end of the names so far
        for m in self.all:
            furthest = max(furthest, m.end)
            self.reach.append(furthest)
        self.media = [m for m in self.all if m.type == "media"]
        self.media_ends = [m.end for m in self.media]

    def named(self, position: int) -> bool:
        """Whether a name holds ``position``."""
        before = bisect_right(self.starts, position)
        return before > 0 and self.reach[before - 1] > position

    def starting_in(self, start: int, end: int) -> list[MentionSpan]:
        """The names that start within ``start``–``end``, in order."""
        return self.all[bisect_left(self.starts, start):bisect_left(self.starts, end)]

    def last_media(self, position: int) -> MentionSpan | None:
        """The last name of a medium that ends by ``position``."""
        before = bisect_right(self.media_ends, position)
        return self.media[before - 1] if before else None


class Quotes:
    """The quotations of one paragraph (in order, never overlapping), looked up by position."""

    def __init__(self, quotes: Sequence[Span]):
        self.all = list(quotes)
        self.starts = [a for a, _ in self.all]
        self.ends = [b for _, b in self.all]
        self._has_quote: dict[Span, bool] = {}

    def first_from(self, position: int) -> Span | None:
        """The first quotation that starts at or after ``position``."""
        after = bisect_left(self.starts, position)
        return self.all[after] if after < len(self.all) else None

    def holding(self, start: int, end: int) -> bool:
        """Whether a quotation holds all of ``start``–``end`` (not empty)."""
        before = bisect_right(self.starts, start)
        return before > 0 and end <= self.ends[before - 1]

    def inside(self, position: int) -> bool:
        """Whether ``position`` is strictly inside a quotation."""
        before = bisect_left(self.starts, position)
        return before > 0 and position < self.ends[before - 1]

    def last_end(self, position: int) -> int | None:
        """Where the last quotation that ends by ``position`` ends."""
        before = bisect_right(self.ends, position)
        return self.ends[before - 1] if before else None

    def has_quote(self, text: str, sentence: Span) -> bool:
        """The sentence holds (part of) a quotation of four words or more."""
        if sentence not in self._has_quote:
            first = bisect_right(self.ends, sentence[0])
            self._has_quote[sentence] = any(
                len(text[a:b].split()) >= 4
                for a, b in islice(self.all, first, bisect_left(self.starts, sentence[1])))
        return self._has_quote[sentence]


def find_attributions(text: str, mentions: Sequence[MentionSpan],
                      earlier: Sequence[Attribution] = ()) -> list[Attribution]:
    """Every attribution in ``text`` (one paragraph), in order of position; ``mentions`` in
    order of position, never overlapping (as the name finder gives them)."""
    quotes, names = Quotes(quoted_spans(text)), Mentions(mentions)
    paragraph = _Paragraph(text, quotes, names)
    found: list[Attribution] = []
    before = _Before(earlier)
    for sentence in split_sentences(text):
        floor = sentence[0]
        for match in CUE.finditer(text, *sentence):
            if _skip(text, match, quotes, floor, names):
                continue
            hit = _resolve(_attribution(paragraph, match, sentence, floor), names, before)
            found.append(hit)
            before.add(hit)
            floor = max(floor, match.end())
    return sorted(found, key=lambda a: (a.start, a.end))


def _skip(text: str, match: re.Match[str], quotes: Quotes, floor: int,
          mentions: Mentions) -> bool:
    """Cues inside quotations or names ("United States"), nouns ("the claim"), passives."""
    start = match.start()
    if start < floor or quotes.inside(start) or mentions.named(start):
        return True
    if match.lastgroup != "verb":
        return False
    before = text[max(0, start - 12):start]
    if NOT_A_VERB.search(before):
        return True  # "Raqqa was declared the capital", "the reported attack"
    if match.group()[0].isupper() and CAPITALISED_BEFORE.search(before):
        return True  # "United States", "Obama Says" in a headline
    return match.group().lower() in NOUN_LIKE and bool(OF.match(text, match.end()))


@dataclass(frozen=True)
class _Paragraph:
    """A paragraph as its cues are read: its text, its quotations and the names in it."""

    text: str
    quotes: Quotes
    mentions: Mentions


def _attribution(paragraph: _Paragraph, match: re.Match[str], sentence: Span,
                 floor: int) -> Attribution:
    text, quotes, mentions = paragraph.text, paragraph.quotes, paragraph.mentions
    source, via = _source_and_via(paragraph, match, sentence, floor)
    spans = [s for s in (match.span(), source, via) if s and s[0] < s[1]]
    start, end = min(s[0] for s in spans), max(s[1] for s in spans)
    statement = STATEMENT.match(text, end)
    end = statement.end() if statement else end
    return Attribution(start, end, _cue(match), text[source[0]:source[1]],
                       _key(text, source, mentions), _key(text, via, mentions) if via else None,
                       sentence, quotes.has_quote(text, sentence))


def _cue(match: re.Match[str]) -> str:
    words: list[str] = match.group().lower().split()
    if match.lastgroup == "cited":
        return words[-2]  # "was cited by" -> "cited"
    return "spoke to" if match.lastgroup == "spoke" else " ".join(words)


def _source_and_via(paragraph: _Paragraph, match: re.Match[str], sentence: Span,
                    floor: int) -> tuple[Span, Span | None]:
    """Spans of the source and of the medium (or None) a cue names."""
    text, quotes, mentions = paragraph.text, paragraph.quotes, paragraph.mentions
    kind, cue, none = match.lastgroup, _cue(match), (match.start(), match.start())
    if kind in ("passive", "reportedly"):
        return none, None
    after = _phrase_after(text, match.end(), sentence, mentions)
    if kind == "according" or (kind == "cited" and cue == "reported"):
        return after, None
    quote_end = quotes.last_end(match.start())  # a source is not read across a quotation
    start = floor if quote_end is None else max(floor, quote_end)
    before = _phrase_before(text, start, match.start(), mentions)
    if kind in ("cited", "spoke") or cue in ("told", "tells"):
        return before, _medium(text, after, mentions)
    if cue in ("cited", "cites", "quoted"):
        return after, before  # "PressTV cited several of the residents"
    if before[0] == before[1] or _inverted(text, match, after):
        return after, None
    return before, None


def _medium(text: str, span: tuple[int, int], mentions: Mentions) -> tuple[int, int]:
    """The object of "told", "spoke to", "cited by": up to the actor it names, if any."""
    actor = next((m for m in mentions.starting_in(*span) if m.is_actor), None)
    if actor is None:
        return span
    role = MEDIUM_ROLE.match(text, actor.end)
    return span[0], role.end() if role else actor.end


def _inverted(text: str, match: re.Match[str], after: tuple[int, int]) -> bool:
    """", said Sadradeen Kinno, a Syrian researcher": the source follows the verb."""
    before = match.start()
    while before > 0 and text[before - 1].isspace():
        before -= 1
    return (text[before - 1:before] == "," and after[0] < after[1]
            and text[after[0]].isupper() and text[after[1]:after[1] + 1] in ("", ",", "."))


def _phrase_after(text: str, pos: int, sentence: tuple[int, int],
                  mentions: Mentions) -> tuple[int, int]:
    """The noun phrase after a cue, up to a comma or a word that ends it (read within
    ``PHRASE_CHARS``)."""
    limit = min(sentence[1], pos + PHRASE_CHARS)
    end = FORWARD_END.search(text, pos, limit)
    return _scan(text, pos, end.start() if end else limit, False, mentions)


def _phrase_before(text: str, left: int, right: int, mentions: Mentions) -> tuple[int, int]:
    """The noun phrase before a cue, in the clause that ends at it."""
    breaks = list(CLAUSE_BREAK.finditer(text, left, right))
    left = breaks[-1].end() if breaks else left
    parts, pos = [], left
    for piece in text[left:right].split(","):
        parts.append(_trim(text, pos, pos + len(piece)))
        pos += len(piece) + 1
    texts = [text[a:b] for a, b in parts]
    if len(parts) > 1 and (not texts[-1] or RELATIVE.match(texts[-1])):
        # "Omar Alloush, a member of ..., said"; "an SDF commander, who ..., told"
        return _scan(text, *_strip(text, parts[0]), False, mentions)
    i = len(parts) - 1
    while i > 0 and PREPOSITION.match(texts[i]):
        i -= 1  # "X, in a statement, said"
    if i > 0 and INDEFINITE.match(texts[i]) and any(
            m.type == "person" for m in mentions.starting_in(*parts[i - 1])):
        i -= 1  # "Saeed Shlash, a Syrian journalist who lives in Turkey said"
    start, end = _strip(text, parts[i])
    relative = RELATIVE_END.search(text, start, end)
    if relative:  # "The family who spoke to", "the YPG who have declared"
        start, end = _strip(text, (start, relative.start()))
    return _scan(text, start, end, True, mentions)


def _scan(text: str, start: int, end: int, backward: bool,
          mentions: Mentions) -> tuple[int, int]:
    """The run of noun-phrase words at one end of ``text[start:end]`` (see the module notes)."""
    words = WORD.finditer(text, start, end)
    tokens = list(words)[::-1] if backward else list(islice(words, MAX_WORDS * 2))
    kept: list[tuple[re.Match[str], str]] = []
    for token in tokens[:MAX_WORDS * 2]:
        word = token.group().strip(EDGE + "()").lower()
        if not kept and word in SUBJECT_PRONOUNS:
            return _trim(text, *token.span())
        last = kept[-1][1] if kept else ""
        if not backward and word in OBJECT_PRONOUNS and (not kept or last == "of"):
            kept.append((token, word))  # "according to him", "some of them"
            break
        if _ends_phrase(word, last, backward, bool(kept)) and not mentions.named(token.start()):
            break
        kept.append((token, word))
    while kept and kept[-1][1] in CONNECTORS | (set() if backward else DETERMINERS):
        kept.pop()
    kept = kept[:MAX_WORDS]
    if not kept:
        return start, start
    return _trim(text, min(t.start() for t, _ in kept), max(t.end() for t, _ in kept))


def _ends_phrase(word: str, last: str, backward: bool, started: bool) -> bool:
    """Whether ``word`` (read after ``last``, outwards from the cue) is past the phrase."""
    if word in NUMBERS:
        return not (last == "of" if backward else not started)  # "one of the", "two witnesses"
    if not word or word in STOP or word in SUBJECT_PRONOUNS or word[0].isdigit():
        return True
    if backward:
        return last in DETERMINERS and word not in CONNECTORS  # "the other hand the SOHR"
    return word in DETERMINERS and started and last not in CONNECTORS  # "Winfield a sample"


def _strip(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Without leading conjunctions and adverbs, nor trailing auxiliaries ("has warned")."""
    start, end = span
    lead = LEADING.match(text, start, end)
    start = lead.end() if lead else start
    trail = TRAILING.search(text, start, end)
    return _trim(text, start, trail.start() if trail else end)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in EDGE + "(["):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in EDGE):
        end -= 1
    return start, end


def _key(text: str, span: tuple[int, int], mentions: Mentions) -> str | None:
    """The actor a phrase names: a person before an organisation, a head before a modifier."""
    inside = [m for m in mentions.starting_in(*span) if m.end <= span[1]
              and m.is_actor and not _modifier(text, m, span)]
    people = [m for m in inside if m.type == "person"]
    chosen = people or inside
    return chosen[-1].key if chosen else None


def _modifier(text: str, mention: MentionSpan, span: tuple[int, int]) -> bool:
    """"US-backed", "Assad's government", "A Sunni Arab family": not the source itself."""
    after = text[mention.end:mention.end + 2]
    if after[:1] and (after[:1] in "-\u2010\u2011" or after in ("'s", "\u2019s", "\u2019 ")):
        return True
    return mention.type == "population group" and mention.end < span[1]


class _Before:
    """What the attributions read so far (of the paragraphs before, then of this one) give
    "he", "the outlet" and "the commander": the latest of each, kept as each is added."""

    def __init__(self, earlier: Sequence[Attribution]):
        self.source: str | None = None  # the latest named source
        self.medium: str | None = None  # the latest medium ("told VOA") or reporter
        self.by_noun: dict[str, str] = {}  # the latest named source by its last word
        for attribution in earlier:
            self.add(attribution)

    def add(self, a: Attribution) -> None:
        if a.source_key:
            self.source = a.source_key
            words = a.source_text.split()
            if words:
                self.by_noun[_noun(words[-1])] = a.source_key
        if a.via_key or (a.cue == "reported" and a.source_key):
            self.medium = a.via_key or a.source_key


def _noun(word: str) -> str:
    return word.lower().rstrip("s")


def _resolve(hit: Attribution, mentions: Mentions, before: _Before) -> Attribution:
    """Give "he", "the outlet" and "the commander" the key of what they stand for."""
    source = hit.source_text
    if hit.source_key or not source:
        return hit
    if source.lower() in PRONOUN:
        key = before.source
    elif OUTLET.fullmatch(source):
        media = mentions.last_media(hit.start)
        key = media.key if media else before.medium
    elif source.lower().startswith("the ") and len(source.split()) <= 3:
        key = before.by_noun.get(_noun(source.split()[-1]))
    else:
        return hit
    return replace(hit, source_key=key)


def source_of(attribution: Attribution) -> str:
    """Whom an attribution credits, as the archive groups sources: an entity key, the
    unnamed source's words ("unnamed: witness"), or the cue alone ("unattributed: is
    estimated")."""
    if attribution.source_key:
        return attribution.source_key
    if attribution.source_text:
        return "unnamed: " + _unnamed(attribution.source_text)
    return "unattributed: " + attribution.cue


def _unnamed(text: str) -> str:
    """An unnamed source's words without leading determiners ("a witness" -> "witness")."""
    words = text.split()
    while len(words) > 1 and words[0].lower() in {"a", "an", "the", "some", "one", "two", "of",
                                                  "several", "many"}:
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class Citation:
    """One attribution found in an article, with where it stands."""

    seed: str
    anchor: str
    readers: bool  # in a reader comment: not the outlet's words
    attribution: Attribution
    fixed: str = ""  # the curator's reason, when a fix applied

    @property
    def source(self) -> str:
        """What the source tables group by: an entity key, or the unnamed source's words."""
        return source_of(self.attribution)
