"""The Atom feed (feed.xml): valid, newest first, stable ids, hostile titles kept as text."""

from __future__ import annotations

import json
import posixpath
import xml.etree.ElementTree as ET
from urllib.parse import unquote

import yaml
from conftest import FIXTURE, FIXTURE_CAPTURES
from pages import soup

from generator.pipeline import Project, generate
from generator.render.cite import SiteInfo

A = "{http://www.w3.org/2005/Atom}"


def parse(data: bytes | str) -> ET.Element:
    root = ET.fromstring(data.encode("utf-8") if isinstance(data, str) else data)
    assert root.tag == f"{A}feed"
    return root


def entries(root: ET.Element) -> list[dict]:
    found = []
    for entry in root.findall(f"{A}entry"):
        links = entry.findall(f"{A}link")
        assert [link.get("rel") for link in links] == ["alternate"]
        found.append({"title": entry.findtext(f"{A}title"), "id": entry.findtext(f"{A}id"),
                      "updated": entry.findtext(f"{A}updated"),
                      "published": entry.findtext(f"{A}published"),
                      "author": entry.findtext(f"{A}author/{A}name"),
                      "summary": entry.findtext(f"{A}summary"), "href": links[0].get("href")})
    return found


def feed_of(project) -> bytes:
    return generate(project).rendered.data.encoded("feed.xml")


def curated() -> dict[str, dict]:
    """The articles' YAML, by seed: what the feed's entries are checked against."""
    return {meta["seed"]: meta for meta in
            (yaml.safe_load(p.read_text(encoding="utf-8"))
             for p in sorted((FIXTURE / "content" / "articles").glob("*.yml")))}


def test_the_feed_lists_every_capture_newest_first_with_what_rfc_4287_requires(built_site):
    root = parse((built_site / "feed.xml").read_bytes())
    assert root.findtext(f"{A}title") == "Raqqa in five outlets: captures"
    assert root.findtext(f"{A}id").startswith("urn:uuid:")
    assert root.findtext(f"{A}author/{A}name") == "Raqqa in five outlets"
    found = entries(root)
    metas = curated()
    # newest first by the curated date (EDTF, "?" for inferred): compared as text, padded
    by_date = sorted(metas.values(), key=lambda m: str(m["date"]).rstrip("?~").ljust(10, "0"),
                     reverse=True)
    assert [e["title"] for e in found] == [m["title"] for m in by_date]
    assert [e["updated"] for e in found] == ["2018-10-01T00:00:00Z", "2017-10-17T00:00:00Z",
                                            "2017-10-14T00:00:00Z", "2017-03-01T00:00:00Z",
                                            "2016-05-30T00:00:00Z"]
    assert root.findtext(f"{A}updated") == found[0]["updated"]  # the newest entry's, no clock
    assert len({e["id"] for e in found}) == FIXTURE_CAPTURES and all(e["id"].startswith("urn:uuid:")
                                                      for e in found)
    for entry in found:
        page = built_site / unquote(entry["href"])  # relative to feed.xml: no site_url is set
        assert page.is_file(), entry["href"]
        assert soup(page).find("h1").get_text(" ", strip=True).startswith(entry["title"][:20])
    # the outlet, and what the timestamp rests on, are said
    voa, global_gathering = found[3], found[2]
    assert voa["author"] == "Voice of America"
    assert "Date: March 2017 (inferred)" in voa["summary"]
    assert "Only the month is known: the timestamp is the 1st of the month" in voa["summary"]
    assert "The date is inferred" in voa["summary"] and voa["published"] == voa["updated"]
    assert "the date of an update" in global_gathering["summary"]
    assert global_gathering["published"] is None  # the first publication date is unknown
    assert "re-post of wire copy: Reuters, AP, dpa" in global_gathering["summary"]
    assert "The day is known, not the time" in found[1]["summary"]


def test_every_page_announces_the_feed_and_the_home_page_links_it(built_site):
    """(The browser tests check that announcing it makes no page ask for anything.)"""
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        doc = soup(page)
        [link] = doc.head.select('link[rel~="alternate"][type="application/atom+xml"]')
        assert link["rel"] == ["alternate"]  # the link type alone, as feed readers look for it
        if page.name == "404.html":  # served at any depth: MkDocs links it from the root
            css = doc.head.select_one('link[href$="archive.css"]')["href"]
            assert link["href"] == css.replace("assets/archive.css", "feed.xml")
            continue
        target = posixpath.normpath(posixpath.join(
            page.parent.relative_to(built_site).as_posix(), link["href"]))
        assert target == "feed.xml", page
    home = soup(built_site / "index.html").select_one("article")
    assert home.select('a[href="feed.xml"]')


def test_entry_ids_stay_the_same_when_a_capture_changes_or_another_is_added(project_copy):
    before = {e["href"]: e for e in entries(parse(feed_of(Project(project_copy))))}
    seed = project_copy / "seeds" / "004_943bb74b3960d4d7.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("publicly executed.",
                                                             "executed in public."),
                    encoding="utf-8")
    (project_copy / "seeds" / "005_new.txt").write_text("A new capture\n\nText.\n",
                                                        encoding="utf-8")
    after = {e["href"]: e for e in entries(parse(feed_of(Project(project_copy))))}
    assert len(after) == 6 and before.keys() < after.keys()
    for href, entry in before.items():
        assert (after[href]["id"], after[href]["updated"]) == (entry["id"], entry["updated"])
    assert feed_of(Project(project_copy)) == feed_of(Project(project_copy))


def test_with_a_site_url_every_link_is_absolute(project_copy):
    root = parse(feed_of(Project(project_copy, site=SiteInfo.of("Raqqa in five outlets", "https://example.org/raqqa/"))))
    links = [link.get("href") for link in root.iter(f"{A}link")]
    assert links and all(h.startswith("https://example.org/raqqa/") for h in links)
    assert root.find(f'{A}link[@rel="self"]').get("href") == "https://example.org/raqqa/feed.xml"


HOSTILE = 'A <b>bold</b> & "quoted" ]]> <![CDATA[ x \x01\x0b\x7f end'


def test_hostile_titles_stay_literal_and_undated_captures_come_last(project_copy):
    seeds, articles = project_copy / "seeds", project_copy / "content" / "articles"
    (seeds / "007_b.txt").write_text("Second undated <i>capture</i> &amp; ]]>\n\nText.\n",
                                     encoding="utf-8")
    (seeds / "006_a.txt").write_text("First undated\n\nText.\n", encoding="utf-8")
    (seeds / "008_c.txt").write_text("Whatever\n\nText.\n", encoding="utf-8")
    (articles / "008_c.yml").write_text(
        f"seed: 008_c.txt\ntitle: {json.dumps(HOSTILE)}\noutlet: voa\ndate: 2019-01-02\n"
        'date_basis: "<script>alert(1)</script>"\n', encoding="utf-8")
    found = entries(parse(feed_of(Project(project_copy, site=SiteInfo.of("Arch <&> ]]>", None)))))
    assert found[0]["title"] == HOSTILE.replace("\x01", "\ufffd").replace("\x0b", "\ufffd") \
        .replace("\x7f", "\ufffd")
    assert "Basis: <script>alert(1)</script>" in found[0]["summary"]
    assert [e["title"] for e in found[-2:]] == ["First undated",
                                               "Second undated <i>capture</i> &amp; ]]>"]
    for entry in found[-2:]:
        assert entry["updated"] == "1970-01-01T00:00:00Z"
        assert "Date unknown: the timestamp 1970-01-01T00:00:00Z is a placeholder" \
            in entry["summary"]
