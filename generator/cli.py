"""Command line: check the metadata, or write the generated Markdown out for inspection.

The MkDocs plugin is the normal way pages are made (``mkdocs build``/``serve``);
this CLI is a thin shell over the same pipeline.
"""

from __future__ import annotations

import argparse
import datetime
import shutil
import sys
from pathlib import Path
from typing import Callable, TextIO

from generator.model import Suggestions
from generator.pipeline import Project, check, dated_ahead, generate
from generator.problems import ArchiveError, Severity, errors, shown
from generator.read.load import mkdocs_settings, read_project
from generator.read.schema import Checker, validate
from generator.render.changes import MANIFEST_PATH
from generator.render.cite import SiteInfo
from generator.text.rules import validate_rules
from generator.text.suggest import suggest


def say(text: str, stream: TextIO | None = None) -> None:
    """Print ``text`` line by line, each line shown (:func:`problems.shown`): a value from a
    seed, the YAML or a file name cannot end a line early, forge another or send the
    terminal an escape sequence."""
    for line in text.split("\n"):
        print(shown(line), file=stream if stream is not None else sys.stdout)


def site_config(root: Path) -> dict[str, str]:
    """What the generator takes from the project's ``mkdocs.yml`` (see
    :func:`load.mkdocs_settings`)."""
    return mkdocs_settings(root / "mkdocs.yml")


def _project(args: argparse.Namespace) -> Project:
    root = Path(args.root).resolve()
    config = site_config(root)
    previous = getattr(args, "previous", None)
    return Project(root, previous=config.get("previous", "") if previous is None else previous,
                   site=SiteInfo.of(config.get("site_name"), config.get("site_url")))


def cmd_check(args: argparse.Namespace) -> int:
    found, problems = check(_project(args))
    if found is not None:
        problems += dated_ahead(found.archive, datetime.date.today())
    for problem in sorted(problems, key=lambda p: (p.file, p.line or 0, p.key)):
        say(f"{problem.severity.value}: {problem}")
    n_errors = len(errors(problems))
    n_warnings = sum(1 for p in problems if p.severity is Severity.WARNING)
    if found is not None:
        say(f"{len(found.archive.articles)} article(s), {len(found.archive.outlets)} outlet(s) "
            f"checked: {n_errors} error(s), {n_warnings} warning(s)")
    else:
        say(f"{n_errors} error(s), {n_warnings} warning(s): fix the errors above")
    failed = n_errors or (args.strict and n_warnings)
    return 1 if failed else 0


BUILD_MARK = ".archive-build"  # written into OUT, so that only such a folder is ever replaced


def _replaceable(out: Path, project: Project) -> str:
    """Why ``out`` must not be replaced by a build, or '' when it may."""
    target, root = out.resolve(), project.root.resolve()
    inside_inputs = any(target == p or p in target.parents
                        for p in (i.resolve() for i in project.watched))
    if target == root or target in root.parents or inside_inputs:
        return "it is the project, holds it, or lies inside its inputs"
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        return "it is not a folder"
    if out.is_dir() and any(out.iterdir()) and not (out / BUILD_MARK).is_file():
        return f"it is a folder that `archive build` did not write (no {BUILD_MARK} in it)"
    return ""


def cmd_build(args: argparse.Namespace) -> int:
    project = _project(args)
    out = Path(args.out)
    if reason := _replaceable(out, project):
        say(f"error: will not replace {out}: {reason}; choose a new or empty folder", sys.stderr)
        return 1
    try:
        result = generate(project)
    except ArchiveError as exc:
        say(exc.report(), sys.stderr)
        return 1
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / BUILD_MARK).write_text("written by `archive build`; replaced by the next one\n",
                                  encoding="utf-8")
    for path in result.rendered.pages:
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(result.rendered.pages.encoded(path))
    for path in result.rendered.data:
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(result.rendered.data.encoded(path))
    for path, source in result.rendered.static.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    for problem in result.problems + dated_ahead(result.archive, datetime.date.today()):
        say(f"{problem.severity.value}: {problem}", sys.stderr)
    say(f"wrote {len(result.rendered.pages)} page(s) and {len(result.rendered.static)} "
        f"raw capture(s) to {out}")
    return 0


def yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back as ``text``: quotes and
    backslashes escaped, and every character that is not printable (controls, line
    breaks, bidi and other format characters, which YAML refuses or would fold) as
    ``\\xNN``, ``\\uNNNN`` or ``\\UNNNNNNNN``."""
    def one(char: str) -> str:
        if char in '"\\':
            return "\\" + char
        if char.isprintable() or char == " ":
            return char
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else \
            f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    return '"' + "".join(one(c) for c in text) + '"'


def stub_yaml(seed_name: str, hints: Suggestions, outlet_ids: list[str]) -> str:
    """A metadata stub pre-filled with the generator's suggestions, for a curator to confirm.

    Every value is a quoted scalar and every comment one line of visible characters
    (:func:`problems.shown`), so whatever the capture or the outlets hold, the stub reads
    back as written; only its TODO markers are left for ``archive check`` to refuse."""
    quoted = yaml_string
    lines = [
        f"# Metadata for seeds/{shown(seed_name)}, written by `archive new` from the generator's",
        "# suggestions. Confirm or correct every value, then run `archive check`.",
        "# The keys are described in content/README.md.",
        f"seed: {quoted(seed_name)}",
        f"title: {quoted(hints.title)}  # suggested: the first headline-like line",
    ]
    if hints.outlet:
        lines.append(f"outlet: {quoted(hints.outlet)}  # suggested: {shown(hints.outlet_reason)}")
        lines.append("outlet_inferred: true")
        lines.append(f"outlet_basis: {quoted(hints.outlet_reason)}")
    else:
        lines.append("outlet: TODO  # an id from content/outlets.yml: " + ", ".join(outlet_ids))
    if hints.dates:
        lines.append(f"date: {quoted(hints.dates[0])}  # dates in the text: "
                     + shown(", ".join(hints.dates)) + " (add ? if inferred)")
        lines.append('date_basis: "TODO: where the date comes from"')
    else:
        lines.append('# date: "YYYY-MM-DD"  # no date found in the text')
    if hints.dateline:
        lines.append(f"dateline: {quoted(hints.dateline)}")
    if hints.credit:
        lines.append(f"credit: {quoted(hints.credit)}")
    lines.append("language: en")
    return "\n".join(lines) + "\n"


def cmd_new(args: argparse.Namespace) -> int:
    project = _project(args)
    seed_path = Path(args.seed)
    if not seed_path.is_absolute():
        seed_path = (Path.cwd() / seed_path).resolve()
    if seed_path.parent != project.seeds_dir.resolve() or not seed_path.is_file():
        say(f"error: {args.seed} is not a file in {project.seeds_dir}; copy the capture into "
            "seeds/ first", sys.stderr)
        return 1
    target = project.content_dir / "articles" / f"{seed_path.stem}.yml"
    if target.exists() and not args.force:
        say(f"error: {target} exists; edit it, or pass --force to replace it", sys.stderr)
        return 1
    raw = read_project(project.seeds_dir, project.content_dir)
    outlets, _, problems = validate(raw)
    rules = validate_rules(raw.boilerplate, Checker(problems))
    seed = next((s for s in raw.seeds if s.name == seed_path.name), None)
    if seed is None:
        say(f"error: seeds/{seed_path.name} is not a text capture", sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(stub_yaml(seed.name, suggest(seed, rules, outlets), sorted(outlets)),
                      encoding="utf-8")
    say(f"wrote {target}: confirm each suggested value, then run `archive check`")
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
                         "(default: build/markdown; replaced if an earlier build wrote it)")
    p_build.add_argument("--previous", metavar="PATH", default=None,
                         help="the previous published build (its site folder or its "
                         f"{MANIFEST_PATH}) for the Changes page; default: the archive "
                         "plugin's `previous` in mkdocs.yml, if any")
    p_build.set_defaults(func=cmd_build)
    p_new = commands.add_parser(
        "new", help="write a metadata stub for a new seed, pre-filled with suggestions",
        description="Write content/articles/<seed name>.yml for a capture in seeds/, with the "
                    "title, outlet, dates, dateline and credit the generator suggests, for a "
                    "curator to confirm.")
    p_new.add_argument("seed", help="the capture, e.g. seeds/005_new.txt")
    p_new.add_argument("--force", action="store_true", help="replace an existing stub")
    p_new.set_defaults(func=cmd_new)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    command: Callable[[argparse.Namespace], int] = args.func  # set by each subparser
    return command(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
