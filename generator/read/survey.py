"""What is in ``seeds/`` (and ``content/``): every entry is a capture to publish or is reported.

The captures are evidence and may come from anyone (a pull request that CI builds and
deploys, say), so the folder is surveyed before anything is read:

* a capture is a *regular file* directly inside ``seeds/`` whose name ends in ``.txt``;
* a symbolic link (to anywhere, dangling or not), a folder, a device, a FIFO or a socket
  is refused with an error naming it, strict build or not, and is never opened: a link
  to ``/etc/passwd`` must not publish the host's file, and a FIFO must not hang the build;
  so is an entry whose name is not UTF-8 or holds control characters or bidirectional
  overrides (it could forge a line of the build log, or show another name than its own),
  named with escapes;
* every other regular file (hidden, an editor's backup, a capture saved as ``.html`` or
  ``.md``, anything else) is not published and is reported with a warning saying what to
  do, so nothing dropped into ``seeds/`` vanishes without a word.

Files are opened with ``O_NOFOLLOW`` and checked again once open, so an entry that is
swapped for a link between the survey and the read is refused too.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from generator.problems import Problem, Severity, escaped


class EntryKind(str, Enum):
    """What one entry of ``seeds/`` is, as far as publishing goes."""

    CAPTURE = "capture"
    HIDDEN = "hidden file"
    BACKUP = "backup file"
    UNSUPPORTED = "unsupported file type"
    BAD_NAME = "unusable name"
    LINK = "symbolic link"
    FOLDER = "folder"
    SPECIAL = "special file"


CAPTURE_SUFFIX = ".txt"
BACKUP_SUFFIXES = (".bak", ".swp", ".swo", ".tmp", ".orig", ".rej", ".part", ".crdownload")
# Formats a capture is often saved in that this archive does not read: say what to do.
SAVED_AS = {
    ".html": "a web page saved as HTML", ".htm": "a web page saved as HTML",
    ".mhtml": "a web archive", ".webarchive": "a web archive", ".md": "Markdown",
    ".pdf": "a PDF", ".doc": "a word-processor file", ".docx": "a word-processor file",
    ".rtf": "rich text",
}


@dataclass(frozen=True)
class Entry:
    path: Path
    kind: EntryKind
    detail: str = ""  # a link's target, a special file's type


# A name that is not UTF-8 (Python holds its bytes as lone surrogates), or that holds
# control characters or bidirectional overrides, which could forge a log line or show a
# name other than the file's own.
_UNUSABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def shown_name(name: str) -> str:
    """A file name as it may be printed: unusable characters as escapes (``\\n``,
    ``\\u202e``), a byte that is not UTF-8 as ``\\xNN``."""
    return _UNUSABLE.sub(lambda match: escaped(match.group()), name)


def classify(path: Path, mode: int) -> EntryKind:
    """The kind of a directory entry from its own ``lstat`` mode (links not followed)."""
    if _UNUSABLE.search(path.name):
        return EntryKind.BAD_NAME
    if stat.S_ISLNK(mode):
        return EntryKind.LINK
    if stat.S_ISDIR(mode):
        return EntryKind.FOLDER
    if not stat.S_ISREG(mode):
        return EntryKind.SPECIAL
    name = path.name
    if name.startswith("."):
        return EntryKind.HIDDEN
    if name.endswith("~") or (name.startswith("#") and name.endswith("#")) \
            or name.lower().endswith(BACKUP_SUFFIXES):
        return EntryKind.BACKUP
    if path.suffix.lower() == CAPTURE_SUFFIX:
        return EntryKind.CAPTURE
    return EntryKind.UNSUPPORTED


def _special_type(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a regular file"


def survey(folder: Path) -> list[Entry]:
    """Every entry of ``folder`` (not descending), sorted by name, with its kind."""
    entries = []
    for path in sorted(folder.iterdir()):
        try:
            mode = path.lstat().st_mode
        except OSError as exc:  # gone between listing and looking: say so
            entries.append(Entry(path, EntryKind.SPECIAL, f"cannot be examined: {exc.strerror}"))
            continue
        kind = classify(path, mode)
        detail = ""
        if kind is EntryKind.LINK:
            detail = os.readlink(path)
        elif kind is EntryKind.SPECIAL:
            detail = _special_type(mode)
        entries.append(Entry(path, kind, detail))
    return entries


def entry_problem(entry: Entry, rel: str) -> Problem | None:
    """The error or warning an entry of ``seeds/`` gets, or None for a capture."""
    kind, suffix = entry.kind, entry.path.suffix.lower()
    if kind is EntryKind.CAPTURE:
        return None
    if kind is EntryKind.BAD_NAME:
        return Problem(rel, None, "", "its name is not UTF-8 or holds control or bidirectional "
                       "formatting characters (shown here as escapes): refused and never read",
                       Severity.ERROR, "rename it, with letters, digits, spaces and punctuation")
    if kind is EntryKind.LINK:
        return Problem(rel, None, "", f"a symbolic link (to '{entry.detail}'): refused and never "
                       "read, since a link could publish any file of the machine that builds",
                       Severity.ERROR, "replace the link with a copy of the capture itself")
    if kind is EntryKind.FOLDER:
        return Problem(rel, None, "", "a folder: seeds/ is read flat, so nothing in it would be "
                       "published", Severity.ERROR,
                       "move the captures it holds into seeds/ itself, or the folder out of seeds/")
    if kind is EntryKind.SPECIAL:
        return Problem(rel, None, "", f"{entry.detail}: refused and never read", Severity.ERROR,
                       "only regular files are captures; remove it from seeds/")
    if kind is EntryKind.HIDDEN:
        return Problem(rel, None, "", "a hidden file: not published", Severity.WARNING,
                       "rename it without the leading dot to publish it as a capture, or "
                       "remove it from seeds/")
    if kind is EntryKind.BACKUP:
        return Problem(rel, None, "", "an editor's backup or temporary file: not published",
                       Severity.WARNING, "remove it from seeds/; the capture itself is published")
    saved_as = SAVED_AS.get(suffix)
    what = f"{saved_as} ({suffix})" if saved_as else (f"'{suffix}'" if suffix else "no ending")
    return Problem(rel, None, "", f"unsupported file type, {what}: not published; only plain-text "
                   f"captures ending in {CAPTURE_SUFFIX} are read", Severity.WARNING,
                   "save the article's text as a .txt file in seeds/ and keep the original "
                   "elsewhere, or move this file out of seeds/")


def folder_problem(folder: Path, rel: str) -> Problem | None:
    """An error when an input folder is itself a link (its files would come from elsewhere)."""
    if folder.is_symlink():
        return Problem(rel, None, "", f"a symbolic link (to '{os.readlink(folder)}'): refused; "
                       "its files would be read from outside the project",
                       Severity.ERROR, f"make {rel} a real folder holding copies of the files")
    return None


class NotRegular(OSError):
    """An input that is not (or is no longer) a regular file: never read."""


class TooLarge(Exception):
    """A file larger than its reader accepts; the message says by how much."""


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """A regular file's bytes, refusing links and special files even if swapped in late,
    and, with ``limit``, a file of more bytes than that (:class:`TooLarge`)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if path.is_symlink():
            raise NotRegular(f"it is a symbolic link (to '{os.readlink(path)}')") from None
        raise exc
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular("it is not a regular file")
        if limit is None:
            return handle.read()
        if info.st_size > limit:
            raise TooLarge(f"it is {info.st_size} bytes, more than the {limit} it may have")
        data = handle.read(limit + 1)
    if len(data) > limit:  # grown since it was measured
        raise TooLarge(f"it holds more than the {limit} bytes it may have")
    return data


def linked_files(folder: Path, label: str, paths: list[str]) -> list[Problem]:
    """Errors for the files under ``folder`` (MkDocs' ``docs_dir``, the theme's overrides)
    that are links or lie under one: MkDocs follows links and would publish the target."""
    root = Path(os.path.realpath(folder))
    problems = []
    if (problem := folder_problem(folder, f"{label}/")) is not None:
        problems.append(problem)
    for path in sorted(paths):
        file = Path(path)
        real = Path(os.path.realpath(file))
        try:
            rel = file.relative_to(folder)
        except ValueError:
            continue  # a file from elsewhere (the theme's own)
        if real != root / rel:
            problems.append(Problem(
                f"{label}/{rel.as_posix()}", None, "",
                f"is, or lies under, a symbolic link (to '{real}'): refused, never published",
                Severity.ERROR, "put a copy of the file itself in the folder"))
    return problems
