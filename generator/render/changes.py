"""What changed since the previous build: the manifest a build publishes, and its comparison.

Every build publishes ``data/manifest.json``: one record per capture (seed file name,
SHA-256, title, outlet, date, its page, and the article text, the cleaned body, one
paragraph a line). Given the previous published copy (a built site's folder, or its
``data/manifest.json`` itself), the Changes page lists the captures added, changed (same
file name, another SHA-256, with a line diff of the article text) and removed.

A diff costs at most :data:`DIFF_WORK` comparisons of paragraphs: two texts whose
paragraphs, once those the same at their start and end are set aside, would take more
are said to differ too much to be listed line by line, with their counts.

The previous copy is untrusted input, like the seeds: only that one file is read, never
through a symbolic link (neither the ``data`` folder of the given folder nor the file may
be one), it must be a regular file of at most :data:`MAX_MANIFEST_BYTES`, and every value
taken from it is checked for its type here and escaped where a page shows it. A copy that
is missing or malformed is a warning naming the file (strict builds fail on it), and the
page then says that nothing could be compared.
"""

from __future__ import annotations

import difflib
import json
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

from generator.model import Article, Limits
from generator.problems import Problem, Severity
from generator.read.survey import NotRegular, TooLarge, read_regular
from generator.render.pages import date_text

MANIFEST_PATH = "data/manifest.json"
FORMAT, VERSION = "archive-manifest", 1
MAX_MANIFEST_BYTES = 128 * 1024 * 1024  # a 10,000-article archive's manifest is about 60 MB
# Lines of the diff shown per changed capture (the page says how many more there are):
# the collection's ``diff_lines`` (content/collection.yml).
# Paragraphs before × paragraphs now that one diff may compare (difflib takes time in
# their product): 1,000 paragraphs on each side; an article has a few dozen.
DIFF_WORK = 1_000_000
HEADERS = ("previous build", "this build")
_SHA256 = re.compile(r"[0-9a-f]{64}")
FIELDS = ("seed", "sha256", "title", "outlet", "date", "page")


def article_lines(article: Article) -> list[str]:
    """The article text as the diff compares it: the cleaned body, a paragraph a line."""
    return [block.text for block in article.text.body]


class ManifestRecord(TypedDict):
    """One capture in the manifest: the fields of FIELDS, and its article text."""

    seed: str
    sha256: str
    title: str
    outlet: str
    date: str
    page: str
    text: list[str]


def manifest_record(article: Article) -> ManifestRecord:
    return {"seed": article.seed.name, "sha256": article.seed.sha256,
            "title": article.meta.title, "outlet": article.outlet.name,
            "date": date_text(article), "page": article.page_path[:-3] + ".html",
            "text": article_lines(article)}


def manifest_json(articles: list[Article]) -> str:
    """The manifest, one capture a line (so that its own diffs show which records changed)."""
    records = sorted((manifest_record(a) for a in articles), key=lambda r: r["seed"])
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records]
    body = ",\n".join(lines)
    return (f'{{"format": "{FORMAT}", "version": {VERSION}, "articles": [\n'
            + (body + "\n" if body else "") + "]}\n")


# ------------------------------------------------------------------ reading it back
class Unreadable(Exception):
    def __init__(self, message: str, key: str = "", line: int | None = None):
        super().__init__(message)
        self.message, self.key, self.line = message, key, line


def manifest_file(given: Path) -> Path:
    """The manifest a ``previous`` value names: ``data/manifest.json`` of a folder, or the file."""
    return given / MANIFEST_PATH if given.is_dir() else given


def _read_bounded(path: Path, given: Path) -> bytes:
    if given.is_dir():
        data_dir = given / "data"
        try:
            mode = data_dir.lstat().st_mode
        except FileNotFoundError:
            raise Unreadable("there is no such file: the folder given as the previous build "
                             "has no data/ folder") from None
        if stat.S_ISLNK(mode):
            raise Unreadable("its data/ folder is a symbolic link: refused, never followed")
    try:
        return read_regular(path, MAX_MANIFEST_BYTES)
    except FileNotFoundError:
        raise Unreadable("there is no such file") from None
    except NotRegular as exc:
        raise Unreadable(f"{exc}: refused, never read") from None
    except TooLarge as exc:
        raise Unreadable(f"{exc} as a manifest") from None
    except OSError as exc:
        raise Unreadable(f"it cannot be read: {exc.strerror}") from None


def parse_manifest(data: bytes) -> dict[str, ManifestRecord]:
    """The records of a manifest by seed file name; :class:`Unreadable` says what is wrong."""
    records: dict[str, ManifestRecord] = {}
    for number, item in enumerate(_manifest_articles(_json_of(data))):
        record = _manifest_record(item, f"articles[{number}]")
        if record["seed"] in records:
            raise Unreadable("names the seed of an earlier record again", f"articles[{number}].seed")
        records[record["seed"]] = record
    return records


