"""Uncertainty marks: what makes an article or an outlet less than confirmed, own words.

An inferred outlet, a re-post of wire copy, a relayed broadcaster's report: these travel
with the article and its outlet to every page, table, lane and data file that names them,
not only to the article's own page. The date's marks (inferred, approximate, updated) are
in the date's text itself (``FuzzyDate.human``, ``render.date_text``).
"""

from __future__ import annotations

from generator.model import Article, Outlet


def article_marks(article: Article) -> list[str]:
    """What makes the article less than the outlet's own, confirmed words: shown wherever
    the article is named (its date's own marks are in :func:`date_text`)."""
    marks = ["outlet inferred"] if article.meta.outlet_inferred else []
    return marks + [relay.label for relay in article.meta.relays]


def outlet_marks(articles: list[Article]) -> list[str]:
    """The same for an outlet, over its articles: whether it is inferred, what it relays."""
    marks = []
    inferred = sum(1 for a in articles if a.meta.outlet_inferred)
    if inferred:
        marks.append("inferred" if inferred == len(articles)
                     else f"inferred for {inferred} of {len(articles)} articles")
    for whole, verb in ((True, "re-posts"), (False, "relays")):
        sources = sorted({r.source for a in articles for r in a.meta.relays if r.whole is whole})
        if sources:
            marks.append(f"{verb} {' and '.join(sources)}")
    return marks


def outlet_header(outlet: Outlet, articles: list[Article]) -> str:
    """An outlet's name with its marks, for a column heading or a lane of the timeline."""
    marks = outlet_marks(articles)
    return outlet.name + (f" ({'; '.join(marks)})" if marks else "")


def article_outlet(article: Article) -> str:
    """The outlet as a line that names one article shows it: "SouthFront (inferred; relays
    AFP and PressTV)", so a passage quoted anywhere keeps the doubt about whose it is."""
    return outlet_header(article.outlet, [article])
