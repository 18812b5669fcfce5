"""Render the whole site: every page, data file and raw capture, sorted."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import Markup

from generator.cache import Memo, fingerprint, remembered
from generator.escape import kwic
from generator.evidence.curation import Named, candidate_names, shared_name_hits, unmentioned, unused_aliases
from generator.evidence.found import Evidence
from generator.evidence.indexes import ArchiveIndex
from generator.evidence.marks import article_outlet, outlet_marks
from generator.model import ARTICLES_INDEX, Archive, Article, Entity, EntityKind, Voice
from generator.problems import Problem
from generator.render.changes import (
    MANIFEST_PATH,
    Previous,
    compare,
    manifest_json,
    manifest_record,
)
from generator.render.cite import (
    CITE_DIR,
    Reference,
    SiteInfo,
    bibtex_file,
    cite_files,
    csl_json,
    reference,
    ris_file,
)
from generator.render.comparison import outlet_profile, render_comparison
from generator.render.data import data_files, data_path
from generator.render.entities import render_entity, render_entity_index
from generator.render.feed import FEED_PATH, ordered, render_feed
from generator.render.pages import (
    Pages,
    Rendered,
    View,
    article_row,
    date_text,
    link,
    make_environment,
    outlet_page,
    raw_path,
    render_article,
    render_outlet,
)
from generator.render.summary import Holdings, counted
from generator.render.views import render_map_page, render_timeline_page
from generator.text.assemble import UNKNOWN_OUTLET


@dataclass
class RenderMemos:
    """What the render stage remembers across the rebuilds of one `mkdocs serve`.

    Pages are keyed by a fingerprint of everything the page shows and of the templates:
    after one seed changes, its article page, the pages of the entities it names and the
    pages that sum over the archive (indexes, outlets, comparison) are rendered again.
    """

    pages: Memo[bytes] = field(default_factory=lambda: Memo(200_000))  # article pages (UTF-8)
    entity_pages: Memo[dict[str, bytes]] = field(default_factory=lambda: Memo(200_000))  # by path
    mention_pages: Memo[str] = field(default_factory=lambda: Memo(200_000))  # continuation pages
    # the template environment (with its compiled templates), by the templates' contents
    environments: Memo[jinja2.Environment] = field(default_factory=lambda: Memo(4))
    records: Memo[str] = field(default_factory=lambda: Memo(100_000))  # data/articles.json
    names: Memo[Named] = field(default_factory=lambda: Memo(100_000))  # the curation report


@dataclass(frozen=True)
class SiteSources:
    """What the site is rendered from beside the evidence: the templates, the captures
    (each published as a raw file), the previous build's manifest (for the Changes page)
    and ``mkdocs.yml``'s name and address (which name references and the feed and make
    their links absolute)."""

    templates_dir: Path
    seeds_dir: Path
    previous: Previous = field(default_factory=Previous)
    site: SiteInfo = field(default_factory=SiteInfo)


@dataclass(frozen=True)
class Renderer:
    """What the pages are rendered with: the template environment, a fingerprint of the
    templates (part of every memo key), the site's name and address, and the memos that
    `mkdocs serve` keeps (None: render everything)."""

    env: jinja2.Environment
    templates: bytes
    site: SiteInfo
    memos: RenderMemos | None = None


CURATION_ROWS = 300  # rows per list of the curation report (most frequent first)
DATA_DESCRIPTIONS = {
    "data/articles.json": "articles: metadata, paragraphs with ids, captions, reader comments, removed lines",
    "data/outlets.json": "outlets: country, ownership and who says so, kind",
    data_path(EntityKind.ACTOR): "actors: names and aliases, type, affiliations",
    data_path(EntityKind.PLACE): "places: names, type, coordinates, containing place",
    data_path(EntityKind.EVENT): "events: dates with precision, places, actors and roles, "
                                 "reporting paragraphs",
    "data/mentions.csv": "every mention: article, paragraph id, entity, surface form, offset",
    MANIFEST_PATH: "every capture's file name, SHA-256, title, outlet, date and article text: "
                   "what the next build's Changes page compares with",
    "data/references.bib": "a reference to every capture, BibTeX (biblatex @online)",
    "data/references.ris": "a reference to every capture, RIS",
    "data/references.json": "a reference to every capture, CSL-JSON (CSL 1.0.2)",
}
REFERENCE_FILES = ("data/references.bib", "data/references.ris", "data/references.json")


def templates_print(templates_dir: Path) -> bytes:
    digest = hashlib.sha1()
    for path in sorted(templates_dir.rglob("*.j2")):
        digest.update(f"{path.relative_to(templates_dir).as_posix()}\0".encode())
        digest.update(path.read_bytes() + b"\0")
    return digest.digest()


def render_articles(r: Renderer, index: ArchiveIndex, seeds_dir: Path, out: Rendered) -> None:
    archive, memo = index.archive, r.memos.pages if r.memos else None
    for article in archive.articles:
        ref = reference(article, r.site)
        for path, made in cite_files(ref).items():
            out.data[path] = made
        seed = article.seed.name
        related = index.related_articles(seed)
        hinted = article.meta.suggestions.outlet if article.meta.suggestions else None
        key = fingerprint("article", r.templates, r.site, index.article_prints[seed],
                          index.mention_print(index.by_seed.get(seed, ())),
                          [index.entity_prints[k] for k in sorted(index.entities_in(seed).keys()
                           | index.entities_in(seed, Voice.CAPTION).keys()
                           | index.entities_in(seed, Voice.COMMENT).keys())],
                          [(index.article_prints[a.seed.name], shared) for a, shared in related],
                          archive.outlets.get(hinted) if hinted else None)
        out.pages[article.page_path] = remembered(memo, key,
                                                  partial(article_page, r.env, index, article, related, ref))
        out.static[raw_path(article)] = seeds_dir / seed
    index_page = ARTICLES_INDEX  # no article's slug is its name (RESERVED_ARTICLE_SLUGS)
    out.pages[index_page] = r.env.get_template("articles_index.md.j2").render(
        articles=[article_row(a, index_page) for a in archive.articles])


def article_page(env: jinja2.Environment, index: ArchiveIndex, article: Article,
                 related: list[tuple[Article, list[str]]], ref: Reference) -> bytes:
    """The article's page, UTF-8."""
    return render_article(env, article, index, related, ref).encode("utf-8")


