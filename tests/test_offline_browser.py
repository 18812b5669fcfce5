"""The built site works from disk (file://) in a real browser, search included.

In the browser tests every request that does not go to a ``file://`` address
is aborted and recorded, so a page that reaches for the network fails here
even though the test machine has no network to reach. Console errors and
uncaught page errors fail them too.

Search from ``file://`` needs its index as script files (``search/manifest.js``, term
and page shards, written by the archive plugin), which a page opened from a folder may
load with <script> where fetch is refused; tests/test_search_browser.py searches it as a
reader does.

The browser is Debian's chromium at /usr/bin/chromium, driven by Playwright;
without either, the browser tests skip and say why.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from browser import ACTION_TIMEOUT_MS, NAV_TIMEOUT_MS, SEARCH_TIMEOUT_MS, PlaywrightTimeout, Watched  # noqa: F401
from collection_checks import check_nothing_loads_from_outside

SEARCH_TERMS = ["Daesh", "Raqqa"]
# An alias finds its entity's page: "Daesh" is a name of the Islamic State.
EXPECTED_RESULT = {"Daesh": "actors/isis.html", "Raqqa": "places/raqqa.html"}


# --- without a browser --------------------------------------------------------


def test_site_was_built_for_offline_search(built_site: Path):
    assert (built_site / "index.html").is_file()
    search = built_site / "search"
    assert (search / "manifest.js").is_file(), "search/manifest.js is missing"
    assert any((search / "terms").glob("*.js")) and any((search / "pages").glob("*.js"))
    # The theme's whole-index search is gone: no page loads it, no worker is needed.
    assert not (search / "search_index.js").exists()
    assert not (search / "search_index.json").exists()
    assert not (built_site / "assets" / "vendor" / "iframe-worker").exists()
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/archive-search.js"' in home
    assert "search_index" not in home and "iframe-worker" not in home


def test_no_page_loads_anything_from_outside(built_site: Path):
    """No built page names an outside address for the browser to load by itself."""
    assert check_nothing_loads_from_outside(built_site) > 100


# --- in a real browser --------------------------------------------------------


def first_article_href(page) -> str:
    """The first link in the articles index's content that opens an article page."""
    hrefs = page.eval_on_selector_all(
        "article.md-content__inner a[href]", "els => els.map(e => e.getAttribute('href'))"
    )
    for href in hrefs:
        # Article pages sit next to the index: "<slug>.html", maybe with a #fragment.
        target = href.split("#", 1)[0]
        if re.fullmatch(r"[^/:?]+\.html", target) and target != "index.html":
            return target
    raise AssertionError(f"no link to an article page in articles/index.html; links: {hrefs}")


def test_home_and_an_article_open_offline(built_site: Path, watched: Watched):
    page = watched.open(built_site / "index.html")
    assert page.title(), "the home page has no title"
    watched.assert_clean("index.html")

    page = watched.open(built_site / "articles" / "index.html")
    href = first_article_href(page)
    watched.assert_clean("articles/index.html")

    article = built_site / "articles" / href
    assert article.is_file(), f"articles/index.html links to a missing page: {href}"
    page = watched.open(article)
    body = page.locator("div.article-body")
    body.first.wait_for(state="attached")
    assert body.first.inner_text().strip(), f"articles/{href} has an empty article body"
    watched.assert_clean(f"articles/{href}")


def pages_of_every_kind(site: Path) -> list[Path]:
    """Every top-level page, and in each folder its index and first two other pages.

    Pages in one folder share a template, so this covers every kind of page
    (a map, a timeline, entity pages) while the archive grows; the static
    check above reads every page.
    """
    chosen = []
    for folder in [site, *sorted(d for d in site.rglob("*") if d.is_dir())]:
        pages = sorted(p for p in folder.glob("*.html") if p.name != "404.html")
        if folder == site:
            chosen += pages
        else:
            index = [p for p in pages if p.name == "index.html"]
            chosen += index + [p for p in pages if p.name != "index.html"][:2]
    return chosen


