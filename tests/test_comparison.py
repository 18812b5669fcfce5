"""The outlet comparison as a reader checks it: numbers, and the paragraphs behind them."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from pages import soup, text_of


@pytest.fixture(scope="module")
def page(built_site):
    return soup(built_site / "comparison.html")


def outlet_of(th) -> str:
    """A column heading's outlet name, without its marks ("SouthFront (inferred; …)")."""
    text = text_of(th)
    return text if text.startswith("Readers") else text.split(" (")[0]


def table_after(doc, heading_text: str):
    heading = next(h for h in doc.select("article h4") if heading_text in text_of(h))
    return heading.find_next("table")


def test_dominant_name_of_the_islamic_state_per_outlet(page):
    table = table_after(page, "Islamic State")
    header = [outlet_of(th) for th in table.select("thead th")]
    most = next(tr for tr in table.select("tbody tr") if text_of(tr.find("td")) == "Most used")
    dominant = dict(zip(header[1:], [text_of(td) for td in most.find_all("td")[1:]], strict=True))
    assert dominant["Sputnik International"] == "Daesh"
    assert dominant["Ya Libnan"] == "Isis"
    assert dominant["Voice of America"] == "IS"


def test_reader_comments_are_not_counted_as_the_outlets_names(page, built_site):
    table = table_after(page, "Islamic State")
    header = [outlet_of(th) for th in table.select("thead th")]
    col = header.index("Ya Libnan")
    readers = header.index("Readers' comments (not counted)")
    rows = {text_of(tr.find("td")): [text_of(td) for td in tr.find_all("td")]
            for tr in table.select("tbody tr")}
    # Daesh appears on Ya Libnan's page only in a reader's comment
    assert rows["Daesh"][col] == "–" and rows["Daesh"][readers] == "1"


def test_every_cell_link_reaches_existing_paragraph_anchors(built_site):
    """Each count equals the passages of its evidence list, and each passage exists."""
    import collection_checks

    assert collection_checks.check_counts_equal_evidence(built_site) > 100


def test_coverage_shows_which_outlet_reported_the_evacuation_deal(page):
    table = page.find(id="events-by-outlet").find_next("table")
    header = [outlet_of(th) for th in table.select("thead th")]
    row = next(tr for tr in table.select("tbody tr") if "Evacuation deal" in text_of(tr))
    cells = dict(zip(header, [text_of(td) for td in row.find_all("td")], strict=True))
    assert cells["Sputnik International"] == "–"
    assert "14 October 2017" in cells["Global Gathering"] and "lag 0 days" in cells["Global Gathering"]
    assert "17 October 2017" in cells["Ya Libnan"]


def test_framing_words_are_counted_per_outlet(page):
    table = table_after(page, "What the Islamic State")
    header = [outlet_of(th) for th in table.select("thead th")]
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


def ledger(page) -> list[dict]:
    table = page.find(id="ledger").find_next("table")
    header = [outlet_of(th) for th in table.select("thead th")]
    return [dict(zip(header, [text_of(td) for td in tr.find_all("td")], strict=True))
            for tr in table.select("tbody tr")]


@pytest.mark.parametrize("figure, outlet, source", [
    ("3,250", "Ya Libnan", "Syrian Observatory for Human Rights"),
    ("1,130", "Ya Libnan", "Syrian Observatory for Human Rights"),
    ("270,000", "Ya Libnan", "Save the Children"),
    ("4,000", "Voice of America", None),
    ("200,000", "Voice of America", "Local sources (unnamed)"),
])
def test_figures_are_attributed_to_outlet_and_source(page, figure, outlet, source):
    rows = [r for r in ledger(page) if figure in r["Figure"]]
    assert len(rows) == 1, rows
    assert rows[0]["Outlet"].startswith(outlet)
    if source:
        assert rows[0]["Source"] == source


def test_nothing_from_reader_comments_is_the_blogs(page):
    for row in ledger(page):
        if row["Outlet"].startswith("Ya Libnan"):
            assert "1000" not in row["Figure"]  # "1000 ISIS fighters" is a reader's claim
    table = page.find(id="sources-cited").find_next("table")
    header = [outlet_of(th) for th in table.select("thead th")]
    col = header.index("Ya Libnan")
    cited = {text_of(tr.find("td")) for tr in table.select("tbody tr")
             if text_of(tr.find_all("td")[col]) != "–"}
    assert "Anglo-Americans" not in cited and "Sergei Lavrov" not in cited
    apart = text_of(page.find(id="reader-comments-apart").find_next("ul"))
    assert "1000" in apart


def test_claims_compare_the_same_quantity_across_outlets(page):
    heading = next(h for h in page.select("article h4") if "Islamic State fighters in Raqqa"
                   in text_of(h))
    rows = [[text_of(td) for td in tr.find_all("td")] for tr in heading.find_next("table")
            .select("tbody tr")]
    assert [r[0] for r in rows] == ["Sputnik International", "Voice of America"]
    assert rows[0][4] == "2,000–3,000" and rows[1][4] == "4,000"
    assert rows[0][5] == rows[1][5] == "total"  # a range and an estimate: the same kind
    assert rows[0][6] == "family member who fled Raqqa (unnamed)"


