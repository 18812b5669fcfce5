"""The memos that let `mkdocs serve` redo only what changed: a rebuild with them gives the
bytes a fresh build gives, after an edit as well as without one.

The other in-process tests run with memos off (tests/conftest.py); these turn them on.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from generator import cache
from generator.cache import remember
from generator.pipeline import Project, generate


@pytest.fixture
def memos_on():
    remember(True)
    try:
        yield
    finally:
        remember(False)


def pages_of(root) -> dict[str, str]:
    result = generate(Project(root))
    return {**result.rendered.pages, **{f"(data) {k}": v for k, v in result.rendered.data.items()}}


def test_a_rebuild_served_from_memos_equals_a_fresh_build_after_an_edit(project_copy, memos_on,
                                                                         tmp_path):
    first = pages_of(project_copy)
    hits = sum(m.hits for m in cache._ALL)
    again = pages_of(project_copy)
    assert again == first
    assert sum(m.hits for m in cache._ALL) > hits  # the rebuild was served from the memos
    # one capture's text, then a curated alias, edited as a curator saving files in
    # `mkdocs serve` would: each rebuild must equal a build computed afresh
    seed = project_copy / "seeds" / "004_943bb74b3960d4d7.txt"
    seed.write_bytes(seed.read_bytes().replace(b"Hussam Eesa", b"Hussam Issa", 1))
    after_seed = pages_of(project_copy)
    assert md_pages(after_seed) == fresh_pages_of(project_copy, tmp_path / "fresh-1")
    changed = sorted(k for k in first if first[k] != after_seed.get(k))
    assert any(k.startswith("articles/civilians-flee") for k in changed), changed
    actors = project_copy / "content" / "actors.yml"
    actors.write_text(actors.read_text(encoding="utf-8").replace("Daesh", "Da'esh", 1),
                      encoding="utf-8")
    after_alias = pages_of(project_copy)
    assert md_pages(after_alias) == fresh_pages_of(project_copy, tmp_path / "fresh-2")
    assert after_alias["actors/isis.md"] != after_seed["actors/isis.md"]


def fresh_pages_of(root, out) -> dict[str, str]:
    """The pages a separate process builds, which holds no memo."""
    subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build", "--out",
                    str(out)], check=True, capture_output=True)
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
            for p in out.rglob("*.md")}


def md_pages(pages: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in pages.items() if k.endswith(".md") and not k.startswith("(data)")}


def test_a_rebuild_after_editing_the_collection_equals_a_fresh_build(project_copy, memos_on,
                                                                     tmp_path):
    # An entity's pages are kept by a key that holds the collection: fewer mentions per
    # page or fewer paragraphs per outlet in content/collection.yml renders them again.
    first = pages_of(project_copy)
    path = project_copy / "content" / "collection.yml"
    path.write_text(path.read_text(encoding="utf-8")
                    .replace("mentions_per_page: 150", "mentions_per_page: 30")
                    .replace("told_per_outlet: 6", "told_per_outlet: 1"), encoding="utf-8")
    after = pages_of(project_copy)
    assert md_pages(after) == fresh_pages_of(project_copy, tmp_path / "fresh")
    assert "actors/isis/mentions-3.md" in after and "actors/isis/mentions-3.md" not in first
