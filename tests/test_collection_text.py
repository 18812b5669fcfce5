"""The site's name, home page and feed say what the collection holds, from the data."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import ROOT, mkdocs_build

from generator.model import Outlet
from generator.pipeline import Project, generate
from generator.render.summary import Holdings, counted

A = "{http://www.w3.org/2005/Atom}"
# The new outlet as the vendored FA-KES capture describes it.
REUTERS = (ROOT / "tests/fixtures/fakes/reuters-r525/additions/outlets.yml").read_text(encoding="utf-8")
CAPTURE = ("Kurd-led forces press Islamic State near Raqqa\n\n"
           "December 19 2016 Several villages held by Islamic State have been captured by the "
           "Syrian Democratic Forces, a monitor said on Monday.\n")
META = ('seed: "005_reuters.txt"\ntitle: "Kurd-led forces press Islamic State near Raqqa"\n'
        'outlet: reuters\ndate: "2016-12-19"\ndate_basis: the text opens with its date\n')


def add_sixth_outlet(project: Path) -> None:
    (project / "seeds/005_reuters.txt").write_text(CAPTURE, encoding="utf-8")
    (project / "content/articles/005_reuters.yml").write_text(META, encoding="utf-8")
    outlets = project / "content/outlets.yml"
    outlets.write_text(outlets.read_text(encoding="utf-8") + REUTERS, encoding="utf-8")


def feed(project: Path) -> ET.Element:
    return ET.fromstring(generate(Project(project)).rendered.data.encoded("feed.xml"))


def test_counts_in_words():
    assert [counted(n, "outlet") for n in (0, 1, 6, 10, 11, 1200)] == [
        "no outlets", "one outlet", "six outlets", "ten outlets", "11 outlets", "1,200 outlets"]


def test_a_sixth_outlet_makes_the_site_say_six(project_copy, tmp_path):
    before = feed(project_copy)
    add_sixth_outlet(project_copy)
    site = tmp_path / "site"
    result = mkdocs_build(project_copy, site, "--strict")
    assert result.returncode == 0, result.stderr
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>Home - Raqqa in six outlets</title>" in home
    assert re.search(r"<h1[^>]*>Raqqa in six outlets", home)
    assert 'content="A documentary archive of how six outlets covered' in home
    assert ("The archive holds six captures from six outlets: "
            '<a href="outlets/global-gathering.html">Global Gathering</a>, '
            '<a href="outlets/reuters.html">Reuters</a>, ') in home
    assert "five" not in re.sub(r"<[^>]+>", "", home).replace("five-", "")
    after = ET.fromstring((site / "feed.xml").read_bytes())
    assert after.findtext(f"{A}title") == "Raqqa in six outlets: captures"
    assert after.findtext(f"{A}subtitle").startswith("Six captures from six outlets. ")
    # The ids stay those of the site's name as written: a feed reader sees one new entry.
    ids = {e.findtext(f"{A}id") for e in after.iter(f"{A}entry")}
    old = {e.findtext(f"{A}id") for e in before.iter(f"{A}entry")}
    assert after.findtext(f"{A}id") == before.findtext(f"{A}id")
    assert old < ids and len(ids - old) == 1


def test_the_summary_escapes_outlet_names():
    outlet = Outlet(id="x", name="A <b>bold</b> [link](y) & Co", country="c", ownership="unknown",
                    ownership_basis="b", kind="blog", language="en")
    summary = Holdings((outlet,), 1).markers("index.md")["<!-- archive:summary -->"]
    assert summary == ("The archive holds one capture from one outlet: [A &#60;b&#62;bold&#60;/b"
                       "&#62; &#91;link&#93;(y) &#38; Co](outlets/x.md).")