def test_figures_of_different_kinds_are_not_set_side_by_side(page):
    """'Dozens every day' (a rate) and '270,000 people who have fled' (a total) speak of
    the same people, but are not comparable: each stands in a table of its own."""
    heading = next(h for h in page.select("article h4") if "People who fled" in text_of(h))
    note = heading.find_next("p")
    assert "do not measure the same thing (rate per day; total)" in text_of(note)
    first, second = note.find_next("table"), note.find_next("table").find_next("table")
    kinds = [{text_of(tr.find_all("td")[5]) for tr in t.select("tbody tr")} for t in (first, second)]
    assert kinds == [{"rate per day"}, {"total"}]


def test_every_figure_links_to_its_paragraph(page, built_site):
    links = [a for a in page.select("article table a") if a.get_text() == "¶"]
    assert len(links) >= 20
    for a in links:
        path, anchor = unquote(a["href"]).split("#")
        assert soup((built_site / path).resolve()).find(id=anchor) is not None


def test_outlet_pages_show_their_profile(built_site):
    doc = soup(built_site / "outlets" / "voa.html")
    text = text_of(doc.select_one("article"))
    assert "Islamic State: IS (22)" in text  # 21 in the text, 1 in the headline
    assert "Hussam Eesa" in text and "up to $700" in text
    for a in doc.select('article a[href*="comparison.html#"]'):
        anchor = a["href"].split("#")[1]
        assert soup(built_site / "comparison.html").find(id=anchor) is not None


def test_an_outlet_with_no_figures_and_an_uncurated_article_say_no_data(project_copy, tmp_path):
    from conftest import mkdocs_build

    (project_copy / "seeds" / "005_short.txt").write_text(
        "A short dispatch from Raqqa\n\nCivilians were seen leaving the city.", encoding="utf-8")
    (project_copy / "content" / "articles" / "005_short.yml").write_text(
        'seed: 005_short.txt\ntitle: A short dispatch from Raqqa\noutlet: example-wire\n'
        'date: "2017-06"\n', encoding="utf-8")
    outlets = project_copy / "content" / "outlets.yml"
    outlets.write_text(outlets.read_text(encoding="utf-8") + """
- id: example-wire
  name: Example Wire
  country: unknown
  ownership: unknown
  ownership_basis: a test outlet
  kind: wire
  language: en
""", encoding="utf-8")
    (project_copy / "seeds" / "006_uncurated.txt").write_text(
        "An uncurated capture\n\nNothing here counts.", encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    doc = soup(tmp_path / "site" / "outlets" / "example-wire.html")
    text = text_of(doc.select_one("article"))
    assert "No data: its articles state no figure about the conflict." in text
    assert "No data: no sentence of its articles names a source." in text
    comparison = soup(tmp_path / "site" / "comparison.html")
    header = [text_of(th) for th in comparison.select("article table thead th")]
    assert "Example Wire" in header and "Unknown outlet" in header


def test_column_headings_say_which_outlet_is_inferred_or_re_posts(page):
    """The marks of the article page travel to every table that compares the outlets."""
    for table in page.select("article table"):
        headings = [text_of(th) for th in table.select("thead th")]
        for heading in headings:
            if heading.startswith("SouthFront"):
                assert heading == "SouthFront (inferred; relays AFP and PressTV)"
            if heading.startswith("Global Gathering"):
                assert heading == "Global Gathering (re-posts Reuters, AP, dpa)"
    sample = page.find(id="articles-by-outlet").find_next("table")
    rows = {outlet_of(tr.find("td")): text_of(tr) for tr in sample.select("tbody tr")}
    assert "14 October 2017 (updated)" in rows["Global Gathering"]
    assert "outlet inferred" in rows["SouthFront"]


def test_a_long_campaign_reported_years_on_is_not_called_late(page):
    """The coalition's air campaign has no curated end: a report in 2016 is news of an
    ongoing campaign, told as the time since it began, never as a lag of years."""
    table = page.find(id="events-by-outlet").find_next("table")
    header = [outlet_of(th) for th in table.select("thead th")]
    row = next(tr for tr in table.select("tbody tr") if "coalition air campaign" in text_of(tr))
    cells = dict(zip(header, [text_of(td) for td in row.find_all("td")], strict=True))
    assert cells["Sputnik International"].endswith("lag 22 months after it began")
    offensive = next(tr for tr in table.select("tbody tr") if "SDF offensive north" in text_of(tr))
    assert "lag 6 days after it began" in text_of(offensive)


def test_an_outlet_page_links_only_to_the_cells_the_comparison_shows(project_copy, tmp_path):
    """With fewer source rows than an outlet cites, or more outlets than are compared, the
    outlet page names every source it cites but links only to cells the comparison has."""
    import collection_checks
    from conftest import mkdocs_build

    path = project_copy / "content" / "collection.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("source_rows: 60", "source_rows: 2")
    path.write_text(text.replace("compared_outlets: 12", "compared_outlets: 4"), encoding="utf-8")
    site = tmp_path / "site"
    assert mkdocs_build(project_copy, site).returncode == 0
    collection_checks.check_links_resolve(site)  # every link reaches its cell
    items = {o.stem: soup(o).select("section.outlet-sources li:not(:last-child)")
             for o in sorted((site / "outlets").glob("*.html")) if o.stem != "index"}
    linked = {o: [li for li in found if li.select_one('a[href^="../comparison.html#"]')]
              for o, found in items.items()}
    # Ya Libnan (one article, last by id) is not among the four compared outlets
    assert len(items["ya-libnan"]) == 2 and linked["ya-libnan"] == []
    assert any(linked.values()) and any(len(linked[o]) < len(items[o]) for o in items if linked[o])
