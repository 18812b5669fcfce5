"""What the generator could not resolve, for the curation report.

Candidates are capitalised names in the articles' text that match no entity;
with the aliases that match nowhere and the entities no article mentions, they
show a curator where the metadata falls short (and give a check of recall).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import partial
from typing import Iterable

from generator.cache import Memo, remembered
from generator.evidence.indexes import ArchiveIndex
from generator.model import Article, Mention
from generator.text.link import linkable_blocks

# A run of capitalised words, allowing short lowercase joiners inside ("Raqqa Is
# Being Slaughtered Silently", "Save the Children", "Hayat Tahrir al-Sham").
# The capital comes first and the look-behind after it, so that the search skips
# ahead to capitals (twice as fast as a pattern opening with the look-behind).
NAME_RE = re.compile(
    r"(?:[A-Z](?<![\w’'][A-Z])[\w’'.-]*[\w])(?:\s+(?:(?:of|the|and|for|al|de|el|bin|ibn)\s+)?"
    r"(?:[A-Z][\w’'.-]*[\w]|al-[\w-]+))*"
)
# Words capitalised for reasons other than being a name.
FUNCTION_WORDS = {"a", "about", "according", "after", "again", "against", "all", "almost", "already", "also",
                  "although", "among", "an", "and", "another", "any", "are", "as", "at", "based", "be",
                  "because", "been", "before", "being", "both", "but", "by", "can", "could", "despite", "did",
                  "do", "does", "during", "each", "even", "every", "few", "first", "for", "from", "had",
                  "has", "have", "he", "her", "here", "his", "how", "however", "i", "if", "in", "into", "is",
                  "it", "its", "last", "later", "like", "many", "may", "meanwhile", "more", "most", "much",
                  "my", "never", "no", "none", "nor", "not", "now", "of", "on", "once", "one", "only", "or",
                  "other", "our", "out", "over", "per", "perhaps", "since", "so", "some", "still", "such",
                  "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
                  "though", "through", "thus", "to", "today", "tomorrow", "under", "until", "up", "was", "we",
                  "were", "what", "when", "where", "whether", "which", "while", "who", "why", "will", "with",
                  "within", "without", "yet", "you", "your", "monday", "tuesday", "wednesday", "thursday",
                  "friday", "saturday", "sunday", "january", "february", "march", "april", "june",
                  "july", "august", "september", "october", "november", "december", "mr", "mrs", "ms", "dr",
                  "col", "colonel", "major", "general"}

# A candidate name: the name, its paragraph's anchor, whether it is one word opening a sentence.
NameHit = tuple[str, str, bool]


@dataclass
class Candidate:
    name: str
    count: int
    where: list[tuple[str, str]]  # (seed, anchor)


def candidate_names(index: ArchiveIndex, named: Memo[Named] | None = None) -> list[Candidate]:
    """Capitalised names outside every mention, most frequent first (``named`` remembers
    each article's words and names by its text and mentions).

    Mentions are blanked out first, so "US-backed Syrian Democratic Forces" leaves
    only "-backed". A single capitalised word that starts a sentence and is also
    used in lower case elsewhere ("Militants", "Currently") is an ordinary word.
    """
    # Each article's words go into one vocabulary as they come: a build that keeps no
    # memos then never holds every article's word set at once (the peak of the whole
    # generator, 400 MB at 10,000 articles, when it did).
    vocabulary: set[str] = set()
    found: list[tuple[str, list[NameHit]]] = []
    for a in index.archive.articles:
        words, names = remembered(named, (a.text.digest, tuple(index.by_seed.get(a.seed.name, ()))),
                                  partial(_article_names, a, index))
        vocabulary |= words
        found.append((a.seed.name, names))
    counts: Counter[str] = Counter()
    where: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for seed, names in found:
        for name, anchor, sentence_start in names:
            if sentence_start and (name.lower() in vocabulary or name.endswith("ly")):
                continue
            counts[name] += 1
            if len(where[name]) < 5:
                where[name].append((seed, anchor))
    return [Candidate(n, c, where[n]) for n, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


# An article's lower-case words and its candidate names
Named = tuple[frozenset[str], list[NameHit]]


def _article_names(article: Article, index: ArchiveIndex) -> tuple[frozenset[str], list[NameHit]]:
    """The article's lower-case words, and (name, anchor, single word opening a sentence)
    for each capitalised run outside its mentions, function words left out."""
    words: set[str] = set()
    names: list[NameHit] = []
    for block in linkable_blocks(article):
        words.update(re.findall(r"[a-z][\w’'-]*", block.text))
        text = _blank_mentions(block.text, index.by_block.get((article.seed.name, block.anchor), ()))
        for match in NAME_RE.finditer(text):
            name = _trim(match.group(0))
            if not name or (" " not in name and name.casefold() in FUNCTION_WORDS):
                continue
            names.append((name, block.anchor, " " not in name and _opens_sentence(text, match.start())))
    return frozenset(words), names


def _blank_mentions(text: str, mentions: Iterable[Mention]) -> str:
    chars = list(text)
    for m in mentions:
        if m.via == "name":
            chars[m.start:m.end] = " " * (m.end - m.start)
    return "".join(chars)


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" “\"‘'(")
    return not before or before[-1] in ".!?:;"


def _trim(name: str) -> str:
    words = name.replace("’s", "").replace("'s", "").rstrip(".’'").split()
    while words and words[0].casefold() in FUNCTION_WORDS:
        words = words[1:]
    while words and words[-1].casefold() in FUNCTION_WORDS:
        words = words[:-1]
    if not words or (len(words) == 1 and len(words[0]) < 2):
        return ""
    return " ".join(words)


def unused_aliases(index: ArchiveIndex) -> list[tuple[str, str]]:
    """(entity key, alias) for names that match nowhere in the archive."""
    used = {(m.entity, m.surface.casefold()) for m in index.archive.mentions if m.via == "name"}
    result = []
    for entity in index.archive.entities.values():
        for name in entity.names:
            if (entity.key, name.casefold()) not in used:
                result.append((entity.key, name))
    return sorted(result)


def unmentioned(index: ArchiveIndex) -> list[str]:
    return sorted(k for k in index.archive.entities if not index.by_entity.get(k))


def shared_name_hits(index: ArchiveIndex) -> list[tuple[str, Mention]]:
    """Mentions whose words name more than one entity (one of them through a context rule,
    "Raqqa" the city or the province): (the entities the words can name, the mention), for
    a curator to review. A wrong link is worse than a missing one."""
    owners: dict[str, set[str]] = defaultdict(set)
    for entity in index.archive.entities.values():
        for name in entity.names:
            owners[name.casefold()].add(entity.key)
    shared = {text: keys for text, keys in owners.items() if len(keys) > 1}
    by_context = {(e.key, a.text.casefold()) for e in index.archive.entities.values()
                  for a in e.aliases if a.in_context}
    hits = [(", ".join(sorted(shared[m.surface.casefold()])), m) for m in index.archive.mentions
            if m.via == "name" and m.surface.casefold() in shared]
    # those a context rule decided first: they are the ones to check
    return sorted(hits, key=lambda hit: (hit[1].entity, hit[1].surface.casefold())
                  not in by_context)
