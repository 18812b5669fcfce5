"""Problems found in seeds and metadata, reported all at once.

A curator's mistake is a :class:`Problem`, never a traceback: it names the file,
the key (or line) and what was expected, with a fix where one is known.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import Enum
from typing import Iterable


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    key: str
    message: str
    severity: Severity = Severity.ERROR
    hint: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.key:
            where += f" [{self.key}]"
        text = f"{where}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


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
