"""Actors, places and events on the built site, as a reader follows the links."""

from __future__ import annotations

import csv
import json
from collections import Counter
from urllib.parse import unquote

import pytest
from conftest import FIXTURE_CAPTURES
from pages import article_page, soup, text_of

SEEDS = {
    "sputnik": "000_c4a9bb88ecf85684.txt",
    "yalibnan": "001_66dd8c24867dc48b.txt",
    "gathering": "002_9ad5b8a81939a933.txt",
    "southfront": "003_3d9dbe11d8be9a9e.txt",
    "voa": "004_943bb74b3960d4d7.txt",
}

# (seed, surface form in the body, entity page it must link to)
NAMED = [
    ("sputnik", "Daesh", "actors/isis.html"),
    ("sputnik", "Democratic Forces of Syria", "actors/sdf.html"),
    ("sputnik", "RIA Novosti", "actors/ria-novosti.html"),
    ("sputnik", "Palmyra", "places/palmyra.html"),
    ("yalibnan", "Isis", "actors/isis.html"),
    ("yalibnan", "Syrian Observatory for Human Rights", "actors/sohr.html"),
    ("yalibnan", "Talal Silo", "actors/talal-silo.html"),
    ("gathering", "Mayadeen", "places/mayadeen.html"),
    ("gathering", "YPG", "actors/ypg.html"),
    ("southfront", "Raqqah", "places/raqqa.html"),
    ("southfront", "PressTV", "actors/press-tv.html"),
    ("voa", "Islamic State", "actors/isis.html"),
    ("voa", "Ayn Issa", "places/ayn-issa.html"),
]


def body_links(doc) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for a in doc.select("div.article-body a.mention"):
        found.setdefault(a.get_text(), set()).add(a["href"].split("/", 1)[-1])
    return found


@pytest.mark.parametrize("outlet, surface, target", NAMED)
def test_named_mentions_link_to_their_entity_page(built_site, outlet, surface, target):
    page, doc = article_page(built_site, SEEDS[outlet])
    links = body_links(doc)
    assert target in links.get(surface, set()), f"{surface!r} does not link to {target}"
    assert (page.parent / f"../{target}").resolve().is_file()


def test_the_verb_is_and_the_pronoun_us_are_never_linked(built_site):
    for seed in SEEDS.values():
        _, doc = article_page(built_site, seed)
        for a in doc.select("a.mention, span.mention"):
            assert a.get_text() not in {"is", "us", "Is", "Us"}


def test_reader_comment_mentions_are_marked_as_readers(built_site):
    _, doc = article_page(built_site, SEEDS["yalibnan"])
    in_comments = doc.select("div.reader-comments .mention")
    assert in_comments and all("by-readers" in m["class"] for m in in_comments)
    assert not doc.select("div.article-body .mention.by-readers")


def test_isis_page_lists_every_mention_with_a_working_paragraph_link(built_site):
    """Each mention of the Islamic State in an article body has a KWIC line on its page."""
    page = built_site / "actors" / "isis.html"
    doc = soup(page)
    context = doc.select("article li")
    links = [a for li in context for a in li.select("a") if "¶" in a.get_text()]
    per_paragraph = Counter(unquote(a["href"]).split("/")[-1] for a in links)
    expected = Counter()
    for seed in SEEDS.values():
        article, article_doc = article_page(built_site, seed)
        for p in article_doc.select("[data-line]"):
            n = len([m for m in p.select(".mention") if "actors/isis.html" in
                     (m.get("href") or "") or m.get("title") == "Islamic State"])
            if n:
                expected[f"{article.name}#{p['id']}"] += n
    assert expected and sum(expected.values()) >= 60
    for target, count in expected.items():
        assert per_paragraph[target] >= count, f"{target}: {per_paragraph[target]} < {count}"
    for a in links:  # every paragraph link lands on an existing anchor
        path, anchor = unquote(a["href"]).split("#")
        target_doc = soup((page.parent / path).resolve())
        assert target_doc.find(id=anchor) is not None


