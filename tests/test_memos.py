"""The memos that let `mkdocs serve` redo only what changed: a rebuild with them gives the
bytes a fresh build gives, after an edit as well as without one.

Builds keep no memos unless given a :class:`Memos` (the MkDocs plugin gives one only in
`mkdocs serve`): the other in-process tests compute everything afresh; these keep one.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from generator.pipeline import Memos, Project, generate
from generator.plugin import ArchivePlugin


@pytest.fixture
def memos() -> Memos:
    return Memos()


def pages_of(root, memos: Memos | None) -> dict[str, str]:
    result = generate(Project(root), memos=memos)
    return {**result.rendered.pages, **{f"(data) {k}": v for k, v in result.rendered.data.items()}}


def test_a_rebuild_served_from_memos_equals_a_fresh_build_after_an_edit(project_copy, memos,
                                                                         tmp_path):
    first = pages_of(project_copy, memos)
    hits = sum(m.hits for m in memos.all())
    again = pages_of(project_copy, memos)
    assert again == first
    # the rebuild was served from the memos: every article page among them
    assert sum(m.hits for m in memos.all()) > hits
    assert memos.render.pages.hits == sum(1 for k in first if k.startswith("articles/")
                                          and k != "articles/index.md")
    # one capture's text, then a curated alias, edited as a curator saving files in
    # `mkdocs serve` would: each rebuild must equal a build computed afresh
    seed = project_copy / "seeds" / "004_943bb74b3960d4d7.txt"
    seed.write_bytes(seed.read_bytes().replace(b"Hussam Eesa", b"Hussam Issa", 1))
    after_seed = pages_of(project_copy, memos)
    assert md_pages(after_seed) == fresh_pages_of(project_copy, tmp_path / "fresh-1")
    changed = sorted(k for k in first if first[k] != after_seed.get(k))
    assert any(k.startswith("articles/civilians-flee") for k in changed), changed
    actors = project_copy / "content" / "actors.yml"
    actors.write_text(actors.read_text(encoding="utf-8").replace("Daesh", "Da'esh", 1),
                      encoding="utf-8")
    after_alias = pages_of(project_copy, memos)
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


@pytest.mark.parametrize("command, keeps", [("serve", True), ("build", False)])
def test_only_mkdocs_serve_keeps_memos_between_builds(command, keeps):
    plugin = ArchivePlugin()
    plugin.on_startup(command=command, dirty=False)
    assert isinstance(plugin.memos, Memos) is keeps


def test_a_rebuild_after_editing_the_collection_equals_a_fresh_build(project_copy, memos,
                                                                     tmp_path):
    # An entity's pages are kept by a key that holds the collection: fewer mentions per
    # page or fewer paragraphs per outlet in content/collection.yml renders them again.
    first = pages_of(project_copy, memos)
    path = project_copy / "content" / "collection.yml"
    path.write_text(path.read_text(encoding="utf-8")
                    .replace("mentions_per_page: 150", "mentions_per_page: 30")
                    .replace("told_per_outlet: 6", "told_per_outlet: 1"), encoding="utf-8")
    after = pages_of(project_copy, memos)
    assert md_pages(after) == fresh_pages_of(project_copy, tmp_path / "fresh")
    assert "actors/isis/mentions-3.md" in after and "actors/isis/mentions-3.md" not in first


def test_two_captures_of_the_same_bytes_each_cite_as_themselves(project_copy, memos):
    """A copy of a curated capture under another name (published uncurated, its outlet
    unknown): with memos the sources its text cites are its own, as in a build without."""
    seeds = project_copy / "seeds"
    (seeds / "005_copy.txt").write_bytes((seeds / "004_943bb74b3960d4d7.txt").read_bytes())
    served = pages_of(project_copy, memos)
    assert served == pages_of(project_copy, None)
    unknown, voa = served["outlets/unknown-outlet.md"], served["outlets/voa.md"]
    assert "[Hussam Eesa](../comparison.md#src-actor-hussam-eesa-unknown-outlet): 3" in unknown
    assert "[Hussam Eesa](../comparison.md#src-actor-hussam-eesa-voa): 3" in voa
