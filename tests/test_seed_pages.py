"""What a reader sees on the article page of each of the five seeds."""

from __future__ import annotations

import hashlib
from urllib.parse import unquote

import pytest
from conftest import FIXTURE
from pages import article_page, assert_every_line_once, norm, section_texts, soup, text_of

SEEDS = sorted(p.name for p in (FIXTURE / "seeds").glob("*.txt"))

# Per seed: sentences that must be in the article body, lines that must be set
# aside (not in the body, but in the removed list), captions, comments.
EXPECT = {
    "000_c4a9bb88ecf85684.txt": {
        "body": [
            "A Sunni Arab family that recently managed to escape from Raqqa and is staying in a "
            "refugee camp near Irbil, spoke to RIA Novosti correspondent saying that Daesh is "
            "suffering one defeat after another.",
            "With the support of Russian aviation, Syrians have managed to free the ancient town "
            "of Palmyra.",
            "Raqqa Symbol and Logistics Center",
        ],
        "removed": [
            "- Sputnik International",
            "Get the latest news from around the world, live coverage, off-beat stories, "
            "features and analysis.",
            "Syrian Democratic Forces Free Three Villages From Daesh Near Raqqa",
            "'Extremely Unlikely US Will Pack and Go Home After Raqqa Liberation'",
            "To participate in the discussion",
            "log in or register",
            "Заголовок открываемого материала",
        ],
        "captions": ["© Sputnik / Hikmet DurgunSyrian city Raqqa",
                     "Syrian city Raqqa - Sputnik International"],
        "comments": [],
    },
    "001_66dd8c24867dc48b.txt": {
        "body": [
            "US-backed militias have completely taken Isis’ de facto capital, Raqqa, the Syrian "
            "Observatory for Human Rights (SOHR) said on Tuesday, in a major symbolic blow to the "
            "jihadist group.",
            "SOHR said 3,250 people were killed in the five-month battle, including 1,130 civilians.",
            "Isis has lost swathes of territory in Syria and Iraq this year, including its most "
            "prized possession, Mosul, and in Syria it has been forced back into a strip of the "
            "Euphrates valley and surrounding desert.",
        ],
        "removed": ["Leave a Reply", "1. Hind Abyad Avatar"],
        "captions": ["RAQQA IN RUINS", "Syrian Democratic Forces celebrate the liberation Raqqa"],
        "comments": [
            "1. A whole other reality is depicted from the other side.",
            "US shoul get the f’k out of Syria",
            "Lavrov also added that Jabhat al-Nusra (currently known as Hayat Tahrir al-Sham) may "
            "be deliberately kept safe as a backup plan in order to bring down the Syrian "
            "government in the future.”",
        ],
    },
    "002_9ad5b8a81939a933.txt": {
        "body": [
            "Omar Alloush, a member of the Raqqa Civil Council, set up to run Raqqa after it is "
            "freed from IS, said the fighters would take with them 400 civilians being held at "
            "the city’s National Hospital.",
            "Kurdish YPG in Syrian SDF alliance",
            "Reuters, AP, dpa",
        ],
        "removed": [
            "By Raqqa - Latest News on Raqqa | Read Breaking News on GLOBAL GATHERING Updated at "
            "2017-10-14 21:41:42 +0000",
        ],
        "captions": [],
        "comments": [],
    },
    "003_3d9dbe11d8be9a9e.txt": {
        "body": [
            "On October 19th, PressTV reported that the city is still dealing with the fear of "
            "the return of ISIS members, who were forced out by the US-led campaign.",
            "“Raqqah has inherited the fate of Dresden in 1945, wiped off the face of the Earth by "
            "Anglo-American bombardments,” Russian Defense Ministry spokesman Major General Igor "
            "Konashenko said last year.",
        ],
        "removed": [
            "Strong Terrorist Presence Still Remains In Raqqa Despite Its Fromal Liberation From "
            "ISIS - Report",
            "Do you like this content? Consider helping us!",
        ],
        "captions": [
            "A member of the US-backed Syrian Democratic Forces (SDF) looks on near the rubble of "
            "a damaged site in the northern Syrian city of Raqqah, September 25, 2018. (Photo by "
            "Reuters)",
        ],
        "comments": [],
    },
    "004_943bb74b3960d4d7.txt": {
        "body": [
            "IS is estimated to have around 4,000 fighters inside Raqqa.",
            "Local sources estimate that more than 200,000 people live under IS rule in Raqqa, "
            "including thousands forcibly relocated there by IS from Iraq's Mosul and the "
            "ancient Syrian town of Palmyra.",
            "IS on the verge of isolation",
        ],
        "removed": ["Accessibility links", "Breaking News"],
        "captions": [
            "Internally displaced Syrians who fled Raqqa city rest near sheep in northern Raqqa "
            "province, Syria, Feb. 6, 2017.",
        ],
        "comments": [],
    },
}

