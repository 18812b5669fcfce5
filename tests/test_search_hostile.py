"""The search and the page scripts on hostile input, built and opened as a reader does.

One copy of the project, built once for the module, holds what once broke them: a title
with quotes, ampersands and angle brackets, a capture of 5,000 paragraphs, words with
letters this Python's Unicode tables do not know; the browser opens it from ``file://``
with every other request refused.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from browser import SEARCH_TIMEOUT_MS
from conftest import copy_project, mkdocs_build
from pages import article_page
from search_files import SearchFiles, read_shard

import generator.render.search as si
from generator.render.search import fold, tokens

TITLE = 'Quoted "words" & <b>bold</b> &amp; an entity, Qwertzuiop\'s'
PARAGRAPHS = 5000
# KAWI LETTER A: a letter since Unicode 15, unassigned in Python 3.11's tables (14.0).
NEW_LETTER = "\U00011F04"
NEW_WORD = f"Zorbak{NEW_LETTER}tor"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile-search") / "project")
    seeds = project / "seeds"
    (seeds / "titled.txt").write_text(
        "A headline\n\nQwertzuiop's paragraph about Raqqa, long enough to be the article.\n",
        encoding="utf-8")
    (project / "content" / "articles" / "titled.yml").write_text(
        f"seed: titled.txt\ntitle: {json.dumps(TITLE)}\noutlet: voa\n"
        'url: "https://example.org/titled"\nlanguage: en\n', encoding="utf-8")
    paragraphs = "\n\n".join(f"Paragraph {n} names kappa{n} once." for n in range(1, PARAGRAPHS + 1))
    (seeds / "many-paragraphs.txt").write_text(f"Many short paragraphs\n\n{paragraphs}\n",
                                               encoding="utf-8")
    (seeds / "new-letters.txt").write_text(
        f"Letters of a newer Unicode\n\nThe word {NEW_WORD} is written with a letter of Kawi.\n",
        encoding="utf-8")
    built = project / "site"
    result = mkdocs_build(project, built)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return built


def open_page(watched, path: Path, suffix: str = ""):
    return watched.open(path.resolve().as_uri() + suffix)


def meta_line(page) -> str:
    page.wait_for_function(
        "/matching document/.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=SEARCH_TIMEOUT_MS)
    return page.inner_text(".md-search-result__meta")


# --- a title is text, escaped once -----------------------------------------------------

def test_the_index_holds_a_title_as_its_text(site: Path):
    index = SearchFiles.of(site)
    page, _ = article_page(site, "titled.txt")
    record = index.records[index.page_id(page.relative_to(site).as_posix())]
    assert record[1] == TITLE
    # The title's words are its text's, not those of its escapes.
    page_id = index.page_id(record[0])
    assert page_id in {p for p, _, _ in index.postings["qwertzuiops"]}
    for escape in ("quot", "lt", "gt"):
        assert page_id not in {p for p, _, _ in index.postings.get(escape, [])}


def test_a_search_result_shows_a_title_as_written(site: Path, watched):
    page = open_page(watched, site / "index.html")
    watched.search("Qwertzuiop")
    meta_line(page)
    titles = page.locator(".md-search-result__item h1").all_inner_texts()
    assert TITLE in titles, titles
    assert page.locator(".md-search-result__item h1 b").count() == 0
    watched.assert_clean("a search for a title with quotes and ampersands")


# --- a page of more than 4,095 paragraphs ----------------------------------------------

def paragraph_id(site: Path, n: int) -> str:
    _, doc = article_page(site, "many-paragraphs.txt")
    [element] = [p for p in doc.select(".article-body p[id]") if f"kappa{n} " in p.get_text()]
    return element["id"]


def test_every_paragraph_of_a_long_capture_is_its_words_passage(site: Path):
    index = SearchFiles.of(site)
    page, _ = article_page(site, "many-paragraphs.txt")
    record = index.records[index.page_id(page.relative_to(site).as_posix())]
    for n in (1, 4094, 4095, 4096, 4500, PARAGRAPHS):
        [(_, passage, _)] = index.postings[f"kappa{n}"]
        assert record[4][passage][0] == paragraph_id(site, n), n


def test_a_hit_in_paragraph_4500_opens_that_paragraph(site: Path, watched):
    page = open_page(watched, site / "index.html")
    watched.search("kappa4500")
    meta_line(page)
    links = page.eval_on_selector_all(".md-search-result__item a[href*='#']",
                                      "els => els.map(e => e.href)")
    assert [urlsplit(h).fragment for h in links] == [paragraph_id(site, 4500)]
    watched.assert_clean("a search for a word of paragraph 4,500")


# --- words: the same in Python and in the browser, on all of Unicode -------------------

def planes_digest() -> list[str]:
    """For each plane, the SHA-256 of the tokens of every code point between two letters
    (surrogates left out), one token a line: what the page's script must give too."""
    digests = []
    for plane in range(17):
        text = "".join(f"x{chr(p)}y " for p in range(plane << 16, (plane + 1) << 16)
                       if not 0xD800 <= p < 0xE000)
        digests.append(hashlib.sha256("\n".join(tokens(text)).encode("utf-8")).hexdigest())
    return digests