def test_pages_of_every_kind_open_offline(built_site: Path, watched: Watched):
    """Scripts on any kind of page must not reach out or fail either."""
    pages = pages_of_every_kind(built_site)
    assert pages
    problems = {}
    for path in pages:
        watched.external.clear()
        watched.errors.clear()
        watched.open(path)
        if watched.external or watched.errors:
            problems[path.relative_to(built_site).as_posix()] = watched.external + watched.errors
    print(f"opened {len(pages)} pages from file://")
    assert problems == {}, f"pages that reach out or log errors from file://: {problems}"


@pytest.mark.parametrize("term", SEARCH_TERMS)
def test_search_finds_terms_offline(built_site: Path, watched: Watched, term: str, tmp_path: Path):
    page = watched.open(built_site / "index.html")

    results = watched.search(term)
    count = results.count()

    shot = tmp_path / f"search-{term}.png"
    page.screenshot(path=str(shot))
    print(f"search for {term!r}: {count} results; screenshot: {shot}")

    assert count >= 1
    assert re.search(r"\d+ matching document", page.inner_text(".md-search-result__meta"))
    # Result links are absolute: file:///.../site/<page>.html?h=...#...
    base = built_site.resolve().as_uri() + "/"
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item a[href]", "els => els.map(e => e.href)"
    )
    shown = sorted({h.removeprefix(base).split("?", 1)[0].split("#", 1)[0] for h in hrefs})
    print(f"pages among the first results for {term!r}: {shown}")
    assert EXPECTED_RESULT[term] in shown, f"searching {term!r} does not list {EXPECTED_RESULT[term]}"
    # That article text is searchable: among all the results, an article page (not just
    # the articles list) has the term.
    got = page.evaluate("q => __archiveSearch.search(q, 100000)", term)
    in_articles = [r["address"] for r in got["results"]
                   if re.fullmatch(r"articles/(?!index\.html)[^/]+\.html", r["address"])]
    assert got["total"] == len(got["results"]) >= count
    assert in_articles, f"no article page in the search index mentions {term!r}"
    print(f"article pages in the index that mention {term!r}: {len(in_articles)}")
    watched.assert_clean(f"search for {term!r}")


def test_index_tables_sort_and_filter_offline(built_site: Path, watched: Watched):
    page = watched.open(built_site / "actors" / "index.html")
    table = page.locator("article table").first
    names = table.locator("tbody tr td:first-child")
    rows_before = names.count()
    assert rows_before > 5

    # Filter: only rows that mention the typed text stay visible.
    box = page.locator("input.archive-filter").first
    box.click()
    page.keyboard.type("Daesh")
    visible = table.locator("tbody tr:visible td:first-child")
    assert visible.all_inner_texts() == ["Islamic State"]
    box.fill("")
    box.dispatch_event("input")

    # Sort: clicking "Mentions" twice puts the least mentioned first.
    header = table.locator("thead th", has_text="Mentions")
    header.click()
    header.click()
    assert header.get_attribute("aria-sort") == "descending"
    counts = [int(t) for t in table.locator("tbody tr td:nth-child(3)").all_inner_texts()]
    assert counts == sorted(counts, reverse=True)
    header.click()
    counts = [int(t) for t in table.locator("tbody tr td:nth-child(3)").all_inner_texts()]
    assert counts == sorted(counts)
    watched.assert_clean("actors/index.html")


