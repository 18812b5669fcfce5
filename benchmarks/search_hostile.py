"""How the search index copes with hostile words, and what its words table costs.

    python benchmarks/search_hostile.py [--repeat N]

Prints the best time of N runs of: cutting the term shards of 200 words that share
their first 1,099 letters, and of 3,000 words "a", "aa", "aaa" ... each ending in "x"
(a prefix shared at every length); building the words table (once per build); folding
the seeds' text 50 times over, with the table and with the string-wide folding it
replaced; and the size of ``search/words.js``.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import generator.render.search as si  # noqa: E402

_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def string_fold(text: str) -> str:
    """The folding of the whole string at once that the table replaced."""
    text = unicodedata.normalize("NFKD", text.lower().translate(si.FOLD))
    return _MARKS.sub("", text).translate(si.FOLD)


def best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    shared = {"a" * 1099 + f"{n:03d}x": "1A" for n in range(200)}
    stairs = {"a" * k + "x": "1A" for k in range(1, 3001)}
    print(f"shards of 200 words sharing 1,099 letters: {len(si.cut_shards(shared))} shards, "
          f"{best(lambda: si.cut_shards(shared), repeat):.3f} s")
    print(f"shards of 3,000 words a…ax sharing every prefix: {len(si.cut_shards(stairs))} shards, "
          f"{best(lambda: si.cut_shards(stairs), repeat):.3f} s")

    def table() -> None:
        si.fold_table.cache_clear()
        si.word_ranges.cache_clear()
        si._changed.cache_clear()
        si.words_table()

    print(f"words table: {best(table, repeat):.2f} s to build, "
          f"{len(si._json(si.words_table()).encode('utf-8')):,} bytes in words.js")
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    text *= 50
    size = len(text.encode("utf-8")) / 1e6
    for name, fold in (("table", si.fold), ("string-wide", string_fold)):
        seconds = best(lambda: fold(text), repeat)  # noqa: B023 (called at once)
        print(f"fold ({name}): {size:.1f} MB in {seconds:.3f} s, {size / seconds:.0f} MB/s")


if __name__ == "__main__":
    main()