def _json_of(data: bytes) -> object:
    """The JSON document in ``data``, which must be UTF-8."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"it is not UTF-8 (byte {exc.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise Unreadable(f"it is not JSON: {exc.msg} (column {exc.colno})", line=exc.lineno) from None
    except RecursionError:
        raise Unreadable("it is not JSON this build can read: nested too deeply") from None


def _manifest_articles(document: object) -> list[object]:
    """The list of article records of a manifest of this format and version."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise Unreadable(f"it is not an archive manifest (no \"format\": \"{FORMAT}\")", "format")
    if document.get("version") != VERSION:
        raise Unreadable(f"its version is not {VERSION}, the one this build reads", "version")
    articles = document.get("articles")
    if not isinstance(articles, list):
        raise Unreadable("\"articles\" is not a list", "articles")
    return articles


def _manifest_record(record: object, where: str) -> ManifestRecord:
    """One article record of a manifest, at ``where`` (``articles[3]``), checked."""
    if not isinstance(record, dict):
        raise Unreadable("is not an object", where)
    for name in FIELDS:
        if not isinstance(record.get(name), str):
            raise Unreadable("is missing or is not a string", f"{where}.{name}")
    if not _SHA256.fullmatch(record["sha256"]):
        raise Unreadable("is not a SHA-256 digest (64 lowercase hex digits)", f"{where}.sha256")
    lines = record.get("text")
    if not isinstance(lines, list) or not all(isinstance(t, str) for t in lines):
        raise Unreadable("is missing or is not a list of strings", f"{where}.text")
    # the fields of FIELDS, in its order, then the text: each checked above
    return ManifestRecord(
        seed=record["seed"], sha256=record["sha256"], title=record["title"],
        outlet=record["outlet"], date=record["date"], page=record["page"], text=lines)


@dataclass
class Previous:
    """What the build was told of the previous one: nothing, a manifest, or why not."""

    given: str = ""  # the file as named in problems and on the page; '' when none was given
    records: dict[str, ManifestRecord] | None = None
    reason: str = ""  # why it could not be read


def read_previous(given: Path | None, label: str = "") -> tuple[Previous, list[Problem]]:
    """The previous build's manifest, and a warning naming the file when it cannot be used."""
    if given is None:
        return Previous(), []
    path = manifest_file(given)
    label = label or str(given)
    shown = label if path == given else f"{label.rstrip('/')}/{MANIFEST_PATH}"
    try:
        records = parse_manifest(_read_bounded(path, given))
    except Unreadable as exc:
        problem = Problem(shown, exc.line, exc.key,
                          f"the previous build's manifest cannot be used: {exc.message}",
                          Severity.WARNING,
                          "give the folder of the previously built site, or its "
                          f"{MANIFEST_PATH}, as `previous` (or --previous)")
        reason = exc.message + (f" [{exc.key}]" if exc.key else "") \
            + (f" (line {exc.line})" if exc.line else "")
        return Previous(shown, None, reason), [problem]
    return Previous(shown, records), []


# ------------------------------------------------------------------ the comparison
@dataclass(frozen=True)
class TooDifferent:
    """Two article texts that differ too much to be diffed line by line within
    :data:`DIFF_WORK`: how many paragraphs each has, and how many are the same at their
    start and at their end."""

    before: int
    now: int
    same_start: int
    same_end: int


@dataclass
class Changed:
    before: ManifestRecord
    now: ManifestRecord
    diff: list[str]  # at most ``limit`` lines of the unified diff of the article text
    more: int = 0  # diff lines not shown
    too_different: TooDifferent | None = None  # and then no diff

    @property
    def same_text(self) -> bool:
        return not self.diff and self.too_different is None


@dataclass
class Changes:
    added: list[ManifestRecord] = field(default_factory=list)
    changed: list[Changed] = field(default_factory=list)
    removed: list[ManifestRecord] = field(default_factory=list)
    unchanged: list[ManifestRecord] = field(default_factory=list)


def text_diff(before: list[str], now: list[str], limit: int = Limits().diff_lines
              ) -> tuple[list[str], int]:
    """The unified diff of two article texts (a paragraph a line), cut at ``limit`` lines;
    and how many lines were cut (none at all when they differ too much: see
    :func:`full_diff`)."""
    lines = full_diff(before, now)
    if isinstance(lines, TooDifferent):
        return [], 0
    return lines[:limit], max(0, len(lines) - limit)


