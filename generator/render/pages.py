"""Render stage: the Markdown pages through the Jinja templates, and what they share.

Templates in ``site_templates/`` hold presentation only; this module prepares
plain values for them. Every value a template prints is escaped by
:func:`generator.escape.finalize` unless the generator marked it as its own
(links and ids). Output is sorted and deterministic.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator, MutableMapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypedDict

import jinja2
from markupsafe import Markup

from generator.escape import (
    attr,
    external_url,
    finalize,
    front_matter_string,
    json_for_script,
    linked_text,
    url_path,
)
from generator.evidence.citations import source_label
from generator.evidence.indexes import ArchiveIndex
from generator.evidence.marks import article_marks, article_outlet
from generator.evidence.quotes import QuotedSpan
from generator.model import APART, Article, Block, EntityKind, Mention, Outlet, Quoted, Voice
from generator.render.cite import (
    ANCHOR_SLOT,
    FORMATS,
    LINE_SLOT,
    Reference,
    SiteInfo,
    cite_paths,
    formatted,
    meta_tags,
    paragraph_template,
    reference,
)
from generator.render.cite import text as cite_text
from generator.render.jsonld import article_jsonld

# What a template is given of a record: read only by the Jinja templates, which the
# checker does not see, so its values stay open.
View = dict[str, Any]


class ArticleRow(TypedDict):
    """An article in a list of articles (the articles index, an outlet's page)."""

    date: str
    title: str
    link: Markup
    outlet: str
    outlet_link: Markup
    words: int
    uncurated: bool
    inferred_outlet: bool
    marks: str


class BlockView(TypedDict):
    """A block of an article page, its mentions linked."""

    kind: str
    anchor: str
    line: int
    part: int
    depth: int
    html: Markup


class Pages(MutableMapping[str, str]):
    """Generated Markdown by path, held as UTF-8, or written to ``folder`` as it comes.

    Nearly every page has a character outside Latin-1 (a curly quote will do), which
    makes Python keep it at two bytes a character; UTF-8 halves what thousands of
    pages hold, and a folder holds none of them in memory (the MkDocs plugin reads
    each page from there when MkDocs gets to it). Read like a dict of str;
    :meth:`encoded` gives the bytes, :meth:`file` where a page was written.
    """

    def __init__(self, pages: dict[str, str] | None = None, folder: Path | None = None):
        self.folder = folder
        self._data: dict[str, bytes | None] = {}
        self.update(pages or {})

    def __getitem__(self, path: str) -> str:
        return self.encoded(path).decode("utf-8")

    def __setitem__(self, path: str, markdown: str | bytes) -> None:
        data = markdown.encode("utf-8") if isinstance(markdown, str) else markdown
        if self.folder is None:
            self._data[path] = data
            return
        target = self.folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self._data[path] = None

    def write(self, path: str, parts: Iterable[str]) -> None:
        """Store the text made of ``parts``, writing each as it comes when there is a folder."""
        if self.folder is None:
            self[path] = "".join(parts)
            return
        target = self.folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as out:
            for part in parts:
                out.write(part.encode("utf-8"))
        self._data[path] = None

    def __delitem__(self, path: str) -> None:
        del self._data[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def encoded(self, path: str) -> bytes:
        data = self._data[path]
        return data if data is not None else self.file(path).read_bytes()

    def file(self, path: str) -> Path:
        if self.folder is None or path not in self._data:
            raise KeyError(path)
        return self.folder / path

    def sort(self) -> None:
        self._data = dict(sorted(self._data.items()))


@dataclass
class Rendered:
    """Pages (path -> Markdown) and static files (path -> source file) for the site."""

    pages: Pages = field(default_factory=Pages)
    static: dict[str, Path] = field(default_factory=dict)
    data: Pages = field(default_factory=Pages)  # downloadable files made at build time


def make_environment(templates_dir: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        finalize=finalize,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


@lru_cache(maxsize=500_000)
def relative(from_dir: str, target: str) -> str:
    """``target`` (a path in the site) as seen from the folder ``from_dir``, without the disk."""
    here = from_dir.split("/") if from_dir else []
    there = target.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def link(from_page: str, to_path: str, anchor: str = "") -> Markup:
    """A relative link from one generated page to another file of the site (Markdown),
    to the element ``anchor`` of it when given. ``to_path`` is a path, never a URL: a
    ``#`` or ``?`` in it is part of a file name and is percent-encoded."""
    return url_path(relative(posixpath.dirname(from_page), to_path), anchor)


def html_link(from_page: str, to_path: str, anchor: str = "") -> Markup:
    """The same link for raw HTML, which MkDocs does not rewrite: to the built .html page."""
    if to_path.endswith(".md"):
        to_path = to_path[:-3] + ".html"
    return link(from_page, to_path, anchor)


def outlet_page(outlet: Outlet) -> str:
    return f"outlets/{outlet.id}.md"


def raw_path(article: Article) -> str:
    return f"raw/{article.seed.name}"


def date_text(article: Article) -> str:
    """The article's date as every page shows it, saying when it is the date of an update."""
    if not article.meta.date:
        return "unknown"
    return article.meta.date.human() + (" (updated)" if article.meta.date_type == "updated" else "")


def is_uncurated(article: Article) -> bool:
    return not article.meta.source_file


def article_row(article: Article, from_page: str) -> ArticleRow:
    return {
        "date": date_text(article),
        "title": article.meta.title,
        "link": link(from_page, article.page_path),
        "outlet": article.outlet.name,
        "outlet_link": link(from_page, outlet_page(article.outlet)),
        "words": article.text.word_count,
        "uncurated": is_uncurated(article),
        "inferred_outlet": article.meta.outlet_inferred,
        "marks": "; ".join(article_marks(article)),
    }


def block_view(block: Block, mentions: list[Mention], index: ArchiveIndex, page: str) -> BlockView:
    """A block with its mentions linked: the first of each entity as a link, the rest marked."""
    spans: list[tuple[int, int, Markup]] = []
    linked: set[str] = set()
    for mention in mentions:
        if mention.via != "name":
            continue
        entity = index.entity(mention.entity)
        classes = f"mention mention-{entity.kind}" + (" by-readers" if mention.by_readers else "")
        label = attr(entity.name)
        if mention.entity in linked:
            tag = Markup(f'<span class="{classes}" title="{label}">')
        else:
            href = html_link(page, entity.page_path)
            tag = Markup(f'<a class="{classes}" href="{href}" title="{label}">')
            linked.add(mention.entity)
        spans.append((mention.start, mention.end, tag))
    return {"kind": block.kind, "anchor": block.anchor, "line": block.line, "part": block.part,
            "depth": block.depth, "html": linked_text(block.text, spans)}


# Column heads for the voices counted apart from the outlets' words, after the outlets' own.
APART_COLUMNS = {Voice.CAPTION: "Photo captions", Voice.COMMENT: "Readers' comments"}


def quote_note(index: ArchiveIndex, quote: QuotedSpan | None) -> str:
    """Whose words a span of an outlet's text gives: "quoting SOHR", "reporting what a
    witness (unnamed) said"; "" for the outlet's own."""
    if quote is None:
        return ""
    if quote.source.startswith("unattributed: "):
        return ("reported, no source named" if quote.quoted is Quoted.REPORTED
                else "in quotation marks, no source named")
    who = source_label(index, quote.source) if quote.source else "a source it does not name"
    return f"quoting {who}" if quote.quoted is Quoted.DIRECT else f"reporting what {who} said"


def entity_link_list(counts: dict[str, int], index: ArchiveIndex,
                     page: str) -> dict[EntityKind, list[View]]:
    """Entities by kind, each with a link and its number of mentions."""
    groups: dict[EntityKind, list[View]] = {kind: [] for kind in EntityKind}
    for key, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        entity = index.entity(key)
        groups[entity.kind].append({"name": entity.name, "link": link(page, entity.page_path),
                                    "count": count})
    return groups


def suggestion_view(article: Article, index: ArchiveIndex) -> View | None:
    hints = article.meta.suggestions
    if hints is None:
        return None
    outlet = index.archive.outlets.get(hints.outlet) if hints.outlet else None
    return {"title": hints.title, "outlet": hints.outlet, "outlet_name": outlet.name if outlet else "",
            "outlet_reason": hints.outlet_reason, "dates": hints.dates, "dateline": hints.dateline,
            "credit": hints.credit}


def cite_view(ref: Reference, page: str) -> View:
    """The "Cite this capture" box: the reference as text, the links to its files, and
    the paragraph template the page's script fills in (as JSON for a script element)."""
    template = paragraph_template(ref)
    return {
        "text": cite_text(ref),
        "accessed": ref.accessed_text,
        "precision": ref.date.precision.value if ref.date else "",
        "address": ref.address,
        "downloads": [{"label": label, "type": mime, "link": link(page, path),
                       "name": path.rsplit("/", 1)[-1]}
                      for (ext, label, mime), path in zip(FORMATS, cite_paths(ref).values(), strict=True)],
        "template": json_for_script({"anchor": ANCHOR_SLOT, "line": LINE_SLOT,
                                     "text": cite_text(template), **formatted(template)}),
    }


def citation_meta(ref: Reference) -> list[list[Markup]]:
    """The page's citation meta tags for its front matter, each value escaped as page
    metadata is (the theme prints it into a ``content="…"`` attribute)."""
    return [[Markup(front_matter_string(name)), Markup(front_matter_string(value))]
            for name, value in meta_tags(ref)]


def render_article(env: jinja2.Environment, article: Article, index: ArchiveIndex,
                   related: list[tuple[Article, list[str]]] | None = None,
                   ref: Reference | None = None) -> str:
    """The article's page: its text, its JSON-LD (naming the entities its own words name)
    and its reference box."""
    page = article.page_path
    ref = ref if ref is not None else reference(article, SiteInfo())
    seed = article.seed.name
    description = f"{article.outlet.name}, {date_text(article)}: {article.meta.title}"

    def views(blocks: list[Block]) -> list[BlockView]:
        return [block_view(b, index.by_block.get((seed, b.anchor), []), index, page) for b in blocks]

    return env.get_template("article.md.j2").render(
        article=article,
        uncurated=is_uncurated(article),
        hints=suggestion_view(article, index),
        title_meta=Markup(front_matter_string(article.meta.title)),
        description_meta=Markup(front_matter_string(description)),
        outlet_link=link(page, outlet_page(article.outlet)),
        raw_link=link(page, raw_path(article)),
        original_url=external_url(article.meta.url),
        date_label="Updated" if article.meta.date_type == "updated" else "Published",
        date_text=article.meta.date.human() if article.meta.date else "unknown",
        word_count=article.text.word_count,
        body=views(article.text.body),
        captions=views(article.text.captions),
        comments=views(article.text.comments),
        removed=article.text.removed,
        headline_anchor=article.text.headline.anchor if article.text.headline else "",
        contradictions=[{"of": group[0].figure.of, "figures": [
            {"text": f.figure.text, "link": Markup(f"#{f.anchor}")} for f in group]}
            for group in index.contradictions.get(seed, [])],
        entities=entity_link_list(index.entities_in(seed), index, page),
        entities_apart=[{"voice": voice.apart, "entities": [
            e for group in entity_link_list(named, index, page).values() for e in group]}
            for voice in APART if (named := index.entities_in(seed, voice))],
        related=[{"title": a.meta.title, "link": link(page, a.page_path), "outlet": article_outlet(a),
                  "date": date_text(a), "shared": [index.entity(k).name for k in shared]}
                 for a, shared in (index.related_articles(seed) if related is None else related)],
        jsonld=json_for_script(article_jsonld(
            article, [index.entity(k) for k in sorted(index.entities_in(seed))])),
        cite=cite_view(ref, page),
        citation_meta=citation_meta(ref),
    )


def render_outlet(env: jinja2.Environment, outlet: Outlet, articles: list[Article],
                  profile: View) -> str:
    page = outlet_page(outlet)
    return env.get_template("outlet.md.j2").render(
        outlet=outlet, profile=profile,
        title_meta=Markup(front_matter_string(outlet.name)),
        articles=[article_row(a, page) for a in articles],
    )


