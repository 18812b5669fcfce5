"""How long decoding takes for a capture of the largest size the archive builds.

    python benchmarks/decode.py [--mib 16] [--repeat 3]

Builds captures of ``--mib`` MiB (default: ``MAX_CAPTURE_BYTES``) in memory, each a
worst case for one path of ``generator/read/decode.py``: plain ASCII, correct accented
text on every line, mojibake on every line, one line of mojibake as long as the
capture, and UTF-16 without a byte order mark. Prints, for each, the best CPU time of
``--repeat`` runs, the throughput, and how many lines the repair changed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent.parent))

from generator.read.decode import decode_capture
from generator.read.load import MAX_CAPTURE_BYTES

LINE = "Civilians fled Raqqa on Tuesday, a witness said, as the offensive went on. "
ACCENTED = "Le café de Raqqa, résumé naïf à Zürich: « Ça va », dit-il — “yes”. "
MANGLED = "The café owner said â€œyesâ€™… as Raqqa’s “fall” neared. "


def fill(piece: str, size: int, line_words: int | None) -> bytes:
    """``piece`` repeated to ``size`` bytes of UTF-8, in lines of ``line_words`` pieces
    (one line when None)."""
    unit = piece * line_words + "\n" if line_words else piece
    data = unit.encode()
    return (data * (size // len(data) + 1))[:size].rsplit(b" ", 1)[0]


def cases(size: int) -> dict[str, bytes]:
    return {
        "ascii, lines of 600 bytes": fill(LINE, size, 8),
        "accented, lines of 600 bytes": fill(ACCENTED, size, 8),
        "mojibake on every line": fill(MANGLED, size, 8),
        "mojibake, one line": fill(MANGLED, size, None),
        "utf-16 without a mark": fill(LINE, size // 2, 8).decode().encode("utf-16-le"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=float, default=MAX_CAPTURE_BYTES / 2**20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    size = int(args.mib * 2**20)
    print(f"captures of {size:,} bytes (limit {MAX_CAPTURE_BYTES:,}), best of {args.repeat}")
    for name, data in cases(size).items():
        best = float("inf")
        for _ in range(args.repeat):
            start = time.process_time()
            result = decode_capture(data)
            best = min(best, time.process_time() - start)
        notes = "; ".join(n[:70] for n in result.notes) or "no note"
        print(f"  {name:30} {best:7.2f} s CPU  {len(data) / 2**20 / best:6.1f} MiB/s  {notes}")


if __name__ == "__main__":
    main()
