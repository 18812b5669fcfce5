"""What can be put into seeds/ (and content/) besides captures: refused, or reported.

A pull request can add any entry to the folders CI builds from. A link must never
publish a file of the machine that builds (nor be opened at all: a link to a FIFO would
hang the build), and nothing dropped into seeds/ may vanish without a word.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import copy_project, mkdocs_build
from pages import find_article_page, soup, text_of

SECRET = "host-secret-7f3a9c: this line must never be published"
CAPTURE = b"A capture of the test\n\nA paragraph about Raqqa that is long enough to be text.\n"


def archive(project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(project), *args],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def outside(tmp_path_factory):
    """Files of 'the host', outside the project: a secret, and a FIFO nobody writes to."""
    folder = tmp_path_factory.mktemp("host")
    (folder / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    return folder


# entry name -> what it is; each must be refused by name
REFUSED = {
    "secret-link.txt": "a symbolic link (to '{outside}/secret.txt')",
    "pipe-link.txt": "a symbolic link (to '{outside}/pipe.txt')",
    "inner-link.txt": "a symbolic link (to '004_943bb74b3960d4d7.txt')",
    "dangling.txt": "a symbolic link (to '{outside}/gone.txt')",
    "folder.txt": "a folder",
    "drafts": "a folder",
    "fifo.txt": "a FIFO (named pipe): refused and never read",
}


@pytest.fixture(scope="module")
def refusing(tmp_path_factory, outside):
    project = copy_project(tmp_path_factory.mktemp("refused") / "project")
    seeds = project / "seeds"
    (seeds / "secret-link.txt").symlink_to(outside / "secret.txt")
    (seeds / "pipe-link.txt").symlink_to(outside / "pipe.txt")
    (seeds / "inner-link.txt").symlink_to("004_943bb74b3960d4d7.txt")
    (seeds / "dangling.txt").symlink_to(outside / "gone.txt")
    (seeds / "folder.txt").mkdir()
    (seeds / "drafts").mkdir()
    (seeds / "drafts" / "draft.txt").write_bytes(CAPTURE)
    os.mkfifo(seeds / "fifo.txt")
    (project / "content" / "articles" / "leak.yml").symlink_to(outside / "secret.txt")
    return project


@pytest.mark.parametrize("command", [["check"], ["check", "--strict"], ["build", "--out", "md"]])
def test_the_cli_refuses_every_link_folder_and_fifo_by_name(refusing, outside, command):
    result = archive(refusing, *command[:2], *(str(refusing.parent / a) for a in command[2:]))
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    for name, what in REFUSED.items():
        line = next((ln for ln in output.splitlines() if f"seeds/{name}:" in ln), "")
        assert line.startswith("  error:") or line.startswith("error:"), (name, output)
        assert what.format(outside=outside) in line, (name, line)
    assert "content/articles/leak.yml: refused and never read: it is a symbolic link" in output
    assert SECRET not in output


@pytest.mark.parametrize("strict", [False, True])
def test_mkdocs_refuses_them_strict_or_not_and_publishes_nothing(refusing, outside, tmp_path,
                                                                strict):
    site = tmp_path / "site"
    result = mkdocs_build(refusing, site, *(["--strict"] if strict else []))
    assert result.returncode != 0
    for name in REFUSED:
        assert f"error: seeds/{name}:" in result.stderr, name
    assert SECRET not in result.stderr + result.stdout
    published = [p for p in site.rglob("*") if p.is_file()] if site.exists() else []
    assert not any(SECRET in p.read_text(encoding="utf-8", errors="replace") for p in published)


@pytest.mark.parametrize("name, shown", [
    (b"caf\xe9 latin-1.txt", "caf\\xe9 latin-1.txt"),  # not UTF-8
    (b"forged\nINFO - all is well.txt", "forged\\nINFO - all is well.txt"),  # a log line
    ("spoof\u202etxt.exe.txt".encode(), "spoof\\u202etxt.exe.txt"),  # shows as "spoofexe.txt"
])
def test_a_capture_whose_name_cannot_be_shown_is_refused_by_an_escaped_name(tmp_path, name,
                                                                            shown):
    project = copy_project(tmp_path / "project")
    with open(os.path.join(os.fsencode(project / "seeds"), name), "wb") as handle:
        handle.write(CAPTURE)
    result = archive(project, "check")
    assert result.returncode == 1
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith(f"error: seeds/{shown}:"))
    assert "rename it" in line
    assert not any(ln.startswith("INFO") for ln in result.stdout.splitlines())  # none forged


def test_a_seeds_folder_that_is_a_link_is_refused(tmp_path, outside):
    project = copy_project(tmp_path / "project")
    real = tmp_path / "elsewhere"
    (project / "seeds").rename(real)
    (project / "seeds").symlink_to(real)
    result = archive(project, "check")
    assert result.returncode == 1
    assert f"seeds/: a symbolic link (to '{real}'): refused" in result.stdout


def test_a_linked_hand_written_page_is_refused(tmp_path, outside):
    project = copy_project(tmp_path / "project")
    (project / "content" / "pages" / "leak.txt").symlink_to(outside / "secret.txt")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "content/pages/leak.txt: is, or lies under, a symbolic link" in result.stderr
    assert not (tmp_path / "site" / "leak.txt").exists()


# entry name -> (bytes, what the warning says, what to do)
REPORTED = {
    ".hidden.txt": (CAPTURE, "a hidden file: not published", "rename it without the leading dot"),
    "backup.txt~": (CAPTURE, "an editor's backup or temporary file", "remove it from seeds/"),
    "#autosave.txt#": (CAPTURE, "an editor's backup or temporary file", "remove it from seeds/"),
    "swap.txt.swp": (b"\x00\x01", "an editor's backup or temporary file", "remove it"),
    "saved.html": (b"<html><body><p>Raqqa</p></body></html>",
                   "a web page saved as HTML (.html): not published", "save the article's text"),
    "saved.md": (b"# Raqqa\n\nText.", "Markdown (.md): not published", "as a .txt file"),
    "notes": (b"curator's notes", "unsupported file type, no ending", "move this file out"),
    "scan.pdf": (b"%PDF-1.4", "a PDF (.pdf)", "save the article's text"),
}


@pytest.fixture(scope="module")
def reporting(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("reported") / "project")
    for name, (data, _, _) in REPORTED.items():
        (project / "seeds" / name).write_bytes(data)
    site = project / "site"
    return project, site, mkdocs_build(project, site)


def test_every_other_entry_is_reported_with_what_to_do(reporting):
    _, _, result = reporting
    assert result.returncode == 0, result.stderr
    for name, (_, what, todo) in REPORTED.items():
        line = next((ln for ln in result.stderr.splitlines() if f"seeds/{name}:" in ln), "")
        assert line.startswith("WARNING") and what in line and todo in line, (name, line)


def test_the_curation_report_lists_them_and_the_captures_are_still_published(reporting):
    _, site, _ = reporting
    report = text_of(soup(site / "curation.html").select_one("article"))
    for name, (_, what, _) in REPORTED.items():
        assert f"seeds/{name}" in report and what in report, name
    assert find_article_page(site, "004_943bb74b3960d4d7.txt")[0] is not None
    assert not any(p.name in REPORTED for p in (site / "raw").iterdir())


def test_a_strict_build_fails_on_them(reporting, tmp_path):
    project, _, _ = reporting
    result = mkdocs_build(project, tmp_path / "strict", "--strict")
    assert result.returncode != 0
    assert "seeds/saved.html" in result.stderr and "seeds/.hidden.txt" in result.stderr


def test_an_unreadable_capture_is_an_error_naming_it(tmp_path, monkeypatch):
    """As root every file is readable, so the refusal of the operating system is staged."""
    import generator.read.load as load

    project = copy_project(tmp_path / "project")
    (project / "seeds" / "locked.txt").write_bytes(CAPTURE)
    real = load.read_regular

    def read(path, limit=None):
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, limit)

    monkeypatch.setattr(load, "read_regular", read)
    raw = load.read_project(project / "seeds", project / "content")
    [problem] = [p for p in raw.problems if p.file == "seeds/locked.txt"]
    assert problem.severity.value == "error" and "cannot read the seed" in problem.message
    assert "permissions" in problem.hint
    assert "locked.txt" not in {s.name for s in raw.seeds}


def test_archive_build_replaces_only_a_folder_it_wrote(tmp_path):
    """`archive build --out` deletes its output folder first: never the project, its
    inputs, or a folder of someone else's."""
    project = copy_project(tmp_path / "project")
    (project / "build").mkdir()
    for out in (project, project / "seeds", project / "content" / "articles", tmp_path):
        result = archive(project, "build", "--out", str(out))
        assert result.returncode == 1 and "will not replace" in result.stderr, out
    assert (project / "seeds" / "004_943bb74b3960d4d7.txt").is_file()
    out = tmp_path / "markdown"
    assert archive(project, "build", "--out", str(out)).returncode == 0
    assert archive(project, "build", "--out", str(out)).returncode == 0  # its own: replaced
    assert (out / "articles" / "index.md").is_file()
