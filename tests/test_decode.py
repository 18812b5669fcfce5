"""Decoding captures: mojibake repaired where it is and nowhere else, every encoding read.

Each capture here is a reproduction of what went wrong: a correct "é" destroyed by the
repair of a mangled quote on the same line, a correct line of a CR-only capture
destroyed by the repair of another, UTF-16 without a byte order mark refused as binary,
UTF-32 read as UTF-16, a capture too large to build. The unit tests read what
``decode_capture`` and ``read_seed`` give the cleaner and the curator; the built site is
checked as a reader sees it, with the captures of ``tests/bad_inputs/r3-decode-*.txt``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE, ROOT, copy_project, mkdocs_build
from pages import article_page, assert_every_line_once, norm, text_of

from generator.problems import Severity
from generator.read.decode import Encoding, capture_lines, decode_capture
from generator.read.load import MAX_CAPTURE_BYTES, read_project, read_seed

BAD = ROOT / "tests" / "bad_inputs"
CAFE = "The café owner said â€œyesâ€™…"
CAFE_FIXED = "The café owner said “yes’…"
RIGHT = "résumé, naïve, Zürich, Ça va."
CURLY = "Daesh’s fighters left Raqqa on Tuesday, a witness said — “it is over”."
RAQQA = "Raqqa falls\n\nThe city..."


def decoded(data: bytes):
    result = decode_capture(data)
    assert result.text is not None, result.notes
    return result


# -- mojibake: repaired where it is, never elsewhere ----------------------------------------

def test_a_correct_letter_beside_mojibake_stays_as_it_was():
    result = decoded(CAFE.encode())
    assert result.text == CAFE_FIXED
    assert result.encoding is Encoding.UTF8
    [note] = result.notes
    assert note.startswith("repaired mojibake (UTF-8 once read as Windows-1252) on 1 line(s): 1")


@pytest.mark.parametrize("newline", ["\r", "\n", "\r\n"])
def test_a_correct_line_of_a_capture_with_mojibake_is_left_alone(newline):
    """Line 3 is mangled, line 5 is right: whatever ends the lines, only line 3 changes,
    the line breaks are the capture's own, and the note blames line 3 alone."""
    capture = newline.join(["Headline", "", CAFE, "", RIGHT, ""])
    result = decoded(capture.encode())
    assert result.text == newline.join(["Headline", "", CAFE_FIXED, "", RIGHT, ""])
    assert capture_lines(result.text)[4] == RIGHT
    [note] = result.notes
    assert "on 1 line(s): 3;" in note and "U+FFFD" not in note


WORDS = ["résumé", "naïve", "Zürich", "Ça", "İstanbul", "Москва", "الرقة", "Αθήνα", "€5",
         "“quoted”", "it’s", "café’s", "São Tomé", "mañana"]
MANGLED = {"â€œ": "“", "â€™": "’", "â€”": "—", "Ã©": "é", "Ã¼": "ü", "Ð Ð°ÐºÐºÐ°": "Ракка"}


@pytest.mark.parametrize("word", WORDS)
@pytest.mark.parametrize("mangled", MANGLED)
def test_only_the_mangled_span_of_a_line_changes(word, mangled):
    line = f"{word} said {mangled} to {word}"
    assert decoded(line.encode()).text == f"{word} said {MANGLED[mangled]} to {word}"


@pytest.mark.parametrize("seed", sorted((FIXTURE / "seeds").glob("*.txt")), ids=lambda p: p.name)
def test_the_collections_captures_are_read_as_written(seed):
    result = decoded(seed.read_bytes())
    assert result.text == seed.read_bytes().decode("utf-8") and result.notes == ()


@pytest.mark.parametrize("line", [
    "Tom &amp; Jerry said &lt;no&gt;",  # HTML entities: text as captured
    "“Curly” and ‘single’ quotes",
    "ＦＵＬＬＷＩＤＴＨ letters and the ﬁ ligature",  # noqa: RUF001 - full-width letters on purpose
    "cafe\u0301 with a combining accent (not NFC)",
    "a C1 control \u0093 is not read as Windows-1252",
    "Français: à côté, où, Ça",
])
def test_only_mojibake_is_repaired_nothing_else_ftfy_can_change(line):
    """ftfy's other fixes (entities, quotes, width, ligatures, normalisation, C1
    controls) are off: beside a repaired span, and on a line of its own, such text is
    shown as captured."""
    assert decoded(line.encode()).text == line
    assert decoded(f"{line} â€œ".encode()).text == f"{line} “"


