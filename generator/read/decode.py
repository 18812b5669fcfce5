"""Turning a capture's bytes into text, saying exactly what was guessed or repaired.

Captures come from anywhere: UTF-8 (with or without a byte order mark),
UTF-16, Windows-1252 or Latin-1, sometimes UTF-8 that was once misread as
Windows-1252 ("â€™" for "’"), sometimes not text at all. The bytes themselves
are never changed (the raw capture and its sha256 stay as received); only the
text the cleaner reads is decoded, and every guess is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# UTF-8 bytes of common punctuation and letters read as Windows-1252.
MOJIBAKE_RE = re.compile("â€[™œ\u009d“”˜¦¢¡–—]|Ã[©¨¢ª«´¶¼½¾¡-¿]|Â[ \u00a0©®°±·»«]")
BINARY_CONTROL_RE = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")

# A capture's lines are what LF, CR and CRLF end: the lines the raw capture shows in a
# browser, and that editors, ``grep -n`` and ``sed -n`` count, so that the line numbers on
# the article page (``data-line``) and in ``overrides`` point at the same line everywhere.
LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Characters that some programs (Python's ``str.splitlines``, some editors) also count as
# line breaks. Inside a line they are read as spaces, and the curator is told where.
OTHER_BREAKS = {"\x0b": "VERTICAL TAB", "\x0c": "FORM FEED", "\x1c": "FILE SEPARATOR",
                "\x1d": "GROUP SEPARATOR", "\x1e": "RECORD SEPARATOR", "\x85": "NEXT LINE",
                "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}
_OTHER_BREAKS_RE = re.compile("[" + "".join(OTHER_BREAKS) + "]")


def capture_lines(text: str) -> list[str]:
    """The lines of a capture, numbered from 1 by their index + 1 (see ``LINE_BREAK``)."""
    return LINE_BREAK.split(text)


def line_count(text: str) -> int:
    """How many lines the capture has (a break at the very end starts no new line)."""
    lines = capture_lines(text)
    return len(lines) - (1 if lines[-1] == "" else 0)


def other_breaks_note(text: str) -> str:
    """A note naming the lines that hold line-break characters other than LF and CR."""
    if _OTHER_BREAKS_RE.search(text) is None:
        return ""
    numbers, found = [], set()
    for number, line in enumerate(capture_lines(text), 1):
        chars = set(_OTHER_BREAKS_RE.findall(line))
        if chars:
            numbers.append(number)
            found |= chars
    names = ", ".join(f"U+{ord(c):04X} {OTHER_BREAKS[c]}" for c in sorted(found))
    shown = ", ".join(map(str, numbers[:10])) + (f" and {len(numbers) - 10} more"
                                                 if len(numbers) > 10 else "")
    return (f"{len(numbers)} line(s) hold characters some programs count as line breaks "
            f"({names}): lines end only at LF, CR or CRLF, as the raw capture shows them, and "
            f"these are read as spaces (line(s) {shown}); to split such a line into paragraphs, "
            "use an override with split_after")


@dataclass(frozen=True)
class Decoded:
    text: str | None  # None: not text (binary), nothing to clean
    encoding: str
    notes: tuple[str, ...] = ()  # what was guessed or repaired, for the curator


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, in what is not UTF-16."""
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    return len(BINARY_CONTROL_RE.findall(sample)) > max(8, len(sample) // 100)


def _utf16(data: bytes) -> Decoded | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"), "utf-16", ("decoded as UTF-16 (byte order mark)",))
        except UnicodeDecodeError:
            return None
    return None


def repair_mojibake(text: str) -> tuple[str, str]:
    """Undo UTF-8 read as Windows-1252, line by line; returns (text, note)."""
    if not MOJIBAKE_RE.search(text):
        return text, ""
    fixed, repaired, lossy, left = [], 0, 0, 0
    for line in text.split("\n"):
        if MOJIBAKE_RE.search(line):
            try:
                data = _as_cp1252_bytes(line)
            except UnicodeEncodeError:
                left += 1
            else:
                try:
                    line, repaired = data.decode("utf-8"), repaired + 1
                except UnicodeDecodeError:  # a byte was lost on the way: mark the gap
                    line, lossy = data.decode("utf-8", errors="replace"), lossy + 1
        fixed.append(line)
    note = f"repaired mojibake (UTF-8 once read as Windows-1252) on {repaired + lossy} line(s)"
    if lossy:
        note += f"; on {lossy} of them characters were lost and are shown as U+FFFD"
    if left:
        note += f"; {left} line(s) still look garbled and were left as they are"
    return "\n".join(fixed), note


def _as_cp1252_bytes(line: str) -> bytes:
    """The bytes a Windows-1252 reader saw; its five undefined bytes came through as C1 controls."""
    out = bytearray()
    for char in line:
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) > 0xFF:
                raise
            out.append(ord(char))
    return bytes(out)


def decode_capture(data: bytes) -> Decoded:
    """Decode a capture, guessing as little as possible and saying what was guessed."""
    if (utf16 := _utf16(data)) is not None:
        return utf16
    if looks_binary(data):
        return Decoded(None, "binary", ("not a text capture: it holds NUL or control bytes",))
    notes: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8-sig"
    else:
        encoding = "utf-8"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        encoding = _legacy_encoding(data)
        text = data.decode(encoding)
        notes.append(f"not valid UTF-8 (byte {exc.start}); decoded as {_NAMES[encoding]}")
    text, note = repair_mojibake(text)
    if note:
        notes.append(note)
    if note := other_breaks_note(text):
        notes.append(note)
    if "\ufffd" in text:
        notes.append(f"holds {text.count(chr(0xFFFD))} replacement character(s) (U+FFFD) "
                     "where the capture lost characters")
    return Decoded(text, encoding, tuple(notes))


_NAMES = {"cp1252": "Windows-1252", "latin-1": "Latin-1 (ISO 8859-1)"}


def _legacy_encoding(data: bytes) -> str:
    """Windows-1252 where every byte is defined in it, else Latin-1 (which takes any byte)."""
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"
