"""Checks of the live collection: whatever ``seeds/`` and ``content/`` hold now.

These are the only tests that read the project's own captures and YAML. They assert
only what holds for any correct collection, so a curator's correct new capture never
fails them, and a curator's mistake fails them with a message naming the capture, page
or file. CI runs this module as a step of its own and writes its failures into the job's
summary; a failure there blocks the deploy.

The checks themselves are in ``collection_checks.py`` (each takes a project folder or
its built site); ``tests/test_new_capture.py`` runs them on a copy with captures added.
"""

from __future__ import annotations

from pathlib import Path

import collection_checks as checks
from conftest import ROOT

from generator.pipeline import Project, check


def test_the_collection_checks_without_a_problem():
    """``archive check``'s own reading: no error and no warning (each named at its line)."""
    evidence, problems = check(Project(ROOT))
    assert evidence is not None and problems == [], (
        "archive check finds problems:\n" + "\n".join(str(p) for p in problems))


def test_the_strict_build_passes(live_site: Path):
    # live_site is the strict build; it fails with the build's messages.
    assert (live_site / "index.html").is_file()


def test_every_line_of_every_capture_is_published_once(live_site: Path):
    assert checks.check_every_line_published_once(ROOT, live_site) >= 1


def test_every_count_equals_its_evidence(live_site: Path):
    checks.check_counts_equal_evidence(live_site)


def test_no_readers_comment_or_caption_is_counted_as_the_outlets_words(live_site: Path):
    checks.check_comparison_counts_whose_words(live_site)
    checks.check_mentions_keep_their_voice(live_site)


def test_every_page_and_data_file_parses(live_site: Path):
    assert checks.check_every_file_parses(live_site) > 0


def test_every_internal_link_and_anchor_resolves(live_site: Path):
    assert checks.check_links_resolve(live_site) > 0


def test_no_page_names_an_outside_address_to_load(live_site: Path):
    assert checks.check_nothing_loads_from_outside(live_site) > 0


def test_an_article_opens_from_a_folder_without_the_network(live_site: Path, watched):
    """In a real browser, from file://, every request outside the site refused: the
    home page, the articles' index and an article load nothing from outside."""
    page = watched.open(live_site / "index.html")
    watched.assert_clean("index.html")
    page = watched.open(live_site / "articles" / "index.html")
    watched.assert_clean("articles/index.html")
    article = sorted(checks.seed_pages(live_site).values())[0]
    page = watched.open(article)
    assert page.locator("div.article-body").first.inner_text().strip(), article
    watched.assert_clean(article.relative_to(live_site).as_posix())


def test_the_output_is_the_same_from_any_process(tmp_path: Path):
    assert len(checks.check_deterministic(ROOT, tmp_path)) > 0