def test_names_by_outlet_show_who_says_daesh_and_who_says_isis(built_site):
    doc = soup(built_site / "actors" / "isis.html")
    table = next(t for t in doc.select("article table") if "Readers' comments" in text_of(t)
                 or "Sputnik International" in text_of(t))
    header = [text_of(th) for th in table.select("thead th")]
    rows = {text_of(tr.find("td")): [text_of(td) for td in tr.find_all("td")]
            for tr in table.select("tbody tr")}
    sputnik = header.index("Sputnik International")
    assert int(rows["Daesh"][sputnik]) >= 9
    libnan = header.index("Ya Libnan")
    assert int(rows["Isis"][libnan]) >= 5


def test_search_index_holds_aliases_of_entities(built_site):
    """Each alias is a term of its entity's page, weighted as a name of it (above any page
    that only uses the word)."""
    from search_files import SearchFiles

    index = SearchFiles.of(built_site)
    isis = index.page_id("actors/isis.html")
    daesh = {page: weight for page, _, weight in index.postings["daesh"]}
    weights = sorted(daesh.values())
    assert isis in daesh and daesh[isis] == weights[-1] > weights[-2]
    record = index.records[isis]
    assert record[:2] == ["actors/isis.html", "Islamic State"]
    assert "Daesh" in record[5]  # shown under the title when the query is an alias


def test_event_page_quotes_each_outlet_and_links_the_paragraphs(built_site):
    page = built_site / "events" / "raqqa-evacuation-deal-2017.html"
    doc = soup(page)
    quotes = doc.select("article blockquote")
    assert len(quotes) >= 2
    outlets = [text_of(h).rstrip("¶") for h in doc.select("article h3.outlet-name")]
    # each outlet as a heading names it, with what makes its words less than its own
    assert "Ya Libnan" in outlets and "Global Gathering (re-posts Reuters, AP, dpa)" in outlets
    for q in quotes:
        link = next(a for a in q.select("a") if "paragraph" in a.get_text())
        path, anchor = unquote(link["href"]).split("#")
        assert soup((page.parent / path).resolve()).find(id=anchor) is not None


@pytest.mark.parametrize("page, expected_type", [
    ("articles/isis-capital-raqqa-falls-us-backed-militias-celebrating.html", "NewsArticle"),
    ("actors/isis.html", "Organization"),
    ("actors/talal-silo.html", "Person"),
    ("places/raqqa.html", "Place"),
    ("events/battle-of-raqqa-2017.html", "Event"),
])
def test_pages_embed_json_ld_of_the_right_type(built_site, page, expected_type):
    doc = soup(built_site / page)
    blocks = [json.loads(s.string) for s in doc.select('script[type="application/ld+json"]')]
    assert len(blocks) == 1
    data = blocks[0]
    assert data["@context"] == "https://schema.org" and data["@type"] == expected_type
    if expected_type == "NewsArticle":
        assert {"@type": "Organization", "identifier": "actor:isis", "name": "Islamic State",
                "sameAs": "https://www.wikidata.org/wiki/Q2429253"} in data["mentions"]
        assert data["datePublished"] == "2017-10-17"
    if expected_type == "Place":
        assert data["geo"]["@type"] == "GeoCoordinates"
    if expected_type == "Event":
        assert data["startDate"].startswith("2017-06") and data["location"]