def test_cite_box_copies_the_reference_and_cites_one_paragraph_offline(built_site: Path,
                                                                       watched: Watched):
    from urllib.parse import unquote, urlsplit

    from pages import article_page
    from test_cite import read_bibtex

    path, doc = article_page(built_site, "004_943bb74b3960d4d7.txt")
    whole = doc.select_one(".cite-box textarea.cite-text").get_text()
    paragraphs = doc.select(".article-body p[id][data-line]")
    assert len(paragraphs) >= 3
    page = watched.open(path)
    box = page.locator("section.cite-box")
    assert box.locator("h2").inner_text() == "Cite this capture"
    field = box.locator("textarea.cite-text")
    assert field.is_visible() and field.input_value() == whole

    # Copy: the reference is in the clipboard, or at least selected in the visible field
    # (a headless browser may refuse the clipboard on file://).
    with contextlib.suppress(Exception):  # an opaque file:// origin may not take permissions
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    copy = box.locator("button.cite-copy")
    assert copy.is_visible()
    copy.click()
    status = box.locator(".cite-status")
    page.wait_for_function("() => document.querySelector('.cite-status').textContent !== ''")
    assert status.inner_text() in ("Copied to the clipboard.",
                                   "The reference is selected: press Ctrl+C (\u2318C) to copy it.")
    selected = page.evaluate("""() => { const f = document.querySelector('.cite-text');
        return document.activeElement === f ? f.value.slice(f.selectionStart, f.selectionEnd) : null; }""")
    assert selected == whole
    try:
        clipboard = page.evaluate("() => navigator.clipboard.readText()")
    except Exception:
        clipboard = None
    if clipboard is not None and status.inner_text().startswith("Copied"):
        assert clipboard == whole
    print(f"copy: {status.inner_text()!r}; clipboard read back: {clipboard is not None}")

    # The downloads are files of the built site.
    hrefs = box.locator("a.cite-download").evaluate_all("links => links.map(a => a.href)")
    assert len(hrefs) == 3
    for href in hrefs:
        target = Path(unquote(urlsplit(href).path))
        assert target.is_file() and built_site.resolve() in target.resolve().parents, href

    # A paragraph's "Cite" button: the box names the paragraph and its address.
    second = paragraphs[1]
    anchor, line = second["id"], second["data-line"]
    page.locator(f"[id='{anchor}'] button.para-cite").click()
    page.wait_for_function("a => document.querySelector('.cite-text').value.includes(a)", arg=anchor)
    text = field.input_value()
    assert f"Paragraph {anchor} (line {line})." in text
    assert f"articles/{path.name}#{anchor}." in text
    assert page.evaluate("() => location.hash") == f"#{anchor}"
    assert box.locator(".cite-what").inner_text() == f"paragraph {anchor} (line {line} of the capture)"
    bib = box.locator("a.cite-download[data-format='bib']")
    href = bib.get_attribute("href")
    assert href.startswith("data:application/x-bibtex;charset=utf-8,")
    (_, key, fields), = read_bibtex(unquote(href.split(",", 1)[1]))
    assert key == f"{path.stem}-{anchor}" and f"\\#{anchor}" in fields["note"]
    assert bib.get_attribute("download") == f"{path.stem}-{anchor}.bib"

    # Back to the whole capture.
    box.locator("button.cite-whole").click()
    assert field.input_value() == whole
    assert box.locator("a.cite-download[data-format='bib']").get_attribute("href").endswith(
        f"data/cite/{path.stem}.bib")

    # Following a paragraph's link (#id) cites that paragraph too.
    third = paragraphs[2]
    page.locator(f"[id='{third['id']}'] a.para-link").click()
    page.wait_for_function("a => document.querySelector('.cite-text').value.includes(a)",
                           arg=third["id"])
    assert f"line {third['data-line']}" in field.input_value()
    watched.assert_clean(f"articles/{path.name}")


def test_a_paragraph_address_opens_with_its_reference_in_the_box(built_site: Path,
                                                                 watched: Watched):
    from pages import article_page

    path, doc = article_page(built_site, "001_66dd8c24867dc48b.txt")
    first = doc.select(".article-body p[id][data-line]")[0]
    page = watched.page
    page.goto(path.resolve().as_uri() + "#" + first["id"], wait_until="load")
    page.wait_for_function("a => document.querySelector('.cite-text').value.includes('#' + a)",
                           arg=first["id"])
    assert f"Paragraph {first['id']} (line {first['data-line']})." in page.locator(
        ".cite-text").input_value()
    watched.assert_clean(f"articles/{path.name}#{first['id']}")
