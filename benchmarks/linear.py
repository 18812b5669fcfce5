"""How the text and evidence stages and the Changes diff grow with the size of a capture.

    python benchmarks/linear.py [--only NAME ...] [--sizes 1 2 4 8] [--repeat 3]

Each case is a capture that a pull request could add to ``seeds/``, built at 1×, 2×, 4× and
8× its base size: a long reader comment thread, many lines, one very long line of prose,
many names, many quotation marks (and unbalanced ones), a very long sentence, and a
previous build whose article text differs from a large capture's. The case is run through
the stage it stresses, with the real project's curation (``content/``), the capture as
the only seed, uncurated as a new capture is:

- **text**: cleaning, suggestions for the uncurated seed, finding the names;
- **evidence**: attributions, figures, the comparison, and the quoted span every
  mention stands in (what the entity and data pages ask of each mention);
- **changes**: the comparison with the previous build's manifest.

Printed per case and size: the CPU seconds (the least of ``--repeat`` runs) and the ratio
to the 1× figure. Where a stage takes linear time, the ratio follows the size (about 2, 4,
8); a quadratic step would make it about 4, 16, 64. ``tests/test_linear_time.py`` runs
the same cases at 1× and 4×.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

# The project's generator unless PYTHONPATH names another copy.
sys.path.append(str(Path(__file__).resolve().parent.parent))

from generator.evidence.found import Evidence
from generator.model import Archive, Seed
from generator.pipeline import Curated, Project, Timings, evidence, read, text
from generator.render.changes import Changes, ManifestRecord, compare

ROOT = Path(__file__).resolve().parent.parent
SEED = "999_probe.txt"

# Ordinary prose, as the seeds have it: names, cues of attribution, quotations and figures.
PROSE = (
    "SOHR said 3,250 people were killed in the five-month battle for Raqqa, including 1,130 "
    "civilians. “We are exhausted,” Abu Younes told VOA on Tuesday. According to local "
    "activists, dozens of residents flee the city every day. The SDF is reported to have "
    "taken the stadium, and the US-led coalition said in a statement that IS fighters "
    "remained in Raqqa. Omar Alloush, a member of the Raqqa Civil Council, said the "
    "fighters would take 400 civilians with them. ")


@dataclass(frozen=True)
class Case:
    """One hostile input: how to make it at a size, and the stage it stresses."""

    name: str
    stage: str  # text | evidence | changes
    base: int  # the size at 1×, in the unit ``make`` takes
    make: Callable[[int], str]
    what: str


def comment_thread(n: int) -> str:
    """A short article, a 'Comments' line, then ``n`` identical short comments."""
    return "A headline\n\nThe article's only paragraph.\n\nComments\n" + "Great article!\n" * n


def many_lines(n: int) -> str:
    """``n`` short lines of article text, each its own."""
    return "".join(f"Line {i} of the article, about Raqqa.\n" for i in range(n))


def long_line(n: int) -> str:
    """One line of ordinary prose, ``n`` characters long."""
    return (PROSE * (n // len(PROSE) + 1))[:n] + "\n"


def many_names(n: int) -> str:
    """One line naming actors and places ``n`` times, with a cue of attribution now and then."""
    unit = "Raqqa, SOHR, the SDF and VOA. "
    return "".join(unit if i % 8 else "SOHR said Raqqa fell. " for i in range(n)) + "\n"


def many_quotes(n: int) -> str:
    """One line of ``n`` short quotations, each attributed, and unbalanced marks among them."""
    unit = "“We left Raqqa,” a witness said, and “they stayed” in the city. \"IS said "
    return unit * n + "\n"


def one_sentence(n: int) -> str:
    """One sentence of ``n`` words with no full stop, cues of attribution all along it."""
    words = ["the", "SDF", "said", "that", "Raqqa", "was", "taken", "and", "the", "witness", "told",
             "VOA", "that"]
    return " ".join(words[i % len(words)] for i in range(n)) + "\n"


def abbreviations(n: int) -> str:
    """One line of ``n`` abbreviations that end no sentence ("Mr. Col. Gen. …")."""
    return "Mr. Col. Gen. Dr. " * n + "\n"


def alternate(n: int) -> str:
    """``n`` paragraphs (see :func:`run_changes`: every other one differs from before)."""
    return many_lines(n)


CASES = [
    Case("comment thread", "text", 10_000, comment_thread,
         "a 'Comments' line then identical short comments"),
    Case("many lines", "text", 5_000, many_lines, "short lines of article text"),
    Case("long line (text)", "text", 500_000, long_line, "one line of prose, in characters"),
    Case("long line (evidence)", "evidence", 200_000, long_line,
         "one line of prose, in characters"),
    Case("many names", "evidence", 5_000, many_names, "names on one line"),
    Case("many quotation marks", "evidence", 2_500, many_quotes,
         "quotations on one line, some unbalanced"),
    Case("one long sentence", "evidence", 20_000, one_sentence, "words with no full stop"),
    Case("abbreviations", "evidence", 15_000, abbreviations, "abbreviations on one line"),
    Case("changes diff", "changes", 32_000, alternate,
         "paragraphs, every other one changed since the previous build"),
]


@lru_cache(maxsize=1)
def _curated() -> Curated:
    curated, problems = read(Project(ROOT), Timings())
    assert curated is not None, problems
    return curated


def curated_with(capture: str) -> Curated:
    """The real project's curation with ``capture`` as its only seed, uncurated (the claims
    and attribution fixes, which name the real seeds, left out)."""
    data = capture.encode("utf-8")
    seed = Seed(SEED, hashlib.sha256(data).hexdigest(), capture, "utf-8", len(data))
    return replace(_curated(), seeds=[seed], metas={}, claims=[], fixes=[])


def run_text(curated: Curated) -> Archive:
    archive, _ = text(curated, Timings())
    return archive


def run_evidence(archive: Archive) -> Evidence:
    """The evidence stage, then the quoted span of every mention, as the pages ask for it."""
    found, _ = evidence(archive, Timings())
    for m in archive.mentions:
        found.index.quote_of(m.seed, m.anchor, m.start, m.end)
    return found


def record(lines: list[str], sha: str) -> ManifestRecord:
    return ManifestRecord(seed=SEED, sha256=sha * 64, title="T", outlet="O", date="unknown",
                          page="articles/probe.html", text=lines)


Records = tuple[dict[str, ManifestRecord], dict[str, ManifestRecord]]


def previous_of(capture: str) -> Records:
    """The previous build's record of ``capture`` (every other paragraph different), and
    this build's."""
    now = capture.splitlines()
    before = [line.replace("Line", "Paragraph") if i % 2 else line for i, line in enumerate(now)]
    return {SEED: record(before, "a")}, {SEED: record(now, "b")}


