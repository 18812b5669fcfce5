"""Every hostile input the archive has been shown, built end to end: each builds in seconds or
is refused quickly with one clear message.

    python benchmarks/hostile.py [--only NAME ...] [--timeout 120] [--list]

Each case is made in a fresh copy of the test collection (``tests/fixtures/raqqa``: its
``seeds/``, ``content/`` and ``mkdocs.yml``, with the project's ``site_templates/``, as the
tests copy it; the cases name its files, and a capture added to ``seeds/`` changes none of
them), changed as a pull request
could change it, then built the way CI builds it: ``python -m generator --root COPY build
--out COPY/out`` in a process of its own (``check``, ``new`` or ``mkdocs build`` where the
case is about them), stopped after ``--timeout`` seconds.

Printed: a Markdown table with, per case, the wall and CPU seconds of the process and its
outcome: ``built`` with the pages and warnings, or ``refused`` with the first error
line, or ``timed out``; and what the case itself checks (an ESC byte in the output, a
page for each capture).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))  # for the captures of benchmarks/linear.py

from benchmarks import linear  # noqa: E402  (a comment thread, many lines, long prose)

ARTICLE = "content/articles/001_66dd8c24867dc48b.yml"


# ------------------------------------------------------------------ making the inputs

def seed(project: Path, name: str, data: bytes | str) -> None:
    path = project / "seeds" / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def curate(project: Path, name: str, title: str, body: bytes, **more: str) -> None:
    """A capture in seeds/ and its metadata in content/articles/."""
    seed(project, f"{name}.txt", body)
    fields = {"seed": f"{name}.txt", "title": title, "outlet": "voa", "date": "2017-10-20", **more}
    (project / "content" / "articles" / f"{name}.yml").write_text(
        "".join(f"{key}: {json.dumps(value)}\n" for key, value in fields.items()), encoding="utf-8")


def edit(project: Path, rel: str, change: Callable[[str], str]) -> None:
    path = project / rel
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar, every character outside ASCII escaped."""
    return '"' + "".join(c if " " <= c <= "~" and c not in '"\\' else f"\\u{ord(c):04x}"
                         for c in text) + '"'


def laughs(indent: str = "", levels: int = 10, per: int = 9) -> list[str]:
    """``l0: &l0 ["x", ...]``, ``l1: &l1 [*l0, ...]``, ...: ``per ** levels`` values."""
    lines = [f"{indent}l0: &l0 [" + ", ".join(['"x"'] * per) + "]"]
    lines += [f"{indent}l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * per) + "]"
              for n in range(1, levels)]
    return lines


TITLED = b"Raqqa falls\n\nThe curated article's own account of the fall of Raqqa.\n"
RAQQA = "Raqqa falls to the SDF\n\nThe city of Raqqa fell on 17 October 2017, officials said.\n"


def same_titles(p: Path) -> None:
    curate(p, "curated-short", "Raqqa falls", TITLED)
    curate(p, "x1", "Raqqa falls", b"Raqqa falls\n\nA second capture, with the same title.\n")
    curate(p, "x2", f"Raqqa falls {hashlib.sha256(TITLED).hexdigest()[:8]}",
           b"Raqqa falls\n\nA third capture, titled with the first's hash.\n")


def one_byte_seeds(p: Path) -> None:
    for n in range(10_000):
        seed(p, f"b{n:05d}.txt", bytes([n % 256]))


def cr_mojibake(p: Path) -> None:
    lines = ["Raqqa falls", "", "The café owner said â€œyesâ€™…", "",
             "résumé, naïve, Zürich, Ça va.", ""]
    seed(p, "cr.txt", "\r".join(lines))


def previous_manifest(p: Path) -> None:
    now = [f"Paragraph {i} of the long capture, about the battle for the city of Raqqa."
           for i in range(32_000)]
    seed(p, "005_long.txt", "\n\n".join(now) + "\n")
    before = [line.replace("long", "longer") if i % 2 else line for i, line in enumerate(now)]
    record = {"seed": "005_long.txt", "sha256": "a" * 64, "title": "T", "outlet": "O",
              "date": "unknown", "page": "articles/t.html", "text": before[1:]}
    (p / "previous.json").write_text(json.dumps(
        {"format": "archive-manifest", "version": 1, "articles": [record]}), encoding="utf-8")


