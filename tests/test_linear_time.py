"""The text and evidence stages and the Changes diff take time in proportion to a capture's
size, however it is made: a capture four times as large takes about four times as long,
never sixteen (as a step that reads, for each line or name, all the others would).

The cases are those of ``benchmarks/linear.py`` (which prints them at 1×, 2×, 4× and 8×):
each stage runs at 1× and 4× its case's size, and the least CPU time of three runs of
each must grow less than 8 times, the middle of linear (4) and quadratic (16). A case
takes about 0.2 s at 1× on two cores. The diff's work is counted, not timed. Each case
also checks what the page shows of it: nothing is lost."""

from __future__ import annotations

import difflib

import pytest
from conftest import benchmark_module
from hypothesis import given
from hypothesis import strategies as st

from generator.evidence.figures import Spans, sentence_of
from generator.evidence.quotes import Innermost, QuotedSpan, innermost
from generator.model import Quoted, Section
from generator.pipeline import Project, generate
from generator.render.changes import DIFF_WORK, TooDifferent, compare, full_diff, unified

BOUND = 8  # linear work grows about 4 times from 1x to 4x, quadratic 16 times


@pytest.fixture(scope="module")
def bench():
    yield from benchmark_module("linear")


def case(bench, name: str):
    return next(c for c in bench.CASES if c.name == name)


def growth(bench, name: str):
    """How many times longer the case's stage takes at 4x than at 1x; what it gave at 1x."""
    found = case(bench, name)
    small, result = bench.cpu_seconds(found, 1)
    large, _ = bench.cpu_seconds(found, 4)
    return large / small, result


# ------------------------------------------------------------------ the text stage

def test_a_long_comment_thread_is_cleaned_in_linear_time_and_every_comment_kept(bench):
    found = case(bench, "comment thread")
    times, archive = growth(bench, found.name)
    assert times < BOUND
    [article] = archive.articles
    opening, *comments = article.text.comments  # the thread's 'Comments' line, then each
    assert opening.text == "Comments" and len(comments) == found.base
    assert {c.text for c in comments} == {"Great article!"}
    assert len({c.anchor for c in comments}) == found.base  # each its own link
    assert comments[1].anchor == comments[0].anchor + "-2"


def test_many_lines_are_cleaned_in_linear_time_each_kept_as_a_paragraph(bench):
    found = case(bench, "many lines")
    times, archive = growth(bench, found.name)
    assert times < BOUND
    [article] = archive.articles
    headline, *body = [b for b in article.text.blocks if b.section is not Section.CAPTION]
    assert headline.text == "Line 0 of the article, about Raqqa." and body == article.text.body
    assert len(body) == found.base - 1


def test_one_very_long_line_is_cleaned_in_linear_time(bench):
    found = case(bench, "long line (text)")
    times, archive = growth(bench, found.name)
    assert times < BOUND
    [article] = archive.articles
    [paragraph] = article.text.body
    assert len(paragraph.text) == found.base - 1  # the last space is trimmed


# ------------------------------------------------------------------ the evidence stage

def test_one_very_long_line_of_prose_is_read_for_evidence_in_linear_time(bench):
    times, evidence = growth(bench, "long line (evidence)")
    assert times < BOUND
    sources = {c.attribution.source_text for c in evidence.index.citations}
    assert {"SOHR", "Abu Younes", "local activists", "Omar Alloush"} <= sources
    assert any(f.figure.text == "3,250" for f in evidence.index.figures)


@pytest.mark.parametrize("name", ["many names", "one long sentence", "abbreviations"])
def test_each_way_of_making_a_paragraph_hard_is_read_in_linear_time(bench, name):
    times, _ = growth(bench, name)
    assert times < BOUND


def test_many_quotation_marks_are_read_in_linear_time_each_with_its_source(bench):
    times, evidence = growth(bench, "many quotation marks")
    assert times < BOUND
    index = evidence.index
    [article] = index.archive.articles
    [paragraph] = article.text.body
    direct = [q for q in index.quoted_in(article.seed.name, paragraph.anchor)
              if q.quoted is Quoted.DIRECT]
    assert len(direct) >= case(bench, "many quotation marks").base
    assert {q.source for q in direct} == {"unnamed: witness"}
    for mention in index.by_block[(article.seed.name, paragraph.anchor)][:50]:
        quote = index.quote_of(article.seed.name, paragraph.anchor, mention.start, mention.end)
        assert quote is innermost(index.quoted_in(article.seed.name, paragraph.anchor),
                                  mention.start, mention.end)


# ------------------------------------------------------------------ the Changes diff

class Counted(str):
    """A paragraph that counts how often difflib compares or hashes it."""

    work = 0

    def __eq__(self, other):
        Counted.work += 1
        return str.__eq__(self, other)

    def __hash__(self):
        Counted.work += 1
        return str.__hash__(self)


def diff_work(lines_before: list[str], lines_now: list[str]) -> int:
    Counted.work = 0
    full_diff([Counted(x) for x in lines_before], [Counted(x) for x in lines_now])
    return Counted.work


