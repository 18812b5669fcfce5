"""Bad captures dropped into seeds/: nothing breaks, nothing is lost, nothing is injected.

One project copy gets every kind of bad seed at once (with no metadata, as a
curator would drop them) and is built with ``mkdocs build``; each test reads
what that build printed and published.
"""

from __future__ import annotations

import shutil
from urllib.parse import unquote

import pytest

from conftest import ROOT, copy_project, mkdocs_build
from pages import find_article_page as page_of
from pages import norm, soup, text_of

BAD = ROOT / "tests" / "bad_inputs"
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
    "crlf.txt": b"Headline of a CRLF capture about Raqqa\r\n\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n",
    "cr-only.txt": b"Headline of a CR capture about Raqqa\r\rFirst line.\rSecond line.\r",
    "long-line.txt": ("Headline of a capture with one very long line\n\n"
                      + "Raqqa word " * 10_000).encode(),
    "Raqqa Report É ünïcode.TXT": "Spaces unicode and capitals in a file name\n\nBody text.".encode(),
    "duplicate-a.txt": b"Two captures with the same bytes about Raqqa\n\nSame body.",
    "duplicate-b.txt": b"Two captures with the same bytes about Raqqa\n\nSame body.",
    "same-title-1.txt": b"A title shared by two different captures\n\nThe first capture.",
    "same-title-2.txt": b"A title shared by two different captures\n\nThe second capture.",
}


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("bad") / "project")
    for name, data in SEEDS.items():
        (project / "seeds" / name).write_bytes(data)
    for path in BAD.glob("*.txt"):
        shutil.copy(path, project / "seeds" / path.name)
    site = project / "site"
    result = mkdocs_build(project, site)
    return project, site, result


def test_the_build_survives_every_bad_seed(bad_build):
    _, site, result = bad_build
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    for seed in (ROOT / "seeds").glob("*.txt"):  # the real seeds are all still there
        assert page_of(site, seed.name)[0] is not None


@pytest.mark.parametrize("seed, message", [
    ("empty.txt", "the capture holds no text"),
    ("whitespace.txt", "the capture holds no text"),
    ("windows-1252.txt", "decoded as Windows-1252"),
    ("latin-1.txt", "decoded as Latin-1"),
    ("mojibake.txt", "repaired mojibake"),
    ("binary.txt", "not a text capture"),
    ("duplicate-b.txt", "same bytes as seeds/duplicate-a.txt"),
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
    page, doc = page_of(site, "hostile.txt")
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
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
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


@pytest.mark.parametrize("seed", ["hostile.txt", "hostile-title.txt"])
def test_hostile_pages_run_nothing_and_load_nothing_in_a_browser(bad_build, watched, seed):
    _, site, _ = bad_build
    page_path, _ = page_of(site, seed)
    page = watched.open(page_path)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    injected = page.evaluate("""() => document.querySelectorAll(
        'article img, article iframe, article svg[onload], article style, #injected').length""")
    assert injected == 0
    # the removed lines, opened, run nothing either
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    watched.assert_clean(seed)
