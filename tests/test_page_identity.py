"""Page identity: every capture has a page of its own, and no title takes another's.

A title, a curated ``slug:`` or a capture's bytes can ask for a page address; only a
seed's file name, unique in ``seeds/``, decides between captures that ask for the same
one, or for a name the archive keeps (the Articles index's). Each case is built with
``mkdocs build`` and read as a reader reads it: the page, the index's links, the warning.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from conftest import copy_project, fixture_project, mkdocs_build
from hypothesis import given
from hypothesis import strategies as st
from pages import attr, find_article_page, soup, text_of

from generator.model import RESERVED_ARTICLE_SLUGS, ArticleMeta
from generator.pipeline import Project, check, generate
from generator.text.assemble import assign_slugs, slug_problems, wanted_slug

CURATED_BODY = b"Raqqa falls\n\nThe curated article's own account of the fall of Raqqa.\n"
SHORT_HASH = hashlib.sha256(CURATED_BODY).hexdigest()[:8]  # what once told slugs apart


def curate(project: Path, name: str, title: str, body: bytes, **more: str) -> None:
    """A capture in seeds/ and its metadata in content/articles/."""
    (project / "seeds" / f"{name}.txt").write_bytes(body)
    fields = {"seed": f"{name}.txt", "title": title, "outlet": "voa", "date": "2017-10-20", **more}
    (project / "content" / "articles" / f"{name}.yml").write_text(
        "".join(f"{key}: {json.dumps(value)}\n" for key, value in fields.items()), encoding="utf-8")


def built(tmp_path_factory, label: str, captures: dict[str, tuple[str, bytes]]):
    """A copy of the project with ``captures`` curated, built as is and with --strict."""
    project = copy_project(tmp_path_factory.mktemp(label) / "project")
    for name, (title, body) in captures.items():
        curate(project, name, title, body)
    site = project / "site"
    loose = mkdocs_build(project, site)
    assert loose.returncode == 0, loose.stderr
    strict = mkdocs_build(project, project / "strict-site", "--strict")
    return site, strict


def body_of(doc) -> list[str]:
    return [text_of(p) for p in doc.select("div.article-body p")]


def index_links(site: Path) -> list[tuple[str, str | None]]:
    """(title, capture the link opens) for each article row of the Articles index."""
    index = site / "articles" / "index.html"
    rows = []
    for row in soup(index).select("article table tbody tr"):
        link = row.select("td")[1].select_one("a")
        target = soup(index.parent / attr(link, "href").split("#")[0])
        name = target.select_one("code.seed-name")
        rows.append((text_of(link), name.get_text() if name else None))
    return rows


# --------------------------------------------- a title cannot take another capture's page
@pytest.fixture(scope="module")
def raqqa_falls(tmp_path_factory):
    return built(tmp_path_factory, "raqqa-falls", {
        "curated-short": ("Raqqa falls", CURATED_BODY),
        "x1": ("Raqqa falls", b"Raqqa falls\n\nA second capture, with the same title.\n"),
        "x2": (f"Raqqa falls {SHORT_HASH}", b"Raqqa falls\n\nA third capture, titled with "
                                            b"the first one's short hash.\n"),
    })


@pytest.mark.parametrize("seed, text", [
    ("curated-short.txt", "The curated article's own account of the fall of Raqqa."),
    ("x1.txt", "A second capture, with the same title."),
    ("x2.txt", "A third capture, titled with the first one's short hash."),
])
def test_each_capture_that_wants_one_title_has_its_own_page(raqqa_falls, seed, text):
    site, _ = raqqa_falls
    page, doc = find_article_page(site, seed)
    assert page is not None, f"{seed} has no page"
    assert body_of(doc) == [text]


def test_the_index_opens_each_title_on_its_own_capture(raqqa_falls):
    site, _ = raqqa_falls
    rows = [row for row in index_links(site) if row[0].startswith("Raqqa falls")]
    assert sorted(rows) == [("Raqqa falls", "curated-short.txt"), ("Raqqa falls", "x1.txt"),
                            (f"Raqqa falls {SHORT_HASH}", "x2.txt")]


def test_a_shared_title_fails_the_strict_build_naming_both_seeds(raqqa_falls):
    _, strict = raqqa_falls
    assert strict.returncode != 0 and "Traceback" not in strict.stderr
    warnings = [line for line in strict.stderr.splitlines() if line.startswith("WARNING")]
    for name in ("curated-short", "x1"):
        line = next(w for w in warnings if f"content/articles/{name}.yml:2 [title]" in w)
        assert "2 captures want the page address articles/raqqa-falls.html: " \
               "seeds/curated-short.txt, seeds/x1.txt" in line
        assert f"seeds/{name}.txt is published at articles/raqqa-falls--{name}.html" in line
        assert f"set slug: in content/articles/{name}.yml" in line
    assert len(warnings) == 2, warnings  # the title with a hash in it is a title like any


# ------------------------------------------------ a title cannot take a name kept for the site
@pytest.fixture(scope="module")
def kept_names(tmp_path_factory):
    return built(tmp_path_factory, "kept-names", {
        "indexed": ("Index", b"Index\n\nA capture titled as the index is.\n"),
        "device": ("CON", b"CON\n\nA capture titled as a name Windows keeps for a device.\n"),
    })


@pytest.mark.parametrize("seed, text, address", [
    ("indexed.txt", "A capture titled as the index is.", "index--indexed.html"),
    ("device.txt", "A capture titled as a name Windows keeps for a device.", "con--device.html"),
])
def test_a_title_that_names_a_kept_page_gets_a_page_of_its_own(kept_names, seed, text, address):
    site, _ = kept_names
    page, doc = find_article_page(site, seed)
    assert page is not None and page.name == address
    assert body_of(doc) == [text]
    for link in doc.select("a.cite-download"):  # its references are its own
        assert f"articles/{address}" in (page.parent / link["href"]).read_text(encoding="utf-8")


def test_the_articles_index_stays_the_index(kept_names):
    site, _ = kept_names
    rows = index_links(site)
    assert ("Index", "indexed.txt") in rows and ("CON", "device.txt") in rows
    assert len(rows) == 7 and all(name for _, name in rows)  # five seeds of the project, two here
    assert not list((site / "data" / "cite").glob("index.*"))
    assert not (site / "articles" / "con.html").exists()


def test_a_kept_name_fails_the_strict_build_naming_the_seed(kept_names):
    _, strict = kept_names
    assert strict.returncode != 0
    line = next(w for w in strict.stderr.splitlines() if "content/articles/indexed.yml:2 [title]" in w)
    assert "seeds/indexed.txt wants the page address articles/index.html (a name the archive " \
           "keeps for its own pages); seeds/indexed.txt is published at " \
           "articles/index--indexed.html" in line
    assert "set slug: in content/articles/indexed.yml" in line


# --------------------------------------------------------- identical captures, both published
@pytest.fixture(scope="module")
def twins(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("twins") / "project")
    for name in ("twin-a.txt", "twin-b.txt"):
        (project / "seeds" / name).write_bytes(b"Two captures with the same bytes\n\nSame body.\n")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site", result


def test_identical_captures_each_have_a_page(twins):
    site, _ = twins
    pages = [find_article_page(site, name)[0] for name in ("twin-a.txt", "twin-b.txt")]
    assert None not in pages and pages[0] != pages[1]
    titles = [title for title, name in index_links(site) if name in ("twin-a.txt", "twin-b.txt")]
    assert len(titles) == 2


def test_identical_captures_are_named_in_the_warnings(twins):
    _, result = twins
    lines = result.stderr.splitlines()
    assert any("seeds/twin-b.txt: same bytes as seeds/twin-a.txt (a duplicate capture): "
               "seeds/twin-a.txt and seeds/twin-b.txt are each published on a page of their own"
               in line for line in lines)
    for name in ("twin-a", "twin-b"):  # their suggested titles are alike too
        assert any(f"seeds/{name}.txt: 2 captures want the page address" in line
                   and f"describe it in content/articles/{name}.yml, with a title or a slug: "
                       "of its own" in line for line in lines)


# ----------------------------------------------------------------- the curated slug: field
@pytest.mark.parametrize("slug", ["raqqa-falls--x1", "con", "lpt1", "a--b"])
def test_a_slug_that_could_take_a_told_apart_or_kept_address_is_refused(project_copy, slug):
    path = project_copy / "content/articles/000_c4a9bb88ecf85684.yml"
    path.write_text(path.read_text(encoding="utf-8") + f"slug: {slug}\n", encoding="utf-8")
    _, problems = check(Project(project_copy))
    found = [str(p) for p in problems]
    assert any(m.startswith("content/articles/000_c4a9bb88ecf85684.yml:") and "[slug]: expected"
               in m for m in found), found



def test_a_slug_that_asks_for_a_titled_address_is_warned_at_its_line(project_copy):
    curate(project_copy, "first", "Raqqa falls", b"Raqqa falls\n\nThe first capture.\n")
    curate(project_copy, "second", "Another title", b"Another title\n\nThe second capture.\n",
           slug="raqqa-falls")
    evidence, problems = check(Project(project_copy))
    assert evidence is not None
    slugs = {a.seed.name: a.slug for a in evidence.archive.articles}
    assert slugs["first.txt"] == "raqqa-falls--first" and slugs["second.txt"] == "raqqa-falls--second"
    found = [str(p) for p in problems]
    assert any(m.startswith("content/articles/second.yml:5 [slug]: 2 captures want the page "
                            "address articles/raqqa-falls.html") for m in found), found
    assert any(m.startswith("content/articles/first.yml:2 [title]: 2 captures") for m in found)

# ------------------------------------------------------- many one-byte captures, each its page
def test_hundreds_of_one_byte_captures_each_get_a_page(tmp_path):
    project = copy_project(tmp_path / "project")
    count = 300
    for n in range(count):  # 26 different bytes: nearly every capture repeats another
        (project / "seeds" / f"b{n:03d}.txt").write_bytes(bytes([ord("a") + n % 26]))
    result = generate(Project(project))
    articles = result.archive.articles
    assert len(articles) == count + 5
    paths = {a.page_path for a in articles}
    assert len(paths) == len(articles)
    for article in articles:  # each page is the page of its own capture
        assert f"([raw capture](../raw/{article.seed.name}))" in \
            result.rendered.pages[article.page_path]


# --------------------------------------------------------------- the slug map, any input
NAMES = st.text(st.characters(codec="utf-8", exclude_characters="/\0"), min_size=1, max_size=12)
TITLES = st.one_of(
    st.sampled_from(["Raqqa falls", "Index", "index", "CON", "Raqqa falls--x", "", "---", "é"]),
    st.text(max_size=20))
SLUGS = st.one_of(st.none(), st.sampled_from(["raqqa-falls", "index", "a--b", "nul"]),
                  st.text(max_size=20))


@st.composite
def metas(draw) -> list[ArticleMeta]:
    endings = st.sampled_from([".txt", ".TXT", ""])
    names = draw(st.lists(st.tuples(NAMES, endings).map("".join), min_size=1, max_size=12,
                          unique=True))
    return [ArticleMeta(seed=name, title=draw(TITLES), outlet="voa", date=None,
                        slug=draw(SLUGS)) for name in names]


@given(metas(), st.randoms(use_true_random=False))
def test_slug_map_is_one_to_one_and_keeps_off_reserved_names(drawn, rng):
    slugs = assign_slugs(drawn)
    assert sorted(slugs) == sorted(m.seed for m in drawn)
    assert len(set(slugs.values())) == len(slugs)
    for slug in slugs.values():
        assert slug not in RESERVED_ARTICLE_SLUGS
        assert re.fullmatch(r"[a-z0-9]+(-{1,2}[a-z0-9]+)*", slug), slug
    shuffled = list(drawn)
    rng.shuffle(shuffled)
    assert assign_slugs(shuffled) == slugs  # no order of reading counts
    wanted = [wanted_slug(m) for m in drawn]
    for meta, want in zip(drawn, wanted, strict=True):  # an address only one seed wants is that seed's
        if wanted.count(want) == 1 and want not in RESERVED_ARTICLE_SLUGS:
            assert slugs[meta.seed] == want
    problems = slug_problems(drawn, slugs)
    moved = [m.seed for m, want in zip(drawn, wanted, strict=True) if slugs[m.seed] != want]
    assert len(problems) == len(moved)  # every seed not at the address it wants is told so
    for seed in moved:
        assert any(p.message.endswith(f"; seeds/{seed} is published at "
                                      f"articles/{slugs[seed]}.html") for p in problems)


def test_names_that_slugify_alike_are_told_apart_by_a_hash_of_the_name():
    mark = hashlib.sha256(b"A.txt").hexdigest()[:8]
    names = ["A.txt", "a.txt", f"a-{mark}.txt", "a.TXT"]  # the third takes A.txt's mark as a name
    slugs = assign_slugs([ArticleMeta(seed=n, title="Raqqa falls", outlet="voa", date=None)
                          for n in names])
    assert len(set(slugs.values())) == 4
    assert slugs[f"a-{mark}.txt"] == f"raqqa-falls--a-{mark}"
    assert slugs["A.txt"] == f"raqqa-falls--a--{mark}"


def test_the_real_project_keeps_its_addresses():
    evidence, problems = check(fixture_project())
    assert evidence is not None and problems == []
    for article in evidence.archive.articles:
        assert article.slug == wanted_slug(article.meta) and "--" not in article.slug

