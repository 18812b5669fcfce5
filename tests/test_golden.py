"""Golden files: the generated Markdown of the real project, page by page.

Regenerate after an intended change with ``pytest tests/test_golden.py --update-goldens``
and review the diff like any other change.
"""

from __future__ import annotations

import pytest

from conftest import ROOT
from generator.pipeline import Project, generate

GOLDEN = ROOT / "tests" / "golden"
# Every article and outlet page, every index, and one page of each kind of entity.
SAMPLES = {"actors/isis.md", "places/raqqa.md", "events/raqqa-evacuation-deal-2017.md"}


def golden(path: str) -> bool:
    return path.startswith(("articles/", "outlets/")) or "/" not in path or path in SAMPLES \
        or path.endswith("/index.md")


@pytest.fixture(scope="module")
def all_pages() -> dict[str, str]:
    return generate(Project(ROOT)).rendered.pages


@pytest.fixture(scope="module")
def pages(all_pages) -> dict[str, str]:
    return {path: text for path, text in all_pages.items() if golden(path)}


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
    again = generate(Project(ROOT)).rendered
    assert again.pages == all_pages
    assert list(again.pages) == sorted(again.pages)
