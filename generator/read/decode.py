"""Turning a capture's bytes into text, saying exactly what was guessed or repaired.

Captures come from anywhere: UTF-8 (with or without a byte order mark), UTF-16 or
UTF-32 (with a byte order mark, or UTF-16 without one), Windows-1252 or Latin-1,
sometimes UTF-8 that was once misread as Windows-1252 ("â€™" for "’"), sometimes not
text at all. The bytes themselves are never changed (the raw capture and its sha256
stay as received); only the text the cleaner reads is decoded, and every guess is
reported.

Mojibake is undone by ftfy's encoding fixes alone (no quote, width, entity, line-break
or normalisation "fixes"), line by line as the capture's lines end (LF, CR, CRLF), and
inside a line only on the spans that were mangled: a correct "é" next to a mangled
"â€œ" stays as it was, and the note names the lines repaired.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

import ftfy
from ftfy.badness import is_bad
from ftfy.chardata import UTF8_DETECTOR_RE

# UTF-8 bytes of common punctuation and letters read as Windows-1252: what is still
# garbled after repair, for the note.
MOJIBAKE_RE = re.compile("â€[™œ\u009d“”˜¦¢¡–—]|Ã[©¨¢ª«´¶¼½¾¡-¿]|Â[ \u00a0©®°±·»«]")  # noqa: RUF001
BINARY_CONTROL_RE = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_CONTROL_TEXT_RE = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\ufffd]")
# How much of a capture is looked at to tell text from binary, and UTF-16 without a BOM.
SAMPLE_BYTES = 65536

# A capture's lines are what LF, CR and CRLF end: the lines the raw capture shows in a
# browser, and that editors, ``grep -n`` and ``sed -n`` count, so that the line numbers on
# the article page (``data-line``) and in ``overrides`` point at the same line everywhere.
LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LINE_AND_BREAK = re.compile(r"(\r\n|\r|\n)")
# Characters that some programs (Python's ``str.splitlines``, some editors) also count as
# line breaks. Inside a line they are read as spaces, and the curator is told where.
OTHER_BREAKS = {"\x0b": "VERTICAL TAB", "\x0c": "FORM FEED", "\x1c": "FILE SEPARATOR",
                "\x1d": "GROUP SEPARATOR", "\x1e": "RECORD SEPARATOR", "\x85": "NEXT LINE",
                "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}
_OTHER_BREAKS_RE = re.compile("[" + "".join(OTHER_BREAKS) + "]")


class Encoding(str, Enum):
    """How a capture's bytes were read: the value is Python's name of the codec."""

    UTF8 = "utf-8"
    UTF8_BOM = "utf-8-sig"
    UTF16_LE = "utf-16-le"
    UTF16_BE = "utf-16-be"
    UTF32_LE = "utf-32-le"
    UTF32_BE = "utf-32-be"
    CP1252 = "cp1252"
    LATIN1 = "latin-1"
    NOT_TEXT = "binary"

    @property
    def label(self) -> str:
        """The encoding's name as a curator reads it."""
        return _LABELS[self]


_LABELS = {Encoding.UTF8: "UTF-8", Encoding.UTF8_BOM: "UTF-8 (byte order mark)",
           Encoding.UTF16_LE: "UTF-16 little-endian", Encoding.UTF16_BE: "UTF-16 big-endian",
           Encoding.UTF32_LE: "UTF-32 little-endian", Encoding.UTF32_BE: "UTF-32 big-endian",
           Encoding.CP1252: "Windows-1252", Encoding.LATIN1: "Latin-1 (ISO 8859-1)",
           Encoding.NOT_TEXT: "not text"}
# Byte order marks, UTF-32's first: FF FE 00 00 begins with UTF-16's FF FE.
BYTE_ORDER_MARKS = ((b"\xff\xfe\x00\x00", Encoding.UTF32_LE), (b"\x00\x00\xfe\xff", Encoding.UTF32_BE),
                    (b"\xff\xfe", Encoding.UTF16_LE), (b"\xfe\xff", Encoding.UTF16_BE))


