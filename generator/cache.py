"""In-process memos that make a rebuild in `mkdocs serve` redo only what changed.

Every stage stays a pure function of its inputs; a memo only remembers results
keyed by everything they depend on (a seed's sha256, its metadata, the rules,
the names of all entities), so a hit can never be stale. The plugin module
stays imported across the rebuilds of one `mkdocs serve`, and so do these.
"""

from __future__ import annotations

import hashlib
from typing import Any, Callable, Generic, Hashable, TypeVar

T = TypeVar("T")
_ALL: list["Memo[Any]"] = []  # memos of every value type, to empty them all


_ENABLED = [True]


def remember(enabled: bool) -> None:
    """Whether memos keep results. A one-off build computes each thing once; keeping the
    results would only hold memory. `mkdocs serve` keeps them between rebuilds."""
    _ENABLED[0] = enabled
    if not enabled:
        forget_all()


def forget_all() -> None:
    """Empty every memo: a one-off build has no use for them once the pages are made,
    and at thousands of articles they hold hundreds of megabytes."""
    for memo in _ALL:
        memo.data.clear()


class Memo(Generic[T]):
    def __init__(self, limit: int = 200_000):
        self.limit = limit
        self.data: dict[Hashable, T] = {}
        self.hits = self.misses = 0
        _ALL.append(self)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        if key in self.data:
            self.hits += 1
            return self.data[key]
        self.misses += 1
        value = compute()
        if not _ENABLED[0]:
            return value
        if len(self.data) >= self.limit:  # a long session: start afresh rather than grow
            self.data.clear()
        self.data[key] = value
        return value


def fingerprint(*parts: object) -> bytes:
    """A digest of ``parts`` by their ``repr``: for memo keys made of many records.

    Records are frozen dataclasses, tuples, strings and numbers, whose ``repr``
    shows every field, so equal fingerprints mean equal inputs.
    """
    return hashlib.sha1(repr(parts).encode("utf-8", "surrogatepass")).digest()