def test_data_files_parse_and_agree_with_the_pages(built_site):
    data = built_site / "data"
    articles = json.loads((data / "articles.json").read_text(encoding="utf-8"))
    actors = json.loads((data / "actors.json").read_text(encoding="utf-8"))
    places = json.loads((data / "places.json").read_text(encoding="utf-8"))
    events = json.loads((data / "events.json").read_text(encoding="utf-8"))
    assert len(articles) == FIXTURE_CAPTURES  # one record per capture of the built collection
    assert len(actors) >= 40 and len(places) >= 25 and len(events) >= 15
    for record in actors + places + events:
        assert (built_site / record["page"]).is_file()
    with (data / "mentions.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    by_article = {a["seed"]: a for a in articles}
    for row in rows:
        article = by_article[row["article"]]
        blocks = [article["headline"]] if article["headline"] else []
        block = next(b for part in ("paragraphs", "captions", "reader_comments")
                     for b in blocks + article[part] if b["id"] == row["paragraph_id"])
        if row["via"] == "name":
            assert block["text"][int(row["char_offset"]):int(row["char_end"])] == row["surface_form"]
    isis = next(a for a in actors if a["id"] == "isis")
    # the outlets' own words and the readers' are counted apart, never summed
    assert isis["mentions"] == sum(1 for r in rows if r["entity"] == "actor:isis"
                                   and r["by_readers"] == "no") == 71  # 4 in headlines
    assert isis["mentions_by_readers"] == sum(1 for r in rows if r["entity"] == "actor:isis"
                                              and r["by_readers"] == "yes") == 6
    page = soup(built_site / "actors" / "isis.html")
    # 30 of them in words the outlets quote or report from a source: the count of the hand
    # annotation in tests/annotation/, made by reading the captures
    assert ("71 mention(s) in the text of 5 article(s) (4 in headlines, 30 in words the outlets "
            "quote or report from a source); counted apart, not as any outlet's text: 6 in "
            "reader comments under 1 article(s)") in text_of(page.select_one("article"))
    assert sum(1 for r in rows if r["entity"] == "actor:isis" and r["quoted"]) == 30


def test_names_only_readers_use_are_not_counted_as_any_outlets(built_site):
    """Hezbollah, Jordan and Lavrov are named only in reader comments under Ya Libnan."""
    actors = {a["id"]: a for a in json.loads((built_site / "data" / "actors.json").read_text())}
    doc = soup(built_site / "actors" / "index.html")
    for actor_id, name in (("hezbollah", "Hezbollah"), ("jordan", "Jordan"),
                           ("sergei-lavrov", "Sergei Lavrov")):
        record = actors[actor_id]
        assert record["mentions"] == 0 and record["articles"] == []
        assert record["articles_by_readers"] == ["001_66dd8c24867dc48b.txt"]
        row = next(tr for tr in doc.select("tbody tr") if text_of(tr.find("td")) == name)
        cells = [text_of(td) for td in row.find_all("td")]
        assert cells[2:5] == ["0", "0", "–"] and cells[5].endswith("(1)")


def test_events_only_readers_mention_are_marked_on_the_timeline_and_their_pages(built_site):
    events = {e["id"]: e for e in json.loads((built_site / "data" / "events.json").read_text())}
    airlift = events["alleged-us-airlift-of-is-fighters"]
    assert airlift["mentions"] == 0 and airlift["mentions_by_readers"] >= 1
    assert all(r["by_readers"] for r in airlift["reports"])
    timeline = soup(built_site / "timeline.html")
    row = next(tr for tr in timeline.select("tbody tr")
               if "airlift" in text_of(tr.find_all("td")[1]))
    assert text_of(row.find_all("td")[2]).endswith("only in reader comments")
    lanes = [text_of(t) for t in timeline.select("svg.archive-timeline text")]
    assert "Only in reader comments" in " ".join(lanes)
    page = soup(built_site / airlift["page"])
    told = page.select_one("section.outlets-told-it")
    assert "only readers' comments name it" in text_of(told) and not told.select("blockquote")
    readers = page.select_one("section.readers-told-it")
    assert readers is not None and readers.select("blockquote")
    assert "a reader's comment under" in text_of(readers)


def test_photo_captions_are_counted_apart_from_the_outlets_words(built_site):
    """A caption is often the photo agency's line: "© Sputnik / Hikmet Durgun" over the
    image text "Syrian city Raqqa - Sputnik International" in 000, "A member of the US-backed
    Syrian Democratic Forces (SDF) looks on … (Photo by Reuters)" in 003. Read from the
    captures: the SDF is named in captions 3 times (001 line 14, whose repeat on line 15 is
    removed, and twice on 003 line 6), Sputnik only in the captions of its own article."""
    actors = {a["id"]: a for a in json.loads((built_site / "data" / "actors.json").read_text())}
    sdf, sputnik = actors["sdf"], actors["sputnik"]
    assert sdf["mentions_in_captions"] == 3
    assert sdf["articles_in_captions"] == ["001_66dd8c24867dc48b.txt", "003_3d9dbe11d8be9a9e.txt"]
    assert sputnik["mentions"] == 0 and sputnik["mentions_in_captions"] == 2
    with (built_site / "data" / "mentions.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    own = [r for r in rows if r["entity"] == "actor:sdf" and r["section"] in ("body", "headline")]
    assert sdf["mentions"] == len(own)
    doc = soup(built_site / "actors" / "index.html")
    head = [text_of(th) for th in doc.select("thead")[0].select("th")]
    assert head[-2:] == ["In photo captions", "In reader comments"]
    row = next(tr for tr in doc.select("tbody tr") if text_of(tr.find("td")) == "Sputnik")
    assert [text_of(td) for td in row.find_all("td")][2:5] == ["0", "0", "2 (1)"]
    page = soup(built_site / "actors" / "sdf.html")
    assert "3 in photo captions of 2 article(s)" in text_of(page.select_one("article"))
    # the article page keeps the names in its captions apart from its own words
    article = soup(built_site / "articles"
                   / "fake-caliphate-loss-of-raqqa-will-end-sponsors-from-foreign.html")
    links = article.select_one("section.article-links")
    lines = {text_of(p).split(":")[0]: text_of(p) for p in links.select("p")}
    assert "Sputnik (2)" in lines["In its photo captions (counted apart, not as the article's words)"]
    assert "Sputnik" not in lines["Actors"]
    event = soup(built_site / "events" / "capture-of-raqqa-2017.html")
    captions = event.select_one("section.captions-told-it")
    assert captions is not None
    assert "Syrian Democratic Forces celebrate the liberation Raqqa" in text_of(captions)
    told = event.select_one("section.outlets-told-it")
    assert "celebrate the liberation Raqqa" not in text_of(told)


def test_a_name_in_a_sources_words_says_whose_they_are(built_site):
    """Read from the captures: Ya Libnan's "US-backed militias have completely taken Isis’ de
    facto capital, Raqqa, the Syrian Observatory for Human Rights (SOHR) said" reports SOHR's
    words; VOA's "…not linked [to IS], and then settle them … [in northern Raqqa]" quotes an
    SDF commander, but the bracketed words are VOA's insertions; Global Gathering's "ISIS
    (“Islamic State”)" glosses a name inside a local official's reported words."""
    with (built_site / "data" / "mentions.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    articles = {a["seed"]: a for a in json.loads((built_site / "data" / "articles.json").read_text())}

    def row(seed: str, starts: str, surface: str) -> dict:
        article = articles[seed]
        block = next(b for b in article["paragraphs"] if b["text"].startswith(starts))
        return next(r for r in rows if r["paragraph_id"] == block["id"]
                    and r["surface_form"] == surface)

    sohr = row("001_66dd8c24867dc48b.txt", "US-backed militias have completely", "Raqqa")
    assert (sohr["quoted"], sohr["quoted_source"]) == ("reported", "actor:sohr")
    said = row("001_66dd8c24867dc48b.txt", "US-backed militias have completely",
               "Syrian Observatory for Human Rights")
    assert said["quoted"] == ""  # the speaker is named by the outlet, not quoted
    commander = row("004_943bb74b3960d4d7.txt", "“We receive many of them", "IS")
    assert commander["quoted"] == ""
    gloss = row("002_9ad5b8a81939a933.txt", "All ISIS", "Islamic State")
    assert gloss["quoted"] == "" and row("002_9ad5b8a81939a933.txt", "All ISIS", "ISIS")[
        "quoted"] == "reported"
    raqqa = soup(built_site / "places" / "raqqa.html")
    items = [text_of(li) for li in raqqa.select("section.mentions-in-context li")]
    assert any(t.startswith("¶ reporting what Syrian Observatory for Human Rights said:")
               and "completely taken" in t for t in items)
    comparison = soup(built_site / "comparison.html")
    cells = [text_of(td) for td in comparison.select("td") if "quoted" in text_of(td)]
    assert cells and all(c.split(" (")[0].isdigit() for c in cells)


def test_an_event_role_no_report_names_is_marked_as_the_curators_context(built_site):
    """content/events.yml gives the US-led coalition the role "supporter" in the capture of
    Raqqa, but the paragraphs that report the capture call it only "the coalition" (no
    alias) or do not name it; the SDF, the attacker, is named in them."""
    events = {e["id"]: e for e in json.loads((built_site / "data" / "events.json").read_text())}
    roles = {a["actor"]: a for a in events["capture-of-raqqa-2017"]["actors"]}
    assert roles["us-led-coalition"]["named_in_reports"] is False
    assert roles["sdf"]["named_in_reports"] is True
    page = soup(built_site / "events" / "capture-of-raqqa-2017.html")
    who = next(li for li in page.select("article li") if text_of(li).startswith("Who:"))
    assert ("US-led coalition against the Islamic State (supporter; not named in the paragraphs "
            "that report it: the curator's context)") in text_of(who)
    assert "Syrian Democratic Forces (attacker)," in text_of(who)
    curation = soup(built_site / "curation.html")
    table = next(t for t in curation.select("table")
                 if [text_of(th) for th in t.select("th")] == ["Event", "Actor", "Role", "Curated at"])
    rows = [[text_of(td) for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert ["Capture of Raqqa by the SDF", "US-led coalition against the Islamic State",
            "supporter"] in [r[:3] for r in rows]
    assert all(r[3].startswith("content/events.yml:") for r in rows)


def test_indexes_group_by_type_with_counts(built_site):
    doc = soup(built_site / "actors" / "index.html")
    groups = [text_of(h).rstrip("¶") for h in doc.select("article h2")]
    assert "Armed group" in groups and "Person" in groups
    row = next(tr for tr in doc.select("tbody tr") if text_of(tr.find("td")) == "Islamic State")
    assert "Daesh" in text_of(row.find_all("td")[1])


def test_map_and_timeline_link_to_entity_pages_and_load_nothing(built_site):
    for name in ("map.html", "timeline.html"):
        doc = soup(built_site / name)
        svg = doc.select_one("article svg")
        assert svg is not None
        hrefs = [a.get("href") for a in svg.select("a")]
        assert hrefs and all((built_site / h).resolve().is_file() for h in hrefs)
    doc = soup(built_site / "map.html")
    assert doc.select_one('svg a[href="places/raqqa.html"]') is not None


def test_curation_report_lists_what_is_unresolved(built_site):
    doc = soup(built_site / "curation.html")
    text = text_of(doc.select_one("article"))
    assert "Names that match no entity" in text and "Entities no article mentions" in text


def test_names_in_headlines_are_counted_and_link_to_the_headline(built_site):
    """The headline is the outlet's strongest framing: its names count, shown apart."""
    page = soup(built_site / "actors" / "isis.html")
    items = [li for li in page.select("section.mentions-in-context li")
             if "in the headline:" in text_of(li)]
    assert len(items) == 4
    href = items[0].find("a")["href"]
    target, anchor = href.split("#")
    article = soup((built_site / "actors" / target).resolve())
    assert article.find("h1", id=anchor) is not None
    assert anchor.startswith("h-")
