"""The manifest a build publishes, reading the previous one back, and the Changes page."""

from __future__ import annotations

import hashlib
import json
import os

import markdown as md
import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURE, fixture_project, mkdocs_build
from mkdocs.utils.meta import get_data
from pages import soup, text_of

import generator.render.changes as changes
from generator.cli import main as cli_main
from generator.pipeline import Project, generate
from generator.problems import Severity
from generator.render.changes import (
    MANIFEST_PATH,
    ManifestRecord,
    compare,
    parse_manifest,
    read_previous,
    text_diff,
)


def html_page(source: str):
    """A generated page's body as the site's Markdown extensions make it (mkdocs.yml)."""
    text, _ = get_data(source)
    html = md.markdown(text, extensions=["attr_list", "md_in_html", "toc", "tables"])
    return BeautifulSoup(html, "html5lib")

SEED_004 = "004_943bb74b3960d4d7.txt"
EESA = "Eesa told VOA that those who are caught by IS while attempting to flee are either " \
       "jailed or publicly executed."


def record(seed: str, sha: str = "a" * 64, title: str = "T", text=("one", "two")) -> dict:
    return {"seed": seed, "sha256": sha, "title": title, "outlet": "O", "date": "unknown",
            "page": f"articles/{seed}.html", "text": list(text)}


def manifest(*records: dict) -> str:
    return json.dumps({"format": "archive-manifest", "version": 1, "articles": list(records)})


# ------------------------------------------------------------------ the manifest

@pytest.fixture(scope="module")
def real_manifest() -> dict[str, ManifestRecord]:
    data = generate(fixture_project()).rendered.data
    return parse_manifest(data.encoded(MANIFEST_PATH))


def test_the_manifest_holds_every_capture_with_its_digest_and_article_text(real_manifest):
    seeds = sorted(p.name for p in (FIXTURE / "seeds").glob("*.txt"))
    assert sorted(real_manifest) == seeds
    for name in seeds:
        assert real_manifest[name]["sha256"] == hashlib.sha256(
            (FIXTURE / "seeds" / name).read_bytes()).hexdigest()
    voa = real_manifest[SEED_004]
    assert voa["title"] == "Civilians Flee IS De Facto Capital Ahead of Looming Battle"
    assert voa["outlet"] == "Voice of America" and voa["date"] == "March 2017 (inferred)"
    assert EESA in voa["text"]  # a paragraph of the capture, as a line of its own
    raw = (FIXTURE / "seeds" / SEED_004).read_text(encoding="utf-8")
    assert "Accessibility links" in raw and "Accessibility links" not in voa["text"]


# ------------------------------------------------------------------ the comparison

def test_compare_sorts_captures_into_added_changed_removed_and_unchanged():
    before = {r["seed"]: r for r in (record("a.txt"), record("b.txt"),
                                     record("c.txt", text=("one", "two", "three")))}
    now = {r["seed"]: r for r in (record("b.txt"), record("d.txt", "d" * 64),
                                  record("c.txt", "c" * 64, text=("one", "2", "three")))}
    found = compare(before, now)
    assert [r["seed"] for r in found.added] == ["d.txt"]
    assert [r["seed"] for r in found.removed] == ["a.txt"]
    assert [r["seed"] for r in found.unchanged] == ["b.txt"]
    assert [c.now["seed"] for c in found.changed] == ["c.txt"]
    diff = found.changed[0].diff
    assert diff[:2] == ["--- previous build", "+++ this build"]
    assert "-two" in diff and "+2" in diff and " one" in diff and found.changed[0].more == 0


def test_a_changed_digest_with_the_same_article_text_has_no_diff():
    found = compare({"a.txt": record("a.txt")}, {"a.txt": record("a.txt", "b" * 64)})
    assert found.changed and found.changed[0].same_text


def test_a_long_diff_is_cut_and_says_how_much_is_left_out():
    before, now = [f"line {i}" for i in range(400)], [f"LINE {i}" for i in range(400)]
    shown, more = text_diff(before, now, limit=50)
    whole, _ = text_diff(before, now, limit=10_000)
    assert len(shown) == 50 and more == len(whole) - 50 > 700


# ------------------------------------------------------------------ reading it back

