"""The "Cite this capture" box, its downloads, the citation meta tags and the data page's
references, as the built site shows them: checked against the captures and their YAML."""

from __future__ import annotations

import hashlib
import json
import textwrap
from urllib.parse import unquote

import pytest
import yaml
from conftest import FIXTURE, copy_project, mkdocs_build
from pages import article_page, soup, text_of
from test_cite import check_csl_item, read_bibtex, read_ris, ris_field, shown, unlatex

from generator.pipeline import Project, check

CURATION = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((FIXTURE / "content" / "articles").glob("*.yml"))}
SEEDS = sorted(CURATION)


def box(doc):
    found = doc.select_one("section.cite-box")
    assert found is not None, "no Cite this capture box"
    return found


def downloads(page, doc) -> dict[str, str]:
    """Format -> the text of the file its link in the box opens (the link must resolve)."""
    out = {}
    for a in box(doc).select("a.cite-download"):
        target = (page.parent / unquote(a["href"])).resolve()
        assert target.is_file(), f"{a['href']} is not in the built site"
        out[a["data-format"]] = target.read_bytes().decode("utf-8")  # RIS keeps its CRLF
    assert set(out) == {"bib", "ris", "json"}
    return out


def meta(doc) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in doc.head.find_all("meta", attrs={"name": True}):
        found.setdefault(tag["name"], []).append(tag["content"])
    return found


@pytest.mark.parametrize("stem", SEEDS)
def test_each_article_page_has_a_box_with_the_reference_to_its_capture(built_site, stem):
    curated = CURATION[stem]
    seed = FIXTURE / "seeds" / curated["seed"]
    sha = hashlib.sha256(seed.read_bytes()).hexdigest()
    page, doc = article_page(built_site, curated["seed"])
    cite = box(doc)
    assert text_of(cite.select_one("h2")) == "Cite this capture"
    shown_text = cite.select_one("textarea.cite-text").get_text()
    assert f"\u201c{curated['title']}.\u201d" in shown_text
    assert f"Capture sha256: {sha}." in shown_text
    assert f"Archived capture in Raqqa in five outlets: articles/{page.name}." in shown_text
    assert f"Original address: {curated.get('url', 'unknown')}." in shown_text
    # no captured: date in the real YAML: the accessed date is said to be unknown
    assert shown_text.endswith("Accessed: unknown (the capture records no date of capture).")
    files = downloads(page, doc)
    (_, key, fields), = read_bibtex(files["bib"])
    assert key == page.stem and unlatex(fields["title"][1:-1]) == curated["title"]
    assert sha in fields["note"] and "urldate" not in fields
    record, = read_ris(files["ris"])
    assert ris_field(record, "TI") == [curated["title"]]
    assert ris_field(record, "AN") == [f"sha256:{sha}"]
    item, = json.loads(files["json"])
    check_csl_item(item)
    assert item["id"] == page.stem and item["title"] == curated["title"]
    assert item.get("URL") == curated.get("url")
    tags = meta(doc)
    assert tags["citation_title"] == [curated["title"]]
    assert tags["DC.identifier"] == [f"sha256:{sha}"]


def test_dates_keep_the_precision_the_curator_gave(built_site):
    by_seed = {stem: article_page(built_site, CURATION[stem]["seed"]) for stem in SEEDS}
    expected = {  # from the articles' YAML: date, date_type
        "000_c4a9bb88ecf85684": ([[2016, 5, 30]], "2016/05/30", "day"),
        "001_66dd8c24867dc48b": ([[2017, 10, 17]], "2017/10/17", "day"),
        "002_9ad5b8a81939a933": ([[2017, 10, 14]], "2017/10/14", "day"),
        "003_3d9dbe11d8be9a9e": ([[2018, 10]], "2018/10", "month"),
        "004_943bb74b3960d4d7": ([[2017, 3]], "2017/03", "month"),
    }
    for stem, (parts, slashed, precision) in expected.items():
        page, doc = by_seed[stem]
        item, = json.loads(downloads(page, doc)["json"])
        assert item["issued"] == {"date-parts": parts}, stem
        assert meta(doc)["citation_date"] == [slashed]
        assert f"The date is known to the {precision}." in text_of(box(doc))
    # the re-post's date is an update's: not stated as the publication date
    page, doc = by_seed["002_9ad5b8a81939a933"]
    assert "citation_publication_date" not in meta(doc)
    assert meta(doc)["DC.date.modified"] == ["2017-10-14"]
    assert "14 October 2017 (updated)" in box(doc).select_one("textarea").get_text()
    # the inferred month says so
    page, doc = by_seed["004_943bb74b3960d4d7"]
    assert "March 2017 (inferred)" in box(doc).select_one("textarea").get_text()
    assert "2017-03?" in downloads(page, doc)["bib"]


def test_the_inferred_outlet_is_not_stated_as_the_publisher(built_site):
    page, doc = article_page(built_site, "003_3d9dbe11d8be9a9e.txt")
    tags = meta(doc)
    assert not {"citation_publisher", "citation_journal_title", "DC.publisher"} & set(tags)
    files = downloads(page, doc)
    item, = json.loads(files["json"])
    assert "publisher" not in item and "container-title" not in item
    assert "Outlet inferred, not confirmed: SouthFront" in item["note"]
    assert "organization" not in read_bibtex(files["bib"])[0][2]
    assert box(doc).select_one("textarea").get_text().startswith("SouthFront (outlet inferred).")
    _, confirmed = article_page(built_site, "000_c4a9bb88ecf85684.txt")
    assert meta(confirmed)["citation_publisher"] == ["Sputnik International"]  # outlets.yml


