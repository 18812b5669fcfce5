"""Bad captures dropped into seeds/: nothing breaks, nothing is lost, nothing is injected.

One project copy gets every kind of bad seed at once (with no metadata, as a
curator would drop them) and is built with ``mkdocs build``; each test reads
what that build printed and published.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from urllib.parse import unquote, urlsplit

import pytest
from conftest import FIXTURE, ROOT, copy_project, mkdocs_build
from pages import assert_every_line_once, norm, soup, text_of
from pages import find_article_page as page_of

BAD = ROOT / "tests" / "bad_inputs"
ODD_NAME = "adv#hash ?q=1 100% é ü.txt"  # a fragment, a query and an escape, if not encoded
FORMULA_NAME = '=HYPERLINK("evil.example","click").txt'
CURLY = "Daesh’s fighters left Raqqa on Tuesday, a witness said — “it is over”."

# file name -> bytes: each a capture as the web hands them over
SEEDS: dict[str, bytes] = {
    "empty.txt": b"",
    "whitespace.txt": b"   \n\n\t  \n",
    "windows-1252.txt": ("Headline in an old encoding for Raqqa\n\n" + CURLY).encode("cp1252"),
    "latin-1.txt": "Caf\xe9 owners in Raqqa speak to reporters\n\nThe caf\xe9 re-opened \x81.".encode(
        "latin-1"),
    "mojibake.txt": ("Headline of a mangled capture about Raqqa\n\n" + CURLY).encode().decode(
        "cp1252", errors="ignore").encode(),
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    "crlf.txt": (b"Headline of a CRLF capture about Raqqa\r\n\r\nFirst paragraph.\r\n\r\n"
                 b"Second paragraph.\r\n"),
    "cr-only.txt": b"Headline of a CR capture about Raqqa\r\rFirst line.\rSecond line.\r",
    "long-line.txt": ("Headline of a capture with one very long line\n\n"
                      + "Raqqa word " * 10_000).encode(),
    "Raqqa Report É ünïcode.TXT": "Spaces unicode and capitals in a file name\n\nBody text.".encode(),
    "duplicate-a.txt": b"Two captures with the same bytes about Raqqa\n\nSame body.",
    "duplicate-b.txt": b"Two captures with the same bytes about Raqqa\n\nSame body.",
    "same-title-1.txt": b"A title shared by two different captures\n\nThe first capture.",
    "same-title-2.txt": b"A title shared by two different captures\n\nThe second capture.",
    # the suggested title (the first line) reaches <title>, <meta content> and the JSON-LD
    "attr-injection.txt": ("Headline with quote\" onmouseover=\"window.__pwned='attr'\" x=\"y "
                           "about Raqqa\n\nA body paragraph about Raqqa that is long enough "
                           "to be the article's text, ending with a period.\n").encode(),
    # every character that str.splitlines, some editors or Unicode call a line break
    "line-breaks.txt": ("Headline of a capture with odd line breaks about Raqqa\n\n"
                        "First paragraph\u2028second part\u2029third part.\r\n\r\n"
                        "Fourth\x0bfifth\x0csixth\x1cseventh\x1deighth\x1eninth\x85tenth.\r"
                        "\rLast paragraph of the capture.\n").encode(),
    # one long paragraph that ends with its photo's credit (as in a capture of the corpus)
    "credit-paragraph.txt": ("Headline of a one-paragraph capture about Raqqa\n\n"
                             + "Civilians were killed in an airstrike on Raqqa, local sources said. " * 6
                             + "(Photos Heavy smoke billows over Raqqah on July 17 2017. by AFP)\n"
                             ).encode(),
    # nothing but a caption: no article text at all
    "captions-only.txt": b"Headline of a capture that is only a picture\n\n(Photo by AFP)\n",
    ODD_NAME: ("An oddly named capture\n\nBody text of a capture whose file name needs "
               "percent-encoding, about Raqqa.").encode(),
    FORMULA_NAME: ("A capture named like a formula\n\nRaqqa is named in a capture whose file "
                   "name is a spreadsheet formula.").encode(),
}
# a curated article whose title holds every character that matters to HTML
CURATED_TITLE = 'Curated "quoted" title <b>bold</b> & \'single\' `code` [x](y)'


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("bad") / "project")
    for name, data in SEEDS.items():
        (project / "seeds" / name).write_bytes(data)
    for path in BAD.glob("*.txt"):
        shutil.copy(path, project / "seeds" / path.name)
    (project / "seeds" / "curated-hostile.txt").write_bytes(
        b"A headline\n\nA paragraph about Raqqa that is long enough to be the article text.\n")
    (project / "content" / "articles" / "curated-hostile.yml").write_text(
        "seed: curated-hostile.txt\n"
        f"title: {json.dumps(CURATED_TITLE)}\n"
        "outlet: voa\n"
        'url: "https://example.org/a?b=1&c=\\"x\\"<y>"\n'
        "language: en\n", encoding="utf-8")
    site = project / "site"
    result = mkdocs_build(project, site)
    return project, site, result


def test_the_build_survives_every_bad_seed(bad_build):
    _, site, result = bad_build
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    for seed in (FIXTURE / "seeds").glob("*.txt"):  # the real seeds are all still there
        assert page_of(site, seed.name)[0] is not None


@pytest.mark.parametrize("seed, message", [
    ("empty.txt", "the capture holds no text"),
    ("whitespace.txt", "the capture holds no text"),
    ("windows-1252.txt", "decoded as Windows-1252"),
    ("latin-1.txt", "decoded as Latin-1"),
    ("mojibake.txt", "repaired mojibake"),
    ("binary.txt", "not a text capture"),
    ("duplicate-b.txt", "same bytes as seeds/duplicate-a.txt"),
    ("captions-only.txt", "the article has no body text: every line was set aside "
                          "(1 caption line(s), 1 removed line(s))"),
    ("hostile.txt", "seed has no metadata"),
])
def test_each_bad_seed_gets_a_warning_naming_it(bad_build, seed, message):
    _, _, result = bad_build
    lines = [line for line in result.stderr.splitlines() if f"seeds/{seed}" in line]
    assert any(message in line for line in lines), f"no warning for {seed}: {lines}"


def test_a_binary_file_is_skipped_but_listed(bad_build):
    _, site, _ = bad_build
    assert page_of(site, "binary.txt")[0] is None
    report = text_of(soup(site / "curation.html").select_one("article"))
    assert "seeds/binary.txt" in report and "not a text capture" in report


def test_an_empty_capture_has_a_page_that_says_so(bad_build):
    _, site, _ = bad_build
    page, doc = page_of(site, "empty.txt")
    assert page is not None
    assert "holds no article text" in text_of(doc.select_one("article"))


@pytest.mark.parametrize("seed, expected", [
    ("windows-1252.txt", CURLY),
    ("mojibake.txt", CURLY.replace("”", "\ufffd")),  # its closing quote's last byte was lost
    ("latin-1.txt", "The café re-opened \ufffd."),  # 0x81 is a control character in Latin-1
])
def test_decoded_text_reads_as_written(bad_build, seed, expected):
    _, site, _ = bad_build
    _, doc = page_of(site, seed)
    body = [text_of(p) for p in doc.select("div.article-body p")]
    assert norm(expected) in body


@pytest.mark.parametrize("seed, paragraphs", [
    ("crlf.txt", ["First paragraph.", "Second paragraph."]),
    ("cr-only.txt", ["First line.", "Second line."]),
])
def test_line_endings_do_not_matter(bad_build, seed, paragraphs):
    _, site, _ = bad_build
    _, doc = page_of(site, seed)
    assert [text_of(p) for p in doc.select("div.article-body p")] == paragraphs


def test_odd_file_names_get_a_page_and_a_working_raw_link(bad_build):
    _, site, _ = bad_build
    page, doc = page_of(site, "Raqqa Report É ünïcode.TXT")
    assert page is not None
    raw = next(a for a in doc.select("a") if a.get_text() == "raw capture")
    target = (page.parent / unquote(raw["href"])).resolve()
    assert target.read_bytes() == SEEDS["Raqqa Report É ünïcode.TXT"]


def test_titles_that_give_one_slug_get_distinct_stable_pages(bad_build):
    _, site, _ = bad_build
    first, _ = page_of(site, "same-title-1.txt")
    second, _ = page_of(site, "same-title-2.txt")
    assert first and second and first != second
    assert first.name.startswith("a-title-shared-by-two-different-captures-")


def test_a_very_long_line_is_kept_whole(bad_build):
    _, site, _ = bad_build
    _, doc = page_of(site, "long-line.txt")
    assert len(text_of(doc.select_one("div.article-body p"))) == len(norm("Raqqa word " * 10_000))


def test_uncurated_seeds_fail_a_strict_build_listing_the_files(bad_build, tmp_path):
    project, _, _ = bad_build
    result = mkdocs_build(project, tmp_path / "strict", "--strict")
    assert result.returncode != 0
    for name in ("hostile.txt", "empty.txt", "crlf.txt"):
        assert f"seeds/{name}: seed has no metadata" in result.stderr


HOSTILE_LINES = [line for line in (BAD / "hostile.txt").read_text(encoding="utf-8").splitlines()
                 if line.strip()]


def test_hostile_text_is_shown_literally(bad_build):
    _, site, _ = bad_build
    _, doc = page_of(site, "hostile.txt")
    shown = [text_of(el) for el in doc.select(".article-body [data-line], .article-captions "
                                              "[data-line]")]
    shown += [text_of(li.select_one(".line-text")) for li in doc.select(".removed-boilerplate li")]
    for line in HOSTILE_LINES[1:]:
        assert norm(line) in shown, f"not shown literally: {line!r}"


def test_hostile_text_makes_no_markup(bad_build):
    _, site, _ = bad_build
    _, doc = page_of(site, "hostile.txt")
    article = doc.select_one("article")
    assert not article.select("img, iframe, style, svg, b, footer.footnotes, abbr, .admonition")
    scripts = article.select("script")
    # the reference to a paragraph the box's script fills in, and the JSON-LD: data only
    assert [(s.get("type"), s.get("class")) for s in scripts] == [
        ("application/json", ["cite-template"]), ("application/ld+json", None)]
    assert article.find(id="injected") is None
    for a in article.select("a[href]"):
        assert not a["href"].lower().startswith(("javascript:", "http://example.org"))
    for element in article.find_all(True):
        assert not any(name.startswith("on") for name in element.attrs)
    # names in the hostile capture are still linked to their pages
    assert doc.select_one('.article-body a.mention[href$="actors/isis.html"]') is not None


def test_a_hostile_title_is_escaped_everywhere(bad_build):
    _, site, _ = bad_build
    page, doc = page_of(site, "hostile-title.txt")
    assert doc.find("title").get_text().startswith('<script>window.__pwned="title"</script>')
    assert '<script>window.__pwned="title"</script>' in text_of(doc.select_one("article h1"))
    html = page.read_text(encoding="utf-8")
    assert '<script>window.__pwned="title"</script>' not in html
    index = (site / "articles" / "index.html").read_text(encoding="utf-8")
    assert '<script>window.__pwned' not in index


@pytest.mark.parametrize("seed", ["hostile.txt", "hostile-title.txt", "attr-injection.txt",
                                  "curated-hostile.txt"])
def test_hostile_pages_run_nothing_and_load_nothing_in_a_browser(bad_build, watched, seed):
    _, site, _ = bad_build
    page_path, _ = page_of(site, seed)
    page = watched.open(page_path)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    handlers = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(
        e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))""")
    assert handlers == []
    page.mouse.move(200, 200)
    page.hover("article h1")
    injected = page.evaluate("""() => document.querySelectorAll(
        'article img, article iframe, article svg[onload], article style, #injected').length""")
    assert injected == 0
    # the removed lines, opened, run nothing either
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    watched.assert_clean(seed)


