"""How many pages N one-byte captures get, and what deciding their addresses costs.

    python benchmarks/page_identity.py [--seeds 10000] [--repeat 3] [--render]

The project's inputs are copied to a temporary folder with N captures of one byte each
(every byte value in turn, so nearly every capture repeats another byte for byte and
wants the address of a title that many others want too). The generator reads, cleans and links them
(``--render`` renders every page as well) and this prints how many captures came in,
how many articles and distinct pages came out, how many captures were set aside as not
text (each listed as a problem), how many warnings say a capture is not
at the address it wants, and the least CPU seconds of ``--repeat`` runs of
``assign_slugs`` and ``slug_problems`` over the same metadata. Nothing in the project is
changed.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

# The project's generator unless PYTHONPATH names another copy.
ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))

from generator.pipeline import Project, check, generate  # noqa: E402
from generator.text.assemble import assign_slugs, slug_problems  # noqa: E402


def least_cpu(repeat: int, work: object) -> float:
    """The least CPU seconds of ``repeat`` calls of ``work``."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        work()  # type: ignore[operator]
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--render", action="store_true", help="render every page too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="page-identity-") as tmp:
        project = Path(tmp)
        for name in ("seeds", "content", "site_templates"):
            shutil.copytree(ROOT / name, project / name)
        real = len(list((project / "seeds").glob("*.txt")))
        for n in range(args.seeds):
            (project / "seeds" / f"b{n:05d}.txt").write_bytes(bytes([n % 256]))
        if args.render:
            result = generate(Project(project))
            archive, problems = result.archive, result.problems
            pages = sum(1 for path in result.rendered.pages
                        if path.startswith("articles/") and path != "articles/index.md")
        else:
            found, problems = check(Project(project))
            assert found is not None, problems
            archive = found.archive
            pages = len({a.page_path for a in archive.articles})
        metas = [a.meta for a in archive.articles]
        slugs = assign_slugs(metas)
        seconds = least_cpu(args.repeat, lambda: slug_problems(metas, assign_slugs(metas)))
    not_text = sum(1 for p in problems if "not a text capture" in p.message)
    moved = sum(1 for p in problems if "is published at articles/" in p.message)
    print(f"captures: {real + args.seeds} ({real} of the project, {args.seeds} of one byte)")
    print(f"articles: {len(archive.articles)}; distinct article pages"
          f"{' rendered' if args.render else ''}: {pages}; distinct slugs: {len(set(slugs.values()))}")
    print(f"set aside as not text, each listed: {not_text}")
    print(f"warnings of a capture not at the address it wants: {moved}")
    print(f"assign_slugs + slug_problems: {seconds:.3f} s CPU (least of {args.repeat})")


if __name__ == "__main__":
    main()
