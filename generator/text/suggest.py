"""Suggestions for a seed nobody has curated yet: title, dates, outlet, dateline.

Everything here is a *suggestion*, shown as such on the uncurated article's page,
in the curation report and in the stub that ``archive new SEED`` writes. A
curator confirms or corrects it; the generator never presents it as fact.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Sequence

from generator.model import MONTH_NAMES, Outlet, Seed, Suggestions
from generator.read.decode import capture_lines
from generator.read.pattern import Anchor, curated
from generator.text.clean import Rules, comparable, fold, headline_like, site_name_line

MONTHS = {name.lower(): i for i, name in enumerate(MONTH_NAMES, 1)}
MONTHS.update({name[:3].lower(): i for name, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DATE_PATTERNS = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(_MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b",
               re.IGNORECASE),
    re.compile(r"\b(?P<day>[0-3]?\d)\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b",
               re.IGNORECASE),
)
DATELINE_RE = re.compile(r"^(?P<place>[A-Z][A-Z .'-]{2,30}?)(?:,\s*[A-Z][\w .]+)?\s*[—–-]{1,2}\s+\S")
CREDIT_RE = re.compile(r"^\(?((?:Reuters|AP|AFP|dpa|DPA|Associated Press|SANA|Xinhua|ANA|RIA)"
                       r"(?:\s*[,/&]\s*(?:and\s+)?[A-Za-z ]+)*)\)?\.?$")


# What a suggested value never holds: controls and line or paragraph separators read as
# spaces, and invisible format characters (bidi overrides, zero-width ones, soft hyphens)
# and lone surrogates dropped.
_AS_SPACE = frozenset(("Cc", "Zl", "Zp"))
_DROPPED = frozenset(("Cf", "Cs"))


def visible(text: str) -> str:
    """``text`` on one line with single spaces and no control or invisible format
    character, as a suggestion is written into a stub a curator confirms."""
    if not text.isprintable():
        text = "".join(" " if (kind := unicodedata.category(c)) in _AS_SPACE
                       else "" if kind in _DROPPED else c for c in text)
    return " ".join(text.split())


def suggest_title(seed: Seed, rules: Rules, site_names: Sequence[str] = ()) -> str:
    """The first headline-like line that is not site chrome, in visible characters."""
    lines = [visible(line) for line in capture_lines(seed.text)]
    lines = [line for line in lines if line]
    for line in lines:
        if site_name_line(line, site_names) or rules.chrome_set.first(line):
            continue
        if headline_like(line) and len(line.split()) >= 3:
            return line[:200]
    return lines[0][:120] if lines else visible(seed.name)


def find_dates(text: str, limit: int = 5) -> list[str]:
    """Calendar dates written in the text, as ISO dates, most frequent first, and of those
    as often written the first in the text (the article's own date is usually near its
    top; a photo caption's older one further down)."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text[:200_000]):
            month = int(m.group("mnum")) if "mnum" in m.groupdict() and m.group("mnum") else \
                MONTHS.get(m.group("month").lower().rstrip("."), 0)
            day = int(m.group("day"))
            if 1 <= month <= 12 and 1 <= day <= 31:
                iso = f"{m.group('year')}-{month:02d}-{day:02d}"
                counts[iso] = counts.get(iso, 0) + 1
                first[iso] = min(first.get(iso, m.start()), m.start())
    return sorted(counts, key=lambda d: (-counts[d], first[d], d))[:limit]


def guess_outlet(seed: Seed, outlets: dict[str, Outlet]) -> tuple[str | None, str]:
    """An outlet whose signature line, or site name standing alone or as an image-text
    suffix, the capture carries. Each line is folded once, whatever the number of names."""
    lines = sorted({" ".join(line.split()) for line in capture_lines(seed.text)} - {""})
    for outlet in sorted(outlets.values(), key=lambda o: o.id):
        for pattern in outlet.signatures:  # each checked when the outlets were read
            if any(curated(pattern, Anchor.LINE).found(line) for line in lines):
                return outlet.id, f"the capture carries a line typical of {outlet.name} ({pattern})"
    names = {comparable(n) for o in outlets.values() for n in (*o.site_names, o.name)}
    carried = site_names_carried([fold(line) for line in lines], names)
    for outlet in sorted(outlets.values(), key=lambda o: o.id):
        for name in (*outlet.site_names, outlet.name):
            if comparable(name) in carried:
                return outlet.id, f"the capture carries the site name “{name}”"
    return None, ""


def site_names_carried(lines: Sequence[str], names: set[str]) -> set[str]:
    """The site names (folded) that one of the folded ``lines`` is, standing alone
    (``clean.site_name_line``) or as an image text's suffix (``clean.image_text``): a look-up
    per line and per length of name, never a pass over every name for every line."""
    lengths = sorted({len(n) for n in names})
    carried = set()
    for line in lines:
        alone = line.strip(" -|:•·")
        if alone in names:
            carried.add(alone)
        for length in lengths:
            cut = len(line) - length
            if cut < 3:
                break
            if line.startswith(" - ", cut - 3) and (suffix := line[cut:]) in names:
                carried.add(suffix)
    return carried


def suggest(seed: Seed, rules: Rules, outlets: dict[str, Outlet]) -> Suggestions:
    lines = [" ".join(line.split()) for line in capture_lines(seed.text) if line.strip()]
    outlet, reason = guess_outlet(seed, outlets)
    dateline = next((m.group("place").strip() for line in lines[:12]
                     if (m := DATELINE_RE.match(line))), None)
    credit = next((line for line in reversed(lines[-3:]) if CREDIT_RE.match(line)), None)
    names = sorted({n for o in outlets.values() for n in (*o.site_names, o.name)})
    return Suggestions(suggest_title(seed, rules, names), find_dates(seed.text), outlet, reason,
                       dateline, credit)
