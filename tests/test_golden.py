"""Golden files: the generated Markdown of the real project, page by page.

The comparison page is kept as one small golden per table (``tests/golden/comparison/``,
each section with its heading, and the evidence of each kind of cell), so a change to one
table changes one file. Regenerate after an intended change with
``pytest tests/test_golden.py --update-goldens`` and review the diff like any other change.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import pairwise

import pytest
from conftest import ROOT, fixture_project

from generator.pipeline import generate

GOLDEN = ROOT / "tests" / "golden"
# Every article and outlet page, every index, and one page of each kind of entity.
SAMPLES = {"actors/isis.md", "places/raqqa.md", "events/raqqa-evacuation-deal-2017.md"}


COMPARISON = "comparison.md"


def golden(path: str) -> bool:
    return path.startswith(("articles/", "outlets/")) or "/" not in path or path in SAMPLES \
        or path.endswith("/index.md")


def comparison_parts(markdown: str) -> dict[str, str]:
    """The comparison page cut, in order, at each ``###``/``####`` heading and, in the
    evidence, where the kind of cell changes (``cov-``, ``name-``, ``frame-``, ``src-``):
    the parts joined give the page back."""
    cuts, kinds = [0], ["intro"]
    for m in re.finditer(r"^#{2,4} (.+)$", markdown, re.M):
        cuts.append(m.start())
        title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", m.group(1))  # a link's words
        kinds.append(re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:48])
    last = None
    for m in re.finditer(r'^<div class="evidence" id="([a-z]+)-', markdown, re.M):
        if m.group(1) != last:
            cuts.append(m.start())
            kinds.append(f"evidence-{m.group(1)}")
            last = m.group(1)
    order = sorted(range(len(cuts)), key=lambda i: cuts[i])
    cuts, kinds = [cuts[i] for i in order], [kinds[i] for i in order]
    cuts.append(len(markdown))
    parts: dict[str, str] = {}
    for kind, (a, b) in zip(kinds, pairwise(cuts), strict=True):
        name, n = f"comparison/{kind}.md", 2
        while name in parts:  # two headings alike
            name, n = f"comparison/{kind}-{n}.md", n + 1
        parts[name] = markdown[a:b]
    return parts


@pytest.fixture(scope="module")
def all_pages() -> Mapping[str, str]:
    return generate(fixture_project()).rendered.pages


@pytest.fixture(scope="module")
def pages(all_pages) -> dict[str, str]:
    kept = {path: text for path, text in all_pages.items() if golden(path) and path != COMPARISON}
    return {**kept, **comparison_parts(all_pages[COMPARISON])}


def test_the_comparison_parts_give_the_whole_page_back(all_pages):
    parts = comparison_parts(all_pages[COMPARISON])
    assert "".join(parts.values()) == all_pages[COMPARISON]
    assert len(parts) > 20 and max(len(t.splitlines()) for t in parts.values()) < 1000


def test_golden_files_match_the_generated_markdown(pages, update_goldens):
    if update_goldens:
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for path, markdown in pages.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8", newline="\n")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
                for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(expected), "pages added or gone: run with --update-goldens"
    for path, markdown in pages.items():
        assert markdown == expected[path], f"{path} differs from tests/golden/{path}"


def test_generation_is_deterministic(all_pages):
    again = generate(fixture_project()).rendered
    assert again.pages == all_pages
    assert list(again.pages) == sorted(again.pages)
