"""What a rebuild costs in `mkdocs serve` after one seed changes.

    python benchmarks/incremental.py CORPUS [--repeat 3] [--json]

CORPUS is an archive folder (``benchmarks/make_corpus.py`` makes one; ``run.py``
caches them in /tmp/archive-bench). It is copied to a temporary folder; the
generator runs there once cold, then, in the same process as ``mkdocs serve``
keeps it, once more after one seed gains a sentence, and once after nothing
changed. Each run prints the seconds of every stage and how many pages came out
different from the run before; ``--json`` adds a last line with the figures
(``benchmarks/run.py`` reads it). Nothing in CORPUS is changed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

# The project's generator unless PYTHONPATH names another copy (run.py measures an export).
sys.path.append(str(Path(__file__).resolve().parent.parent))

import generator
from generator.pipeline import Memos, Project, Timings, generate


def run(project: Project, label: str, before: dict[str, str] | None,
        figures: dict[str, list], memos: Memos) -> dict[str, str]:
    timings = Timings()
    start = time.perf_counter()
    result = generate(project, timings, memos=memos)
    total = time.perf_counter() - start
    pages = result.rendered.pages
    changed = "" if before is None else \
        f"; {sum(1 for p, text in pages.items() if before.get(p) != text)} of {len(pages)} pages differ"
    stages = ", ".join(f"{name} {seconds:.2f}" for name, seconds in timings.items())
    print(f"{label:<24} {total:6.2f} s  ({stages}){changed}", flush=True)
    figures.setdefault(label.split(" (")[0], []).append({"total": total, **timings})
    return dict(pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="seed edits to time (default 3)")
    parser.add_argument("--json", action="store_true", help="end with a line of JSON figures")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="archive-incremental-") as tmp:
        root = Path(tmp) / "corpus"
        shutil.copytree(args.corpus, root, ignore=shutil.ignore_patterns("site", ".cache"))
        project = Project(root)
        seeds = sorted(project.seeds_dir.glob("*.txt"))
        figures: dict[str, list] = {}
        memos = Memos()  # kept from build to build, as `mkdocs serve` keeps them
        pages = run(project, "cold", None, figures, memos)
        pages = run(project, "nothing changed", pages, figures, memos)
        for i in range(args.repeat):
            seed = seeds[(i * 7919) % len(seeds)]
            with seed.open("a", encoding="utf-8") as out:
                out.write(f"\n\nA sentence added while editing, number {i + 1}.\n")
            pages = run(project, f"one seed changed ({i + 1})", pages, figures, memos)
    if args.json:
        print(json.dumps({**figures, "module": str(Path(generator.__file__).parent)}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