def full_diff(before: list[str], now: list[str],
              work: int = DIFF_WORK) -> list[str] | TooDifferent:
    """The unified diff of two article texts, one line of context, as difflib writes it.

    Where ``before`` × ``now`` paragraphs are ``work`` at most, it is difflib's own.
    Otherwise the paragraphs the same at the start and at the end are set aside, and
    difflib compares the rest if that is ``work`` at most; if not, the texts differ too
    much to be listed line by line."""
    if len(before) * len(now) <= work:
        return list(difflib.unified_diff(before, now, *HEADERS, lineterm="", n=1))
    start = _same_start(before, now)
    end = _same_end(before, now, start)
    old, new = before[start:len(before) - end], now[start:len(now) - end]
    if len(old) * len(new) > work:
        return TooDifferent(len(before), len(now), start, end)
    opcodes = [("equal", 0, start, 0, start)] if start else []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new).get_opcodes():
        opcodes.append((tag, i1 + start, i2 + start, j1 + start, j2 + start))
    if end:
        opcodes.append(("equal", len(before) - end, len(before), len(now) - end, len(now)))
    return unified(before, now, opcodes)


def _same_start(a: list[str], b: list[str]) -> int:
    """How many lines ``a`` and ``b`` have the same from their start on."""
    same = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        same += 1
    return same


def _same_end(a: list[str], b: list[str], start: int) -> int:
    """How many lines ``a`` and ``b`` have the same at their end, after their first ``start``."""
    same, most = 0, min(len(a), len(b)) - start
    while same < most and a[-1 - same] == b[-1 - same]:
        same += 1
    return same


Opcode = tuple[str, int, int, int, int]  # as difflib.SequenceMatcher.get_opcodes gives them


def unified(before: list[str], now: list[str], opcodes: list[Opcode], n: int = 1) -> list[str]:
    """The unified diff that ``opcodes`` make of ``before`` and ``now``, with ``n`` lines of
    context: what ``difflib.unified_diff`` writes from difflib's own opcodes."""
    lines: list[str] = []
    for group in _grouped(opcodes, n):
        if not lines:
            lines += [f"--- {HEADERS[0]}", f"+++ {HEADERS[1]}"]
        first, last = group[0], group[-1]
        lines.append(f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [" " + line for line in before[i1:i2]]
                continue
            if tag in ("replace", "delete"):
                lines += ["-" + line for line in before[i1:i2]]
            if tag in ("replace", "insert"):
                lines += ["+" + line for line in now[j1:j2]]
    return lines


def _grouped(opcodes: list[Opcode], n: int) -> list[list[Opcode]]:
    """The hunks of a diff: ``difflib.SequenceMatcher.get_grouped_opcodes`` over
    ``opcodes`` (runs of equal lines taken together first)."""
    codes: list[Opcode] = []
    for code in opcodes:
        if codes and code[0] == codes[-1][0] == "equal":
            codes[-1] = ("equal", codes[-1][1], code[2], codes[-1][3], code[4])
        elif code[1] < code[2] or code[3] < code[4]:
            codes.append(code)
    if not codes:
        codes = [("equal", 0, 1, 0, 1)]
    if codes[0][0] == "equal":
        tag, i1, i2, j1, j2 = codes[0]
        codes[0] = tag, max(i1, i2 - n), i2, max(j1, j2 - n), j2
    if codes[-1][0] == "equal":
        tag, i1, i2, j1, j2 = codes[-1]
        codes[-1] = tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)
    groups, group = [], []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > 2 * n:  # a long run of equal lines ends a hunk
            group.append((tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)))
            groups.append(group)
            group = []
            i1, j1 = max(i1, i2 - n), max(j1, j2 - n)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        groups.append(group)
    return groups


def _range(start: int, stop: int) -> str:
    """A hunk's range of lines as the unified format writes it ("3", "3,2", "2,0")."""
    first, length = start + 1, stop - start
    if length == 1:
        return str(first)
    return f"{first - 1 if not length else first},{length}"


def compare(before: dict[str, ManifestRecord], now: dict[str, ManifestRecord],
            limit: int = Limits().diff_lines) -> Changes:
    """Captures added, changed (same seed file name, another SHA-256), removed, unchanged;
    each list in the order of seed file names, each diff cut at ``limit`` lines."""
    changes = Changes()
    for seed in sorted(now.keys() | before.keys()):
        if seed not in before:
            changes.added.append(now[seed])
        elif seed not in now:
            changes.removed.append(before[seed])
        elif before[seed]["sha256"] != now[seed]["sha256"]:
            lines = full_diff(before[seed]["text"], now[seed]["text"])
            if isinstance(lines, TooDifferent):
                changes.changed.append(Changed(before[seed], now[seed], [], 0, lines))
            else:
                changes.changed.append(Changed(before[seed], now[seed], lines[:limit],
                                               max(0, len(lines) - limit)))
        else:
            changes.unchanged.append(now[seed])
    return changes