def capture_lines(text: str) -> list[str]:
    """The lines of a capture, numbered from 1 by their index + 1 (see ``LINE_BREAK``)."""
    return LINE_BREAK.split(text)


def line_count(text: str) -> int:
    """How many lines the capture has (a break at the very end starts no new line)."""
    lines = capture_lines(text)
    return len(lines) - (1 if lines[-1] == "" else 0)


def line_list(numbers: list[int]) -> str:
    """Line numbers for a note: the first ten, and how many more."""
    more = f" and {len(numbers) - 10} more" if len(numbers) > 10 else ""
    return ", ".join(map(str, numbers[:10])) + more


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
    return (f"{len(numbers)} line(s) hold characters some programs count as line breaks "
            f"({names}): lines end only at LF, CR or CRLF, as the raw capture shows them, and "
            f"these are read as spaces (line(s) {line_list(numbers)}); to split such a line "
            "into paragraphs, use an override with split_after")


@dataclass(frozen=True)
class Decoded:
    text: str | None  # None: not text (binary), nothing to clean
    encoding: Encoding
    notes: tuple[str, ...] = ()  # what was guessed or repaired, for the curator


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, in what is not UTF-16 or UTF-32."""
    sample = data[:SAMPLE_BYTES]
    if b"\x00" in sample:
        return True
    return len(BINARY_CONTROL_RE.findall(sample)) > max(8, len(sample) // 100)


def _reads_as_text(text: str) -> bool:
    """Decoded text with no NUL and few control or replacement characters."""
    sample = text[:SAMPLE_BYTES]
    if "\x00" in sample:
        return False
    return len(_CONTROL_TEXT_RE.findall(sample)) <= max(8, len(sample) // 100)


def _with_byte_order_mark(data: bytes) -> Decoded | None:
    """UTF-32 or UTF-16 that begins with its byte order mark (UTF-32's looked for first)."""
    for mark, encoding in BYTE_ORDER_MARKS:
        if not data.startswith(mark):
            continue
        # UTF-16 that lost a byte keeps the rest; UTF-32 that does not decode may be UTF-16
        # whose first character is U+0000
        errors = "strict" if encoding in (Encoding.UTF32_LE, Encoding.UTF32_BE) else "replace"
        try:
            text = data[len(mark):].decode(encoding.value, errors)
        except UnicodeDecodeError:
            continue
        if _reads_as_text(text):
            return Decoded(text, encoding, (f"decoded as {encoding.label} (byte order mark)",))
    return None


def utf16_without_mark(data: bytes) -> Encoding | None:
    """UTF-16 with no byte order mark, told by its NULs: in mostly-ASCII text every other
    byte is 0 (the second of each pair in little-endian, the first in big-endian)."""
    sample = data[:SAMPLE_BYTES]
    sample = sample[:len(sample) - len(sample) % 2]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    firsts, seconds = sample[0::2], sample[1::2]
    for encoding, low, high in ((Encoding.UTF16_LE, firsts, seconds),
                                (Encoding.UTF16_BE, seconds, firsts)):
        ascii_pairs = sum(1 for lo, hi in zip(low, high, strict=True) if hi == 0 and 0 < lo < 0x80)
        if ascii_pairs * 4 >= pairs * 3:
            return encoding
    return None


def _utf16_guessed(data: bytes) -> Decoded | None:
    """A capture in UTF-16 without a byte order mark, decoded, or None."""
    encoding = utf16_without_mark(data)
    if encoding is None:
        return None
    text = data.decode(encoding.value, "replace")  # a lost byte is shown as U+FFFD
    if not _reads_as_text(text):
        return None
    return Decoded(text, encoding, (f"decoded as {encoding.label}: no byte order mark, but every "
                                    "other byte is 0, as in UTF-16 text",))


# ftfy's encoding fixes only: undoing UTF-8 read in a one-byte encoding, with a NBSP
# turned into a space or a lost byte marked. Everything else it can do is off: its
# config is also what ``fix_encoding_and_explain`` is told.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False, remove_terminal_escapes=False, fix_encoding=True,
    restore_byte_a0=True, replace_lossy_sequences=True, decode_inconsistent_utf8=True,
    fix_c1_controls=False, fix_latin_ligatures=False, fix_character_width=False,
    uncurl_quotes=False, fix_line_breaks=False, fix_surrogates=False,
    remove_control_chars=False, normalization=None, explain=True)