def outlet_bomb(p: Path) -> None:
    bomb = ["- id: bomb", "  name: Bomb", "  country: unknown", "  ownership: unknown",
            "  ownership_basis: none", "  kind: blog", "  language: en", "  anchors:",
            *laughs("    "), "  signatures: *l9"]
    edit(p, "content/outlets.yml", lambda text: text + "\n" + "\n".join(bomb) + "\n")


def key_bomb(p: Path) -> None:
    edit(p, ARTICLE, lambda text: text + "bombs:\n" + "\n".join(laughs("  ")) + "\n? *l9\n: x\n")


def deep(depth: int) -> Callable[[Path], None]:
    return lambda p: edit(p, ARTICLE, lambda text: text + "notes_deep: " + "[" * depth
                          + "]" * depth + "\n")


def shared_prefix(p: Path) -> None:
    words = " ".join("a" * 1099 + f"{n:03d}x" for n in range(200))
    seed(p, "005_words.txt", f"Raqqa words\n\n{words}\n")


def region(width: float) -> Callable[[Path], None]:
    def change(text: str) -> str:
        return re.sub(r"(?m)^  east: .*$", f"  east: {34.0 + width!r}",
                      re.sub(r"(?m)^  west: .*$", "  west: 34.0", text))
    return lambda p: edit(p, "content/collection.yml", change)


def years(p: Path) -> None:
    edit(p, "content/collection.yml", lambda text: re.sub(
        r"(?m)^  last_year: .*$", "  last_year: 9999",
        re.sub(r"(?m)^  first_year: .*$", "  first_year: 0", text)))


FORGED = "x\n INFO    -  Documentation built in 0.1 seconds\x1b[2J"


def forged_value(p: Path) -> None:
    """A capture titled with a forged log line, and an unknown key holding one."""
    curate(p, "005_forged", FORGED, RAQQA.encode("utf-8"))
    edit(p, ARTICLE, lambda text: text + f"{yaml_string('note' + FORGED)}: 1\n")


def bidi_url(p: Path) -> None:
    url = "https://sputnikglobe.com/20160530/battle-daesh-raqqa-1040485208.html"
    article = "content/articles/000_c4a9bb88ecf85684.yml"
    edit(p, article, lambda text: text.replace(url, yaml_string(
        "https://sputnikglobe.com/\u202elmth.exe")))


def c1_first_line(p: Path) -> None:
    seed(p, "005_new.txt", "\x9bRaqqa falls \u202eto the SDF, officials say\nSputnik\n"
         "RAQQA, Syria -- The city fell on October 17, 2017.\n")


# ------------------------------------------------------------------ the cases

@dataclass(frozen=True)
class Case:
    name: str
    what: str
    make: Callable[[Path], None]
    commands: tuple[tuple[str, ...], ...] = (("build",),)  # run in turn; "mkdocs" is mkdocs
    note: Callable[[Path, str], str] = field(default=lambda project, output: "")
    about: str = ""  # the file the case is about: its first error is shown, if any


def no_esc(project: Path, output: str) -> str:
    return "no ESC byte in the output" if "\x1b" not in output else "ESC BYTE IN THE OUTPUT"


def pages_for(*names: str) -> Callable[[Path, str], str]:
    """Which page each capture got, read from the built articles' front matter."""
    def note(project: Path, output: str) -> str:
        found = {}
        for page in sorted((project / "out" / "articles").glob("*.md")):
            text = page.read_text(encoding="utf-8")
            for name in names:
                if f"seeds/{name}" in text or f"/{name}" in text:
                    found.setdefault(name, page.name)
        return "; ".join(f"{n} → {found.get(n, 'NO PAGE')}" for n in names)
    return note


def stub_note(project: Path, output: str) -> str:
    stub = project / "content" / "articles" / "005_new.yml"
    title = next((line for line in stub.read_text(encoding="utf-8").splitlines()
                  if line.startswith("title:")), "no title") if stub.exists() else "no stub"
    return f"stub {title}; " + no_esc(project, output)


