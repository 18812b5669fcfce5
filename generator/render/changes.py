"""What changed since the previous build: the manifest a build publishes, and its comparison.

Every build publishes ``data/manifest.json``: one record per capture (seed file name,
SHA-256, title, outlet, date, its page, and the article text, the cleaned body, one
paragraph a line). Given the previous published copy (a built site's folder, or its
``data/manifest.json`` itself), the Changes page lists the captures added, changed (same
file name, another SHA-256, with a line diff of the article text) and removed.

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
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"it is not UTF-8 (byte {exc.start})") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Unreadable(f"it is not JSON: {exc.msg} (column {exc.colno})", line=exc.lineno) from None
    except RecursionError:
        raise Unreadable("it is not JSON this build can read: nested too deeply") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise Unreadable(f"it is not an archive manifest (no \"format\": \"{FORMAT}\")", "format")
    if document.get("version") != VERSION:
        raise Unreadable(f"its version is not {VERSION}, the one this build reads", "version")
    articles = document.get("articles")
    if not isinstance(articles, list):
        raise Unreadable("\"articles\" is not a list", "articles")
    records: dict[str, ManifestRecord] = {}
    for number, record in enumerate(articles):
        where = f"articles[{number}]"
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
        if record["seed"] in records:
            raise Unreadable("names the seed of an earlier record again", f"{where}.seed")
        # the fields of FIELDS, in its order, then the text: each checked above
        records[record["seed"]] = ManifestRecord(
            seed=record["seed"], sha256=record["sha256"], title=record["title"],
            outlet=record["outlet"], date=record["date"], page=record["page"], text=lines)
    return records


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
@dataclass
class Changed:
    before: ManifestRecord
    now: ManifestRecord
    diff: list[str]  # at most ``limit`` lines of the unified diff of the article text
    more: int = 0  # diff lines not shown

    @property
    def same_text(self) -> bool:
        return not self.diff


@dataclass
class Changes:
    added: list[ManifestRecord] = field(default_factory=list)
    changed: list[Changed] = field(default_factory=list)
    removed: list[ManifestRecord] = field(default_factory=list)
    unchanged: list[ManifestRecord] = field(default_factory=list)


def text_diff(before: list[str], now: list[str], limit: int = Limits().diff_lines
              ) -> tuple[list[str], int]:
    """The unified diff of two article texts (a paragraph a line), cut at ``limit`` lines;
    and how many lines were cut."""
    lines = list(difflib.unified_diff(before, now, "previous build", "this build",
                                      lineterm="", n=1))
    return lines[:limit], max(0, len(lines) - limit)


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
            diff, more = text_diff(before[seed]["text"], now[seed]["text"], limit)
            changes.changed.append(Changed(before[seed], now[seed], diff, more))
        else:
            changes.unchanged.append(now[seed])
    return changes