def test_a_lost_byte_is_shown_as_lost_and_the_note_says_where():
    """Bytes Windows-1252 does not define were dropped: the closing quote's last byte is
    gone, and with it the quote; the rest of the line is repaired."""
    mangled = ("Headline\n\n" + CURLY).encode().decode("cp1252", errors="ignore").encode()
    result = decoded(mangled)
    assert capture_lines(result.text)[2] == CURLY.replace("”", "\ufffd")
    [note] = result.notes
    assert "on 1 line(s): 3;" in note
    assert "on line(s) 3 characters were lost and are shown as U+FFFD" in note


def test_replacement_characters_of_the_capture_itself_are_named_by_line():
    result = decoded("Headline\n\nA lost \ufffd letter.\n".encode())
    assert result.text == "Headline\n\nA lost \ufffd letter.\n"
    assert result.notes == ("holds 1 replacement character(s) (U+FFFD) where characters were "
                            "lost or could not be decoded (line(s) 3)",)


# -- every encoding read ------------------------------------------------------------------

@pytest.mark.parametrize("data, encoding, note", [
    (RAQQA.encode("utf-16-le"), Encoding.UTF16_LE,
     "decoded as UTF-16 little-endian: no byte order mark"),
    (RAQQA.encode("utf-16-be"), Encoding.UTF16_BE, "decoded as UTF-16 big-endian: no byte order mark"),
    (RAQQA.encode("utf-16"), Encoding.UTF16_LE, "decoded as UTF-16 little-endian (byte order mark)"),
    (b"\xfe\xff" + RAQQA.encode("utf-16-be"), Encoding.UTF16_BE,
     "decoded as UTF-16 big-endian (byte order mark)"),
    (RAQQA.encode("utf-32"), Encoding.UTF32_LE, "decoded as UTF-32 little-endian (byte order mark)"),
    (b"\x00\x00\xfe\xff" + RAQQA.encode("utf-32-be"), Encoding.UTF32_BE,
     "decoded as UTF-32 big-endian (byte order mark)"),
])
def test_utf16_and_utf32_are_read_and_the_note_says_how(data, encoding, note):
    result = decoded(data)
    assert result.text == RAQQA
    assert result.encoding is encoding
    assert result.notes[0].startswith(note)


def test_a_utf16_capture_without_mark_keeps_its_letters_and_line_breaks():
    text = "Raqqa: “a city” of cafés\r\n\r\nSecond line — Ракка.\r\n"
    for codec in ("utf-16-le", "utf-16-be"):
        assert decoded(text.encode(codec)).text == text


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    b"\x00\x01" * 200,  # every other byte 0, but what it decodes to is control characters
    b"\x01\x00" * 200,
    b"\x00\x00\x00\x00" * 100,
    b"\xff\xfe\x00\x00" + b"\x00\xd8\x00\x00" * 10,  # UTF-32 mark, surrogates: not UTF-32
])
def test_what_is_neither_is_not_a_text_capture(data):
    result = decode_capture(data)
    assert result.text is None and result.encoding is Encoding.NOT_TEXT
    assert result.notes[0].startswith("not a text capture")


# -- a limit, not a hang ------------------------------------------------------------------

def test_a_capture_over_the_limit_is_an_error_naming_it_its_size_and_the_limit(tmp_path):
    seed = tmp_path / "huge.txt"
    with seed.open("wb") as handle:  # sparse: no disk is spent, and it is never read
        handle.truncate(MAX_CAPTURE_BYTES + 1)
    problems: list = []
    assert read_seed(seed, problems) is None
    [problem] = problems
    assert problem.severity is Severity.ERROR and problem.file == "seeds/huge.txt"
    assert problem.message == ("too large to build: 16 MiB (16,777,217 bytes), more than the "
                               "largest capture the archive builds, 16 MiB (16,777,216 bytes); "
                               "refused and never read")
    assert "it stays in seeds/" in problem.hint


