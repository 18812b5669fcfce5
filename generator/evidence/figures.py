"""Numbers a paragraph states about the conflict: how many were killed, displaced, held...

:func:`find_figures` finds counts, ranges, percentages and prices in digits ("3,250", "2.5
million", "$700", "90%") or words ("two or three thousand", "hundreds of thousands"), with the
qualifier before them ("more than"), the noun they count, and a category read from the cue
words nearest them in their sentence. Years, days of dates, times, ordinals, list markers,
labels ("Level 4"), numbers inside words or addresses, "one" as a pronoun and compounds
("five-month battle") are not figures. Vague words stand for ranges (see ``VAGUE``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Iterable, Sequence

from generator.evidence.attribution import Citation
from generator.text.sentences import by_first_letter, split_sentences


@dataclass(frozen=True, slots=True)
class Figure:
    start: int
    end: int
    text: str
    low: float
    high: float
    qualifier: str
    unit: str
    category: str
    sentence: tuple[int, int]
    scope: str = "total"  # total | share | rate per day/week/month/year | range
    of: str = ""  # for a duration, what lasted ("battle" in "the five-month battle")

    @property
    def comparable_as(self) -> str:
        """What kind of quantity the figure is, for setting figures side by side: a count
        per day is not a total, a share is not a count (a range is a total, less sure)."""
        return "total" if self.scope == "range" else self.scope


@dataclass(frozen=True, slots=True)
class StatedFigure:
    seed: str
    anchor: str
    readers: bool
    figure: Figure
    citation: Citation | None  # the source its sentence names, if any


CATEGORIES = ("killed", "civilians killed", "fighters", "displaced", "population", "held",
              "price", "share destroyed", "casualties", "other")

SMALL = dict(zip(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                  "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                  "nineteen"], range(1, 20), strict=True))
TENS = dict(zip(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"],
                range(20, 100, 10), strict=True))
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "dozen": 12}
VAGUE = {"dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999),
         "thousands": (2_000, 9_999), "tens of thousands": (20_000, 99_999),
         "hundreds of thousands": (200_000, 999_999), "millions": (2_000_000, 9_999_999)}
SOME = {"a": (1, 1), "several": (3, 9), "a few": (2, 5), "few": (2, 5)}
CURRENCY = {"$": "US dollars", "US$": "US dollars", "€": "euros", "£": "pounds"}


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted((w.replace(" ", r"\s+") for w in words), key=len, reverse=True))


_CARD = rf"(?:(?:{_alternation(TENS)})(?:[-\u2010 ](?:{_alternation(list(SMALL)[:9])}))?" \
        rf"|{_alternation(SMALL)})"
_SCALE = r"(?:hundred|thousand|million|billion)"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDS = (rf"(?:{_CARD}|a|several|a\s+few|few)\s+(?:{_SCALE}|dozen)(?:\s+(?:thousand|million))?"
          rf"|{_alternation(VAGUE)}|{_CARD}")
_VALUE = (rf"(?:(?:US\$|\$|€|£)\s?)?(?:(?:{_DIGITS})(?:\s?{_SCALE}(?:\s(?:thousand|million))?)?"
          rf"|(?:{_WORDS})(?![\w]))(?:\s?%|\s(?:percent|per\s+cent)\b)?")
_BEFORE, _AFTER = r"(?<![\w.,:/#@\-$€£])", r"(?![\w])"
# What a figure can start with (keep in step with _VALUE). FIGURE looks ahead for it only as a
# shortcut: sre would try all its number words at every word of the text; most fail here at once.
_STARTS = [*SMALL, *TENS, *(phrase.split()[0] for phrase in VAGUE), r"a\s", "several", "few",
           "between", r"us\$"]
_START = rf"(?=[\d$€£]|{by_first_letter(_STARTS)})"
FIGURE = re.compile(rf"{_BEFORE}{_START}(?:between\s+(?P<a>{_VALUE})\s+and\s+(?P<b>{_VALUE})"
                    rf"|(?P<c>{_VALUE})(?:(?P<dash>\s*[-\u2013\u2014]\s*)(?P<d>{_VALUE})"
                    rf"|\s+(?:to|or)\s+(?P<e>{_VALUE}))?){_AFTER}", re.IGNORECASE)
SINGLE = re.compile(rf"{_BEFORE}(?P<c>{_VALUE}){_AFTER}", re.IGNORECASE)
QUALIFIER = re.compile(
    r"(?<![\w])(?:about|around|approximately|roughly|some|nearly|almost|over|more than|"
    r"less than|fewer than|up to|at least|at most|as many as|as much as|close to|upwards of|"
    r"in excess of|no fewer than|no less than|just over|just under|an estimated|estimated|"
    r"maybe|perhaps)\s+$", re.IGNORECASE)
OR_MORE = re.compile(r"\s+or\s+more(?![\w])", re.IGNORECASE)
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct",
           "Nov", "Dec"]
_MONTH = rf"(?:{'|'.join(_MONTHS)})"
_LABELS = (r"[Pp]ages?|pp?\.|No\.|Nos\.|[Nn]umber|[Ll]evel|ID|[Rr]esolution|[Aa]rticle|[Cc]hapter|"
           r"[Ss]ection|[Pp]hase|Route|[Hh]ighway|[Rr]oom|[Ff]light|[Vv]ol\.|[Gg]ate|[Pp]aragraph|"
           r"[Ii]tem|[Ee]pisode|[Ss]eason|[Zz]one|[Ss]ector|Tel\.?")
_LABEL_INITIALS = "".join(dict.fromkeys(  # "[Pp]ages?" starts with P or p
    label[1:3] if label[0] == "[" else label[0] for label in _LABELS.split("|")))
# sre skips ahead to where a match can start only when a regex starts with a character, a class
# or alternatives of characters; a regex led by "\b" or a lookbehind is tried at each position.
# So a month checks the word boundary after its letters, and a number after its first digit.
_MONTH_WORD = "(?:" + "|".join(rf"{month}(?<!\w{month})" for month in _MONTHS) + ")"  # \b{_MONTH}
_NUMBER_START = r"\d(?<!\w\d)"  # \b\d
_ADDRESS = r"\S*(?:://|www\.|/)\S*"
# What looks like a figure and is not, in the order NOT_FIGURES tries them; _blocked searches
# them one by one, faster than NOT_FIGURES, which tries them all at each position.
_NOT_FIGURE_PARTS = [
    # "June 5", "Jan. 21st, 2014"
    rf"{_MONTH_WORD}\.?\s+\d{{1,2}}(?:\d{{4}})?(?:st|nd|rd|th)?\b(?!,\d)(?:,?\s+\d{{4}}\b)?",
    # from the second digit of a number (the first is _NUMBER_START's): "5 June", "21st of May
    # 2014"; "9:30"; "9 a.m."; "2014-06-05"; "5.6.2014"; "2014-15" (19.. or 20..); "1400 GMT"
    _NUMBER_START + "(?:" + "|".join([
        rf"\d?(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b\.?(?:,?\s+\d{{4}}\b)?",
        r"\d?:\d{2}(?::\d{2})?\b", r"\d?\s*(?:a\.m\.|p\.m\.|am|pm)(?!\w)", r"\d{3}-\d{2}-\d{2}\b",
        r"\d?\.\d{1,2}\.\d{2,4}(?!\d)", r"\d(?<=19|20)\d\d[-\u2013/]\d\d\b",
        r"\d{0,3}\s?(?:GMT|UTC)\b"]) + ")",
    _ADDRESS,  # "https://t.co/x", "www.sohr.com", "and/or"
    r"^[ \t]*\d{1,3}[.)](?=\s)", r"\n[ \t]*\d{1,3}[.)](?=\s)",  # list markers: "1." "2)"
    r"#\d[\d,.]*", rf"\b(?=[{_LABEL_INITIALS}])(?:{_LABELS})\s+#?\d[\d,.]*",  # "#3", "Level 4"
]
NOT_FIGURES = re.compile("|".join(_NOT_FIGURE_PARTS))
_PARTS = [re.compile(part) for part in _NOT_FIGURE_PARTS]
ADDRESS, WORD_ADDRESS = re.compile(_ADDRESS), re.compile(rf"(?<!\S){_ADDRESS}")
DIGIT = re.compile(r"\d")
NEXT_WORDS = re.compile(r"\s*(?:of\s+(?:(?:the|their|its|them|those|these|whom)\s+)?)?"
                        r"((?:[A-Za-z][\w'\u2019-]*\s*){1,4})")
YEAR = re.compile(r"(?:19|20)\d\d")
COMPOUND = re.compile(r"[-\u2010\u2011]\w")
LETTERS, NUMERAL = re.compile(r"[a-z]+"), re.compile(r"[\d,.]+")
SIGNS = re.compile(r"(?:us)?\$|[€£%]|\bper\s*cent\b|\bpercent\b")
PERCENT = re.compile(r"%|per\s*cent", re.IGNORECASE)
CURRENCY_SIGN = re.compile(r"US\$|[$€£]")
NO_ONE = re.compile(r"\b(?:no|any|every|some|each|which)\s+$", re.IGNORECASE)
COUNTED_ONE = re.compile(r"\s+(?:person|civilian|fighter|militant|soldier|man|woman|child|"
                         r"resident|hostage|member|journalist|officer|commander|killed|dead)\b")


def find_figures(text: str) -> list[Figure]:
    """Every figure of ``text``, in order of position."""
    blocked = Spans(_blocked(text))
    sentences = split_sentences(text) or [(0, len(text))]
    figures, pos = [], 0
    while match := FIGURE.search(text, pos):
        if _not_a_range(match):  # "2011 to 1.5 million", a score "116-15": one value at a time
            single = SINGLE.match(text, match.start("a") if match.group("a") else match.start())
            # SINGLE matches one value wherever FIGURE's first value starts
            assert single is not None
            match = single
        pos = match.end()
        if not _skipped(text, match, blocked):
            figures.append(_figure(text, match, sentences))
    return figures


# How long something lasted, written as a compound ("the five-month battle", "a 3-day
# truce") or hedged ("almost a year"): the plain "two years" is left out (most are "ago").
DURATION = re.compile(
    rf"(?<![\w-])(?P<span>(?:(?P<q>almost|nearly|about|over|more\s+than)\s+(?P<a>a|one)\s+"
    rf"|(?P<n>\d+|{_CARD})[-\u2010\u2011])(?P<u>day|week|month|year)s?(?:[-\u2010\u2011]long)?)"
    rf"(?![\w-])(?:\s+(?P<of>[a-z]+))?", re.IGNORECASE)
STOP_AFTER = {"of", "and", "or", "the", "a", "in", "on", "to", "after", "ago", "later", "before",
              "since", "for", "that", "which", "is", "was", "has", "had"}


def find_durations(text: str, figures: Sequence[Figure] = ()) -> list[Figure]:
    """How long things lasted, where no figure of ``figures`` already stands."""
    taken = Spans([(f.start, f.end) for f in figures])
    sentences = split_sentences(text) or [(0, len(text))]
    found = []
    for match in DURATION.finditer(text):
        start, end = match.span("span")
        if taken.overlaps(start, end):
            continue
        value = float(_value(match.group("n") or "one")[0])  # "a year": one
        qualifier = " ".join((match.group("q") or "").lower().split())
        sentence = sentence_of(sentences, start)
        of = (match.group("of") or "").lower()
        found.append(Figure(start, end, text[start:end], value, value, qualifier,
                            match.group("u").lower() + "s", "duration", sentence, "total",
                            "" if of in STOP_AFTER else of))
    return found


class Spans:
    """Spans of a text, by where they start, asked whether any overlaps a stretch."""

    def __init__(self, spans: Sequence[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach = list(accumulate((b for _, b in ordered), max))  # the furthest end so far

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span overlaps ``start``–``end`` (shares a character with it)."""
        before = bisect_left(self.starts, end)  # the spans that start before ``end``
        return before > 0 and self.reach[before - 1] > start