@pytest.mark.parametrize("changed", ["every other", "one in the middle", "none"])
def test_the_changes_diff_takes_work_in_proportion_to_the_texts(changed):
    def texts(n: int) -> tuple[list[str], list[str]]:
        now = [f"Paragraph {i}." for i in range(n)]
        before = {"every other": [p + " Before." if i % 2 else p for i, p in enumerate(now)],
                  "one in the middle": [*now[:n // 2], "Another.", *now[n // 2 + 1:]],
                  "none": list(now)}[changed]
        return before, now

    small, large = diff_work(*texts(8_000)), diff_work(*texts(32_000))
    assert large < BOUND * max(small, 1)


def test_texts_too_different_to_diff_say_so_with_their_counts():
    now = [f"Paragraph {i}." for i in range(32_000)]
    before = ["Title"] + [p + " Before." if i % 2 else p for i, p in enumerate(now[1:-1])] + \
        [now[-1]]
    found = compare({"a.txt": _record(before, "a")}, {"a.txt": _record(now, "b")})
    [changed] = found.changed
    assert changed.diff == [] and not changed.same_text
    assert changed.too_different == TooDifferent(32_000, 32_000, 0, 1)


def test_the_changes_page_says_the_texts_differ_too_much(project_copy, tmp_path):
    """A capture of 1,100 lines (its headline, 1,099 paragraphs) whose every other
    paragraph was different in the previous build."""
    seed = project_copy / "seeds" / "005_long.txt"
    lines = [f"Paragraph {i} of the long capture." for i in range(1_100)]
    seed.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    body = lines[1:]
    assert len(body) ** 2 > DIFF_WORK
    before = [p.replace("long", "longer") if i % 2 else p for i, p in enumerate(body)]
    previous = tmp_path / "manifest.json"
    previous.write_text(_manifest(_record(before, "a", "005_long.txt")), encoding="utf-8")
    page = generate(Project(project_copy, previous=str(previous))).rendered.pages["changes.md"]
    text = " ".join(page.replace("**", "").split())
    assert "5 added, 1 changed, 0 removed" in text  # the real seeds are not in that manifest
    assert "The article texts differ too much to be listed line by line: the previous build " \
           "has 1099 paragraph(s) and this one 1099; the first 1 and the last 1 are the same " \
           "in both, and the 1097 and 1097 between them are too many to compare one by " \
           "one." in text
    assert "changes-diff" not in page


def _record(text: list[str], sha: str, seed: str = "a.txt") -> dict:
    return {"seed": seed, "sha256": sha * 64, "title": "T", "outlet": "O", "date": "unknown",
            "page": "articles/t.html", "text": text}


def _manifest(*records: dict) -> str:
    import json
    return json.dumps({"format": "archive-manifest", "version": 1, "articles": list(records)})


# ------------------------------------------------------------------ the same answers

paragraphs = st.lists(st.sampled_from(["a", "b", "c", "d", ""]), max_size=14)


@given(paragraphs, paragraphs)
def test_the_diff_is_difflibs_own_where_the_texts_are_small(before, now):
    assert full_diff(before, now) == list(difflib.unified_diff(
        before, now, "previous build", "this build", lineterm="", n=1))
    opcodes = difflib.SequenceMatcher(None, before, now).get_opcodes()
    assert unified(before, now, opcodes) == full_diff(before, now)


@given(paragraphs, paragraphs, st.integers(0, 30))
def test_a_bounded_diff_turns_the_old_text_into_the_new_or_says_it_cannot(before, now, work):
    found = full_diff(before, now, work)
    if isinstance(found, TooDifferent):
        start, end = found.same_start, found.same_end
        assert before[:start] == now[:start] and before[len(before) - end:] == now[len(now) - end:]
        assert (len(before) - start - end) * (len(now) - start - end) > work
        return
    assert _patched(before, found) == now


def _patched(before: list[str], diff: list[str]) -> list[str]:
    """``before`` with a unified diff applied."""
    result, at = [], 0
    for line in diff[2:]:
        if line.startswith("@@"):
            first = int(line.split()[1][1:].split(",")[0])
            length = line.split()[1].split(",")[1:] or ["1"]
            first = first if length != ["0"] else first + 1
            result += before[at:first - 1]
            at = first - 1
        elif line[0] == "+":
            result.append(line[1:])
        else:
            assert before[at] == line[1:]
            at += 1
            if line[0] == " ":
                result.append(line[1:])
    return result + before[at:]


spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30), st.sampled_from(Quoted)),
                 max_size=25)


@given(spans, st.lists(st.tuples(st.integers(0, 80), st.integers(0, 10)), max_size=20))
def test_innermost_is_read_from_an_index_as_from_every_span(drawn, questions):
    quoted = [QuotedSpan(a, a + length, kind, "") for a, length, kind in drawn]
    index = Innermost(quoted)
    for start, length in questions:
        assert index(start, start + length) is innermost(quoted, start, start + length)


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)), max_size=20),
       st.integers(0, 80), st.integers(0, 10))
def test_overlapping_spans_are_found_by_position(drawn, start, length):
    taken = [(a, a + n) for a, n in drawn]
    assert Spans(taken).overlaps(start, start + length) == any(
        a < start + length and start < b for a, b in taken)


@given(st.lists(st.integers(1, 9), min_size=1, max_size=12), st.integers(0, 80))
def test_the_sentence_of_a_position_is_found_by_position(lengths, position):
    sentences, at = [], 0
    for length in lengths:
        sentences.append((at, at + length))
        at += length + 1
    assert sentence_of(sentences, position) == next(
        (s for s in sentences if s[0] <= position < s[1]), sentences[-1])


def test_the_cleaned_text_of_each_case_is_whole(bench):
    """Every line of each case's capture is on its page once: in the article, a comment or
    a removed line."""
    for found in bench.CASES:
        if found.stage != "text":
            continue
        capture = found.make(found.base // 10)
        [article] = bench.run_text(bench.curated_with(capture)).articles
        lines = [line for line in capture.splitlines() if line.strip()]
        shown = [b for b in article.text.blocks if b.section is not Section.REMOVED or b.reason]
        assert len({b.line for b in shown}) == len(lines), found.name
