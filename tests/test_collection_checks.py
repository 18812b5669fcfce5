"""The checks of a collection (collection_checks.py) pass on a correct build and fail on
a wrong one, naming the capture, page or file and what is wrong.

Each test spoils one thing in a copy of the fixture's built site, as a wrong template, a
wrong count or a broken file would, and reads the message a curator would get.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import collection_checks as checks
import pytest
from conftest import FIXTURE
from pages import attr, soup

YA_LIBNAN_SEED = "001_66dd8c24867dc48b.txt"


@pytest.fixture
def site(built_site: Path, tmp_path: Path) -> Path:
    """A copy of the fixture's built site, to spoil."""
    return Path(shutil.copytree(built_site, tmp_path / "site"))


def edit(path: Path, old: str | re.Pattern[str], new: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = (old.sub(new, text, count=1) if isinstance(old, re.Pattern)
               else text.replace(old, new, 1))
    assert changed != text, f"nothing to change in {path}"
    path.write_text(changed, encoding="utf-8")


def page_of(site: Path, seed: str) -> Path:
    return checks.seed_pages(site)[seed]


def test_every_check_passes_on_the_fixtures_build(built_site: Path):
    assert checks.check_every_line_published_once(FIXTURE, built_site) == 5
    assert checks.check_counts_equal_evidence(built_site) > 100
    assert checks.check_comparison_counts_whose_words(built_site) > 100
    assert checks.check_mentions_keep_their_voice(built_site) > 100
    assert checks.check_every_file_parses(built_site) > 100
    assert checks.check_links_resolve(built_site) > 1000
    assert checks.check_nothing_loads_from_outside(built_site) > 100


def test_a_line_missing_from_its_page_is_named_with_its_capture(site: Path):
    page = page_of(site, YA_LIBNAN_SEED)
    edit(page, re.compile(r'<p id="[^"]*" data-line="20">.*?</p>', re.S), "")
    with pytest.raises(AssertionError) as failed:
        checks.check_every_line_published_once(FIXTURE, site)
    message = str(failed.value)
    assert f"seeds/{YA_LIBNAN_SEED} (articles/{page.name})" in message
    assert "lines [20] of the capture are not on its page" in message


def test_a_capture_without_a_page_is_named(site: Path, tmp_path: Path):
    project = tmp_path / "project"
    shutil.copytree(FIXTURE / "seeds", project / "seeds")
    (project / "seeds" / "005_new.txt").write_text("A headline\n\nA body.\n", encoding="utf-8")
    with pytest.raises(AssertionError, match=r"seeds/005_new\.txt: no article page"):
        checks.check_every_line_published_once(project, site)


def first_cell(site: Path):
    doc = soup(site / "comparison.html")
    heading, column, link = next(c for c in checks.comparison_cells(doc)
                                 if c[1] == "Sputnik International")
    return heading, column, link


def test_a_count_that_differs_from_its_list_is_named_with_its_cell(site: Path):
    _, column, link = first_cell(site)
    count = link.get_text()
    edit(site / "comparison.html", f'<a href="{link["href"]}">{count}</a>',
         f'<a href="{link["href"]}">{int(count) + 1}</a>')
    with pytest.raises(AssertionError) as failed:
        checks.check_counts_equal_evidence(site)
    assert (f"column “{column}”, {link['href']}: the cell says {int(count) + 1} but its "
            f"list holds {count} passage(s)") in str(failed.value)


def test_a_readers_comment_counted_for_the_outlet_is_named(site: Path):
    """An outlet's cell whose evidence is a reader's comment: the check says so."""
    comments = page_of(site, YA_LIBNAN_SEED)
    comment_id = attr(soup(comments).select_one(".reader-comments [id]"), "id")
    doc = soup(site / "comparison.html")
    _, _, link = next(c for c in checks.comparison_cells(doc) if c[1] == "Ya Libnan")
    passages = checks.evidence_passages(doc, link)
    assert passages is not None
    passage = passages[0]
    edit(site / "comparison.html", f'href="{passage.replace("&", "&amp;")}"',
         f'href="articles/{comments.name}#{comment_id}"')
    with pytest.raises(AssertionError) as failed:
        checks.check_comparison_counts_whose_words(site)
    assert (f"column “Ya Libnan”: articles/{comments.name}#{comment_id} stands in "
            "reader-comments, not the outlet's own words") in str(failed.value)


def test_a_mention_in_the_wrong_voice_is_named(site: Path):
    mentions = site / "data" / "mentions.csv"
    edit(mentions, re.compile(r"^(.*),body,(.*),no,", re.M), r"\1,body,\2,yes,")
    with pytest.raises(AssertionError, match=r"by_readers is yes for a mention in the body"):
        checks.check_mentions_keep_their_voice(site)


@pytest.mark.parametrize("name, spoiled, said", [
    ("data/events.json", '[{"id": ', "data/events.json: Expecting value"),
    ("feed.xml", "<feed><entry></feed>", "feed.xml: mismatched tag"),
    ("data/mentions.csv", "a,b\n1,2,3\n", "data/mentions.csv: row 2 has 3 cells, the header 2"),
    ("methodology.html", "<!DOCTYPE html><html><body><p>a</b></p></body></html>",
     "methodology.html: line 1, column 35: unexpected-end-tag (b)"),
])
def test_a_file_that_does_not_parse_is_named(site: Path, name: str, spoiled: str, said: str):
    (site / name).write_text(spoiled, encoding="utf-8")
    with pytest.raises(AssertionError) as failed:
        checks.check_every_file_parses(site)
    assert said in str(failed.value)


def test_a_link_to_no_page_or_no_anchor_is_named(site: Path):
    edit(site / "methodology.html", "</article>",
         '<a href="articles/gone.html">x</a><a href="comparison.html#no-such-id">y</a></article>')
    with pytest.raises(AssertionError) as failed:
        checks.check_links_resolve(site)
    message = str(failed.value)
    assert "methodology.html: articles/gone.html: no such file" in message
    assert "methodology.html: comparison.html#no-such-id: no element with that id" in message


def test_a_page_that_would_load_from_outside_is_named(site: Path):
    edit(site / "map.html", "</article>", '<img src="https://example.org/x.png"></article>')
    with pytest.raises(AssertionError,
                       match=r"map\.html: <img src='https://example\.org/x\.png'>"):
        checks.check_nothing_loads_from_outside(site)


def test_a_failed_strict_build_says_every_problem_it_printed(tmp_path: Path):
    from conftest import copy_project

    project = copy_project(tmp_path / "project")
    outlets = project / "content" / "outlets.yml"
    outlets.write_text(outlets.read_text(encoding="utf-8") + "\n- id: new-outlet\n",
                       encoding="utf-8")
    with pytest.raises(AssertionError) as failed:
        checks.strict_build(project, tmp_path / "site")
    message = str(failed.value)
    assert f"the strict build of {project} fails" in message
    for key in ("country", "kind", "language", "name", "ownership", "ownership_basis"):
        assert re.search(rf"\n  error: content/outlets\.yml:\d+ \[\[5\]\.{key}\]: missing "
                         "required key", message), (key, message)