def test_every_seed_has_expectations():
    assert sorted(EXPECT) == SEEDS


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("section", ["body", "removed", "captions", "comments"])
def test_named_lines_are_in_their_section(built_site, seed, section):
    _, doc = article_page(built_site, seed)
    found = section_texts(doc, section)
    for line in EXPECT[seed][section]:
        if section == "body":  # a named sentence within a paragraph
            assert any(norm(line) in text for text in found), f"{seed}: {line!r} not in the body"
        else:
            assert norm(line) in found, f"{seed}: {line!r} not in the {section}"
    if section != "body":
        body = " ".join(section_texts(doc, "body"))
        for line in EXPECT[seed][section]:
            assert norm(line) not in body, f"{seed}: {line!r} must not be in the article body"


@pytest.mark.parametrize("seed", SEEDS)
def test_every_line_of_the_seed_is_on_the_page_exactly_once(built_site, seed):
    """Nothing lost: each non-blank line is in exactly one section, text unchanged."""
    _, doc = article_page(built_site, seed)
    assert_every_line_once(doc, (FIXTURE / "seeds" / seed).read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", SEEDS)
def test_page_shows_provenance_and_links_the_raw_capture(built_site, seed):
    page, doc = article_page(built_site, seed)
    data = (FIXTURE / "seeds" / seed).read_bytes()
    assert doc.select_one("code.seed-sha256").get_text() == hashlib.sha256(data).hexdigest()
    raw = next(a for a in doc.select("a") if a.get_text() == "raw capture")
    target = (page.parent / unquote(raw["href"])).resolve()
    assert target.read_bytes() == data


@pytest.mark.parametrize("seed", SEEDS)
def test_every_body_paragraph_is_its_own_p_with_an_id(built_site, seed):
    _, doc = article_page(built_site, seed)
    body = doc.select_one("div.article-body")
    paragraphs = body.find_all("p")
    assert len(paragraphs) >= 8
    ids = [p.get("id") for p in paragraphs]
    assert all(i and i.startswith("p-") for i in ids)
    assert len(set(ids)) == len(ids)
    # every paragraph carries a link to itself, for citation
    for p in paragraphs:
        assert p.select_one(f'a.para-link[href="#{p["id"]}"]') is not None


def test_reader_comments_are_apart_and_attributed_to_readers(built_site):
    _, doc = article_page(built_site, "001_66dd8c24867dc48b.txt")
    comments = doc.select_one("div.reader-comments")
    assert "not Ya Libnan's" in text_of(comments)
    body_text = text_of(doc.select_one("div.article-body"))
    assert "Anglo-Americans" not in body_text
    assert "Hind Abyad" not in body_text
    assert len(comments.select("p.reader-comment")) >= 15


def test_removed_lines_are_collapsed_and_explained(built_site):
    _, doc = article_page(built_site, "000_c4a9bb88ecf85684.txt")
    details = doc.select_one("details.removed-boilerplate")
    assert details is not None and not details.has_attr("open")
    reasons = {text_of(li.select_one(".line-text")): text_of(li.select_one(".reason"))
               for li in details.select("li")}
    assert "teaser" in reasons["Syrian Democratic Forces Free Three Villages From Daesh Near Raqqa"]
    assert "login" in reasons["log in or register"]
    assert "another script" in reasons["Заголовок открываемого материала"]


def test_article_header_shows_outlet_date_and_address(built_site):
    page, doc = article_page(built_site, "003_3d9dbe11d8be9a9e.txt")
    header = text_of(doc.select_one("article ul"))
    assert "SouthFront" in header and "inferred" in header
    assert "October 2018 (inferred)" in header
    assert "Original address: unknown" in header
    outlet_link = doc.select_one('article ul a[href$="outlets/southfront.html"]')
    assert outlet_link is not None and (page.parent / outlet_link["href"]).resolve().is_file()

    _, voa = article_page(built_site, "004_943bb74b3960d4d7.txt")
    header = text_of(voa.select_one("article ul"))
    assert "March 2017 (inferred)" in header
    link = voa.select_one("a.original-url")
    assert link["href"].endswith("looming-attle/3762356.html")

    _, gg = article_page(built_site, "002_9ad5b8a81939a933.txt")
    header = text_of(gg.select_one("article ul"))
    assert "Updated: 14 October 2017" in header and "Dateline: BEIRUT" in header


def test_articles_index_lists_all_articles_by_date_with_outlet(built_site):
    doc = soup(built_site / "articles" / "index.html")
    rows = doc.select("article table tbody tr")
    assert len(rows) == len(SEEDS)
    firsts = [text_of(r.find_all("td")[0]) for r in rows]
    outlets = [text_of(r.find_all("td")[2]) for r in rows]
    assert firsts[0] == "30 May 2016" and outlets[0] == "Sputnik International"
    # what is inferred, re-posted or relayed is said beside the outlet, as on the article page
    assert outlets == [
        "Sputnik International", "Voice of America",
        "Global Gathering (re-post of wire copy: Reuters, AP, dpa)", "Ya Libnan",
        "SouthFront (outlet inferred; relays a broadcaster's report: PressTV; relays wire copy: AFP)"]
    assert firsts[2] == "14 October 2017 (updated)" and firsts[4] == "October 2018 (inferred)"
    for row in rows:
        href = row.find_all("td")[1].a["href"]
        assert (built_site / "articles" / href).is_file()


def test_paragraph_anchor_does_not_depend_on_other_paragraphs():
    """A citation link survives edits elsewhere: the id comes from the paragraph's own text."""
    from generator.text.clean import CleanInput, Rules, clean

    one = clean(CleanInput("Title\n\nFirst paragraph here.\n\nSecond one.", "Title"), Rules())
    two = clean(CleanInput("Title\n\nA new lead.\n\nFirst paragraph here.\n\nSecond one.", "Title"),
                Rules())
    anchors_one = {b.text: b.anchor for b in one.body}
    anchors_two = {b.text: b.anchor for b in two.body}
    assert anchors_one["First paragraph here."] == anchors_two["First paragraph here."]
    assert anchors_one["Second one."] == anchors_two["Second one."]


def test_uncertainty_travels_to_the_json_ld_and_the_data(built_site):
    """An inferred outlet is not stated as the publisher; a re-post names what it is based on."""
    import json

    _, doc = article_page(built_site, "003_3d9dbe11d8be9a9e.txt")
    ld = json.loads(doc.find("script", type="application/ld+json").string)
    assert "publisher" not in ld and ld["creditText"].startswith("SouthFront (outlet inferred: ")
    _, doc = article_page(built_site, "002_9ad5b8a81939a933.txt")
    ld = json.loads(doc.find("script", type="application/ld+json").string)
    assert ld["publisher"]["name"] == "Global Gathering" and "datePublished" not in ld
    assert ld["dateModified"] == "2017-10-14"
    assert ld["isBasedOn"][1]["creator"]["name"] == "Reuters, AP, dpa"
    assert "re-post of wire copy" in ld["isBasedOn"][1]["description"]
    articles = {a["seed"]: a for a in json.loads((built_site / "data" / "articles.json").read_text())}
    assert articles["002_9ad5b8a81939a933.txt"]["relays"][0] == {
        "source": "Reuters, AP, dpa", "kind": "wire", "whole": True,
        "basis": articles["002_9ad5b8a81939a933.txt"]["relays"][0]["basis"]}
    outlets = {o["id"]: o for o in json.loads((built_site / "data" / "outlets.json").read_text())}
    assert outlets["southfront"]["articles_outlet_inferred"] == 1
    assert outlets["southfront"]["marks"] == ["inferred", "relays AFP and PressTV"]
    timeline = soup(built_site / "timeline.html")
    row = next(tr for tr in timeline.select("tbody tr") if "Strong Terrorist" in text_of(tr))
    assert "outlet inferred" in text_of(row.find_all("td")[2])
    lanes = " ".join(text_of(t) for t in timeline.select("svg.archive-timeline text"))
    assert "SouthFront (inferred" in lanes


def test_an_article_that_contradicts_itself_says_so(built_site):
    """Ya Libnan's article calls the battle five months long, then four: both are shown."""
    _, doc = article_page(built_site, "001_66dd8c24867dc48b.txt")
    notice = doc.select_one(".contradictions")
    assert notice is not None
    assert text_of(notice).startswith("The article contradicts itself. It gives the battle as")
    links = [a["href"] for a in notice.select("a")]
    assert len(links) == 2 and all(doc.find(id=h[1:]) for h in links)
    texts = [text_of(doc.find(id=h[1:])) for h in links]
    assert "five-month" in texts[0] and "four-month" in texts[1]


@pytest.mark.parametrize("seed", sorted(p.name for p in (FIXTURE / "seeds").glob("*.txt")))
def test_each_fact_of_the_provenance_list_is_its_own_item(built_site, seed):
    """A template line that ends in a block tag loses its line break: "Relays: … saying"
    then "Relays: …" then "Language: en" ran together into one item of SouthFront's page."""
    _, page = article_page(built_site, seed)
    items = [text_of(li) for li in page.select("article ul")[0].select("li")]
    labels = [item.split(":")[0] for item in items]
    assert "Language" in labels and "Capture" in labels
    for item in items:
        assert ("- Relays:" not in item and "- Language:" not in item
                and " Language: " not in item), item