def test_a_quote_in_a_title_stays_inside_every_attribute(bad_build):
    _, site, _ = bad_build
    for seed, title in (("attr-injection.txt", SEEDS["attr-injection.txt"].decode().split("\n")[0]),
                        ("curated-hostile.txt", CURATED_TITLE)):
        _, doc = page_of(site, seed)
        description = doc.find("meta", attrs={"name": "description"})
        assert set(description.attrs) == {"name", "content"}
        assert description["content"].endswith(title)
        assert doc.find("title").get_text() == f"{title} - Raqqa in five outlets"
        assert text_of(doc.select_one("article h1")).startswith(title)
        ld = json.loads(doc.find("script", type="application/ld+json").string)
        assert ld["headline"] == title


def inline_scripts(site) -> set[str]:
    """The theme's inline scripts of every page, with the page's relative base made one."""
    return {re.sub(r'"(\.\.|\.)"', '"BASE"', re.sub(r"(\.\./)+", "", script.string or ""))
            for page in site.rglob("*.html") for script in soup(page).find_all("script")
            if not script.get("src")
            and script.get("type") not in ("application/ld+json", "application/json")}


def test_no_page_of_the_site_gains_an_element_or_attribute_from_a_seed(bad_build, built_site):
    """Every page of the hostile build, parsed: no event handler attribute anywhere, no
    script but the theme's own (those of the clean build) and JSON-LD, no attribute
    named by a seed."""
    _, site, _ = bad_build
    assert inline_scripts(site) <= inline_scripts(built_site)
    for page in sorted(site.rglob("*.html")):
        doc = soup(page)
        for element in doc.find_all(True):
            names = set(element.attrs)
            assert not any(n.startswith("on") for n in names), (page, element.name, names)
            in_svg = element.name == "svg" or element.find_parent("svg") is not None
            assert in_svg or not names & {"x", "y"}, (page, element.name, names)
        for script in doc.find_all("script", src=True):
            assert not urlsplit(script["src"]).scheme, (page, script["src"])


