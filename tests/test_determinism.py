"""Same input, same bytes: the generated Markdown and the built site.

Each build here runs in a process of its own with another ``PYTHONHASHSEED``: the order
of a set or of a dict built from one changes with it, which a repeat in one process
cannot show. ``tests/test_live_collection.py`` checks the live collection the same way.
"""

from __future__ import annotations

import filecmp

from collection_checks import check_deterministic, tree
from conftest import FIXTURE_HASH_SEED, copy_project, fixture_project, mkdocs_build

# What MkDocs itself stamps with the build date.
STAMPED = {"sitemap.xml", "sitemap.xml.gz"}


def test_two_markdown_builds_in_two_processes_are_byte_identical(tmp_path):
    project = copy_project(tmp_path / "project")
    written = check_deterministic(project, tmp_path / "out")
    assert len(written) > 100


def test_a_set_order_that_follows_the_hash_seed_is_caught(tmp_path):
    """The check itself: two folders that differ in one file name that file."""
    for name, text in (("a", "x\n"), ("b", "y\n")):
        (tmp_path / name / "data").mkdir(parents=True)
        (tmp_path / name / "data" / "same.json").write_text("[]\n", encoding="utf-8")
        (tmp_path / name / "data" / "order.json").write_text(text, encoding="utf-8")
    from collection_checks import first_difference

    assert first_difference(tmp_path / "a", tmp_path / "b") == (
        "data/order.json differs between the two builds")
    (tmp_path / "b" / "data" / "extra.csv").write_text("", encoding="utf-8")
    assert first_difference(tmp_path / "a", tmp_path / "b") == (
        "data/extra.csv is written by one build and not the other")


def test_two_site_builds_differ_only_in_what_mkdocs_stamps(built_site, tmp_path):
    again = tmp_path / "site"
    other_seed = str(int(FIXTURE_HASH_SEED) + 1)
    project = copy_project(tmp_path / "project")
    assert mkdocs_build(project, again, "--strict", hash_seed=other_seed).returncode == 0
    files = tree(built_site)
    assert files == tree(again)
    # the search index's files among them (search/manifest.js, terms/, pages/)
    assert "search/manifest.js" in files and any(n.startswith("search/terms/") for n in files)
    differing = [n for n in files if not filecmp.cmp(built_site / n, again / n, shallow=False)]
    assert set(differing) <= STAMPED, differing


def test_pages_written_to_a_folder_are_the_pages_held_in_memory(tmp_path):
    from generator.pipeline import generate

    held = generate(fixture_project()).rendered.pages
    written = generate(fixture_project(), pages_dir=tmp_path).rendered.pages
    assert list(written) == list(held) and len(held) > 100
    for path in held:
        assert written.file(path).read_bytes() == held.encoded(path) == held[path].encode()
        assert written[path] == held[path]
    data = generate(fixture_project()).rendered.data
    assert tree(tmp_path) == sorted([*held, *(f".data/{p}" for p in data)])
    written_data = generate(fixture_project(), pages_dir=tmp_path / "again").rendered.data
    assert {p: written_data[p] for p in written_data} == {p: data[p] for p in data}
