"""The whole pipeline, four stages, one folder each: read -> text -> evidence -> render.

- **read** (``generator/read/``): seeds and YAML from disk, checked into the typed model;
- **text** (``generator/text/``): each capture cleaned into the outlet's article and the
  rest, and the mentions of actors, places and events found in it;
- **evidence** (``generator/evidence/``): who each outlet cites, the figures it states,
  the outlets compared;
- **render** (``generator/render/``, drawings from ``generator/svg/``): the Markdown
  pages, data files and raw captures.

Each stage returns a frozen result and the problems it found. Everything is read and
checked before anything is rendered; errors stop the run with every problem listed,
warnings are returned for the caller to log. The timings and logs name the same stages.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator

from generator.evidence.found import Evidence, find_evidence
from generator.model import (
    Archive,
    ArticleMeta,
    AttributionFix,
    Claim,
    Collection,
    Entity,
    FramingGroup,
    Outlet,
    Seed,
)
from generator.problems import ArchiveError, Problem, errors
from generator.read.collection import read_collection
from generator.read.comparison import read_attribution_fixes, read_claims, read_framing
from generator.read.entities import check_references, read_entities
from generator.read.load import read_project
from generator.read.schema import Checker, validate
from generator.render.changes import read_previous
from generator.render.cite import SiteInfo, read_site_info
from generator.render.pages import Rendered
from generator.render.site import render_site
from generator.text.assemble import assemble
from generator.text.clean import Rules
from generator.text.link import link
from generator.text.rules import validate_rules


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
    evidence: Evidence
    rendered: Rendered
    problems: list[Problem]
    timings: dict[str, float] = field(default_factory=dict)  # a Timings after a build

    @property
    def archive(self) -> Archive:
        return self.evidence.archive


# Told of each stage as it ends: its name, seconds, what it counted.
Report = Callable[[str, float, str], None]


class Timings(dict[str, float]):
    """Seconds spent per stage (read, text, evidence, render).

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


@dataclass(frozen=True)
class Curated:
    """What the read stage makes: the seeds as read and the curated YAML as typed records."""

    seeds: list[Seed]
    outlets: dict[str, Outlet]
    metas: dict[str, ArticleMeta]
    rules: Rules
    entities: dict[str, Entity]  # by key
    framing: list[FramingGroup]
    claims: list[Claim]
    fixes: list[AttributionFix]
    collection: Collection = Collection()


def read(project: Project, timings: Timings) -> tuple[Curated | None, list[Problem]]:
    """The read stage: seeds and YAML from disk, checked into the typed model (None on errors)."""
    with timings.stage("read"):
        raw = read_project(project.seeds_dir, project.content_dir)
        outlets, metas, problems = validate(raw)
        checker = Checker(problems)
        collection = read_collection(raw.collection, checker)
        rules = validate_rules(raw.boilerplate, checker)
        found = read_entities(raw.entities, checker, collection)
        seed_names = {s.name for s in raw.seeds}
        check_references(found, seed_names, checker)
        actor_ids = {e.id for e, _ in found.values() if e.kind == "actor"}
        framing = read_framing(raw.comparison.get("framing"), checker)
        claims = read_claims(raw.comparison.get("claims"), checker, seed_names)
        fixes = read_attribution_fixes(raw.comparison.get("attributions"), checker, seed_names,
                                       actor_ids)
        timings.count("read", f"{len(raw.seeds)} seeds, {len(raw.articles)} metadata files, "
                              f"{len(found)} entities")
    if errors(problems):
        return None, problems
    entities = {key: entity for key, (entity, _) in found.items()}
    return Curated(raw.seeds, outlets, metas, rules, entities, framing, claims, fixes,
                   collection), problems


def text(curated: Curated, timings: Timings) -> tuple[Archive, list[Problem]]:
    """The text stage: each capture cleaned into the outlet's article and the rest, and
    every mention of an actor, place or event found in it."""
    with timings.stage("text"):
        archive, problems = assemble(curated.seeds, curated.outlets, curated.metas, curated.rules)
        archive = replace(archive, framing=curated.framing, claims=curated.claims,
                          attribution_fixes=curated.fixes, collection=curated.collection)
        archive, more = link(archive, curated.entities)
        timings.count("text", f"{len(archive.articles)} articles, {len(archive.mentions)} "
                              f"mentions of {len(archive.entities)} entities")
    return archive, problems + more


def evidence(archive: Archive, timings: Timings) -> tuple[Evidence, list[Problem]]:
    """The evidence stage: citations, figures and the comparison of the outlets."""
    with timings.stage("evidence"):
        found, problems = find_evidence(archive)
        timings.count("evidence", f"{len(found.index.citations)} citations, "
                                  f"{len(found.index.figures)} figures")
    return found, problems


def check(project: Project, timings: Timings | None = None) -> tuple[Evidence | None, list[Problem]]:
    """Read, clean, link and find the evidence; returns it (None on errors) and all problems."""
    timings = Timings() if timings is None else timings
    curated, problems = read(project, timings)
    if curated is None:
        return None, problems
    archive, more = text(curated, timings)
    found, most = evidence(archive, timings)
    if errors(more + most):
        return None, problems + more + most
    return found, problems + more + most


def generate(project: Project, timings: Timings | None = None,
             pages_dir: Path | None = None) -> Result:
    """Run the pipeline; raises :class:`ArchiveError` listing every error found.

    With ``pages_dir``, the pages are written there as they are rendered instead of
    being held in memory (a large archive's build)."""
    timings = Timings() if timings is None else timings
    found, problems = check(project, timings)
    if found is None:
        raise ArchiveError(problems)
    previous, more = read_previous(project.previous_path, project.previous)
    problems = sorted(problems + more, key=lambda p: (p.file, p.line or 0, p.key))
    with timings.stage("render"):
        rendered = render_site(found, problems, project.templates_dir, project.seeds_dir,
                               pages_dir, previous, project.site_info())
        timings.count("render", f"{len(rendered.pages)} pages")
    return Result(found, rendered, problems, timings)