def test_an_original_address_is_percent_encoded_in_its_link(bad_build):
    _, site, _ = bad_build
    _, doc = page_of(site, "curated-hostile.txt")
    link = doc.select_one("a.original-url")
    assert link["href"] == "https://example.org/a?b=1&c=%22x%22%3Cy%3E"
    assert link.get_text() == 'https://example.org/a?b=1&c="x"<y>'


def test_lines_are_counted_as_the_raw_capture_shows_them(bad_build):
    """U+2028 and the like are not line breaks: the page's line numbers are the capture's."""
    _, site, result = bad_build
    _, doc = page_of(site, "line-breaks.txt")
    text = SEEDS["line-breaks.txt"].decode()
    assert_every_line_once(doc, text)
    numbers = {int(p["data-line"]): text_of(p) for p in doc.select(".article-body [data-line]")}
    assert numbers == {3: "First paragraph second part third part.",
                       5: "Fourth fifth sixth seventh eighth ninth tenth.",
                       7: "Last paragraph of the capture."}
    warning = next(line for line in result.stderr.splitlines()
                   if "seeds/line-breaks.txt" in line and "line break" in line)
    assert "U+2028 LINE SEPARATOR" in warning and "line(s) 3, 5" in warning


def test_raw_links_percent_encode_the_file_name(bad_build):
    _, site, _ = bad_build
    page, doc = page_of(site, ODD_NAME)
    raw = next(a for a in doc.select("a") if a.get_text() == "raw capture")
    parts = urlsplit(raw["href"])
    assert not parts.query and not parts.fragment
    assert (page.parent / unquote(parts.path)).read_bytes() == SEEDS[ODD_NAME]


