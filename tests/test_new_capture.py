"""A curator's correct new capture passes: the project as it is, with one more capture.

The capture is a real article nobody here wrote (FA-KES, vendored under
tests/fixtures/fakes/ with its attribution), curated as the README says: the capture in
seeds/, its YAML in content/articles/, a new outlet, a place and an event. On a copy of
the live project, ``archive check`` and the strict build are clean and every check of
the collection passes. Where ../shared/corpus/fakes is present, several more of its
articles are added the same way.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import collection_checks as checks
import pytest
from conftest import FIXTURE, ROOT, SHARED, copy_project
from pages import soup, text_of

from generator.pipeline import Project, check

FAKES = ROOT / "tests" / "fixtures" / "fakes"
REUTERS = FAKES / "reuters-r525"
REUTERS_SEED = "2016-12-19-reuters-r525.txt"
SHARED_FAKES = SHARED / "corpus" / "fakes"


def base_collection(curated: Path) -> Path:
    """The live collection, unless it holds the capture already (a curator added this
    very article): then the fixture collection, to which it is still new."""
    seeds = [p.name for p in (curated / "seeds").iterdir()]
    return FIXTURE if any((ROOT / "seeds" / name).exists() for name in seeds) else ROOT


def add_curated(project: Path, curated: Path) -> None:
    """Add a curated capture as a curator does: its seed and YAML, and the entries it
    needs appended to the collection's outlets, places and events."""
    for seed in sorted((curated / "seeds").iterdir()):
        shutil.copy2(seed, project / "seeds" / seed.name)
    for yml in sorted((curated / "content" / "articles").iterdir()):
        shutil.copy2(yml, project / "content" / "articles" / yml.name)
    for addition in sorted((curated / "additions").glob("*.yml")):
        target = project / "content" / addition.name
        with target.open("a", encoding="utf-8") as f:
            f.write(addition.read_text(encoding="utf-8"))


def assert_collection_holds(project: Path, site: Path, folder: Path) -> None:
    """Every check of the collection, on ``project`` and its strict build ``site``."""
    checks.check_every_line_published_once(project, site)
    checks.check_counts_equal_evidence(site)
    checks.check_comparison_counts_whose_words(site)
    checks.check_mentions_keep_their_voice(site)
    checks.check_every_file_parses(site)
    checks.check_links_resolve(site)
    checks.check_nothing_loads_from_outside(site)
    checks.check_deterministic(project, folder / "twice")


@pytest.fixture(scope="module")
def with_reuters(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("new-capture")
    project = copy_project(folder / "project", collection=base_collection(REUTERS))
    add_curated(project, REUTERS)
    return project, checks.strict_build(project, folder / "site")


def test_the_curated_capture_checks_clean(with_reuters):
    project, _ = with_reuters
    evidence, problems = check(Project(project))
    assert problems == [], "\n".join(str(p) for p in problems)
    assert evidence is not None
    assert REUTERS_SEED in {a.seed.name for a in evidence.archive.articles}


def test_every_check_of_the_collection_passes_with_it(with_reuters, tmp_path):
    project, site = with_reuters
    assert_collection_holds(project, site, tmp_path)


def test_it_is_published_with_its_outlet_place_and_event(with_reuters):
    _, site = with_reuters
    page = checks.seed_pages(site)[REUTERS_SEED]
    doc = soup(page)
    assert text_of(doc.select_one("article h1")).startswith(
        "Kurd-led forces press Islamic State near Syrias Raqqa")
    assert (site / "outlets" / "reuters.html").is_file()
    assert doc.select_one('a[href="../places/al-bab.html"]') is not None
    event = soup(site / "events" / "sdf-advance-west-of-raqqa-2016.html")
    assert f"articles/{page.name}" in str(event)


# --- several articles of the shared corpus, where it is present --------------------------


def shared_articles(count: int) -> list[dict[str, str]]:
    """The first article of each of ``count`` outlets (by source code) dated within the
    collection's years, with a plain-text title."""
    with (SHARED_FAKES / "index.tsv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    chosen: dict[str, dict[str, str]] = {}
    for row in sorted(rows, key=lambda r: r["file"]):
        title = (SHARED_FAKES / row["file"]).read_text(encoding="utf-8").split("\n", 1)[0]
        if ("2014" <= row["date"][:4] <= "2018" and title.isascii() and title.strip()
                and row["source"] not in chosen and row["source"] != "sputnik"):
            chosen[row["source"]] = dict(row, title=title.strip())
    return list(chosen.values())[:count]


def curate(project: Path, article: dict[str, str]) -> None:
    """Curate one FA-KES article as a curator would: a new outlet and its YAML."""
    source, name = article["source"], article["file"]
    shutil.copy2(SHARED_FAKES / name, project / "seeds" / name)
    title = article["title"].replace('"', '\\"')
    (project / "content" / "articles" / f"{name.removesuffix('.txt')}.yml").write_text(
        f'seed: {name}\ntitle: "{title}"\noutlet: fakes-{source}\n'
        f'date: {article["date"]}?\n'
        "date_basis: the FA-KES dataset's date, which its crowd workers extracted\n"
        "notes: From the FA-KES dataset (Abu Salem et al., ICWSM 2019; CC BY 4.0).\n",
        encoding="utf-8")
    outlet = article["outlet_name"].replace('"', '\\"')
    with (project / "content" / "outlets.yml").open("a", encoding="utf-8") as f:
        f.write(f'\n- id: fakes-{source}\n  name: "{outlet}"\n  country: unknown\n'
                "  ownership: unknown\n"
                "  ownership_basis: no source on its ownership has been curated yet\n"
                "  kind: news site\n  language: en\n")


@pytest.mark.skipif(not SHARED_FAKES.is_dir(),
                    reason=f"{SHARED_FAKES} is absent (the shared FA-KES corpus)")
def test_several_curated_captures_pass_every_check(tmp_path):
    project = copy_project(tmp_path / "project", collection=base_collection(REUTERS))
    add_curated(project, REUTERS)
    articles = [a for a in shared_articles(5) if not (project / "seeds" / a["file"]).exists()]
    assert len(articles) >= 3
    for article in articles:
        curate(project, article)
    site = checks.strict_build(project, tmp_path / "site")
    assert_collection_holds(project, site, tmp_path)
    pages = checks.seed_pages(site)
    assert {a["file"] for a in articles} <= set(pages)