# The steps of a plan that undo mojibake. ftfy may also read C1 controls as
# Windows-1252 ("encode latin-1, decode windows-1252"): that is a guess about text that
# was not mangled, and is not taken.
_DECODED_AS_UTF8 = {("decode", "utf-8"), ("decode", "utf-8-variants")}
_REPAIR_STEPS = {("transcode", "restore_byte_a0"), ("transcode", "replace_lossy_sequences")}
_SPAN_REPAIR = ("apply", "decode_inconsistent_utf8")
_FTFY_ENCODINGS = {"latin-1": "Latin-1", "sloppy-windows-1252": "Windows-1252",
                   "sloppy-windows-1251": "Windows-1251", "sloppy-windows-1250": "Windows-1250",
                   "sloppy-windows-1253": "Windows-1253", "sloppy-windows-1254": "Windows-1254",
                   "sloppy-windows-1257": "Windows-1257", "iso-8859-2": "ISO 8859-2",
                   "macroman": "Mac Roman", "cp437": "code page 437"}
# What is left of a character whose UTF-8 lost its last byte on the way ("â€" of a
# closing quote, its 0x9D dropped by a Windows-1252 reader): the start of a punctuation
# mark that nothing completes. It stands for one lost character.
_CONTINUATION = "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(0x80, 0xC0))
_TRUNCATED_RE = re.compile("â€\ufffd?(?![" + re.escape(_CONTINUATION) + "])")


@dataclass(frozen=True)
class LineRepair:
    """One line's mojibake undone: its text, what it was read as, characters lost."""

    text: str
    read_as: tuple[str, ...]  # the one-byte encodings it was misread in, where ftfy says
    lost: int  # characters that could not be recovered, now U+FFFD


