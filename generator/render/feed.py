"""The Atom feed of captures (``feed.xml`` at the site root, RFC 4287).

One entry per article, newest first by the article's date; undated articles come last,
in the order of their seed file names. Atom wants full timestamps, and an article's
date is a day, a month or a year, sometimes inferred: the timestamp is midnight UTC of
the first day the date allows (``2017-03?`` gives ``2017-03-01T00:00:00Z``), and each
entry's summary says what is known. An undated article gets the placeholder
``1970-01-01T00:00:00Z`` (said in its summary), so that readers that sort by date put
it last too.

Nothing comes from the build clock: the feed's own ``updated`` is its newest entry's,
so the same input gives the same bytes. Entry ids are ``urn:uuid:`` values derived from
the site's name and the seed's file name: the same capture keeps its id from build to
build (a changed capture is the same entry, updated), and two archives made with this
generator do not share ids.

Links are absolute when ``site_url`` is set in ``mkdocs.yml`` (feed readers resolve
relative links poorly, or not at all); without it they are relative to ``feed.xml``,
which RFC 4287 allows (they resolve against the feed's own address) and which is the
only honest choice, since the site's address is not known.
"""

from __future__ import annotations

import uuid

from generator.escape import url_path, xml_text
from generator.evidence.marks import article_marks
from generator.model import Article, DatePrecision, DateQualifier
from generator.render.pages import date_text

FEED_PATH = "feed.xml"
UNDATED = "1970-01-01T00:00:00Z"  # Atom requires a timestamp; said in the entry's summary


def timestamp(article: Article) -> str:
    """The entry's ``updated``: midnight UTC of the first day the article's date allows."""
    date = article.meta.date
    if date is None:
        return UNDATED
    return f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}T00:00:00Z"


def ordered(articles: list[Article]) -> list[Article]:
    """Newest first by date (ties by seed file name); undated last, by seed file name."""
    dated = sorted((a for a in articles if a.meta.date), key=lambda a: a.seed.name)
    dated.sort(key=lambda a: timestamp(a), reverse=True)
    undated = sorted((a for a in articles if not a.meta.date), key=lambda a: a.seed.name)
    return dated + undated


def date_note(article: Article) -> str:
    """What the entry's timestamp rests on, in words."""
    meta, date = article.meta, article.meta.date
    if date is None:
        return (f"Date unknown: the timestamp {UNDATED} is a placeholder, since Atom requires "
                "one; undated captures come last in the feed, by file name.")
    what = "the date of an update" if meta.date_type == "updated" else "the publication date"
    known = {DatePrecision.DAY: "The day is known, not the time: the timestamp is midnight UTC.",
             DatePrecision.MONTH: "Only the month is known: the timestamp is the 1st of the "
                                  "month, midnight UTC.",
             DatePrecision.YEAR: "Only the year is known: the timestamp is 1 January, "
                                 "midnight UTC."}[date.precision]
    how = {DateQualifier.INFERRED: " The date is inferred, not stated by the outlet.",
           DateQualifier.APPROXIMATE: " The date is approximate."}.get(date.qualifier, "")
    basis = " ".join(meta.date_basis.split())
    basis = f" Basis: {basis}" + ("" if basis.endswith((".", "!", "?")) else ".") if basis else ""
    return f"Date: {date_text(article)}, {what}. {known}{how}{basis}"


def entry_id(site_name: str, seed: str) -> str:
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"archive-capture:{site_name}\0{seed}"))


def feed_id(site_name: str) -> str:
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"archive-feed:{site_name}"))


def href(site_url: str | None, path: str) -> str:
    """A link to a file of the site: absolute under ``site_url``, else relative to the feed."""
    rel = str(url_path(path))
    if not site_url:
        return rel
    return site_url.rstrip("/") + "/" + rel


def summary(article: Article) -> str:
    marks = article_marks(article)
    outlet = article.outlet.name + (f" ({'; '.join(marks)})" if marks else "")
    return (f"{outlet}. {date_note(article)} Capture: {article.seed.name}, SHA-256 "
            f"{article.seed.sha256}.")


def render_feed(articles: list[Article], site_name: str, site_url: str | None,
                ident: str | None = None, subtitle: str = "") -> str:
    """The Atom document, every text and attribute through :func:`xml_text`. Ids come from
    ``ident`` (the site's name as written, before its counts are filled in: the same as
    the collection grows), else from ``site_name``; ``subtitle`` says what it holds."""
    ident = site_name if ident is None else ident
    entries = ordered(articles)
    updated = timestamp(entries[0]) if entries else UNDATED
    x = xml_text
    out = ['<?xml version="1.0" encoding="utf-8"?>\n',
           '<feed xmlns="http://www.w3.org/2005/Atom">\n',
           f"  <title>{x(site_name)}: captures</title>\n",
           f"  <subtitle>{x(subtitle)}Every capture in the archive, newest first by the "
           f"article's date{'' if site_url else '; links are relative to this file'}."
           "</subtitle>\n",
           f"  <id>{feed_id(ident)}</id>\n",
           f"  <updated>{updated}</updated>\n",
           f"  <author><name>{x(site_name)}</name></author>\n",
           f'  <link rel="alternate" type="text/html" href="{x(href(site_url, "index.html"))}"/>\n']
    if site_url:
        out.append(f'  <link rel="self" type="application/atom+xml" '
                   f'href="{x(href(site_url, FEED_PATH))}"/>\n')
    for article in entries:
        page = article.page_path[:-3] + ".html"
        out += ["  <entry>\n",
                f"    <title>{x(article.meta.title)}</title>\n",
                f'    <link rel="alternate" type="text/html" href="{x(href(site_url, page))}"/>\n',
                f"    <id>{entry_id(ident, article.seed.name)}</id>\n",
                f"    <updated>{timestamp(article)}</updated>\n"]
        if article.meta.date and article.meta.date_type != "updated":
            out.append(f"    <published>{timestamp(article)}</published>\n")
        out += [f"    <author><name>{x(article.outlet.name)}</name></author>\n",
                f"    <summary>{x(summary(article))}</summary>\n",
                "  </entry>\n"]
    out.append("</feed>\n")
    return "".join(out)
