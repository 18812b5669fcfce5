"""Command line: check the metadata, or write the generated Markdown out for inspection.

The MkDocs plugin is the normal way pages are made (``mkdocs build``/``serve``);
this CLI is a thin shell over the same pipeline.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from .pipeline import Project, check, generate
from .problems import ArchiveError, Severity, errors


def _project(args: argparse.Namespace) -> Project:
    return Project(Path(args.root).resolve())


def cmd_check(args: argparse.Namespace) -> int:
    archive, problems = check(_project(args))
    for problem in sorted(problems, key=lambda p: (p.file, p.line or 0, p.key)):
        print(f"{problem.severity.value}: {problem}")
    n_errors = len(errors(problems))
    n_warnings = sum(1 for p in problems if p.severity is Severity.WARNING)
    if archive is not None:
        print(f"{len(archive.articles)} article(s), {len(archive.outlets)} outlet(s) checked: "
              f"{n_errors} error(s), {n_warnings} warning(s)")
    else:
        print(f"{n_errors} error(s), {n_warnings} warning(s): fix the errors above")
    failed = n_errors or (args.strict and n_warnings)
    return 1 if failed else 0


def cmd_build(args: argparse.Namespace) -> int:
    try:
        result = generate(_project(args))
    except ArchiveError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    out = Path(args.out)
    if out.exists():
        shutil.rmtree(out)
    for path, markdown in result.rendered.pages.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    for path, content in result.rendered.data.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    for path, source in result.rendered.static.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    for problem in result.problems:
        print(f"{problem.severity.value}: {problem}", file=sys.stderr)
    print(f"wrote {len(result.rendered.pages)} page(s) and {len(result.rendered.static)} "
          f"raw capture(s) to {out}")
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="archive",
        description="Documentary archive generator: seeds/ + content/ -> Markdown pages.",
    )
    main.add_argument("--root", default=".", help="project folder (default: the current one)")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p_check = commands.add_parser(
        "check", help="validate all metadata and seeds without building",
        description="Read every seed and YAML file, print every problem (file, line, key, "
                    "what is wrong) and exit non-zero if any is an error.")
    p_check.add_argument("--strict", action="store_true", help="fail on warnings too")
    p_check.set_defaults(func=cmd_check)
    p_build = commands.add_parser(
        "build", help="write the generated Markdown tree to a folder for inspection",
        description="Run the generator and write its Markdown pages and raw captures to "
                    "OUT (the MkDocs plugin does the same in memory during mkdocs build).")
    p_build.add_argument("--out", default="build/markdown", help="output folder "
                         "(default: build/markdown; it is replaced)")
    p_build.set_defaults(func=cmd_build)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
