"""What the build prints is text: a value from a seed or the YAML that reaches the build log,
``archive check``, ``archive build`` or the curation report is shown with its line breaks,
control, bidi and other invisible characters escaped, so it can neither forge a line of the
log ("INFO - Documentation built") nor send the terminal an escape sequence."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

from conftest import mkdocs_build
from hypothesis import given
from hypothesis import strategies as st

from generator.problems import ArchiveError, Problem, Severity, shown

# The forged log line of the report: a line break, MkDocs' own wording, and "clear screen".
FORGED = "x\n INFO    -  Documentation built in 0.1 seconds\x1b[2J"
SHOWN_FORGED = "x\\n INFO    -  Documentation built in 0.1 seconds\\x1b[2J"
ARTICLE = "content/articles/001_66dd8c24867dc48b.yml"
DONE = re.compile(r"^\s*INFO\s+-\s+Documentation built", re.MULTILINE)


def yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar, every character outside ASCII escaped."""
    return '"' + "".join(c if " " <= c <= "~" and c not in '"\\' else f"\\u{ord(c):04x}"
                         for c in text) + '"'


def forge(project: Path, *, outlet: bool) -> None:
    """Put the forged line into a key of an article's own (a warning: an unknown key) and,
    with ``outlet``, into its title and outlet id (an error: no such outlet)."""
    path = project / ARTICLE
    text = path.read_text(encoding="utf-8")
    if outlet:
        text = re.sub(r"^title: .*$", lambda _: f"title: {yaml_string(FORGED)}", text, count=1,
                      flags=re.MULTILINE)
        text = re.sub(r"^outlet: .*$", lambda _: f"outlet: {yaml_string('sputnk' + FORGED)}",
                      text, count=1, flags=re.MULTILINE)
    path.write_text(text + f"{yaml_string('note' + FORGED + chr(0x202E) + 'txt.exe')}: 1\n",
                    encoding="utf-8")


def run_archive(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(project), *args],
                          capture_output=True, text=True, timeout=600,
                          env=dict(os.environ, PYTHONIOENCODING="utf-8"))


def assert_text_only(output: str) -> None:
    """No ESC, no other control but line breaks, no bidi or invisible format character."""
    assert "\x1b" not in output
    unprintable = {c for line in output.split("\n") for c in line
                   if not c.isprintable() and c != " "}
    assert not unprintable, sorted(map(ascii, unprintable))


# -- how one problem is shown -----------------------------------------------

def test_a_problem_is_one_line_of_visible_characters():
    problem = Problem("content/actors.yml", 4, "actors[0].aliases[1]", f"alias '{FORGED}'",
                      Severity.WARNING, "did you mean 'a\u202eb'?")
    assert str(problem) == (f"content/actors.yml:4 [actors[0].aliases[1]]: alias "
                            f"'{SHOWN_FORGED}' (did you mean 'a\\u202eb'?)")


def test_every_kind_of_invisible_character_is_escaped_and_spaces_and_letters_are_not():
    assert shown("tab\tcr\rnl\nnul\x00del\x7fcsi\x9bnel\x85") == \
        "tab\\tcr\\rnl\\nnul\\x00del\\x7fcsi\\x9bnel\\x85"
    assert shown("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") == \
        "\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069"
    assert shown("zw\u200bsp\u200dsoft\xadbom\ufeffls\u2028ps\u2029tag\U000e0041") == \
        "zw\\u200bsp\\u200dsoft\\xadbom\\ufeffls\\u2028ps\\u2029tag\\U000e0041"
    assert shown("bad byte \udc9b") == "bad byte \\x9b"
    assert shown("Raqqa\xa0– al-Raqqah «الرقة» 拉卡\u3000ok") == "Raqqa\xa0– al-Raqqah «الرقة» 拉卡\u3000ok"


@given(st.text())
def test_any_text_is_shown_as_one_line_of_printable_characters(text):
    line = shown(text)
    assert all(c.isprintable() or unicodedata.category(c) == "Zs" for c in line)
    assert shown(line) == line  # shown text is shown as it is
    problem = Problem(text, 1, text, text, Severity.ERROR, text)
    assert "\n" not in str(problem) and "\x1b" not in str(problem)
    assert len(ArchiveError([problem]).report().split("\n")) == 2


# -- what a curator sees ----------------------------------------------------

def test_archive_check_prints_each_problem_on_one_line(project_copy):
    forge(project_copy, outlet=True)
    result = run_archive(project_copy, "check")
    assert result.returncode == 1
    assert_text_only(result.stdout + result.stderr)
    assert not DONE.search(result.stdout + result.stderr)
    assert result.stdout.splitlines() == [
        f"error: {ARTICLE}:3 [outlet]: unknown outlet id 'sputnk{SHOWN_FORGED}'",
        f"warning: {ARTICLE}:{line_of_note(project_copy)} [note{SHOWN_FORGED}\\u202etxt.exe]: "
        "unknown key, ignored",
        "1 error(s), 1 warning(s): fix the errors above",
    ]


def test_archive_build_prints_each_problem_on_one_line(project_copy, tmp_path):
    forge(project_copy, outlet=True)
    result = run_archive(project_copy, "build", "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert_text_only(result.stdout + result.stderr)
    assert f"  error: {ARTICLE}:3 [outlet]: unknown outlet id 'sputnk{SHOWN_FORGED}'" \
        in result.stderr.splitlines()[1]


def line_of_note(project: Path) -> int:
    return len((project / ARTICLE).read_text(encoding="utf-8").splitlines())


def test_mkdocs_build_log_has_one_line_per_problem_and_no_forged_line(project_copy, tmp_path):
    forge(project_copy, outlet=False)
    result = mkdocs_build(project_copy, tmp_path / "site")
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert_text_only(log)
    assert len(DONE.findall(log)) == 1  # MkDocs' own line, and no other
    warning = f"{ARTICLE}:{line_of_note(project_copy)} [note{SHOWN_FORGED}\\u202etxt.exe]: " \
              "unknown key, ignored"
    assert [line for line in log.splitlines() if line.startswith("WARNING")] == \
        [f"WARNING -  {warning}"]
    # The curation report lists it as the log does, escapes visible.
    report = html.unescape((tmp_path / "site" / "curation.html").read_text(encoding="utf-8"))
    assert "\u202e" not in report and "\x1b" not in report
    assert f"note{SHOWN_FORGED}\\u202etxt.exe" in report


def test_a_failed_mkdocs_build_reports_each_problem_on_one_line(project_copy, tmp_path):
    forge(project_copy, outlet=True)
    result = mkdocs_build(project_copy, tmp_path / "site")
    log = result.stdout + result.stderr
    assert result.returncode == 1
    assert_text_only(log)
    assert not DONE.search(log)
    assert f"  error: {ARTICLE}:3 [outlet]: unknown outlet id 'sputnk{SHOWN_FORGED}'" \
        in log.splitlines()
