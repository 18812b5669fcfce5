"""How fast the mention finder runs over the seeds and over an uncurated corpus.

    python benchmarks/mentions.py [--corpus DIR] [--repeat N]

Prints the number of mentions, the text size, the best time of N runs and the
throughput. The corpus defaults to ../shared/corpus/fakes (the FA-KES sample,
60 articles); it is skipped with a message when that folder is not there.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.pipeline import Project, check  # noqa: E402
from generator.text.link import linkable_blocks  # noqa: E402
from generator.text.mentions import MentionFinder  # noqa: E402


def best_time(finder: MentionFinder, texts: list[str], repeat: int) -> tuple[float, int]:
    best, found = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = sum(len(finder.find(text)) for text in texts)
        best = min(best, time.perf_counter() - start)
    return best, found


def report(name: str, finder: MentionFinder, texts: list[str], repeat: int) -> None:
    size = sum(len(t.encode("utf-8")) for t in texts)
    seconds, found = best_time(finder, texts, repeat)
    print(f"{name}: {len(texts)} texts, {size / 1e3:.1f} kB, {found} mentions, "
          f"best of {repeat}: {seconds * 1e3:.2f} ms = {size / seconds / 1e6:.2f} MB/s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "fakes")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    evidence, _ = check(Project(ROOT))
    if evidence is None:
        print("the project has errors; run: archive check", file=sys.stderr)
        return 1
    archive = evidence.archive
    start = time.perf_counter()
    finder = MentionFinder(archive.entities.values())
    aliases = sum(len(v) for v in finder.by_folded.values())
    print(f"{len(archive.entities)} entities, {aliases} names; pattern compiled in "
          f"{(time.perf_counter() - start) * 1e3:.1f} ms")
    seeds = [b.text for a in archive.articles for b in linkable_blocks(a)]
    report("seeds (cleaned paragraphs)", finder, seeds, args.repeat)
    if args.corpus.is_dir():
        texts = [p.read_text(encoding="utf-8", errors="replace")
                 for p in sorted(args.corpus.glob("*.txt"))]
        report(f"corpus {args.corpus.name}", finder, texts, args.repeat)
        report(f"corpus {args.corpus.name} x20 as one text", finder, ["\n".join(texts * 20)], 3)
    else:
        print(f"corpus skipped: {args.corpus} is not there")
    return 0


if __name__ == "__main__":
    sys.exit(main())
