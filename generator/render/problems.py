"""The page ``mkdocs serve`` shows while the input has errors: every problem, escaped.

A preview that stopped at the first error would show a stale site, or hang; this page
stands in for every page of the site until the curator fixes the files it names, and
the preview then reloads to the archive."""

from __future__ import annotations

from generator.escape import escape_text
from generator.problems import Problem, shown


def problems_page(problems: list[Problem]) -> str:
    """Markdown of a page listing ``problems``: where (file, line, key), how serious, what
    is wrong and the hint, each value shown (:func:`problems.shown`) and escaped."""
    rows = "\n".join(_row(p) for p in problems)
    return (
        "# The archive cannot be built\n\n"
        f"{len(problems)} problem(s) in the archive's input stop the build. Fix the files "
        "named below and save: this preview reloads by itself. `archive check` lists the "
        "same problems in a terminal.\n\n"
        '<table class="archive-problems">\n'
        "<thead><tr><th>File</th><th>Line</th><th>Key</th><th>Severity</th>"
        "<th>Problem</th></tr></thead>\n"
        f"<tbody>\n{rows}\n</tbody>\n</table>\n"
    )


def _row(problem: Problem) -> str:
    cells = (problem.file, "" if problem.line is None else str(problem.line), problem.key,
             problem.severity.value, problem.what)
    return "<tr>" + "".join(f"<td>{escape_text(shown(c))}</td>" for c in cells) + "</tr>"