def test_the_page_splits_and_folds_every_code_point_as_the_index(site: Path, watched):
    page = open_page(watched, site / "index.html")
    got = page.evaluate("""async () => {
        const out = [];
        for (let plane = 0; plane < 17; plane++) {
            const parts = [];
            for (let p = plane << 16; p < (plane + 1) << 16; p++) {
                if (p < 0xD800 || p >= 0xE000) parts.push("x" + String.fromCodePoint(p) + "y ");
            }
            const words = __archiveSearch.tokens(parts.join("")).join("\\n");
            const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(words));
            out.push([...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, "0")).join(""));
        }
        return out;
    }""")
    expected = planes_digest()
    assert [plane for plane in range(17) if got[plane] != expected[plane]] == []
    watched.assert_clean("tokenising every code point")


# Mathematical bold and full-width letters on purpose: the page must fold them as the index does.
SAMPLES = [NEW_WORD, "ΟΔΟΣ Σίσυφος", "𝐀𝐁𝐂 ﬁnal ½ ①", "한국어 ｗｉｄｅ", "a\u0301\u0327b",  # noqa: RUF001
           "İstanbul ǅemal", "ab--cd e-'f g'", "Deir ez\u2011Zor", "x\u00adx _under_score"]


@pytest.mark.parametrize("text", SAMPLES)
def test_the_page_folds_queries_as_the_index(site: Path, watched, text):
    page = open_page(watched, site / "index.html")
    assert page.evaluate("t => __archiveSearch.tokens(t)", text) == tokens(text)
    assert page.evaluate("t => __archiveSearch.fold(t)", text) == fold(text)
    watched.assert_clean(f"folding {text!r}")


def test_the_words_table_is_written_into_the_index(site: Path):
    kind, key, table = read_shard(site / "search" / "words.js")
    assert (kind, key) == ("w", 0) and table["joiners"] == si.JOINERS
    starts, end = [], 0
    for gap, length in zip(table["word"][::2], table["word"][1::2], strict=True):
        starts.append((end + gap, end + gap + length))
        end = end + gap + length
    is_word = {"a": False, NEW_LETTER: False}
    for char in is_word:
        is_word[char] = any(a <= ord(char) < b for a, b in starts)
    # Python 3.11's tables are Unicode 14's, where the Kawi letter is not yet assigned.
    assert is_word == {"a": True, NEW_LETTER: sys.version_info >= (3, 12)}


def test_a_word_with_a_letter_python_does_not_know_is_found(site: Path, watched):
    page = open_page(watched, site / "index.html")
    watched.search(NEW_WORD)
    assert meta_line(page) == "1 matching document"
    assert "Letters of a newer Unicode" in page.inner_text(".md-search-result__item h1")
    watched.assert_clean(f"a search for {NEW_WORD!r}")


# --- a query of 20,000 words ------------------------------------------------------------

QUERY = " ".join(f"w{n}x" for n in range(20_000))


def test_a_search_address_with_20000_words_is_answered(site: Path, watched):
    page = open_page(watched, site / "index.html", "?q=" + quote("Raqqa " + QUERY))
    meta = meta_line(page)
    assert meta == ("No matching documents (only the first 32 words of the query were "
                    "searched; 19969 more were left out)")
    watched.assert_clean("a search address of 20,000 words")


def test_a_pasted_query_of_20000_words_is_answered(site: Path, watched):
    page = open_page(watched, site / "index.html")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").fill("Raqqa " + QUERY)
    assert meta_line(page) == ("No matching documents (only the first 32 words of the query "
                               "were searched; 19969 more were left out)")
    watched.assert_clean("a pasted query of 20,000 words")


# --- the reference box and an address the script cannot decode --------------------------

@pytest.mark.parametrize("fragment", ["%", "%zz", "%E0%A4%A"])
def test_an_undecodable_fragment_shows_the_whole_captures_reference(site: Path, watched,
                                                                    fragment):
    path, doc = article_page(site, "titled.txt")
    whole = doc.select_one("textarea.cite-text").get_text()
    page = open_page(watched, path, "#" + fragment)
    page.wait_for_selector(".cite-box[data-cite-ready]", state="attached")
    assert page.input_value("textarea.cite-text") == whole
    watched.assert_clean(f"an article opened at #{fragment}")
