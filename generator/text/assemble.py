"""Text stage: put seeds, metadata and cleaned text together into the :class:`Archive`.

A seed with no metadata is never dropped: it becomes an *uncurated* article
with a suggested title, listed as a warning so that ``--strict`` builds fail.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from generator.cache import Memo, remembered
from generator.model import Archive, Article, ArticleMeta, ArticleText, Outlet, Seed
from generator.problems import Problem, Severity
from generator.text.clean import CleanInput, Rules, clean, comparable
from generator.text.suggest import suggest

UNKNOWN_OUTLET = Outlet(
    id="unknown-outlet", name="Unknown outlet", country="unknown", ownership="unknown",
    ownership_basis="no curator has identified the outlet yet", kind="news site",
    language="und", description="Articles whose outlet has not been curated yet.",
)


def slugify(text: str, limit: int = 60) -> str:
    """A lowercase ASCII slug: letters, digits and hyphens."""
    text = re.sub(r"['\u2019]", "", text)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "article"


def uncurated_meta(seed: Seed, rules: Rules, outlets: dict[str, Outlet]) -> ArticleMeta:
    hints = suggest(seed, rules, outlets)
    return ArticleMeta(seed=seed.name, title=hints.title, outlet=UNKNOWN_OUTLET.id, date=None,
                       notes="", source_file="", suggestions=hints)


def assign_slugs(metas: list[ArticleMeta], seeds: dict[str, Seed]) -> dict[str, str]:
    """Slug per seed name; titles that give the same slug are told apart by the seed's hash."""
    wanted = {m.seed: m.slug or slugify(m.title) for m in metas}
    counts: dict[str, int] = defaultdict(int)
    for slug in wanted.values():
        counts[slug] += 1
    return {
        name: slug if counts[slug] == 1 else f"{slug}-{seeds[name].sha256[:8]}"
        for name, slug in wanted.items()
    }


def seed_problems(seeds: list[Seed]) -> list[Problem]:
    """Empty captures and captures that repeat another byte for byte."""
    problems: list[Problem] = []
    first: dict[str, str] = {}  # sha256 -> the first seed with those bytes
    for seed in seeds:
        if not seed.text.strip():
            problems.append(Problem(f"seeds/{seed.name}", None, "",
                                    "the capture holds no text (empty or only whitespace)",
                                    Severity.WARNING, "its page says so; replace the capture"))
        if seed.sha256 in first:
            problems.append(Problem(f"seeds/{seed.name}", None, "",
                                    f"same bytes as seeds/{first[seed.sha256]} (a duplicate capture)",
                                    Severity.WARNING, "keep one of them"))
        first.setdefault(seed.sha256, seed.name)
    return problems


def empty_body_problem(seed: Seed, meta: ArticleMeta, text: ArticleText) -> Problem:
    """A capture with text of which none was kept as the article: never published silently."""
    placed = ", ".join(f"{len(blocks)} {name}" for name, blocks in (
        ("caption line(s)", text.captions), ("reader comment(s)", text.comments),
        ("removed line(s)", text.removed)) if blocks)
    where = meta.source_file or f"content/articles/{seed.stem}.yml"
    return Problem(f"seeds/{seed.name}", None, "",
                   f"the article has no body text: every line was set aside ({placed})",
                   Severity.WARNING, f"check the cleaning; in {where}, an override with "
                   "kind: body gives a line back to the article")


def assemble(seeds: list[Seed], outlets: dict[str, Outlet], metas: dict[str, ArticleMeta],
             rules: Rules, cleaned: Memo[ArticleText] | None = None) -> tuple[Archive, list[Problem]]:
    """The archive of every seed's article, its text cleaned; ``cleaned`` remembers cleaned
    text by seed and everything the cleaning depends on."""
    problems: list[Problem] = seed_problems(seeds)
    by_name = {s.name: s for s in seeds}
    all_metas = []
    for seed in seeds:
        meta = metas.get(seed.name)
        if meta is None:
            meta = uncurated_meta(seed, rules, outlets)
            problems.append(Problem(
                f"seeds/{seed.name}", None, "",
                "seed has no metadata; it is published as an uncurated article",
                Severity.WARNING, f"describe it in content/articles/{seed.stem}.yml",
            ))
        all_metas.append(meta)
    slugs = assign_slugs(all_metas, by_name)
    known = dict(outlets)
    articles: list[Article] = []
    for meta in all_metas:
        seed = by_name[meta.seed]
        outlet = outlets.get(meta.outlet, UNKNOWN_OUTLET)
        if outlet is UNKNOWN_OUTLET:
            known.setdefault(UNKNOWN_OUTLET.id, UNKNOWN_OUTLET)
        source = CleanInput(seed.text, meta.title, outlet.site_names + (outlet.name,),
                            meta.overrides, meta.language)
        key = (seed.sha256, source.title, source.site_names, source.overrides, source.language,
               rules)
        text = remembered(cleaned, key, lambda: clean(source, rules))
        articles.append(Article(seed, meta, text, slugs[seed.name], outlet))
        if not text.body and seed.text.strip():
            problems.append(empty_body_problem(seed, meta, text))
    return Archive(outlets=known, articles=sorted(articles, key=article_order)), problems


def article_order(article: Article) -> tuple[bool, tuple[int, int, int], str, str]:
    date = article.meta.date
    return (date is None, date.sort_key if date else (0, 0, 0), comparable(article.meta.title),
            article.seed.name)
