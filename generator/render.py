"""Stage 5: render the archive into Markdown pages through the Jinja templates.

Templates in ``site_templates/`` hold presentation only; this module prepares
plain values for them. Every value a template prints is escaped by
:func:`generator.escape.finalize` unless the generator marked it as its own
(links and ids). Output is sorted and deterministic.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from .assemble import UNKNOWN_OUTLET
from .escape import external_url, finalize, front_matter_string, url_path
from .model import Archive, Article, Outlet


@dataclass
class Rendered:
    """Pages (path -> Markdown) and static files (path -> source file) for the site."""

    pages: dict[str, str] = field(default_factory=dict)
    static: dict[str, Path] = field(default_factory=dict)


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


def link(from_page: str, to_path: str) -> Markup:
    """A relative link from one generated page to another file of the site."""
    return url_path(posixpath.relpath(to_path, posixpath.dirname(from_page) or "."))


def outlet_page(outlet: Outlet) -> str:
    return f"outlets/{outlet.id}.md"


def raw_path(article: Article) -> str:
    return f"raw/{article.seed.name}"


def date_text(article: Article) -> str:
    return article.meta.date.human() if article.meta.date else "unknown"


def is_uncurated(article: Article) -> bool:
    return not article.meta.source_file


def article_row(article: Article, from_page: str) -> dict:
    return {
        "date": date_text(article),
        "title": article.meta.title,
        "link": link(from_page, article.page_path),
        "outlet": article.outlet.name,
        "outlet_link": link(from_page, outlet_page(article.outlet)),
        "words": article.text.word_count,
        "uncurated": is_uncurated(article),
        "inferred_outlet": article.meta.outlet_inferred,
    }


def render_article(env: jinja2.Environment, article: Article) -> str:
    page = article.page_path
    description = f"{article.outlet.name}, {date_text(article)}: {article.meta.title}"
    return env.get_template("article.md.j2").render(
        article=article,
        uncurated=is_uncurated(article),
        title_meta=Markup(front_matter_string(article.meta.title)),
        description_meta=Markup(front_matter_string(description)),
        outlet_link=link(page, outlet_page(article.outlet)),
        raw_link=link(page, raw_path(article)),
        original_url=external_url(article.meta.url),
        date_label="Updated" if article.meta.date_type == "updated" else "Published",
        date_text=date_text(article),
        word_count=article.text.word_count,
        body=article.text.body,
        captions=article.text.captions,
        comments=article.text.comments,
        removed=article.text.removed,
    )


def render_outlet(env: jinja2.Environment, outlet: Outlet, articles: list[Article]) -> str:
    page = outlet_page(outlet)
    return env.get_template("outlet.md.j2").render(
        outlet=outlet,
        title_meta=Markup(front_matter_string(outlet.name)),
        articles=[article_row(a, page) for a in articles],
    )


def render(archive: Archive, templates_dir: Path, seeds_dir: Path) -> Rendered:
    env = make_environment(templates_dir)
    out = Rendered()
    for article in archive.articles:
        out.pages[article.page_path] = render_article(env, article)
        out.static[raw_path(article)] = seeds_dir / article.seed.name
    index = "articles/index.md"
    out.pages[index] = env.get_template("articles_index.md.j2").render(
        articles=[article_row(a, index) for a in archive.articles]
    )
    by_outlet = {oid: [a for a in archive.articles if a.outlet.id == oid] for oid in archive.outlets}
    rows = []
    outlets_index = "outlets/index.md"
    for outlet in sorted(archive.outlets.values(), key=lambda o: (o is UNKNOWN_OUTLET, o.name.casefold())):
        out.pages[outlet_page(outlet)] = render_outlet(env, outlet, by_outlet[outlet.id])
        rows.append({
            "name": outlet.name, "link": link(outlets_index, outlet_page(outlet)),
            "country": outlet.country, "ownership": outlet.ownership, "kind": outlet.kind,
            "count": len(by_outlet[outlet.id]),
        })
    out.pages[outlets_index] = env.get_template("outlets_index.md.j2").render(outlets=rows)
    out.pages = dict(sorted(out.pages.items()))
    out.static = dict(sorted(out.static.items()))
    return out