def sentence_of(sentences: list[tuple[int, int]], position: int) -> tuple[int, int]:
    """The sentence (of ``sentences``, in order) that holds ``position``, else the last."""
    at = bisect_right(sentences, position, key=lambda s: s[0]) - 1
    return sentences[at] if at >= 0 and position < sentences[at][1] else sentences[-1]


def _blocked(text: str) -> list[tuple[int, int]]:
    """The spans of ``NOT_FIGURES.finditer(text)``, found part by part.

    As the alternation does, each step takes the leftmost match of any part (of the earlier
    part on a tie), and the next step starts at its end: a part's match found before is still
    its next one, unless it starts before that end."""
    digit = DIGIT.search(text)  # every part but the address needs one
    searches = [_search_address if part.pattern == _ADDRESS else part.search
                for part in _PARTS if digit or part.pattern == _ADDRESS]
    found = [search(text, 0) for search in searches]
    spans: list[tuple[int, int]] = []
    while any(found):
        match = min(filter(None, found), key=re.Match.start)  # min() keeps the first of equals
        spans.append(match.span())
        found = [search(text, match.end()) if m and m.start() < match.end() else m
                 for m, search in zip(found, searches, strict=True)]
    return spans


def _search_address(text: str, pos: int) -> re.Match[str] | None:
    """``ADDRESS.search(text, pos)``, without trying every position.

    The first match starts at ``pos`` (which can be inside a word, where the last match
    ended), or else at the start of a word: a match inside a word would also match from
    one character before."""
    if "/" not in text and "www." not in text:
        return None
    return ADDRESS.match(text, pos) or WORD_ADDRESS.search(text, pos)


