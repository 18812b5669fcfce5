"""The 60 uncurated FA-KES articles (../shared/corpus/fakes), when that folder is there.

These tests read ../shared on purpose: it is the larger real corpus for testing
input nobody curated. Without it they skip and say so.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import FIXTURE, SHARED, copy_project, mkdocs_build
from pages import raw_lines, soup, text_of

from generator.read.load import read_project, read_seed
from generator.read.schema import Checker
from generator.text.clean import CleanInput, clean, normalize_space
from generator.text.rules import validate_rules

FAKES = SHARED / "corpus" / "fakes"
pytestmark = pytest.mark.skipif(not FAKES.is_dir(), reason=f"{FAKES} is not there (it ships "
                                "beside the project in CI, not with it)")


def fake_files():
    return sorted(FAKES.glob("*.txt")) if FAKES.is_dir() else []


def test_nothing_is_lost_from_any_fakes_article(tmp_path):
    rules = validate_rules(read_project(FIXTURE / "seeds", FIXTURE / "content").boilerplate,
                           Checker([]))
    files = fake_files()
    assert len(files) == 60
    for path in files:
        seed = read_seed(path, [])
        result = clean(CleanInput(seed.text, None), rules)
        expected = {n: normalize_space(raw) for n, raw in enumerate(raw_lines(seed.text), 1)
                    if normalize_space(raw)}
        placed: dict[int, list[str]] = {}
        for block in result.blocks:  # a line split in parts: its parts, in order
            placed.setdefault(block.line, []).append(block.text)
        assert sorted(placed) == sorted(expected), path.name
        for number, parts in placed.items():
            joined = " ".join(parts)
            if len(parts) > 1:
                assert joined.replace(" ", "") == expected[number].replace(" ", ""), path.name
            else:
                assert joined == expected[number], path.name


@pytest.fixture(scope="module")
def fakes_build(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("fakes") / "project")
    for path in fake_files():
        shutil.copy(path, project / "seeds" / path.name)
    site = project / "site"
    return project, site, mkdocs_build(project, site)


def test_the_archive_builds_with_all_60_uncurated_articles(fakes_build):
    _, site, result = fakes_build
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert len([w for w in warnings if "seed has no metadata" in w]) == 60
    rows = soup(site / "articles" / "index.html").select("article table tbody tr")
    assert len(rows) == 65
    assert sum("(uncurated)" in text_of(r) for r in rows) == 60


def test_uncurated_articles_link_known_names_and_show_suggestions(fakes_build):
    _, site, _ = fakes_build
    page = next(p for p in (site / "articles").glob("syria-bombs-jihadist-positions-in-raqa*.html"))
    doc = soup(page)
    assert "Uncurated capture" in text_of(doc.select_one(".uncurated"))
    assert "2014-08-18" in text_of(doc.select_one(".suggestions"))
    assert doc.select_one('.article-body a.mention[href$="places/raqqa.html"]') is not None


def test_the_comparison_copes_with_an_outlet_it_knows_nothing_of(fakes_build):
    _, site, _ = fakes_build
    doc = soup(site / "comparison.html")
    header = [text_of(th) for th in doc.select("article table thead th")]
    assert "Unknown outlet" in header
