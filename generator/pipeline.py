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

import datetime
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Callable, Iterator

from generator.cache import Memo
from generator.evidence.citations import Read
from generator.evidence.comparison import Framed
from generator.evidence.found import Evidence, find_evidence
from generator.model import (
    Archive,
    ArticleMeta,
    ArticleText,
    AttributionFix,
    Claim,
    Collection,
    Entity,
    EntityKind,
    FramingGroup,
    Outlet,
    Seed,
)
from generator.problems import ArchiveError, Problem, errors
from generator.read.collection import read_collection
from generator.read.comparison import read_attribution_fixes, read_claims, read_framing
from generator.read.entities import check_references, read_entities
from generator.read.load import read_project
from generator.read.schema import Checker, future_dates, validate
from generator.render.changes import read_previous
from generator.render.cite import SiteInfo, read_site_info
from generator.render.pages import Rendered
from generator.render.site import RenderMemos, SiteSources, render_site
from generator.text.assemble import assemble
from generator.text.clean import Rules
from generator.text.link import link
from generator.text.mentions import Found, MentionFinder
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


@dataclass
class Memos:
    """Everything a build may remember for the next one, by stage: one object, which the
    MkDocs plugin keeps for the rebuilds of one `mkdocs serve` so that a rebuild redoes only
    what changed (see :mod:`generator.cache`). A one-off build passes none."""

    # read: YAML documents by file and content
    parsed: Memo[object] = field(default_factory=lambda: Memo(50_000))
    # text: cleaned text by seed and all the cleaning depends on; compiled name finders by
    # the names they know; what they found by paragraph text
    cleaned: Memo[ArticleText] = field(default_factory=lambda: Memo(100_000))
    finders: Memo[MentionFinder] = field(default_factory=lambda: Memo(16))
    found: Memo[list[Found]] = field(default_factory=lambda: Memo(500_000))
    # evidence: each article's citations and figures; the framing words in each article
    read: Memo[Read] = field(default_factory=lambda: Memo(50_000))
    framed: Memo[Framed] = field(default_factory=lambda: Memo(100_000))
    # render: pages, data records, the template environment
    render: RenderMemos = field(default_factory=RenderMemos)

    def all(self) -> list[Memo[Any]]:
        return [self.parsed, self.cleaned, self.finders, self.found, self.read, self.framed,
                *(getattr(self.render, f.name) for f in fields(self.render))]


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


def read(project: Project, timings: Timings,
         memos: Memos | None = None) -> tuple[Curated | None, list[Problem]]:
    """The read stage: seeds and YAML from disk, checked into the typed model (None on errors)."""
    with timings.stage("read"):
        raw = read_project(project.seeds_dir, project.content_dir, memos.parsed if memos else None)
        problems: list[Problem] = []
        collection = read_collection(raw.collection, Checker(problems))
        outlets, metas, more = validate(raw, collection)
        problems = more + problems
        checker = Checker(problems)
        rules = validate_rules(raw.boilerplate, checker)
        found = read_entities(raw.entities, checker,
                              collection if raw.read("content/collection.yml") else None)
        seed_names = {s.name for s in raw.seeds}
        known = frozenset(k for k in EntityKind if raw.read(f"content/{k.plural}.yml"))
        check_references(found, seed_names, checker, known)
        actor_ids = {e.id for e, _ in found.values() if e.kind is EntityKind.ACTOR} \
            if EntityKind.ACTOR in known else None
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


def text(curated: Curated, timings: Timings,
         memos: Memos | None = None) -> tuple[Archive, list[Problem]]:
    """The text stage: each capture cleaned into the outlet's article and the rest, and
    every mention of an actor, place or event found in it."""
    with timings.stage("text"):
        archive, problems = assemble(curated.seeds, curated.outlets, curated.metas, curated.rules,
                                     memos.cleaned if memos else None)
        archive = replace(archive, framing=curated.framing, claims=curated.claims,
                          attribution_fixes=curated.fixes, collection=curated.collection)
        archive, more = link(archive, curated.entities, memos.finders if memos else None,
                             memos.found if memos else None)
        timings.count("text", f"{len(archive.articles)} articles, {len(archive.mentions)} "
                              f"mentions of {len(archive.entities)} entities")
    return archive, problems + more


def evidence(archive: Archive, timings: Timings,
             memos: Memos | None = None) -> tuple[Evidence, list[Problem]]:
    """The evidence stage: citations, figures and the comparison of the outlets."""
    with timings.stage("evidence"):
        found, problems = find_evidence(archive, memos.read if memos else None,
                                        memos.framed if memos else None)
        timings.count("evidence", f"{len(found.index.citations)} citations, "
                                  f"{len(found.index.figures)} figures")
    return found, problems


def dated_ahead(archive: Archive, today: datetime.date) -> list[Problem]:
    """Warnings for curated dates after ``today``. The clock decides them, so they are
    not part of any stage's result (which the pages are made from): the shells log them
    and ``archive check`` prints them, and the same input still gives the same pages."""
    return future_dates((a.meta for a in archive.articles if a.meta.source_file),
                        archive.collection, today)


def check(project: Project, timings: Timings | None = None,
          memos: Memos | None = None) -> tuple[Evidence | None, list[Problem]]:
    """Read, clean, link and find the evidence; returns it (None on errors) and all problems."""
    timings = Timings() if timings is None else timings
    curated, problems = read(project, timings, memos)
    if curated is None:
        return None, problems
    archive, more = text(curated, timings, memos)
    found, most = evidence(archive, timings, memos)
    if errors(more + most):
        return None, problems + more + most
    return found, problems + more + most


def generate(project: Project, timings: Timings | None = None,
             pages_dir: Path | None = None, memos: Memos | None = None) -> Result:
    """Run the pipeline; raises :class:`ArchiveError` listing every error found.

    With ``pages_dir``, the pages are written there as they are rendered instead of
    being held in memory (a large archive's build). With ``memos`` (kept from a previous
    build of the same project), what did not change is not computed again."""
    timings = Timings() if timings is None else timings
    found, problems = check(project, timings, memos)
    if found is None:
        raise ArchiveError(problems)
    previous, more = read_previous(project.previous_path, project.previous)
    problems = sorted(problems + more, key=lambda p: (p.file, p.line or 0, p.key))
    with timings.stage("render"):
        sources = SiteSources(project.templates_dir, project.seeds_dir, previous, project.site_info())
        rendered = render_site(found, problems, sources, pages_dir, memos.render if memos else None)
        timings.count("render", f"{len(rendered.pages)} pages")
    return Result(found, rendered, problems, timings)
