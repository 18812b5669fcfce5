"""Curated patterns and YAML limits: how long the hostile inputs take, and what normal
YAML costs to read.

    python benchmarks/patterns.py [--corpus /tmp/corpus-1000]

Prints CPU seconds (the least of several runs). Python's backtracking engine is timed on
short lines only (each ``x`` more doubles its time; 30 took 34 s); RE2 on the lines of
the reproductions and far longer ones. With ``--corpus`` (a project of
``benchmarks/make_corpus.py``) it also reads every YAML file of it with the archive's
loader and with libyaml's own safe loader (without line numbers or bounds).
"""

from __future__ import annotations

import argparse
import re
import time
import tracemalloc
from functools import partial
from pathlib import Path
from typing import Callable

import yaml

from generator.read.load import YamlLimit, _LineLoader
from generator.read.pattern import Anchor, curated


def cpu(work: Callable[[], object], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def patterns() -> None:
    print("pattern                       engine   text               CPU s")
    python = re.compile("(x+x+)+y", re.IGNORECASE)
    for n in (16, 18, 20, 22):
        print(f"(x+x+)+y, whole line          re       {n:>6} x           "
              f"{cpu(partial(python.fullmatch, 'x' * n), 1):.3f}")
    ours = curated("(x+x+)+y", Anchor.LINE)
    for n in (30, 1_000, 100_000):
        print(f"(x+x+)+y, whole line          RE2      {n:>6} x           "
              f"{cpu(partial(ours.found, 'x' * n)):.6f}")
    before = re.compile(r"(?:(a+)+b)\Z", re.IGNORECASE)
    for n in (18, 20, 22):
        print(f"before: (a+)+b                re       {n:>6} a           "
              f"{cpu(partial(before.search, 'a' * n + ' '), 1):.3f}")
    ours = curated("(a+)+b", Anchor.END)
    for n in (34, 80):
        print(f"before: (a+)+b                RE2      {n:>6} a           "
              f"{cpu(partial(ours.found, 'a' * n + ' ')):.6f}")


def laughs(levels: int) -> str:
    lines = ['l0: &l0 [' + ", ".join(['"x"'] * 9) + "]"]
    lines += [f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


def refused(text: str) -> tuple[float, int]:
    def load() -> None:
        try:
            yaml.load(text, Loader=_LineLoader)  # a safe loader
        except YamlLimit:
            return
        raise AssertionError("not refused")

    seconds = cpu(load)
    tracemalloc.start()
    load()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak


def limits() -> None:
    print("\nhostile YAML                                   refused after  peak memory")
    for name, text in (("alias bomb, 10 levels of 9 (4 KB)", laughs(10)),
                       ("nesting 1,000 deep", "notes: " + "[" * 1000 + "]" * 1000 + "\n"),
                       ("nesting 50,000 deep", "notes: " + "[" * 50_000 + "]" * 50_000 + "\n")):
        seconds, peak = refused(text)
        print(f"{name:<46} {seconds * 1000:8.2f} ms  {peak / 1024:8.0f} KB")


def corpus(root: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "content").rglob("*.yml"))]
    plain = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    ours = cpu(lambda: [yaml.load(t, Loader=_LineLoader) for t in texts], 5)
    theirs = cpu(lambda: [yaml.load(t, Loader=plain) for t in texts], 5)
    print(f"\nreading the {len(texts):,} YAML files of {root}")
    print(f"  the archive's loader (lines, bounds)   {ours:.3f} s CPU")
    print(f"  {plain.__name__} (neither)            {theirs:.3f} s CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="a project made by make_corpus.py")
    args = parser.parse_args()
    patterns()
    limits()
    if args.corpus:
        corpus(args.corpus)


if __name__ == "__main__":
    main()