def _parts(match: re.Match[str]) -> list[str]:
    groups = match.groupdict()
    return [groups[name] for name in "abcde" if groups.get(name)]


def _not_a_range(match: re.Match[str]) -> bool:
    parts = _parts(match)
    if len(parts) < 2:
        return False
    descending = match.groupdict().get("dash") and _value(parts[0])[0] > _value(parts[1])[0]
    return any(YEAR.fullmatch(p) for p in parts) or bool(descending)


def _skipped(text: str, match: re.Match[str], blocked: Spans) -> bool:
    start, end = match.span()
    if blocked.overlaps(start, end):
        return True
    if COMPOUND.match(text, end):
        return True  # a compound: "five-month battle", "10-year-old"
    if YEAR.fullmatch(match.group()) and not {
            w.lower() for w in _following_words(text, end)[:1]} & COUNT_NOUNS:
        return True  # "in 2014", but "2000 people"
    return match.group().lower() == "one" and (
        bool(NO_ONE.search(text, max(0, start - 8), start)) or not COUNTED_ONE.match(text, end))


def _figure(text: str, match: re.Match[str], sentences: list[tuple[int, int]]) -> Figure:
    start, end = match.span()
    qualifier = QUALIFIER.search(text, max(0, start - 16), start)
    if qualifier:
        start = qualifier.start()
    more = OR_MORE.match(text, end)
    word = (qualifier.group().strip().lower() if qualifier else "")
    word = " ".join(word.split()).removeprefix("an ")
    if more:
        word, end = word or "at least", more.end()
    low, high = _range(match)
    unit = _unit(match.group(), text, end)
    sentence = sentence_of(sentences, match.start())
    category = _category(text, sentence, (match.start(), match.end()), unit)
    return Figure(start, end, text[start:end], low, high, word, unit, category, sentence,
                  _scope(text, (start, end), unit, high != low))