def render_outlets(env: jinja2.Environment, evidence: Evidence, out: Rendered) -> None:
    archive, index = evidence.archive, evidence.index
    by_outlet = index.articles_by_outlet
    page = "outlets/index.md"
    rows: list[View] = []
    for outlet in sorted(archive.outlets.values(), key=lambda o: (o is UNKNOWN_OUTLET, o.name.casefold())):
        out.pages[outlet_page(outlet)] = render_outlet(env, outlet, by_outlet[outlet.id],
                                                       outlet_profile(index, evidence.comparison, outlet))
        rows.append({"name": outlet.name, "link": link(page, outlet_page(outlet)),
                     "marks": "; ".join(outlet_marks(by_outlet[outlet.id])),
                     "country": outlet.country, "ownership": outlet.ownership,
                     "kind": outlet.kind, "count": len(by_outlet[outlet.id])})
    out.pages[page] = env.get_template("outlets_index.md.j2").render(outlets=rows)


def render_entities(r: Renderer, index: ArchiveIndex, out: Rendered) -> None:
    env, templates, memos = r.env, r.templates, r.memos

    def memo(key: tuple[object, ...], page: Callable[[], str]) -> str:
        # continuation pages of a changed entity
        return remembered(memos.mention_pages if memos else None,
                          fingerprint("entity mentions", templates, *key), page)

    for entity in index.archive.entities.values():
        mentions = index.by_entity.get(entity.key, ())
        seeds = dict.fromkeys(m.seed for m in mentions)
        key = fingerprint("entity", templates, index.archive.collection, index.graph_print,
                          index.outlet_names, entity.key,
                          index.mention_print(mentions), [index.article_prints[s] for s in seeds],
                          index.co_mentioned(entity.key))
        def pages(entity: Entity = entity) -> dict[str, bytes]:
            return {path: markdown.encode("utf-8")
                    for path, markdown in render_entity(env, entity, index, memo).items()}

        for path, markdown in remembered(memos.entity_pages if memos else None, key, pages).items():
            out.pages[path] = markdown
    for kind in EntityKind:
        out.pages[kind.index_page] = render_entity_index(env, kind, index)


def render_curation(env: jinja2.Environment, index: ArchiveIndex, problems: list[Problem],
                    out: Rendered, named: Memo[Named] | None = None) -> None:
    page = "curation.md"
    candidates = [{"name": c.name, "count": c.count,
                   "where": [{"label": index.articles[s].slug[:24] + "…",
                              "link": link(page, index.articles[s].page_path, a)}
                             for s, a in c.where]}
                  for c in candidate_names(index, named)]
    unused = [{"entity": index.entity(k).name, "link": link(page, index.entity(k).page_path),
               "name": name} for k, name in unused_aliases(index)]
    nobody = [{"name": index.entity(k).name, "kind": index.entity(k).kind,
               "link": link(page, index.entity(k).page_path)} for k in unmentioned(index)]
    shared = [{"surface": m.surface, "entity": index.entity(m.entity).name,
               "link": link(page, index.entity(m.entity).page_path), "could_be": could_be,
               "where": link(page, index.articles[m.seed].page_path, m.anchor),
               "context": kwic(index.block(m.seed, m.anchor).text, m.start, m.end, width=50),
               "readers": m.by_readers}
              for could_be, m in shared_name_hits(index)]
    roles = [{"event": e.name, "link": link(page, e.page_path),
              "actor": index.entity(EntityKind.ACTOR.key(a.actor)).name, "role": a.role,
              "where": f"{e.source_file}:{e.line}" if e.line else e.source_file}
             for e in index.of_kind(EntityKind.EVENT) for named in [index.role_paragraphs(e)]
             for a in e.actors if not named[a.actor]]
    rows = [{"severity": p.severity.value, "where": p.where, "message": p.what} for p in problems]
    out.pages[page] = env.get_template("curation.md.j2").render(
        problems=rows, candidates=candidates[:CURATION_ROWS], unused=unused[:CURATION_ROWS],
        unmentioned=nobody[:CURATION_ROWS], total_candidates=len(candidates),
        shared=shared[:CURATION_ROWS], total_shared=len(shared),
        roles=roles[:CURATION_ROWS], total_roles=len(roles),
        total_unused=len(unused), total_unmentioned=len(nobody), limit=CURATION_ROWS)