def test_csv_cells_that_look_like_formulas_are_neutralised(bad_build):
    _, site, _ = bad_build
    rows = list(csv.reader((site / "data" / "mentions.csv").open(encoding="utf-8", newline="")))
    assert ["'" + FORMULA_NAME] in [row[:1] for row in rows]
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)
    notice = text_of(soup(site / "data.html").select_one("article"))
    assert "leading apostrophe" in notice and "OWASP" in notice


def test_every_raw_link_of_an_oddly_named_seed_opens_the_capture(bad_build, watched):
    """Click each link to the raw capture of a seed named with '#', '?', '%', spaces and
    non-ASCII letters: each opens that file, whole, and not a fragment of another."""
    _, site, _ = bad_build
    page_path, _ = page_of(site, ODD_NAME)
    page = watched.open(page_path)
    links = page.locator('a[href*="raw/"]')
    count = links.count()
    assert count >= 1
    expected = " ".join(SEEDS[ODD_NAME].decode().split())
    for i in range(count):
        page = watched.open(page_path)
        with page.expect_navigation():
            page.locator('a[href*="raw/"]').nth(i).click()
        assert unquote(urlsplit(page.url).path).endswith("/raw/" + ODD_NAME)
        assert not urlsplit(page.url).fragment and not urlsplit(page.url).query
        assert " ".join(page.inner_text("body").split()) == expected
    watched.assert_clean(ODD_NAME)


@pytest.mark.parametrize("term", ["onmouseover", "script"])
def test_search_results_show_hostile_titles_as_text(bad_build, watched, term):
    """The search index holds the hostile titles and texts; its results show them as text."""
    _, site, _ = bad_build
    page = watched.open(site / "index.html")
    results = watched.search(term)
    assert term in results.first.inner_text().lower()
    injected = page.evaluate("""() => [...document.querySelectorAll('.md-search-result *')]
        .filter(e => ['SCRIPT', 'IMG', 'IFRAME', 'B'].includes(e.tagName)
                     || [...e.attributes].some(a => a.name.startsWith('on'))).length""")
    assert injected == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    watched.assert_clean(f"search for {term!r}")


def test_a_paragraph_closed_by_a_photo_credit_stays_the_article(bad_build):
    _, site, _ = bad_build
    _, doc = page_of(site, "credit-paragraph.txt")
    body = [text_of(p) for p in doc.select("div.article-body p")]
    captions = [text_of(p) for p in doc.select("div.article-captions p.caption")]
    assert len(body) == 1 and body[0].startswith("Civilians were killed") and "AFP" not in body[0]
    assert captions == ["(Photos Heavy smoke billows over Raqqah on July 17 2017. by AFP)"]
    assert_every_line_once(doc, SEEDS["credit-paragraph.txt"].decode())


def test_an_article_with_no_body_says_so_and_fails_a_strict_build(bad_build, tmp_path):
    project, site, _ = bad_build
    _, doc = page_of(site, "captions-only.txt")
    assert "every line of it was set aside" in text_of(doc.select_one("article"))
    result = mkdocs_build(project, tmp_path / "strict", "--strict")
    assert result.returncode != 0
    assert "seeds/captions-only.txt: the article has no body text" in result.stderr
