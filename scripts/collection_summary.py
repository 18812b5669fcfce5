"""Write the checks of the collection as Markdown for a CI job's summary.

Reads the JUnit XML that ``pytest tests/test_live_collection.py --junitxml=FILE`` writes
and prints what failed, each message once (a failed build fails every check that needs
it with the same message) with the checks it failed, for ``$GITHUB_STEP_SUMMARY``:

    python scripts/collection_summary.py FILE >> "$GITHUB_STEP_SUMMARY"
"""

from __future__ import annotations

import html
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

MAX_LINES = 80  # of one message: the summary stays readable; the job's log has it all
SETUP = 'failed on setup with "'
PYTEST_INDENT = "  "  # what pytest puts before each further line of a message


def message_of(problem: ET.Element) -> str:
    """A failure's message as the check wrote it: without pytest's framing."""
    text = problem.get("message") or (problem.text or "").strip() or problem.tag
    if text.startswith(SETUP) and text.endswith('"'):
        text = text[len(SETUP):-1]
    text = text.removeprefix("AssertionError: ")
    first, *rest = text.split("\n")
    while rest and rest[-1].startswith("assert "):  # pytest's own comparison
        rest.pop()
    if all(line.startswith(PYTEST_INDENT) for line in rest):  # pytest's, on every line
        rest = [line[len(PYTEST_INDENT):] for line in rest]
    lines = [first, *rest]
    if len(lines) > MAX_LINES:
        lines = [*lines[:MAX_LINES], f"… and {len(lines) - MAX_LINES} more line(s) in the log"]
    return "\n".join(lines)


def summary(report: Path) -> str:
    cases = ET.parse(report).getroot().iter("testcase")
    total, failed = 0, {}
    for case in cases:
        total += 1
        for problem in (*case.findall("failure"), *case.findall("error")):
            failed.setdefault(message_of(problem), []).append(case.get("name", "?"))
    if not failed:
        return f"## Checks of the collection\n\nAll {total} checks passed.\n"
    parts = ["## Checks of the collection failed: the site is not deployed\n",
             "Fix each problem below in `seeds/` or `content/`, then run "
             "`archive check` and `bash scripts/test.sh tests/test_live_collection.py`.\n"]
    for message, names in failed.items():
        parts.append(f"### {', '.join(f'`{n}`' for n in names)}\n")
        parts.append(f"<pre>{html.escape(message)}</pre>\n")
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: collection_summary.py JUNIT_XML", file=sys.stderr)
        return 2
    report = Path(argv[0])
    if not report.is_file():
        print("## Checks of the collection did not run\n\nNo report was written: see the "
              "step's log.")
        return 0
    print(summary(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
