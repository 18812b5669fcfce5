"""Problems found in seeds and metadata, reported all at once.

A curator's mistake is a :class:`Problem`, never a traceback: it names the file,
the key (or line) and what was expected, with a fix where one is known.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from enum import Enum
from typing import Iterable


def shown(text: str) -> str:
    """Text as a log line, a terminal or a report may show it: every character that is not
    printable (line breaks, tabs, C0 and C1 controls such as ESC, bidi overrides and
    isolates, other invisible format characters, surrogates, unassigned code points) as a
    visible escape (``\\n``, ``\\x1b``, ``\\u202e``); a byte that was not UTF-8 as ``\\xNN``.
    Spaces stay spaces. So no value from a seed or the YAML can end a line, start a
    forged one, move the cursor or turn text around where it is printed."""
    if text.isprintable():  # nearly always: nothing to look at character by character
        return text
    return "".join(c if c.isprintable() or unicodedata.category(c) == "Zs" else escaped(c)
                   for c in text)


def escaped(char: str) -> str:
    """One character as a visible escape (``\\n``, ``\\u202e``; ``\\xNN`` for an undecodable byte)."""
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte Python could not decode, kept as a lone surrogate
        return f"\\x{code - 0xDC00:02x}"
    return ascii(char)[1:-1]


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem: where it is (file, line, key), what is wrong, and a fix where one is
    known. File, key and message may hold any text a seed or the YAML holds; a problem is
    only ever printed through :attr:`where`, :attr:`what` or ``str``, which show it as
    one line of visible characters (:func:`shown`)."""

    file: str
    line: int | None
    key: str
    message: str
    severity: Severity = Severity.ERROR
    hint: str = ""

    @property
    def where(self) -> str:
        """``file:line [key]``, shown."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.key:
            where += f" [{self.key}]"
        return shown(where)

    @property
    def what(self) -> str:
        """The message and its hint, shown."""
        return shown(self.message + (f" ({self.hint})" if self.hint else ""))

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


class ArchiveError(Exception):
    """Raised when the input has errors; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=_sort_key)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [f"{len(self.problems)} problem(s) in the archive's input:"]
        lines += [f"  {p.severity.value}: {p}" for p in self.problems]
        return "\n".join(lines)


def _sort_key(p: Problem) -> tuple[str, int, str, str]:
    return (p.file, p.line or 0, p.key, p.message)


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """A hint naming the nearest known choice, or '' when none is near."""
    near = difflib.get_close_matches(value, sorted(choices), n=1, cutoff=0.6)
    return f"did you mean '{near[0]}'?" if near else ""


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]