def test_the_data_page_offers_every_reference_in_three_formats(built_site):
    doc = soup(built_site / "data.html")
    links = {a.get_text(): a["href"] for a in doc.select("article table a")}
    for name in ("references.bib", "references.ris", "references.json"):
        assert (built_site / unquote(links[name])).is_file(), name
    bib = (built_site / "data" / "references.bib").read_text(encoding="utf-8")
    entries = read_bibtex(bib)
    pages = sorted(p.stem for p in (built_site / "articles").glob("*.html") if p.stem != "index")
    assert sorted(key for _, key, _ in entries) == pages
    records = read_ris((built_site / "data" / "references.ris").read_bytes().decode("utf-8"))
    assert sorted(ris_field(r, "ID")[0] for r in records) == pages
    items = json.loads((built_site / "data" / "references.json").read_text(encoding="utf-8"))
    assert sorted(i["id"] for i in items) == pages
    # the same references as each article's box offers
    for page in pages:
        own = (built_site / "data" / "cite" / f"{page}.bib").read_text(encoding="utf-8")
        assert own in bib
    row = {text_of(tr.select("td")[0]): text_of(tr.select("td")[2])
           for tr in doc.select("article table tbody tr")}
    assert row["references.bib"] == row["references.ris"] == row["references.json"] == "5"


def test_a_date_of_capture_that_is_not_a_date_is_an_error_naming_file_line_and_key(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "content" / "articles" / "004_943bb74b3960d4d7.yml"
    path.write_text(path.read_text(encoding="utf-8") + "captured: last week\n", encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index("captured: last week") + 1
    _, problems = check(Project(project))
    assert (f"content/articles/004_943bb74b3960d4d7.yml:{line} [captured]: expected an EDTF "
            "date like 2016-05-30, 2017-03 or 2018-10? (? inferred, ~ approximate), found "
            "'last week'") in [str(p) for p in problems]


# ------------------------------------------- a hostile title, a hosted site
HOSTILE_TITLE = ('Quote " and \' {brace} \\back %&$#_~^ </script></textarea><b>x</b> **bold** [x](y) '
                 "{{ jinja }}\nsecond line\u2028third")
SITE_URL = "https://archive.example.org/raqqa/"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("cite") / "project")
    (project / "seeds" / "cite-hostile.txt").write_bytes(
        b"A headline\n\nA paragraph about Raqqa that is long enough to be the article text.\n"
        b"\nA second paragraph about Raqqa, also long enough to be the article's text.\n")
    (project / "content" / "articles" / "cite-hostile.yml").write_text(textwrap.dedent(f"""\
        seed: cite-hostile.txt
        title: {json.dumps(HOSTILE_TITLE)}
        slug: cite-hostile
        outlet: voa
        date: 2014~
        captured: 2019-02-03
        captured_basis: the capture tool's log
        url: https://example.org/a?b=1&c=2
        """), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"site_url: {SITE_URL}\n",
                      encoding="utf-8")
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def test_a_hostile_title_is_literal_in_the_box_the_meta_tags_and_every_file(hostile_site):
    page, doc = article_page(hostile_site, "cite-hostile.txt")
    title = shown(HOSTILE_TITLE)
    cite = box(doc)
    assert not cite.select("b, strong, em, a:not(.cite-download)")
    assert f"\u201c{title}.\u201d" in cite.select_one("textarea").get_text()
    tag = doc.head.find("meta", attrs={"name": "citation_title"})
    assert set(tag.attrs) == {"name", "content"} and tag["content"] == title
    template = cite.select_one("script.cite-template").string
    assert "<" not in template and json.loads(template)["text"].count(title) == 1
    files = downloads(page, doc)
    (_, key, fields), = read_bibtex(files["bib"])
    assert key == "cite-hostile" and unlatex(fields["title"][1:-1]) == title
    assert fields["date"] == "2014~" and fields["urldate"] == "2019-02-03"
    record, = read_ris(files["ris"])
    assert ris_field(record, "TI") == [title] and ris_field(record, "Y2") == ["2019/02/03/"]
    item, = json.loads(files["json"])
    check_csl_item(item)
    assert item["title"] == title
    assert item["issued"] == {"date-parts": [[2014]], "circa": True}
    assert item["accessed"] == {"date-parts": [[2019, 2, 3]]}


def test_with_site_url_the_reference_gives_the_absolute_address(hostile_site):
    page, doc = article_page(hostile_site, "cite-hostile.txt")
    address = SITE_URL + "articles/cite-hostile.html"
    text = box(doc).select_one("textarea").get_text()
    assert f"Archived capture in Raqqa in five outlets: {address}." in text
    assert text.endswith("Accessed: 3 February 2019 (the capture tool's log).")
    assert meta(doc)["citation_public_url"] == [address]
    item, = json.loads(downloads(page, doc)["json"])
    assert item["archive_location"] == address