def run_changes(records: Records) -> Changes:
    return compare(*records)


def prepare(case: Case, scale: int) -> Any:
    """What the case's stage takes, at ``scale`` times its base size (made before any
    clock starts: the evidence case runs the text stage here)."""
    capture = case.make(case.base * scale)
    if case.stage == "text":
        return curated_with(capture)
    if case.stage == "evidence":
        return run_text(curated_with(capture))
    return previous_of(capture)


STAGES: dict[str, Callable[[Any], object]] = {
    "text": run_text, "evidence": run_evidence, "changes": run_changes}


def least_cpu(step: Callable[[Any], Any], given: Any, repeat: int = 3) -> tuple[float, Any]:
    """The least CPU time of ``repeat`` runs of ``step`` on ``given``, and what it gave."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        result = step(given)
        best = min(best, time.process_time() - start)
    return best, result


def growth_cells(figures: list[float]) -> str:
    """Each size's seconds and how many times the first size's they are."""
    return "  ".join(f"{seconds:7.3f} s {seconds / figures[0]:5.1f}x" for seconds in figures)


def cpu_seconds(case: Case, scale: int, repeat: int = 3) -> tuple[float, Any]:
    """The least CPU time of ``repeat`` runs of ``case``'s stage at ``scale`` times its size,
    and what the stage gave."""
    return least_cpu(STAGES[case.stage], prepare(case, scale), repeat)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=[], help="names of cases (default: all)")
    parser.add_argument("--sizes", nargs="*", type=int, default=[1, 2, 4, 8])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    cases = [c for c in CASES if not args.only or c.name in args.only]
    print(f"{'case':<24} {'stage':<9} " + "  ".join(f"{f'{s}x':>16}" for s in args.sizes))
    for case in cases:
        figures = [cpu_seconds(case, scale, args.repeat)[0] for scale in args.sizes]
        print(f"{case.name:<24} {case.stage:<9} {growth_cells(figures)}", flush=True)
        print(f"{'':<24} {'':<9} 1x = {case.base:,} ({case.what})", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
