"""The archive's search in a real browser, as a reader uses it.

From a folder (``file://``) with every other request refused and recorded, and from a
web host (``http://``). The expected pages come from the data (``content/``) and from
the built index read in Python (``search_files.py``), never from a ranking copied here.
"""

from __future__ import annotations

import re
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from browser import SEARCH_TIMEOUT_MS, watched_context
from search_files import SearchFiles

from generator.render.search import VOICE_CAPTION, VOICE_COMMENT, query_terms, tokens


def shown(page, base: str) -> list[str]:
    """The pages of the result list, in order, as addresses inside the site."""
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > a:first-child", "els => els.map(e => e.href)")
    return [h.removeprefix(base).split("?", 1)[0].split("#", 1)[0] for h in hrefs]


def site_base(site: Path) -> str:
    return site.resolve().as_uri() + "/"


def settle(page, query: str) -> str:
    """Wait until the result list shows ``query``'s results; the meta line's text."""
    page.wait_for_function(
        """q => { const m = document.querySelector('.md-search-result__meta').textContent;
                  return document.querySelector('input.md-search__input').value === q
                         && /matching document/.test(m); }""", arg=query,
        timeout=SEARCH_TIMEOUT_MS)
    page.wait_for_timeout(200)  # a later keystroke's results replace the list whole
    return page.inner_text(".md-search-result__meta")


def all_results(page, query: str) -> tuple[int, list[str]]:
    got = page.evaluate("q => __archiveSearch.search(q, 100000)", query)
    return got["total"], [r["address"] for r in got["results"]]


@pytest.fixture(scope="module")
def index(built_site: Path) -> SearchFiles:
    return SearchFiles.of(built_site)


def test_an_alias_finds_its_entity_first(built_site: Path, watched):
    page = watched.open(built_site / "index.html")
    watched.search("Daesh")
    meta = settle(page, "Daesh")
    assert re.fullmatch(r"\d+ matching documents", meta), meta
    assert shown(page, site_base(built_site))[0] == "actors/isis.html"
    # The entity's page says what the alias is a name of.
    first = page.locator(".md-search-result__item").first
    assert first.locator("h1").inner_text() == "Islamic State"
    assert first.locator(".archive-search-alias mark").all_inner_texts() == ["Daesh"]
    watched.assert_clean("search for 'Daesh'")


def test_every_word_of_a_query_must_be_found(built_site: Path, watched, index: SearchFiles):
    query = "Raqqa evacuation"
    raqqa = index.pages_with("raqqa")
    evacuation = index.pages_with("evacuation", prefix=True)  # the word being typed
    expected = {index.address(p) for p in raqqa & evacuation}
    assert expected and len(expected) < min(len(raqqa), len(evacuation))
    page = watched.open(built_site / "index.html")
    watched.search(query)
    meta = settle(page, query)
    assert meta == f"{len(expected)} matching documents"
    total, addresses = all_results(page, query)
    assert total == len(expected) and set(addresses) == expected
    first = set(shown(page, site_base(built_site)))
    assert first and first <= expected
    watched.assert_clean(f"search for {query!r}")


# The city's curated name and aliases (content/places.yml), and the same with accents,
# capitals and the hyphen moved: each finds the city's page first.
PLACE_SPELLINGS = ["Deir ez-Zor", "Deir Ezzor", "deir al-zor", "DÉIR ÉZZOR", "Deir ez\u2011Zor"]


def test_spellings_of_a_place_find_the_same_page(built_site: Path, watched):
    page = watched.open(built_site / "index.html")
    firsts = {}
    for spelling in PLACE_SPELLINGS:
        box = page.locator("input.md-search__input")
        box.fill("")
        watched.search(spelling)
        settle(page, spelling)
        firsts[spelling] = shown(page, site_base(built_site))[0]
    assert set(firsts.values()) == {"places/deir-ez-zor.html"}, firsts
    # The province is its own place: its name finds it first.
    page.locator("input.md-search__input").fill("")
    watched.search("Deir ez-Zor province")
    settle(page, "Deir ez-Zor province")
    assert shown(page, site_base(built_site))[0] == "places/deir-ez-zor-province.html"
    watched.assert_clean("searching a place's spellings")


def test_the_page_folds_words_as_the_index_does(built_site: Path, watched):
    samples = ["Deir ez-Zor", "Yekîneyên Parastina Gel", "Straße Łódź", "al\u2011Raqqa’s",
               "Ruʿb al-Ṣaḥrāʾ", "ﬁnal 2017,U.S.-backed", "İstanbul ǅemal"]
    page = watched.open(built_site / "index.html")
    for text in samples:
        assert page.evaluate("t => __archiveSearch.tokens(t)", text) == tokens(text), text
        assert page.evaluate("t => __archiveSearch.parse(t).terms", text) == query_terms(text)