def test_a_previous_site_folder_or_its_manifest_file_is_read(tmp_path):
    (tmp_path / "site" / "data").mkdir(parents=True)
    (tmp_path / "site" / "data" / "manifest.json").write_text(manifest(record("a.txt")))
    for given in (tmp_path / "site", tmp_path / "site" / "data" / "manifest.json"):
        previous, problems = read_previous(given)
        assert problems == [] and list(previous.records) == ["a.txt"]


@pytest.mark.parametrize("content, key, says", [
    ("{not json", "", "it is not JSON"),
    ('{"format": "archive-manifest", "version": 2, "articles": []}', "version", "version"),
    ('[1, 2]', "format", "not an archive manifest"),
    (manifest({**record("a.txt"), "sha256": "<script>"}), "articles[0].sha256", "SHA-256"),
    (manifest({**record("a.txt"), "text": "one line"}), "articles[0].text", "list of strings"),
    (manifest({**record("a.txt"), "title": 3}), "articles[0].title", "not a string"),
    (manifest(record("a.txt"), record("a.txt")), "articles[1].seed", "again"),
    (b"\xff\xfe{}", "", "not UTF-8"),
])
def test_a_malformed_previous_manifest_is_a_warning_naming_file_and_key(tmp_path, content, key,
                                                                        says):
    path = tmp_path / "manifest.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    previous, problems = read_previous(path, "prev/manifest.json")
    assert previous.records is None and says in previous.reason
    [problem] = problems
    assert problem.severity is Severity.WARNING and problem.file == "prev/manifest.json"
    assert problem.key == key and says in problem.message


def test_a_missing_previous_manifest_names_the_file_it_looked_for(tmp_path):
    (tmp_path / "old-site").mkdir()
    (tmp_path / "old-site" / "data").mkdir()
    _, [problem] = read_previous(tmp_path / "old-site", "old-site")
    assert problem.file == "old-site/data/manifest.json" and "no such file" in problem.message
    _, [problem] = read_previous(tmp_path / "nowhere.json", "nowhere.json")
    assert problem.file == "nowhere.json" and "no such file" in problem.message


def test_links_out_of_the_previous_folder_are_never_followed(tmp_path):
    outside = tmp_path / "outside"
    (outside / "data").mkdir(parents=True)
    (outside / "data" / "manifest.json").write_text(manifest(record("secret.txt")))
    linked_folder = tmp_path / "a"
    linked_folder.mkdir()
    (linked_folder / "data").symlink_to(outside / "data")
    linked_file = tmp_path / "b"
    (linked_file / "data").mkdir(parents=True)
    (linked_file / "data" / "manifest.json").symlink_to(outside / "data" / "manifest.json")
    for given in (linked_folder, linked_file, linked_file / "data" / "manifest.json"):
        previous, [problem] = read_previous(given)
        assert previous.records is None and "symbolic link" in problem.message


def test_a_previous_manifest_that_is_too_big_or_not_a_file_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "manifest.json"
    path.write_text(manifest(record("a.txt", title="x" * 500)))
    monkeypatch.setattr(changes, "MAX_MANIFEST_BYTES", 200)
    _, [problem] = read_previous(path)
    assert "more than the 200" in problem.message
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    _, [problem] = read_previous(fifo)
    assert "not a regular file" in problem.message


# ------------------------------------------------------------------ the page

def _edit_seed(project) -> None:
    path = project / "seeds" / SEED_004
    text = path.read_text(encoding="utf-8")
    assert EESA in text
    path.write_text(text.replace("publicly executed.", "executed in public."), encoding="utf-8")