# "dozens ... every day", "200 a week": a rate, not a total
RATE = re.compile(r"(?:\W+\w+){0,6}?\W+(?:(?:per|a|an|each|every)\s+(day|week|month|year)|"
                  r"(daily|weekly|monthly|yearly))\b", re.IGNORECASE)
_PERIODS = {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year"}


RATE_BEFORE = re.compile(r"\b(?:every|each|per)\s+(day|week|month|year)\b[^.;]{0,30}$",
                         re.IGNORECASE)
PER_PERSON = re.compile(r"\s+(?:for\s+each|for\s+every|per|a|each)\s+(?:individual|person|head)\b",
                        re.IGNORECASE)


def _scope(text: str, span: tuple[int, int], unit: str, ranged: bool) -> str:
    """Whether the figure at ``span`` is a total, a share, a rate (per day, week, person…)
    or a range (``ranged``: its low and high values differ)."""
    start, end = span
    if unit == "percent":
        return "share"
    rate = RATE.match(text, end, min(len(text), end + 60))
    if rate:
        period = rate.group(1) or _PERIODS[rate.group(2).lower()]
        return f"rate per {period.lower()}"
    before = RATE_BEFORE.search(text, max(0, start - 45), start)
    if before:
        return f"rate per {before.group(1).lower()}"
    if PER_PERSON.match(text, end, min(len(text), end + 40)):
        return "rate per person"
    return "range" if ranged else "total"


def _range(match: re.Match[str]) -> tuple[float, float]:
    first, *rest = _parts(match)
    low, high = _value(first)
    if not rest:
        return low, high
    low2, high2 = _value(rest[0])
    scale = _scale_of(rest[0])
    if scale > 1 and _scale_of(first) == 1 and low < low2:
        low, high = low * scale, high * scale  # "two or three thousand"
    return min(low, low2), max(high, high2)


def _scale_of(value: str) -> int:
    words = LETTERS.findall(value.lower())
    return SCALES.get(words[-1], 1) if words else 1


def _value(value: str) -> tuple[float, float]:
    """The (low, high) a single value stands for: "3,250", "$2.5 million", "a few hundred"."""
    text = " ".join(SIGNS.sub(" ", value.lower()).split())
    if text in VAGUE:
        return VAGUE[text]
    digits = NUMERAL.match(text)
    if digits:
        low = high = float(digits.group().replace(",", ""))
        words = text[digits.end():].split()
    else:
        words = text.replace("-", " ").replace("\u2010", " ").split()
        low, high = _head(words)  # takes the number words off ``words``
    for word in words:
        low, high = low * SCALES.get(word, 1), high * SCALES.get(word, 1)
    return low, high


def _head(words: list[str]) -> tuple[float, float]:
    """The number ``words`` start with, taking its words off the list."""
    if len(words) > 1 and " ".join(words[:2]) in SOME:
        return SOME[words.pop(0) + " " + words.pop(0)]
    if words[0] in SOME:
        return SOME[words.pop(0)]
    total = 0
    while words and (words[0] in TENS or words[0] in SMALL):
        word = words.pop(0)
        total += TENS.get(word) or SMALL[word]
    return total, total


PEOPLE = {"people", "persons", "person", "civilians", "civilian", "residents", "resident", "inhabitants",
          "fighters", "fighter", "militants", "militant", "insurgents", "insurgent", "troops", "soldiers",
          "soldier", "jihadists", "terrorists", "terrorist", "rebels", "rebel", "gunmen", "militiamen",
          "mercenaries", "members", "member", "men", "man", "women", "woman", "children", "child", "boys",
          "girls", "families", "family", "refugees", "hostages", "prisoners", "detainees", "captives",
          "officers", "commanders", "leaders", "officials", "journalists", "activists", "doctors", "patients",
          "citizens", "others", "protesters", "policemen", "police", "personnel", "medics", "workers"}
TOLLS = {"dead", "deaths", "bodies", "casualties", "wounded", "injured"}
THINGS = {"hours", "days", "weeks", "months", "years", "minutes", "kilometres", "kilometers", "km", "miles",
          "metres", "meters", "dollars", "euros", "pounds", "tons", "tonnes", "barrels", "airstrikes",
          "strikes", "raids", "attacks", "shells", "rockets", "missiles", "vehicles", "tanks", "jets",
          "planes", "aircraft", "helicopters", "villages", "towns", "buildings", "houses", "homes",
          "hospitals", "bridges", "times"}
COUNT_NOUNS = PEOPLE | TOLLS | THINGS
FIGHTERS = {"fighters", "fighter", "militants", "militant", "insurgents", "insurgent", "troops", "soldiers",
            "soldier", "jihadists", "terrorists", "terrorist", "rebels", "rebel", "gunmen", "militiamen",
            "mercenaries", "forces", "special forces"}
GENERIC = {"", "people", "persons", "men", "members", "others"}
CIVILIANS = {"civilians", "civilian", "women", "children", "residents", "inhabitants", "citizens"}
MONEY = {"US dollars", "dollars", "euros", "pounds"}


def _whole_words(words: Sequence[str]) -> str:
    """``words`` (regexes that start with a letter) as whole words, in a case-insensitive regex.

    The lookahead for their first letters is a shortcut: most words of a text fail there."""
    initials = "".join(dict.fromkeys(word[0].lower() for word in words))
    return rf"(?=[{initials}]){by_first_letter(words)}\b"


CUE_WORDS = {
    "killed": ("kill(?:ed|ing|s)?", "dead", "died", "dies?", "deaths?", "death toll", "slain",
               "execut(?:e|es|ed|ing|ions?)", "eliminat(?:e|es|ed|ing)", "massacred", "beheaded",
               "martyr(?:ed|s)?", "lost their lives", "lives of"),
    "casualties": ("wounded", "wounding", "injured", "injuring", "injuries", "casualties"),
    "held": ("held", "hostages?", "trapped", "detained", "captives?", "kidnapped", "abducted",
             "imprisoned", "besieged", "human shields?"),
    "displaced": ("fled", "flee", "fleeing", "displaced", "displacement", "refugees?", "escaped?",
                  "escaping", "evacuated", "evacuation", "resettled", "relocated", "camps?",
                  "get out", "left their homes", "uprooted"),
    "population": ("still liv(?:e|es|ing)(?: under| in)", "liv(?:e|es|ing)(?: under| in)",
                   "inhabitants", "population", "populated"),
    "fighters": ("fighters", "militants", "insurgents", "troops", "soldiers", "jihadists",
                 "terrorists", "rebels", "gunmen", "militiamen", "special forces", "force of"),
}
CUES = {name: re.compile(rf"\b{_whole_words(words)}", re.I) for name, words in CUE_WORDS.items()}
CUES["held"] = re.compile(rf"(?<![-\w]){_whole_words(CUE_WORDS['held'])}", re.I)  # not "IS-held"
# Where a cue word of any category starts (an empty match; a "held" one too, as no word
# character comes before it): see _cue_spans.
ANY_CUE = re.compile(rf"\b(?={_whole_words([w for words in CUE_WORDS.values() for w in words])})",
                     re.I)
ORDER = list(CUES)
DESTROYED = re.compile(r"\b(?:destroyed|razed|damaged|destruction|flattened|ruins|rubble)\b", re.I)
ADJACENT = re.compile(r"(?:(?!\band\b)[^,;:.]){0,14}")
NEAR, BEFORE, WEAK = 60, 25, 20
STOP_WORDS = {"where", "which", "who", "whom", "whose", "that", "were", "was", "are", "is", "have", "has",
              "had", "been", "being", "be", "will", "would", "could", "can", "may", "might", "must", "should",
              "in", "on", "at", "to", "from", "by", "for", "with", "into", "inside", "outside", "and", "or",
              "but", "as", "than", "after", "before", "during", "since", "per", "each", "this", "these",
              "those", "it", "they", "he", "she", "we", "said", "says", "live", "lives", "living", "remain",
              "remained", "remaining", "left", "like", "of", "a", "an", "the", "their", "its", "his", "her",
              "killed", "died", "including", "among", "mostly", "mainly", "all", "when",
              "while"} | set(SMALL) | set(TENS)


def _following_words(text: str, end: int) -> list[str]:
    """Up to four words after ``end``, up to the first function word or number."""
    match = NEXT_WORDS.match(text, end)
    words = []
    for word in match.group(1).split() if match else ():
        if word.lower() in STOP_WORDS or word[:1].isdigit():
            break
        words.append(word)
    return words


def _unit(value: str, text: str, end: int) -> str:
    """What the figure counts: the last known noun of the words after it, else a plural."""
    if PERCENT.search(value):
        return "percent"
    currency = CURRENCY_SIGN.match(value)
    if currency:
        return CURRENCY[currency.group()]
    words = [w.strip("'\u2019").lower() for w in _following_words(text, end)]
    if "special forces" in " ".join(words):
        return "special forces"
    known = [w for w in words if w in COUNT_NOUNS]
    counted = [w for w in known if w not in TOLLS] or known
    if counted:
        return counted[-1]
    plural = [w for w in words[:2] if w.endswith("s") and w.isalpha() and len(w) > 3]
    return plural[0] if plural else ""


def _category(text: str, sentence: tuple[int, int], span: tuple[int, int], unit: str) -> str:
    """What the figure is about, from its unit and the nearest cue word in its sentence."""
    if unit == "percent":
        return "share destroyed" if _destroyed(text, sentence) else "other"
    if unit in MONEY:
        return "price"
    if unit in THINGS:
        return "other"  # hours, villages, air strikes: not a count of people
    if unit in TOLLS:
        return "killed" if unit in {"dead", "deaths", "bodies"} else "casualties"
    cue = _nearest_cue(text, sentence, span, unit)
    after = {w.lower() for w in _following_words(text, span[1])}  # "1,130 civilian deaths"
    if cue == "killed" and (unit in CIVILIANS or after & CIVILIANS):
        return "civilians killed"
    if cue:
        return cue
    if unit in FIGHTERS:
        return "fighters"
    return "population" if unit in {"residents", "inhabitants"} else "other"


def _nearest_cue(text: str, sentence: tuple[int, int], span: tuple[int, int], unit: str) -> str:
    """The category whose cue word stands nearest the figure, within ``NEAR`` characters.

    A cue before the figure counts less, unless it leads straight to it ("killed 130
    people"); so do cues of a state (population, fighters) next to cues of an event."""
    allowed = ORDER if unit in GENERIC else ORDER[:-1]
    if unit in FIGHTERS:
        allowed = ["killed", "casualties", "held"]
    best = None
    cues = _cue_spans(text, sentence)
    for name in allowed:
        for start, end in _near(cues[name], span):
            gap = max(start - span[1], span[0] - end, 0)
            if gap > NEAR:
                continue
            before = end <= span[0]
            if before and not ADJACENT.fullmatch(text, end, span[0]):
                gap += BEFORE
            if name in ("population", "fighters"):
                gap += WEAK  # a state, where an event (killed, fled) is also named
            best = min(best or (gap, ORDER.index(name)), (gap, ORDER.index(name)))
    return ORDER[best[1]] if best else ""


def _near(cues: tuple[tuple[int, int], ...], span: tuple[int, int]) -> tuple[tuple[int, int], ...]:
    """The cue words of one category (in order, never overlapping) within ``NEAR``
    characters of ``span``: a figure reads those, not every cue word of its sentence."""
    first = bisect_left(cues, span[0] - NEAR, key=lambda cue: cue[1])
    return cues[first:bisect_right(cues, span[1] + NEAR, first, key=lambda cue: cue[0])]


@lru_cache(maxsize=64)
def _destroyed(text: str, sentence: tuple[int, int]) -> bool:
    """Whether ``sentence`` speaks of destruction, read once for all its figures."""
    return bool(DESTROYED.search(text, *sentence))


@lru_cache(maxsize=64)
def _cue_spans(text: str, sentence: tuple[int, int]) -> dict[str, tuple[tuple[int, int], ...]]:
    """The spans of each category's cue words in ``sentence``, as ``CUES[name].finditer(text,
    *sentence)`` gives them, found once for all the figures of the sentence.

    Each CUES regex is only tried where ANY_CUE finds a cue word (of any category): this takes
    one scan of the sentence, not one per category."""
    starts = [match.start() for match in ANY_CUE.finditer(text, *sentence)]
    return {name: _matches_at(regex, text, starts, sentence[1]) for name, regex in CUES.items()}


def _matches_at(regex: re.Pattern[str], text: str, starts: list[int],
                end: int) -> tuple[tuple[int, int], ...]:
    """The spans ``regex.finditer(text, pos, end)`` gives, ``starts`` being every place from
    ``pos`` on where ``regex`` can match, in order."""
    spans, pos = [], 0
    for start in starts:
        match = regex.match(text, start, end) if start >= pos else None
        if match:
            spans.append(match.span())
            pos = match.end()
    return tuple(spans)
