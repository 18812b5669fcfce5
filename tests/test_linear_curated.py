"""The steps that read curated quotes and names take time in proportion to the curation and
the capture: many attribution fixes against one seed, many event reports against one
article, a capture of many lines whose outlet is guessed from a site name.

The cases are those of ``benchmarks/curated.py`` (which prints them at 1×, 2×, 4× and 8×):
each runs at 1× and 4× its size, and the least CPU time of three runs of each must grow
less than 8 times, the middle of linear (4) and quadratic (16). Each case also checks what
the result shows: every fix, report and name applied where it points."""

from __future__ import annotations

import random

import pytest
from conftest import benchmark_module
from hypothesis import given
from hypothesis import strategies as st

from generator.text.passages import Passages

BOUND = 8  # linear work grows about 4 times from 1x to 4x, quadratic 16 times


@pytest.fixture(scope="module")
def bench():
    yield from benchmark_module("curated")


def growth(bench, name: str):
    """How many times longer the case's step takes at 4x than at 1x; what it gave at 1x,
    and the size at 1x."""
    case = next(c for c in bench.CASES if c.name == name)
    small, result = bench.cpu_seconds(case, 1)
    large, _ = bench.cpu_seconds(case, 4)
    return large / small, result, case.base


def test_many_attribution_fixes_against_one_seed_apply_in_linear_time(bench):
    times, (found, problems), n = growth(bench, "attribution fixes")
    assert times < BOUND
    assert not [p for p in problems if p.file == "content/attributions.yml"]
    index = found.index
    by_sentence = {}
    for citation in index.citations:
        block = index.block(citation.seed, citation.anchor)
        by_sentence[block.text[slice(*citation.attribution.sentence)]] = citation
    for i in range(n):
        sentence = f"SOHR said 40 people fled district {i} today."
        citation = by_sentence.get(sentence)
        if i % 3 == 0:
            assert citation is None, sentence  # the fix drops it
        elif i % 3 == 1:
            assert (citation.fixed, citation.source) == (f"SOHR itself {i}", "actor:sohr")
        else:
            assert (citation.fixed, citation.attribution.source_text) == (
                f"the monitor {i}", f"a monitor in district {i}")
        if i % 4 == 0:  # a sentence the rules cite no one in: its fix adds a citation
            added = by_sentence[f"Residents of block {i} stayed put."]
            assert (added.fixed, added.attribution.source_text) == (
                f"the residents {i}", f"residents of block {i}")
    # each figure stands under its sentence's citation as fixed, or none where dropped
    figures = [f for f in index.figures if f.figure.text == "40"
               and f.figure.start == len("SOHR said ")]
    assert len(figures) == n
    for i, figure in enumerate(figures):
        if i % 3 == 0:
            assert figure.citation is None
        else:
            assert figure.citation is by_sentence[f"SOHR said 40 people fled district {i} today."]


def test_many_event_reports_against_one_article_resolve_in_linear_time(bench):
    times, archive, n = growth(bench, "event reports")
    assert times < BOUND
    [article] = archive.articles
    reports = {m.entity: m for m in archive.mentions if m.via == "report"}
    assert len(reports) == n
    for i in (0, 1, n // 2, n - 1):
        mention = reports[f"event:probe-{i}"]
        paragraph = article.text.by_anchor[mention.anchor].text
        assert paragraph == f"The SDF advanced on block {i} of the old city today."
        assert paragraph[mention.start:mention.end] == f"block {i} of the old city"


def test_the_outlet_of_a_capture_of_many_lines_is_guessed_in_linear_time(bench):
    times, (outlet, reason), _ = growth(bench, "outlet guess")
    assert times < BOUND
    assert (outlet, reason) == ("ya-libnan", "the capture carries the site name “Ya Libnan”")


# ------------------------------------------------------------------ the same answers

passages = st.lists(st.text("ab -", max_size=4), max_size=14)
texts = st.lists(st.text("ab -", max_size=12), max_size=5)


@given(passages, texts, st.sampled_from([0, 8]))
def test_passages_are_found_where_each_stands(quotes, within, few):
    """The automaton (``few=0``) and the look-up one by one answer as ``in`` does."""
    found = Passages(quotes, few)
    for text in within:
        assert found.within(text) == {q for q in quotes if q in text}
    assert found.where(within) == {q: [i for i, t in enumerate(within) if q in t]
                                   for q in dict.fromkeys(quotes)}


def test_many_passages_sharing_suffixes_are_each_found_once():
    quotes = ["a" * n for n in range(1, 40)] + ["b" + "a" * n for n in range(40)]
    text = "".join(random.Random(1).choice("ab") for _ in range(2_000))
    found = Passages(quotes)
    assert found.within(text) == {q for q in quotes if q in text}