def render_data(r: Renderer, index: ArchiveIndex, out: Rendered) -> None:
    data_files(index, out.data, r.memos.records if r.memos else None)
    out.data[MANIFEST_PATH] = manifest_json(index.archive.articles)
    refs = [reference(a, r.site) for a in index.archive.articles]
    out.data["data/references.bib"] = bibtex_file(refs)
    out.data["data/references.ris"] = ris_file(refs)
    out.data["data/references.json"] = csl_json(refs)
    records = {"data/articles.json": len(index.archive.articles),
               MANIFEST_PATH: len(index.archive.articles),
               **dict.fromkeys(REFERENCE_FILES, len(refs)),
               "data/outlets.json": len(index.archive.outlets),
               "data/mentions.csv": len(index.archive.mentions),
               **{data_path(kind): len(index.of_kind(kind)) for kind in EntityKind}}
    files = []
    for path in out.data:
        if path.startswith(CITE_DIR):  # each article's own, linked from its page
            continue
        count = records[path]
        files.append({"name": path.split("/")[-1], "link": Markup(path),
                      "what": DATA_DESCRIPTIONS.get(path, ""), "count": count})
    out.pages["data.md"] = r.env.get_template("data.md.j2").render(files=files)


def render_changes(env: jinja2.Environment, archive: Archive, previous: Previous,
                   out: Rendered) -> None:
    """The Changes page: this build's captures against the previous build's manifest."""
    page = "changes.md"
    now = {a.seed.name: a for a in archive.articles}

    def row(article: Article) -> View:
        return {"date": date_text(article), "outlet": article_outlet(article),
                "title": article.meta.title, "link": link(page, article.page_path),
                "seed": article.seed.name}

    if previous.records is None:
        markdown = env.get_template("changes.md.j2").render(
            compared=False, previous=previous, present=[row(a) for a in ordered(archive.articles)])
    else:
        limit = archive.collection.limits.diff_lines
        changes = compare(previous.records, {s: manifest_record(a) for s, a in now.items()}, limit)
        changed = [{**row(now[c.now["seed"]]), "title_before": c.before["title"],
                    "sha_before": c.before["sha256"], "sha_now": c.now["sha256"],
                    "diff": c.diff, "more": c.more, "too_different": c.too_different}
                   for c in changes.changed]
        markdown = env.get_template("changes.md.j2").render(
            compared=True, previous=previous, before_count=len(previous.records),
            added=[row(now[r["seed"]]) for r in changes.added], changed=changed,
            removed=changes.removed, unchanged_count=len(changes.unchanged),
            limit=limit)
    out.pages[page] = markdown


def render_site(evidence: Evidence, problems: list[Problem], sources: SiteSources,
                pages_dir: Path | None = None, memos: RenderMemos | None = None) -> Rendered:
    """Every page, data file and raw capture; pages are written to ``pages_dir`` when given.
    ``memos``, kept by `mkdocs serve`, spare a rebuild what did not change."""
    templates_dir = sources.templates_dir
    templates = templates_print(templates_dir)
    env = remembered(memos.environments if memos else None, (str(templates_dir), templates),
                     partial(make_environment, templates_dir))
    archive, index = evidence.archive, evidence.index
    holdings = Holdings.of(archive)
    written, site = sources.site.name, replace(sources.site, name=holdings.fill(sources.site.name))
    r = Renderer(env, templates, site, memos)
    # the data files wait beside the pages, in a folder no page path can start with
    out = Rendered(pages=Pages(folder=pages_dir),
                   data=Pages(folder=pages_dir / ".data" if pages_dir else None))
    render_articles(r, index, sources.seeds_dir, out)
    render_outlets(env, evidence, out)
    render_entities(r, index, out)
    render_curation(env, index, problems, out, memos.names if memos else None)
    render_data(r, index, out)
    out.pages["map.md"] = render_map_page(env, index)
    out.pages["timeline.md"] = render_timeline_page(env, index)
    out.pages["comparison.md"] = render_comparison(env, index, evidence.comparison)
    render_changes(env, archive, sources.previous, out)
    out.data[FEED_PATH] = render_feed(
        archive.articles, site.name, site.url, written,
        f"{counted(holdings.captures, 'capture')} from {counted(len(holdings.outlets), 'outlet')}. "
        .capitalize())
    out.pages.sort()
    out.static = dict(sorted(out.static.items()))
    out.data.sort()
    return out