def _mojibake_steps(plan: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The leading steps of ftfy's plan that undo mojibake (up to the first that does not)."""
    kept: list[tuple[str, str]] = []
    group: list[tuple[str, str]] = []
    for step in plan:
        if step == _SPAN_REPAIR and not group:
            kept.append(step)
        elif step[0] == "encode" and step[1] in _FTFY_ENCODINGS and not group:
            group = [step]
        elif group and step in _REPAIR_STEPS:
            group.append(step)
        elif group and step in _DECODED_AS_UTF8:
            kept += [*group, step]
            group = []
        else:
            break
    return kept


def repair_line(line: str) -> LineRepair | None:
    """The line with its mangled spans decoded as the UTF-8 they were, or None when
    nothing in it is mojibake (a correct line comes back untouched, always)."""
    if line.isascii():
        return None
    found = ftfy.fix_encoding_and_explain(line, _FTFY)
    plan = _mojibake_steps([(str(op), str(arg)) for op, arg in found.explanation or []])
    fixed = found.text if plan == found.explanation else ftfy.apply_plan(line, plan)
    fixed = _TRUNCATED_RE.sub("\ufffd", fixed)
    if fixed == line:
        return None
    return LineRepair(fixed, _read_as(line, plan), max(0, fixed.count("\ufffd") - line.count("\ufffd")))


def _read_as(line: str, plan: list[tuple[str, str]]) -> tuple[str, ...]:
    """The one-byte encodings a line's UTF-8 was misread in, as ftfy's plan says, and for
    a plan that repaired spans, as each span's own plan says."""
    steps = list(plan)
    if _SPAN_REPAIR in plan:
        for span in UTF8_DETECTOR_RE.finditer(line):
            if is_bad(span.group()):
                steps += ftfy.fix_encoding_and_explain(span.group(), _FTFY).explanation or []
    return tuple(dict.fromkeys(_FTFY_ENCODINGS[arg] for op, arg in steps
                               if op == "encode" and arg in _FTFY_ENCODINGS))


def repair_mojibake(text: str) -> tuple[str, str]:
    """Undo UTF-8 misread as a one-byte encoding, line by line as the capture's lines end
    (LF, CR, CRLF: the breaks themselves are kept); returns (text, note)."""
    pieces = _LINE_AND_BREAK.split(text)  # line, break, line, ..., line
    repaired: list[int] = []
    lossy: list[int] = []
    encodings: set[str] = set()
    for index in range(0, len(pieces), 2):
        repair = repair_line(pieces[index])
        if repair is None:
            continue
        pieces[index] = repair.text
        number = index // 2 + 1
        repaired.append(number)
        encodings.update(repair.read_as)
        if repair.lost:
            lossy.append(number)
    fixed = "".join(pieces)
    left = [number for number, line in enumerate(capture_lines(fixed), 1) if MOJIBAKE_RE.search(line)]
    return fixed, _repair_note(repaired, lossy, left, sorted(encodings))


def _repair_note(repaired: list[int], lossy: list[int], left: list[int], encodings: list[str]) -> str:
    """What the repair did, line by line, for the curator and the article page."""
    notes = []
    if repaired:
        read_as = " or ".join(encodings) if encodings else "a one-byte encoding such as Windows-1252"
        notes.append(f"repaired mojibake (UTF-8 once read as {read_as}) on {len(repaired)} "
                     f"line(s): {line_list(repaired)}; the rest of each line is as captured")
    if lossy:
        notes.append(f"on line(s) {line_list(lossy)} characters were lost and are shown as U+FFFD")
    if left:
        notes.append(f"line(s) {line_list(left)} still look garbled and were left as they are")
    return "; ".join(notes)


def decode_capture(data: bytes) -> Decoded:
    """Decode a capture, guessing as little as possible and saying what was guessed."""
    found = _with_byte_order_mark(data) or _utf16_guessed(data)
    if found is not None and found.text is not None:
        return _read(found.text, found.encoding, list(found.notes))
    if looks_binary(data):
        return Decoded(None, Encoding.NOT_TEXT, ("not a text capture: it holds NUL or control "
                                                 "bytes, and is not UTF-16 or UTF-32 text",))
    notes: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], Encoding.UTF8_BOM
    else:
        encoding = Encoding.UTF8
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        encoding = _legacy_encoding(data)
        text = data.decode(encoding.value)
        notes.append(f"not valid UTF-8 (byte {exc.start}); decoded as {encoding.label}")
    return _read(text, encoding, notes)


def _read(text: str, encoding: Encoding, notes: list[str]) -> Decoded:
    """The decoded text with its mojibake undone, and the notes on what else it holds."""
    if "\ufffd" in text:
        lines = [n for n, line in enumerate(capture_lines(text), 1) if "\ufffd" in line]
        notes.append(f"holds {text.count(chr(0xFFFD))} replacement character(s) (U+FFFD) "
                     f"where characters were lost or could not be decoded (line(s) "
                     f"{line_list(lines)})")
    text, note = repair_mojibake(text)
    if note:
        notes.append(note)
    if note := other_breaks_note(text):
        notes.append(note)
    return Decoded(text, encoding, tuple(notes))


def _legacy_encoding(data: bytes) -> Encoding:
    """Windows-1252 where every byte is defined in it, else Latin-1 (which takes any byte)."""
    try:
        data.decode("cp1252")
        return Encoding.CP1252
    except UnicodeDecodeError:
        return Encoding.LATIN1