def rare_term_in(index: SearchFiles, voice: int) -> tuple[str, list, dict]:
    """A word found in one article only, whose passage there is in ``voice``."""
    for term, entries in sorted(index.postings.items()):
        if len(entries) != 1 or len(term) < 6 or not term.isalpha():
            continue
        if any(t != term and t.startswith(term) for t in index.postings):
            continue  # typed, it is a prefix: of no other word
        page, passage, _ = entries[0]
        record = index.records[page]
        # (and in the passage's snippet, which keeps its first SNIPPET_CHARS)
        if (record[0].startswith("articles/") and record[4][passage][2] == voice
                and term in tokens(record[4][passage][3])):
            return term, record, record[4][passage]
    raise AssertionError(f"no word of the seed site's articles is only in voice {voice}")


@pytest.mark.parametrize("voice, label", [
    (VOICE_COMMENT, "Readers' comment, not {outlet}'s words"),
    (VOICE_CAPTION, "Photo caption, not {outlet}'s article text"),
])
def test_a_comment_or_caption_is_never_shown_as_the_outlets_text(built_site: Path, watched,
                                                                  index: SearchFiles, voice, label):
    term, record, passage = rare_term_in(index, voice)
    page = watched.open(built_site / "index.html")
    watched.search(term)
    settle(page, term)
    item = page.locator(".md-search-result__item").first
    section = item.locator(f"a[href$='#{passage[0]}']")
    assert section.count() == 1
    assert section.locator(".archive-search-voice").inner_text() == label.format(outlet=record[2])
    assert term in tokens(section.inner_text())
    # Every passage shown from a caption or a comment, for a word all over the archive,
    # says so.
    page.locator("input.md-search__input").fill("")
    watched.search("Raqqa")
    settle(page, "Raqqa")
    got = page.evaluate("q => __archiveSearch.search(q, 20)", "Raqqa")
    for result in got["results"]:
        for p in result["passages"][:3]:
            if p["voice"] in (VOICE_CAPTION, VOICE_COMMENT):
                link = page.locator(f".md-search-result__item a[href$='#{p['anchor']}']")
                assert link.locator(".archive-search-voice").count() == 1, p
    watched.assert_clean(f"search for {term!r}")


def test_a_result_opens_its_paragraph_with_the_words_marked(built_site: Path, watched,
                                                            index: SearchFiles):
    from generator.render.search import VOICE_OWN

    term, record, passage = rare_term_in(index, VOICE_OWN)
    page = watched.open(built_site / "index.html")
    watched.search(term)
    settle(page, term)
    section = page.locator(f".md-search-result__item a[href$='#{passage[0]}']").first
    assert section.locator("mark").count() >= 1  # the snippet marks the word too
    section.click()
    page.wait_for_url(re.compile(re.escape(record[0]) + r"\?h=.*#" + re.escape(passage[0])))
    page.wait_for_selector("html.js", state="attached")
    marks = page.locator(f"[id='{passage[0]}'] mark[data-md-highlight]")
    marks.first.wait_for(state="attached")
    assert term in " ".join(marks.all_inner_texts()).lower()
    # The search closed behind the reader.
    assert not page.evaluate("document.getElementById('__search').checked")
    watched.assert_clean(f"opening a result for {term!r}")


def test_the_search_is_used_with_the_keyboard(built_site: Path, watched):
    page = watched.open(built_site / "methodology.html")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("/")  # as the theme: f, s or / opens the search
    page.wait_for_function(
        "document.activeElement.matches('input.md-search__input')"
        " && document.getElementById('__search').checked")
    page.keyboard.type("Daesh", delay=50)
    settle(page, "Daesh")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    assert "actors/isis.html" in first
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.getAttribute('href')")
    assert second != first and second is not None
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    page.keyboard.press("Escape")  # closes it
    assert not page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("s")
    page.wait_for_function("document.getElementById('__search').checked")
    page.keyboard.press("Enter")  # opens the best result
    page.wait_for_url(re.compile(r"actors/isis\.html\?h=Daesh"))
    watched.assert_clean("searching with the keyboard")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # the base class's names
        pass


@pytest.fixture
def served(built_site: Path):
    """The built site on a local web server (no server code: files only)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_search_works_from_a_web_host(served: str, browser):
    with watched_context(browser, allowed=(served,), viewport={"width": 1280, "height": 900}) as watched:
        page = watched.open(served + "articles/index.html")
        watched.search("Daesh")
        settle(page, "Daesh")
        assert shown(page, served)[0] == "actors/isis.html"
        page.locator(".md-search-result__item a").first.click()
        page.wait_for_url(served + "actors/isis.html?h=Daesh")
        page.locator("article mark[data-md-highlight]").first.wait_for(state="attached")
        watched.assert_clean("search over http")
