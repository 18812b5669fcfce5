"""Reading built pages the way a reader sees them."""

from __future__ import annotations

import io
from pathlib import Path

from bs4 import BeautifulSoup, Tag


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text_of(element) -> str:
    """Visible text, with whitespace (non-breaking spaces too) collapsed."""
    return " ".join(element.get_text().split())


def attr(element: Tag | None, name: str) -> str:
    """The value of a single-valued attribute (``href``, ``id``, ``data-line``) of an
    element that must be there."""
    assert element is not None, f"no element to read {name} from"
    value = element[name]
    assert isinstance(value, str), f"{name} holds several values: {value!r}"
    return value


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


SECTIONS = {
    "body": ".article-body [data-line]",
    "captions": ".article-captions [data-line]",
    "comments": ".reader-comments [data-line]",
    "removed": ".removed-boilerplate [data-line]",
}


def section_texts(doc, section: str) -> list[str]:
    selector = SECTIONS[section]
    if section == "removed":
        return [text_of(li.select_one(".line-text")) for li in doc.select(selector)]
    return [text_of(el) for el in doc.select(selector)]


def raw_lines(text: str) -> list[str]:
    """A capture's lines as a browser showing the raw file, an editor or ``grep -n`` number
    them: Python's universal newlines (LF, CR, CRLF), not ``str.splitlines``, which also
    breaks at U+2028, form feeds and the like."""
    return io.StringIO(text, newline=None).read().split("\n")


def assert_every_line_once(doc, text: str) -> None:
    """Each non-blank line of the capture ``text`` is on the article page ``doc`` exactly
    once, under its own line number (``data-line``), its text unchanged; a line a curator
    split is there as its parts, in order."""
    pieces: dict[int, list[tuple[int, str]]] = {}
    for section in SECTIONS:
        for element, shown in zip(doc.select(SECTIONS[section]), section_texts(doc, section), strict=True):
            part = int(element.get("data-part", 0))
            pieces.setdefault(int(element["data-line"]), []).append((part, shown))
    expected = {n: norm(line) for n, line in enumerate(raw_lines(text), 1) if line.strip()}
    missing, invented = sorted(set(expected) - set(pieces)), sorted(set(pieces) - set(expected))
    assert not missing and not invented, (
        f"lines {missing} of the capture are not on its page; lines {invented} are on the "
        "page but are not lines of the capture")
    for number, parts in pieces.items():
        if len(parts) > 1:
            assert sorted(p for p, _ in parts) == list(range(1, len(parts) + 1)), (
                f"line {number} is shown more than once")
        joined = " ".join(shown for _, shown in sorted(parts))
        if len(parts) > 1:  # a split drops the space between the parts, if there was one
            assert joined.replace(" ", "") == expected[number].replace(" ", ""), (
                f"line {number} is altered on the page where it is split")
        else:
            assert norm(joined) == expected[number], f"line {number} is altered on the page"
