"""Memos that make a rebuild in `mkdocs serve` redo only what changed.

Every stage stays a pure function of its inputs; a memo only remembers results
keyed by everything they depend on (a seed's sha256, its metadata, the rules,
the names of all entities), so a hit can never be stale. A function that can use
one takes it as an argument (``None``: compute every time); all of a build's memos
are one :class:`generator.pipeline.Memos`, which the MkDocs plugin keeps for the
rebuilds of one `mkdocs serve`. A one-off build (``mkdocs build``, ``archive
build``, the tests) keeps none.
"""

from __future__ import annotations

import hashlib
from typing import Callable, Generic, Hashable, TypeVar

T = TypeVar("T")


class Memo(Generic[T]):
    """Results by key, at most ``limit`` of them (then it starts afresh rather than grow)."""

    def __init__(self, limit: int = 200_000):
        self.limit = limit
        self.data: dict[Hashable, T] = {}
        self.hits = self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        if key in self.data:
            self.hits += 1
            return self.data[key]
        self.misses += 1
        value = compute()
        if len(self.data) >= self.limit:  # a long session: start afresh rather than grow
            self.data.clear()
        self.data[key] = value
        return value


def remembered(memo: Memo[T] | None, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, served from ``memo`` when one is given and knows ``key``."""
    return compute() if memo is None else memo.get(key, compute)


def fingerprint(*parts: object) -> bytes:
    """A digest of ``parts`` by their ``repr``: for memo keys made of many records.

    Records are frozen dataclasses, tuples, strings and numbers, whose ``repr``
    shows every field, so equal fingerprints mean equal inputs.
    """
    return hashlib.sha1(repr(parts).encode("utf-8", "surrogatepass")).digest()