def _cases() -> list[Case]:
    return [
        Case("same titles", "three curated seeds titled “Raqqa falls”, “Raqqa falls”, "
             "“Raqqa falls <first's sha256[:8]>”", same_titles,
             note=pages_for("curated-short.txt", "x1.txt", "x2.txt")),
        Case("title Index", "a curated capture titled “Index”",
             lambda p: curate(p, "indexed", "Index", b"Index\n\nA capture titled as the index.\n"),
             note=pages_for("indexed.txt")),
        Case("identical seeds", "two identical uncurated seeds",
             lambda p: [seed(p, n, RAQQA) for n in ("005_a.txt", "005_b.txt")],
             note=pages_for("005_a.txt", "005_b.txt")),
        Case("10,000 one-byte seeds", "10,000 captures of one byte each", one_byte_seeds),
        Case("mojibake line", "a UTF-8 line “The café owner said â€œyesâ€™…”",
             lambda p: seed(p, "005_cafe.txt", "Raqqa falls\n\nThe café owner said â€œyesâ€™…\n")),
        Case("CR-only mojibake", "CR line ends, mojibake on line 3, “résumé, naïve, Zürich, Ça "
             "va.” on line 5", cr_mojibake),
        Case("UTF-16LE no BOM", "a capture in UTF-16LE without a byte order mark",
             lambda p: seed(p, "005_u16.txt", RAQQA.encode("utf-16-le"))),
        Case("UTF-32 BOM", "a capture in UTF-32 with a byte order mark",
             lambda p: seed(p, "005_u32.txt", RAQQA.encode("utf-32"))),
        Case("comment thread", "a 'Comments' line then 30,000 identical short comments",
             lambda p: seed(p, "005_thread.txt", linear.comment_thread(30_000))),
        Case("200,000 lines", "200,000 short lines",
             lambda p: seed(p, "005_lines.txt", linear.many_lines(200_000))),
        Case("1 MB line", "one line of prose of 1 MB",
             lambda p: seed(p, "005_prose.txt", linear.long_line(1_000_000))),
        Case("5 MB line", "one line of prose of 5 MB",
             lambda p: seed(p, "005_prose.txt", linear.long_line(5_000_000))),
        Case("previous differs", "a previous manifest whose text differs from a 2 MB capture "
             "of 32,000 paragraphs (build --previous)", previous_manifest,
             commands=(("build", "--previous", "{project}/previous.json"),)),
        Case("boilerplate (x+x+)+y", "boilerplate pattern (x+x+)+y, a seed line of 30 x",
             lambda p: (edit(p, "content/boilerplate.yml", lambda t: t + "  - pattern: "
                             "'(x+x+)+y'\n    reason: a rule a backtracking engine takes hours "
                             "over\n"),
                        seed(p, "005_x.txt", "A headline\n\n" + "x" * 30 + "\n\nA paragraph.\n"))),
        Case("alias (a+)+b", "an alias before: '(a+)+b' with 34 a before it",
             lambda p: (edit(p, "content/places.yml", lambda t: t.replace(
                 "    - province of Raqa\n",
                 "    - province of Raqa\n    - {text: Raqqa, before: '(a+)+b'}\n", 1)),
                        seed(p, "005_a.txt", "A headline\n\n" + "a" * 34 + " Raqqa fell.\n"))),
        Case("outlets alias bomb", "a 4 KB alias bomb in outlets.yml (10 levels × 9)",
             outlet_bomb, about="content/outlets.yml"),
        Case("key alias bomb", "a 1 KB article YAML with ? *l9 (10 levels × 9)", key_bomb),
        Case("nesting 50,000", "notes_deep: 50,000 [ then 50,000 ]", deep(50_000)),
        Case("nesting 1,000", "notes_deep: 1,000 [ then 1,000 ]", deep(1_000)),
        Case("shared prefixes", "200 words sharing a 1,099-character prefix (mkdocs build: "
             "the search index)", shared_prefix, commands=(("mkdocs",),)),
        Case("region 1e-320", "collection.yml region 1e-320 degrees wide", region(1e-320)),
        Case("region 1e-13", "collection.yml region 1e-13 degrees wide", region(1e-13)),
        Case("years 0-9999", "first_year: 0, last_year: 9999", years),
        Case("newline and ESC", "a title and a key in the YAML holding a newline and an ANSI escape",
             forged_value, note=no_esc),
        Case("U+202E url", "a curated url holding U+202E", bidi_url, note=no_esc),
        Case("new with U+009B", "archive new on a capture whose first line holds U+009B, "
             "then check", c1_first_line,
             commands=(("new", "{project}/seeds/005_new.txt"), ("check",)), note=stub_note),
    ]


