"""Reading built pages the way a reader sees them."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text_of(element) -> str:
    """Visible text, with whitespace (non-breaking spaces too) collapsed."""
    return " ".join(element.get_text().split())


def norm(text: str) -> str:
    return " ".join(text.split())


def find_article_page(site: Path, seed_name: str):
    """The built page of the article made from ``seed_name``, or (None, None)."""
    for page in sorted((site / "articles").glob("*.html")):
        doc = soup(page)
        name = doc.select_one("code.seed-name")
        if name is not None and name.get_text() == seed_name:
            return page, doc
    return None, None


def article_page(site: Path, seed_name: str):
    """The built page of the article made from ``seed_name`` (found by its capture name)."""
    page, doc = find_article_page(site, seed_name)
    assert page is not None, f"no article page shows the capture {seed_name}"
    return page, doc
