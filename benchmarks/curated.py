"""How the steps that read curated quotes and names grow with the curation and the capture.

    python benchmarks/curated.py [--only NAME ...] [--sizes 1 2 4 8] [--repeat 3]

Each case is curation a pull request could add (to ``content/attributions.yml``,
``events.yml`` or ``outlets.yml``) with a capture it points at, built at 1×, 2×, 4× and 8×
its base size, and run through the step it stresses, with the real project's curation
(``content/``) otherwise:

- **attribution fixes**: many fixes against one seed, each quoting its own sentence (a
  third dropping a citation, a third naming an actor, a third naming a source in words,
  and one sentence in four with no citation, which its fix adds); the evidence stage;
- **event reports**: many events, each reporting its own paragraph of one article; the
  text stage (cleaning, names, reports);
- **outlet guess**: a capture of many lines (letters outside ASCII on each) whose outlet
  is guessed from a site name on one of them; the guess.

Printed per case and size: the CPU seconds (the least of ``--repeat`` runs) and the ratio
to the 1× figure. Where a step takes linear time, the ratio follows the size (about 2, 4,
8); a step that reads every quote against every sentence would make it about 4, 16, 64.
``tests/test_linear_curated.py`` runs the same cases at 1× and 4×.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

# The project's generator unless PYTHONPATH names another copy.
sys.path.append(str(Path(__file__).resolve().parent.parent))

from benchmarks.linear import growth_cells, least_cpu  # the same timing as the stages'
from generator.model import Archive, AttributionFix, EntityKind, Report, Seed
from generator.pipeline import Curated, Project, Timings, evidence, read, text
from generator.text.suggest import guess_outlet

ROOT = Path(__file__).resolve().parent.parent
SEED = "999_probe.txt"


@dataclass(frozen=True)
class Case:
    """Curation and a capture at a size, and the step they stress."""

    name: str
    base: int  # the size at 1×, in the unit ``prepare`` takes
    prepare: Callable[[int], Any]  # made before any clock starts
    run: Callable[[Any], Any]
    what: str


@lru_cache(maxsize=1)
def _curated() -> Curated:
    curated, problems = read(Project(ROOT), Timings())
    assert curated is not None, problems
    return curated


def seed_of(capture: str) -> Seed:
    data = capture.encode("utf-8")
    return Seed(SEED, hashlib.sha256(data).hexdigest(), capture, "utf-8", len(data))


def curated_with(capture: str, **changes: Any) -> Curated:
    """The real project's curation with ``capture`` as its only seed, uncurated (the claims
    and attribution fixes, which name the real seeds, left out unless ``changes`` say)."""
    return replace(_curated(), **{"seeds": [seed_of(capture)], "metas": {}, "claims": [],
                                  "fixes": [], **changes})


def run_text(curated: Curated) -> Archive:
    archive, _ = text(curated, Timings())
    return archive


# ------------------------------------------------------------------ attribution fixes

def fixes_capture(n: int) -> str:
    """A headline, then ``n`` sentences each citing SOHR with a figure, and after every
    fourth one a sentence that cites no one."""
    lines = ["Probe headline"]
    for i in range(n):
        lines.append(f"SOHR said 40 people fled district {i} today.")
        if i % 4 == 0:
            lines.append(f"Residents of block {i} stayed put.")
    return "\n\n".join(lines) + "\n"


def fixes_for(n: int) -> list[AttributionFix]:
    """One fix per sentence of :func:`fixes_capture`."""
    fixes = []
    for i in range(n):
        quote = f"district {i} today"
        if i % 3 == 0:
            fixes.append(AttributionFix(SEED, quote, None, "", True, f"not a citation {i}"))
        elif i % 3 == 1:
            fixes.append(AttributionFix(SEED, quote, "sohr", "", False, f"SOHR itself {i}"))
        else:
            fixes.append(AttributionFix(SEED, quote, None, f"a monitor in district {i}", False,
                                        f"the monitor {i}"))
        if i % 4 == 0:
            fixes.append(AttributionFix(SEED, f"BLOCK {i} STAYED PUT", None, f"residents of "
                                        f"block {i}", False, f"the residents {i}"))
    return fixes


def prepare_fixes(n: int) -> Archive:
    return run_text(curated_with(fixes_capture(n), fixes=fixes_for(n)))


def run_evidence(archive: Archive) -> Any:
    found, problems = evidence(archive, Timings())
    return found, problems


# ------------------------------------------------------------------ event reports

def reports_capture(n: int) -> str:
    return "Probe headline\n\n" + "".join(f"The SDF advanced on block {i} of the old city "
                                          f"today.\n\n" for i in range(n))


def prepare_reports(n: int) -> Curated:
    """``n`` events (copies of a real one, without its names), each reporting its own
    paragraph of the capture."""
    curated = _curated()
    model = next(e for e in curated.entities.values() if e.kind is EntityKind.EVENT)
    events = [replace(model, id=f"probe-{i}", name=f"Probe event {i}", aliases=(), parent=None,
                      reports=(Report(SEED, f"block {i} of the old city"),)) for i in range(n)]
    return curated_with(reports_capture(n),
                        entities={**curated.entities, **{e.key: e for e in events}})


# ------------------------------------------------------------------ outlet guess

def outlet_capture(n: int) -> str:
    """``n`` lines with letters outside ASCII, one of them branded with Ya Libnan's name."""
    lines = [f"Line {i} of the capture — «Raqqa», a café in the city." for i in range(n)]
    lines[n // 2] = "Smoke over the old city - Ya Libnan"
    return "\n".join(lines) + "\n"


def prepare_outlet(n: int) -> Seed:
    return seed_of(outlet_capture(n))


def run_outlet(seed: Seed) -> tuple[str | None, str]:
    return guess_outlet(seed, _curated().outlets)


CASES = [
    Case("attribution fixes", 1_000, prepare_fixes, run_evidence,
         "sentences of one seed, each with its fix"),
    Case("event reports", 1_000, prepare_reports, run_text,
         "paragraphs of one article, each reported by its own event"),
    Case("outlet guess", 5_000, prepare_outlet, run_outlet,
         "lines of a capture, one with a site name"),
]


def cpu_seconds(case: Case, scale: int, repeat: int = 3) -> tuple[float, Any]:
    """The least CPU time of ``repeat`` runs of ``case``'s step at ``scale`` times its size,
    and what the step gave."""
    return least_cpu(case.run, case.prepare(case.base * scale), repeat)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=[], help="names of cases (default: all)")
    parser.add_argument("--sizes", nargs="*", type=int, default=[1, 2, 4, 8])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    cases = [c for c in CASES if not args.only or c.name in args.only]
    print(f"{'case':<20} " + "  ".join(f"{f'{s}x':>16}" for s in args.sizes))
    for case in cases:
        figures = [cpu_seconds(case, scale, args.repeat)[0] for scale in args.sizes]
        print(f"{case.name:<20} {growth_cells(figures)}", flush=True)
        print(f"{'':<20} 1x = {case.base:,} ({case.what})", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
