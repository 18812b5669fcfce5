"""The outlet comparison as a reader checks it: numbers, and the paragraphs behind them."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from pages import soup, text_of


@pytest.fixture(scope="module")
def page(built_site):
    return soup(built_site / "comparison.html")


def table_after(doc, heading_text: str):
    heading = next(h for h in doc.select("article h4") if heading_text in text_of(h))
    return heading.find_next("table")


def test_dominant_name_of_the_islamic_state_per_outlet(page):
    table = table_after(page, "Islamic State")
    header = [text_of(th) for th in table.select("thead th")]
    most = next(tr for tr in table.select("tbody tr") if text_of(tr.find("td")) == "Most used")
    dominant = dict(zip(header[1:], [text_of(td) for td in most.find_all("td")[1:]]))
    assert dominant["Sputnik International"] == "Daesh"
    assert dominant["Ya Libnan"] == "Isis"
    assert dominant["Voice of America"] == "IS"


def test_reader_comments_are_not_counted_as_the_outlets_names(page, built_site):
    table = table_after(page, "Islamic State")
    header = [text_of(th) for th in table.select("thead th")]
    col = header.index("Ya Libnan")
    readers = header.index("Readers' comments (not counted)")
    rows = {text_of(tr.find("td")): [text_of(td) for td in tr.find_all("td")]
            for tr in table.select("tbody tr")}
    # Daesh appears on Ya Libnan's page only in a reader's comment
    assert rows["Daesh"][col] == "–" and rows["Daesh"][readers] == "1"


def test_every_cell_link_reaches_existing_paragraph_anchors(page, built_site):
    cell_links = [a for a in page.select("article table a[href^='#']")]
    assert len(cell_links) > 100
    anchors_checked = 0
    cache = {}
    for a in cell_links:
        evidence = page.find(id=a["href"][1:])
        assert evidence is not None, f"cell link {a['href']} has no evidence list"
        links = [x for x in evidence.select("a") if x.get_text() == "¶"]
        assert len(links) == int(text_of(a)), f"{a['href']}: count and passages differ"
        for x in links:
            path, anchor = unquote(x["href"]).split("#")
            if path not in cache:
                cache[path] = soup((built_site / path).resolve())
            assert cache[path].find(id=anchor) is not None, x["href"]
            anchors_checked += 1
    assert anchors_checked >= len(cell_links)


def test_coverage_shows_which_outlet_reported_the_evacuation_deal(page):
    table = page.find(id="events-by-outlet").find_next("table")
    header = [text_of(th) for th in table.select("thead th")]
    row = next(tr for tr in table.select("tbody tr") if "Evacuation deal" in text_of(tr))
    cells = dict(zip(header, [text_of(td) for td in row.find_all("td")]))
    assert cells["Sputnik International"] == "–"
    assert "14 October 2017" in cells["Global Gathering"] and "lag 0 days" in cells["Global Gathering"]
    assert "17 October 2017" in cells["Ya Libnan"]


def test_framing_words_are_counted_per_outlet(page):
    table = table_after(page, "What the Islamic State")
    header = [text_of(th) for th in table.select("thead th")]
    rows = {text_of(tr.find("td")): [text_of(td) for td in tr.find_all("td")]
            for tr in table.select("tbody tr")}
    sputnik = header.index("Sputnik International")
    assert rows["militants"][sputnik].startswith("10 ")


def test_charts_are_inline_svg_with_links_to_evidence(page):
    charts = page.select("article svg.archive-chart")
    assert len(charts) >= 4
    for chart in charts:
        for a in chart.select("a"):
            assert a["href"].startswith("#") and page.find(id=a["href"][1:]) is not None
