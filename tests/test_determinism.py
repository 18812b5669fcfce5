"""Same input, same bytes: the generated Markdown and the built site."""

from __future__ import annotations

import filecmp

from conftest import ROOT, mkdocs_build

from generator.cli import main as cli_main

# What MkDocs itself stamps with the build date.
STAMPED = {"sitemap.xml", "sitemap.xml.gz"}


def tree(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_two_markdown_builds_are_byte_identical(tmp_path):
    assert cli_main(["--root", str(ROOT), "build", "--out", str(tmp_path / "a")]) == 0
    assert cli_main(["--root", str(ROOT), "build", "--out", str(tmp_path / "b")]) == 0
    files = tree(tmp_path / "a")
    assert files == tree(tmp_path / "b") and len(files) > 100
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_two_site_builds_differ_only_in_what_mkdocs_stamps(built_site, tmp_path):
    again = tmp_path / "site"
    assert mkdocs_build(ROOT, again, "--strict").returncode == 0
    files = tree(built_site)
    assert files == tree(again)
    # the search index's files among them (search/manifest.js, terms/, pages/)
    assert "search/manifest.js" in files and any(n.startswith("search/terms/") for n in files)
    differing = [n for n in files if not filecmp.cmp(built_site / n, again / n, shallow=False)]
    assert set(differing) <= STAMPED, differing


def test_pages_written_to_a_folder_are_the_pages_held_in_memory(tmp_path):
    from generator.pipeline import Project, generate

    held = generate(Project(ROOT)).rendered.pages
    written = generate(Project(ROOT), pages_dir=tmp_path).rendered.pages
    assert list(written) == list(held) and len(held) > 100
    for path in held:
        assert written.file(path).read_bytes() == held.encoded(path) == held[path].encode()
        assert written[path] == held[path]
    data = generate(Project(ROOT)).rendered.data
    assert tree(tmp_path) == sorted([*held, *(f".data/{p}" for p in data)])
    written_data = generate(Project(ROOT), pages_dir=tmp_path / "again").rendered.data
    assert {p: written_data[p] for p in written_data} == {p: data[p] for p in data}
