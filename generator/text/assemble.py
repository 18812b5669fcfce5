"""Text stage: put seeds, metadata and cleaned text together into the :class:`Archive`.

A seed with no metadata is never dropped: it becomes an *uncurated* article
with a suggested title, listed as a warning so that ``--strict`` builds fail.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from functools import partial

from generator.cache import Memo, remembered
from generator.model import (
    RESERVED_ARTICLE_SLUGS,
    Archive,
    Article,
    ArticleMeta,
    ArticleText,
    Outlet,
    Seed,
)
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


# What tells apart the pages of captures that want one address: slugify never writes two
# hyphens in a row and a curated slug: may not hold them, so no wanted address has it.
SEPARATOR = "--"
NAMED_IN_FULL = 10  # how many of the captures that want one address a warning names


def wanted_slug(meta: ArticleMeta) -> str:
    """The page address an article asks for: its curated ``slug:``, or else its title's.

    Both go through :func:`slugify`, which leaves a valid curated slug as it is: whatever
    an article's metadata holds, its address has no doubled hyphen."""
    return slugify(meta.slug, limit=80) if meta.slug else slugify(meta.title)


def contested_slugs(metas: list[ArticleMeta]) -> dict[str, list[str]]:
    """Each address that more than one seed wants, or that is reserved, with the names of
    the seeds that want it, sorted."""
    wanting: dict[str, list[str]] = defaultdict(list)
    for meta in metas:
        wanting[wanted_slug(meta)].append(meta.seed)
    return {slug: sorted(names) for slug, names in sorted(wanting.items())
            if len(names) > 1 or slug in RESERVED_ARTICLE_SLUGS}


def name_marks(names: list[str]) -> dict[str, str]:
    """A mark per seed name, from a hash of the name (never of the capture's bytes), as
    short as keeps the names apart."""
    digests = {name: hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()
               for name in names}
    for width in (8, 16, 32, 64):
        marks = {name: digest[:width] for name, digest in digests.items()}
        if len(set(marks.values())) == len(marks):
            return marks
    return {name: f"{digests[name]}-{n}" for n, name in enumerate(sorted(names))}


def told_apart(slug: str, names: list[str]) -> dict[str, str]:
    """The addresses of the seeds that want ``slug``: each its seed's name added after
    ``--``, and where two names give the same slug (``A.txt``, ``a.txt``), a mark made
    from each name after another ``--``."""
    by_part: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_part[slugify(name.rsplit(".", 1)[0])].append(name)
    slugs: dict[str, str] = {}
    for part, alike in by_part.items():
        if len(alike) == 1:
            slugs[alike[0]] = f"{slug}{SEPARATOR}{part}"
            continue
        for name, mark in name_marks(alike).items():
            slugs[name] = f"{slug}{SEPARATOR}{part}{SEPARATOR}{mark}"
    return slugs


def assign_slugs(metas: list[ArticleMeta]) -> dict[str, str]:
    """Page address (slug) per seed name, one per seed, none reserved.

    An address that one seed alone wants is its own. Every seed that wants an address
    another also wants, or a reserved one, gets an address made from its own file name,
    which is unique in ``seeds/`` and which no title or ``slug:`` can take: the wanted
    address, ``--``, the name's slug (and where names give one slug, ``--`` and a mark
    from the name). Neither the order of ``metas`` nor the captures' bytes count."""
    slugs = {meta.seed: wanted_slug(meta) for meta in metas}
    for slug, names in contested_slugs(metas).items():
        slugs.update(told_apart(slug, names))
    return slugs


def slug_problems(metas: list[ArticleMeta], slugs: dict[str, str]) -> list[Problem]:
    """A warning for every seed whose wanted address is shared or reserved: it names the
    address, every seed that wants it and where the page is instead."""
    by_seed = {meta.seed: meta for meta in metas}
    problems: list[Problem] = []
    for slug, names in contested_slugs(metas).items():
        for name in names:
            problems.append(contested_problem(by_seed[name], slug, names, slugs[name]))
    return problems


def contested_problem(meta: ArticleMeta, slug: str, names: list[str], given: str) -> Problem:
    """The warning for one seed that could not have the address ``slug``."""
    yaml = meta.source_file or f"content/articles/{meta.seed.rsplit('.', 1)[0]}.yml"
    address = f"articles/{slug}.html"
    reserved = " (a name the archive keeps for its own pages)" if slug in RESERVED_ARTICLE_SLUGS else ""
    if len(names) == 1:
        why = f"seeds/{meta.seed} wants the page address {address}{reserved}"
    else:
        listed = ", ".join(f"seeds/{n}" for n in names[:NAMED_IN_FULL])
        more = len(names) - NAMED_IN_FULL
        listed += f" and {more:,} more" if more > 0 else ""
        why = f"{len(names):,} captures want the page address {address}{reserved}: {listed}"
    message = f"{why}; seeds/{meta.seed} is published at articles/{given}.html"
    if not meta.source_file:  # uncurated: the address comes from the suggested title
        return Problem(f"seeds/{meta.seed}", None, "", message, Severity.WARNING,
                       f"describe it in {yaml}, with a title or a slug: of its own")
    return Problem(meta.source_file, meta.address_line, "slug" if meta.slug else "title", message,
                   Severity.WARNING, f"give it an address of its own: set slug: in {yaml}")


def seed_problems(seeds: list[Seed]) -> list[Problem]:
    """Empty captures and captures that repeat another byte for byte (each is published,
    on its own page)."""
    problems: list[Problem] = []
    first: dict[str, str] = {}  # sha256 -> the first seed by name with those bytes
    for seed in sorted(seeds, key=lambda s: s.name):
        if not seed.text.strip():
            problems.append(Problem(f"seeds/{seed.name}", None, "",
                                    "the capture holds no text (empty or only whitespace)",
                                    Severity.WARNING, "its page says so; replace the capture"))
        if seed.sha256 in first:
            problems.append(Problem(f"seeds/{seed.name}", None, "",
                                    f"same bytes as seeds/{first[seed.sha256]} (a duplicate "
                                    f"capture): seeds/{first[seed.sha256]} and seeds/{seed.name} "
                                    "are each published on a page of their own",
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
    slugs = assign_slugs(all_metas)
    problems += slug_problems(all_metas, slugs)
    known = dict(outlets)
    articles: list[Article] = []
    for meta in all_metas:
        seed = by_name[meta.seed]
        outlet = outlets.get(meta.outlet, UNKNOWN_OUTLET)
        if outlet is UNKNOWN_OUTLET:
            known.setdefault(UNKNOWN_OUTLET.id, UNKNOWN_OUTLET)
        source = CleanInput(seed.text, meta.title, (*outlet.site_names, outlet.name),
                            meta.overrides, meta.language)
        key = (seed.sha256, source.title, source.site_names, source.overrides, source.language,
               rules)
        text = remembered(cleaned, key, partial(clean, source, rules))
        articles.append(Article(seed, meta, text, slugs[seed.name], outlet))
        if not text.body and seed.text.strip():
            problems.append(empty_body_problem(seed, meta, text))
    return Archive(outlets=known, articles=sorted(articles, key=article_order)), problems


def article_order(article: Article) -> tuple[bool, tuple[int, int, int], str, str]:
    date = article.meta.date
    return (date is None, date.sort_key if date else (0, 0, 0), comparable(article.meta.title),
            article.seed.name)