def test_a_capture_at_the_limit_is_read(tmp_path):
    seed = tmp_path / "large.txt"
    line = b"Raqqa " * 15 + b"\n"
    seed.write_bytes(line * (MAX_CAPTURE_BYTES // len(line)))
    problems: list = []
    result = read_seed(seed, problems)
    assert result is not None and problems == []
    assert result.size <= MAX_CAPTURE_BYTES


def test_archive_check_refuses_a_huge_capture_by_name_and_reads_the_rest(tmp_path):
    project = copy_project(tmp_path / "project")
    with (project / "seeds" / "huge.txt").open("wb") as handle:
        handle.truncate(3 * MAX_CAPTURE_BYTES)
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "check"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    line = next(ln for ln in result.stdout.splitlines() if "seeds/huge.txt" in ln)
    assert line.startswith("error: seeds/huge.txt: too large to build: 48 MiB (50,331,648 bytes)")
    assert "Traceback" not in result.stderr
    raw = read_project(project / "seeds", project / "content")
    assert len(raw.seeds) == len(os.listdir(FIXTURE / "seeds"))


# -- as a reader sees it ------------------------------------------------------------------

@pytest.fixture(scope="module")
def decode_build(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("decode") / "project")
    for path in sorted(BAD.glob("r3-decode-*.txt")):
        (project / "seeds" / path.name).write_bytes(path.read_bytes())
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site, result


def body_lines(doc) -> dict[int, str]:
    return {int(p["data-line"]): text_of(p) for p in doc.select(".article-body [data-line]")}


def test_the_page_shows_the_repaired_line_and_the_correct_one_as_captured(decode_build):
    site, result = decode_build
    _, doc = article_page(site, "r3-decode-cr-mojibake.txt")
    body = body_lines(doc)
    assert body[3] == norm("The café owner said “yes’… when asked if Raqqa would be rebuilt.")
    assert body[5] == RIGHT
    capture = text_of(doc.select_one("article"))
    assert "decoding: repaired mojibake (UTF-8 once read as Windows-1252) on 1 line(s): 3;" in capture
    [warning] = [ln for ln in result.stderr.splitlines()
                 if "seeds/r3-decode-cr-mojibake.txt" in ln and "repaired" in ln]
    assert "on 1 line(s): 3;" in warning


@pytest.mark.parametrize("seed, note", [
    ("r3-decode-utf16le.txt", "decoded as UTF-16 little-endian: no byte order mark"),
    ("r3-decode-utf16be.txt", "decoded as UTF-16 big-endian: no byte order mark"),
    ("r3-decode-utf32le.txt", "decoded as UTF-32 little-endian (byte order mark)"),
    ("r3-decode-utf32be.txt", "decoded as UTF-32 big-endian (byte order mark)"),
])
def test_utf16_and_utf32_captures_are_published_with_their_note(decode_build, seed, note):
    site, result = decode_build
    _, doc = article_page(site, seed)
    text = decoded((BAD / seed).read_bytes()).text
    assert_every_line_once(doc, text)
    assert body_lines(doc) == {3: "The city..."}
    assert f"decoding: {note}" in text_of(doc.select_one("article"))
    assert any(f"seeds/{seed}" in ln and note in ln for ln in result.stderr.splitlines())


def test_every_decode_capture_in_bad_inputs_is_a_published_capture(decode_build):
    """Nothing here is refused as binary: each capture has its page (the hostile build of
    tests/test_bad_inputs.py reads them too)."""
    site, _ = decode_build
    for path in sorted(BAD.glob("r3-decode-*.txt")):
        assert decode_capture(path.read_bytes()).text is not None, path.name
        assert article_page(site, path.name)[0] is not None
    assert Path(site / "raw" / "r3-decode-utf16le.txt").read_bytes() == (
        BAD / "r3-decode-utf16le.txt").read_bytes()