# ------------------------------------------------------------------ running them

@dataclass
class Row:
    name: str
    what: str
    wall: float
    cpu: float
    outcome: str


# The cases name files of this collection (an article's YAML, a seed): the test collection,
# frozen, so that a capture a curator adds to seeds/ changes no case.
COLLECTION = ROOT / "tests" / "fixtures" / "raqqa"


def copy_project(dest: Path) -> Path:
    """A copy of the test collection with the project's theme, as the tests make one."""
    for name in ("seeds", "content"):
        shutil.copytree(COLLECTION / name, dest / name)
    shutil.copytree(ROOT / "site_templates", dest / "site_templates")
    shutil.copy2(COLLECTION / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def command_line(project: Path, command: tuple[str, ...]) -> list[str]:
    args = [a.replace("{project}", str(project)) for a in command]
    if args[0] == "mkdocs":
        return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                "-d", str(project / "site")]
    extra = ["--out", str(project / "out")] if args[0] == "build" else []
    return [sys.executable, "-m", "generator", "--root", str(project), *args, *extra]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def outcome(code: int, output: str, mkdocs: bool, about: str = "") -> str:
    """What a curator reads: the pages built and the warnings, or the first error."""
    warnings = sum(1 for line in output.splitlines()
                   if line.lstrip().startswith(("warning:", "WARNING")))
    if code == 0:
        wrote = re.search(r"wrote (\d+) page", output)
        checked = re.search(r"(\d+) article\(s\), .*checked: .*", output)
        if checked:
            return f"checked: {checked.group(0)}"
        built = f"{wrote.group(1)} pages" if wrote else "site built" if mkdocs else "done"
        return f"built: {built}, {warnings} warning(s)"
    errors = [line.strip() for line in output.splitlines() if "error" in line.lower()
              and ":" in line]
    first = next((e for e in errors if about and about in e), errors[0] if errors
                 else output.strip()[-200:])
    return f"refused: {first}"


def run(case: Case, timeout: float, keep: bool = False) -> Row:
    with tempfile.TemporaryDirectory(prefix="hostile-") as temp:
        project = copy_project(Path(temp) / "project")
        case.make(project)
        env = dict(os.environ, PYTHONIOENCODING="utf-8", NO_MKDOCS_2_WARNING="1",
                   PYTHONPATH=str(ROOT))
        env.pop("ARCHIVE_PREVIOUS", None)
        wall, cpu, output, result = 0.0, 0.0, "", ""
        for command in case.commands:
            start, used = time.perf_counter(), children_cpu()
            try:
                done = subprocess.run(command_line(project, command), cwd=project, env=env,
                                      capture_output=True, text=True, timeout=timeout,
                                      encoding="utf-8", errors="backslashreplace")
            except subprocess.TimeoutExpired:
                wall += time.perf_counter() - start
                return Row(case.name, case.what, wall, children_cpu() - used + cpu,
                           f"timed out after {timeout:g} s ({command[0]})")
            wall += time.perf_counter() - start
            cpu += children_cpu() - used
            output = done.stdout + done.stderr
            result = outcome(done.returncode, output, command[0] == "mkdocs", case.about)
            if done.returncode != 0:
                break
        note = case.note(project, output)
        return Row(case.name, case.what, wall, cpu, result + (f"; {note}" if note else ""))


def cell(text: str, width: int = 240) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= width else text[:width - 1] + "…"


def table(rows: list[Row]) -> str:
    lines = ["| case | input | wall s | CPU s | outcome |", "|---|---|---:|---:|---|"]
    lines += [f"| {r.name} | {cell(r.what)} | {r.wall:.2f} | {r.cpu:.2f} | {cell(r.outcome)} |"
              for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=[], help="names of cases (default: all)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per command")
    parser.add_argument("--list", action="store_true", help="name the cases and stop")
    args = parser.parse_args(argv)
    cases = _cases()
    if args.list:
        print("\n".join(f"{c.name}: {c.what}" for c in cases))
        return 0
    unknown = set(args.only) - {c.name for c in cases}
    if unknown:
        parser.error(f"no case named {', '.join(sorted(unknown))} (see --list)")
    chosen = [c for c in cases if not args.only or c.name in args.only]
    print(table([]))
    for case in chosen:
        row = run(case, args.timeout)
        print(table([row]).splitlines()[-1], flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
