"""The whole pipeline: read -> validate -> clean -> assemble -> render.

Everything is read and checked before anything is rendered; errors stop the
run with every problem listed, warnings are returned for the caller to log.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .assemble import assemble
from .changes import read_previous
from .cite import SiteInfo, read_site_info
from .citations import claim_problems, read_all
from .indexes import ArchiveIndex
from .link import link
from .load import read_project
from .model import Archive
from .problems import ArchiveError, Problem, errors
from .render import Rendered
from .site import render_site
from .rules import validate_rules
from .validate import Checker, validate
from .validate_compare import read_attribution_fixes, read_claims, read_framing
from .validate_entities import check_references, read_entities


@dataclass(frozen=True)
class Project:
    """Where a project's inputs are."""

    root: Path
    seeds: str = "seeds"
    content: str = "content"
    templates: str = "site_templates"
    # The previous build (its site folder or its data/manifest.json) for the Changes page,
    # as given (relative to ``root`` unless absolute); '' for none.
    previous: str = ""
    # The site's name and address for references and the feed; read from the root's
    # mkdocs.yml when not given (the MkDocs plugin gives MkDocs' own configuration).
    site: SiteInfo | None = None

    @property
    def previous_path(self) -> Path | None:
        return (self.root / self.previous) if self.previous else None

    def site_info(self) -> SiteInfo:
        return self.site if self.site is not None else read_site_info(self.root / "mkdocs.yml")

    @property
    def seeds_dir(self) -> Path:
        return self.root / self.seeds

    @property
    def content_dir(self) -> Path:
        return self.root / self.content

    @property
    def templates_dir(self) -> Path:
        return self.root / self.templates

    @property
    def watched(self) -> list[Path]:
        return [self.seeds_dir, self.content_dir, self.templates_dir]


@dataclass
class Result:
    archive: Archive
    rendered: Rendered
    problems: list[Problem]
    timings: dict[str, float] = field(default_factory=dict)  # a Timings after a build


# Told of each stage as it ends: its name, seconds, what it counted.
Report = Callable[[str, float, str], None]


class Timings(dict[str, float]):
    """Seconds spent per stage (load, validate, clean, link, compare, render).

    ``report``, if given, is told of each stage as it ends (name, seconds, what
    it counted), so a long build can show its progress.
    """

    def __init__(self, report: Report | None = None) -> None:
        super().__init__()
        self.report = report
        self.counts: dict[str, str] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self[name] = self.get(name, 0.0) + time.perf_counter() - start
            if self.report:
                self.report(name, self[name], self.counts.get(name, ""))

    def count(self, name: str, what: str) -> None:
        self.counts[name] = what


def check(project: Project, timings: Timings | None = None) -> tuple[Archive | None, list[Problem]]:
    """Read and validate everything; returns the archive (None on errors) and all problems."""
    timings = Timings() if timings is None else timings
    with timings.stage("load"):
        raw = read_project(project.seeds_dir, project.content_dir)
        timings.count("load", f"{len(raw.seeds)} seeds, {len(raw.articles)} metadata files")
    with timings.stage("validate"):
        outlets, metas, problems = validate(raw)
        checker = Checker(problems)
        rules = validate_rules(raw.boilerplate, checker)
        found = read_entities(raw.entities, checker)
        seed_names = {s.name for s in raw.seeds}
        check_references(found, seed_names, checker)
        actor_ids = {e.id for e, _ in found.values() if e.kind == "actor"}
        framing = read_framing(raw.comparison.get("framing"), checker)
        claims = read_claims(raw.comparison.get("claims"), checker, seed_names)
        fixes = read_attribution_fixes(raw.comparison.get("attributions"), checker, seed_names,
                                       actor_ids)
    if errors(problems):
        return None, problems
    with timings.stage("clean"):
        archive, more = assemble(raw.seeds, outlets, metas, rules)
        timings.count("clean", f"{len(archive.articles)} articles")
    archive.framing, archive.claims, archive.attribution_fixes = framing, claims, fixes
    with timings.stage("link"):
        more += link(archive, {key: entity for key, (entity, _) in found.items()})
        timings.count("link", f"{len(archive.mentions)} mentions of {len(found)} entities")
    with timings.stage("compare"):
        index = ArchiveIndex(archive)
        archive.citations, archive.figures, fix_problems = read_all(index)
        more += fix_problems + claim_problems(index)
        timings.count("compare", f"{len(archive.citations)} citations, {len(archive.figures)} figures")
    if errors(more):
        return None, problems + more
    return archive, problems + more


def generate(project: Project, timings: Timings | None = None,
             pages_dir: Path | None = None) -> Result:
    """Run the pipeline; raises :class:`ArchiveError` listing every error found.

    With ``pages_dir``, the pages are written there as they are rendered instead of
    being held in memory (a large archive's build)."""
    timings = Timings() if timings is None else timings
    archive, problems = check(project, timings)
    if archive is None:
        raise ArchiveError(problems)
    previous, more = read_previous(project.previous_path, project.previous)
    problems = sorted(problems + more, key=lambda p: (p.file, p.line or 0, p.key))
    with timings.stage("render"):
        rendered = render_site(archive, problems, project.templates_dir, project.seeds_dir,
                               pages_dir, previous, project.site_info())
        timings.count("render", f"{len(rendered.pages)} pages")
    return Result(archive, rendered, problems, timings)
