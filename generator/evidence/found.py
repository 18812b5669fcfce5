"""The evidence stage: who each outlet cites, the figures it states, the outlets compared.

Reads the linked archive the text stage made and returns what it found beside it, in
one frozen :class:`Evidence` that the render stage draws every page from.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.cache import Memo
from generator.evidence.citations import Read, claim_problems, read_all
from generator.evidence.comparison import Comparison, Framed, comparison_of
from generator.evidence.indexes import ArchiveIndex
from generator.model import Archive
from generator.problems import Problem


@dataclass(frozen=True)
class Evidence:
    """The archive with everything found in it: its look-ups (``index``, which holds the
    citations and figures) and the outlets side by side (``comparison``)."""

    index: ArchiveIndex
    comparison: Comparison

    @property
    def archive(self) -> Archive:
        return self.index.archive


def find_evidence(archive: Archive, read: Memo[Read] | None = None,
                  framed: Memo[Framed] | None = None) -> tuple[Evidence, list[Problem]]:
    """Read every paragraph for attributions and figures, apply the curators' fixes, check
    the claims against what was found, and compare the outlets (``read`` and ``framed``:
    see :func:`read_all` and :func:`framing_tables`)."""
    citations, figures, problems = read_all(ArchiveIndex(archive), read)
    index = ArchiveIndex(archive, tuple(citations), tuple(figures))
    problems += claim_problems(index)
    return Evidence(index, comparison_of(index, framed)), problems