def test_the_changes_page_of_a_rebuild_shows_added_changed_and_removed(project_copy, tmp_path,
                                                                       monkeypatch):
    seeds = project_copy / "seeds"
    (seeds / "005_extra.txt").write_text("Extra capture: later withdrawn\n\nIts only paragraph.\n",
                                         encoding="utf-8")
    first = tmp_path / "first"
    assert cli_main(["--root", str(project_copy), "build", "--out", str(first)]) == 0
    (seeds / "005_extra.txt").unlink()
    _edit_seed(project_copy)
    (seeds / "006_added.txt").write_text("A newly added capture\n\nIts text.\n", encoding="utf-8")
    monkeypatch.setenv("ARCHIVE_PREVIOUS", str(first))  # as CI passes it (mkdocs.yml's !ENV)
    site = tmp_path / "site"
    result = mkdocs_build(project_copy, site)
    assert result.returncode == 0, result.stderr
    doc = soup(site / "changes.html")
    body = doc.select_one("article")
    shown = text_of(body)
    assert "Compared with the previous build (6 capture(s)): 1 added, 1 changed, 1 removed, " \
           "4 unchanged." in shown
    sections = {h.get("id"): h for h in body.find_all("h2")}
    added = sections["added-1"].find_next("table")
    assert "A newly added capture" in text_of(added) and "006_added.txt" in text_of(added)
    link = added.find("a")
    assert (site / link["href"]).is_file()
    removed = sections["removed-1"].find_next("table")
    assert "Extra capture: later withdrawn" in text_of(removed) and removed.find("a") is None
    [diff] = body.select("pre.changes-diff")
    lines = diff.get_text().splitlines()
    assert lines[:2] == ["--- previous build", "+++ this build"]
    assert "-" + EESA in lines
    assert "+" + EESA.replace("publicly executed.", "executed in public.") in lines
    assert not any(line.startswith(("-", "+")) and "Accessibility" in line for line in lines)
    assert sum(1 for line in lines if line.startswith(("-", "+"))) == 4  # two headers, one change
    changed = sections["changed-1"].find_next("h3")
    assert "Civilians Flee IS De Facto Capital" in text_of(changed)


def test_hostile_text_in_the_previous_manifest_stays_text(tmp_path, project_copy):
    hostile = '<script>alert(1)</script> & ]]> *x* [a](javascript:y) | \x01'
    seed = "<img src=x onerror=alert(1)>.txt"
    path = tmp_path / "manifest.json"
    path.write_text(manifest(record(seed, title=hostile)))
    pages = generate(Project(project_copy, previous=str(path))).rendered.pages
    body = html_page(pages["changes.md"])
    assert not body.find_all(["script", "img"]) and not body.select('a[href^="javascript"]')
    shown = text_of(body)
    assert "5 added, 0 changed, 1 removed, 0 unchanged" in shown
    [row] = body.find(id="removed-1").find_next("table").find("tbody").find_all("tr")
    assert [text_of(td) for td in row.find_all("td")] == [
        "unknown", "O", hostile.replace("\x01", "\ufffd"), seed]


def test_the_command_line_compares_with_the_previous_build_it_is_given(project_copy, tmp_path,
                                                                       capsys):
    first, second = tmp_path / "first", tmp_path / "second"
    assert cli_main(["--root", str(project_copy), "build", "--out", str(first)]) == 0
    _edit_seed(project_copy)
    assert cli_main(["--root", str(project_copy), "build", "--out", str(second),
                     "--previous", str(first / MANIFEST_PATH)]) == 0
    shown = text_of(html_page((second / "changes.md").read_text(encoding="utf-8")))
    assert "0 added, 1 changed, 0 removed, 4 unchanged" in shown
    (first / MANIFEST_PATH).write_text("[", encoding="utf-8")
    capsys.readouterr()
    assert cli_main(["--root", str(project_copy), "build", "--out", str(second),
                     "--previous", str(first)]) == 0
    assert f"warning: {first}/data/manifest.json:1: the previous build's manifest cannot be " \
           "used: it is not JSON" in capsys.readouterr().err
    shown = text_of(html_page((second / "changes.md").read_text(encoding="utf-8")))
    assert "The previous build's manifest could not be read: it is not JSON" in shown


def test_no_previous_build_says_so_and_lists_every_capture(built_site):
    shown = text_of(soup(built_site / "changes.html").select_one("article"))
    assert "No previous build was given: every capture is listed as present." in shown
    assert "Present (5)" in shown
    for title in ("Civilians Flee IS De Facto Capital Ahead of Looming Battle",
                  "ISIS Facing Imminent Collapse in Syria's Raqqa"):
        assert title in shown
    [entry] = soup(built_site / "index.html").select('nav.md-nav--primary a[href="changes.html"]')
    assert text_of(entry) == "Changes"
    about = entry.find_parent("li", class_="md-nav__item--nested")
    assert text_of(about).startswith("About")
    assert json.loads((built_site / MANIFEST_PATH).read_text(encoding="utf-8"))["version"] == 1


def test_a_strict_build_fails_on_a_missing_previous_manifest(project_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("ARCHIVE_PREVIOUS", str(tmp_path / "gone"))
    result = mkdocs_build(project_copy, tmp_path / "site", "--strict")
    assert result.returncode != 0
    assert f"{tmp_path / 'gone'}: the previous build's manifest cannot be used: there is no " \
           "such file" in result.stderr
