"""Figures a text states: tables of what counts (and what does not), the seeds, the corpus."""

from __future__ import annotations

import pytest
from conftest import SHARED, fixture_project

from generator.evidence.citations import read_article
from generator.evidence.figures import CATEGORIES, CUES, NOT_FIGURES, _blocked, _cue_spans, find_figures
from generator.evidence.indexes import ArchiveIndex
from generator.pipeline import check
from generator.text.clean import normalize_space

FAKES = SHARED / "corpus" / "fakes"


def figures(text: str) -> list[tuple]:
    """(text, low, high, qualifier, unit, category) of each figure."""
    return [(f.text, f.low, f.high, f.qualifier, f.unit, f.category) for f in find_figures(text)]


@pytest.mark.parametrize("text, expected", [
    # digits, separators, decimals; the unit is the noun counted
    ("SOHR said 3,250 people were killed in the five-month battle, including 1,130 civilians.", [
        ("3,250", 3250, 3250, "", "people", "killed"),
        ("1,130", 1130, 1130, "", "civilians", "civilians killed")]),
    ("with 270,000 people who have fled the fighting", [
        ("270,000", 270000, 270000, "", "people", "displaced")]),
    ("About 1000 residents fled.", [("About 1000", 1000, 1000, "about", "residents", "displaced")]),
    ("They sold 2.5 tonnes of aid.", [("2.5", 2.5, 2.5, "", "tonnes", "other")]),
    ("IS supporters killed 130 people in multiple terrorist attacks across Paris.", [
        ("130", 130, 130, "", "people", "killed")]),
    ("Five citizens were killed and four others were injured.", [
        ("Five", 5, 5, "", "citizens", "civilians killed"),
        ("four", 4, 4, "", "others", "casualties")]),
    ("1,130 civilian deaths were recorded.", [
        ("1,130", 1130, 1130, "", "civilian", "civilians killed")]),
    # qualifiers belong to the figure's text
    ("Local sources estimate that more than 200,000 people live under IS rule in Raqqa.", [
        ("more than 200,000", 200000, 200000, "more than", "people", "population")]),
    ("IS is estimated to have around 4,000 fighters inside Raqqa.", [
        ("around 4,000", 4000, 4000, "around", "fighters", "fighters")]),
    ("At least 12 Islamist fighters were killed in clashes.", [
        ("At least 12", 12, 12, "at least", "fighters", "killed")]),
    ("There are an estimated 300000 people still living in the city.", [
        ("an estimated 300000", 300000, 300000, "estimated", "people", "population")]),
    ("Nearly 50 hostages are being held.", [("Nearly 50", 50, 50, "nearly", "hostages", "held")]),
    ("5 or more people died.", [("5 or more", 5, 5, "at least", "people", "killed")]),
    # percentages and prices
    ("the government said that “more than 90%” of the city had been razed to the ground", [
        ("more than 90%", 90, 90, "more than", "percent", "share destroyed")]),
    ("Some 40 percent of the houses were destroyed.", [
        ("Some 40 percent", 40, 40, "some", "percent", "share destroyed")]),
    ("Turnout was 60 per cent.", [("60 per cent", 60, 60, "", "percent", "other")]),
    ("Smugglers charge up to $700 for each individual who wants to flee the city.", [
        ("up to $700", 700, 700, "up to", "US dollars", "price")]),
    ("a plan worth $2.5 million", [("$2.5 million", 2.5e6, 2.5e6, "", "US dollars", "price")]),
    # number words, vague words, ranges
    ("A large force of insurgents, maybe two or three thousand people have been pulled in.", [
        ("maybe two or three thousand", 2000, 3000, "maybe", "people", "fighters")]),
    ("However, there are still hundreds of thousands of local residents in Raqqa.", [
        ("hundreds of thousands", 200000, 999999, "", "residents", "population")]),
    ("Hundreds of civilians are trapped in IS-held pockets.", [
        ("Hundreds", 200, 999, "", "civilians", "held")]),
    ("the fighters would take with them 400 civilians being held at the hospital", [
        ("400", 400, 400, "", "civilians", "held")]),
    ("The offensive started with the help of several hundred US special forces.", [
        ("several hundred", 300, 900, "", "special forces", "fighters")]),
    ("Every day, dozens of local residents embark on a journey to get out of the city.", [
        ("dozens", 24, 99, "", "residents", "displaced")]),
    ("The group executed two men in late February.", [("two", 2, 2, "", "men", "killed")]),
    ("A dozen soldiers stood there.", [("A dozen", 12, 12, "", "soldiers", "fighters")]),
    ("Tens of thousands of protesters massed.", [
        ("Tens of thousands", 20000, 99999, "", "protesters", "other")]),
    ("Between 500 and 1300 people died.", [
        ("Between 500 and 1300", 500, 1300, "", "people", "killed")]),
    ("2,000–3,000 fighters remain.", [("2,000–3,000", 2000, 3000, "", "fighters", "fighters")]),
    ("2,000 to 3,000 civilians were killed.", [
        ("2,000 to 3,000", 2000, 3000, "", "civilians", "civilians killed")]),
    ("One civilian was killed.", [("One", 1, 1, "", "civilian", "civilians killed")]),
    ("twenty-five fighters surrendered", [("twenty-five", 25, 25, "", "fighters", "fighters")]),
    # a year is never part of a range
    ("The harvest fell from 2011 to 1.5 million tonnes.", [
        ("1.5 million", 1.5e6, 1.5e6, "", "tonnes", "other")]),
    ("It lies about 210 km north of Damascus.", [("about 210", 210, 210, "about", "km", "other")]),
    ("fighting at the two central points where militants had been entrenched", [
        ("two", 2, 2, "", "points", "other")]),
    ("the war has killed more than 280000 people and displaced millions", [
        ("more than 280000", 280000, 280000, "more than", "people", "killed"),
        ("millions", 2e6, 9999999, "", "", "displaced")]),
])
def test_figures(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize("text", [
    # years, alone or in dates
    "ISIS had seized Raqqa in early 2014.",
    "Raqqah has inherited the fate of Dresden in 1945.",
    "It was published on September 25, 2018 and updated in November 2015.",
    # days of dates, times, ordinals
    "On Feb. 6, 2017, and May 25, 2016, and on October 19th, and Oct. 17.",
    "Sun 10 Jul 2016, 21 September 2016 21:41, Jun 142016, 20.07.2016, 0700 GMT, at 3 pm",
    "the 19th, the first, second, third and fourth days",
    # "one" as a pronoun or determiner
    "The YPG is one of the most influential militias.",
    "Daesh is suffering one defeat after another.",
    "one of the family members told a RIA Novosti correspondent",
    "no one has any money",
    # durations and ages written as compounds
    "In a sign that the four-month battle for Raqqa was in its last stages",
    "the five-month battle, a 10-year-old boy, a 48-hour truce",
    # list markers, labels, ids, numbers inside words or addresses
    "1. First item\n2. Second item",
    "Level 4 alert, page 12, No. 5, Resolution 2254, #3",
    "G7 leaders, F-16 jets, Su-24 bombers, Mi-8 helicopters, MH17",
    "see http://example.com/2017/10/17/raqqa-12 or www.example.org/123",
    "the 2015-16 season, 2017-10-17",
    "The committee voted 116-15 in favour.",  # a score, not a range
])
def test_not_figures(text):
    assert figures(text) == []


def test_figures_know_their_sentence():
    text = "A witness spoke. SOHR said 3,250 people were killed. Then silence."
    (figure,) = find_figures(text)
    assert text[slice(*figure.sentence)] == "SOHR said 3,250 people were killed."


@pytest.mark.parametrize("text", [
    "On 5 June/July 2014 at 9:30, 9 a.m. and 1400 GMT: see www.x.org/a and/or #3, Level 4, pp. 12",
    "January 5/6, 2014-15/16, 1.2.2014 and 2017-10-17/18\n1. item\n2) item",
    "1. First\n\tNo. 5 http://t.co/2 Dec 2/3 4th of May/June",
    # The long s (U+017F) of "slain" on purpose: a pattern that ignores case matches it as "s".
    "IS-held areas, where people lost their lives in Raqqa; still living under siege, ſlain, "  # noqa: RUF001
    "KILLED, displaced, special forces, force of 200, casualties",
])
def test_shortcuts_find_what_the_plain_regexes_find(text):
    """_blocked and _cue_spans take shortcuts to what NOT_FIGURES and CUES find."""
    assert _blocked(text) == [m.span() for m in NOT_FIGURES.finditer(text)]
    for sentence in [(0, len(text)), (3, len(text) - 5)]:
        assert _cue_spans(text, sentence) == {
            name: tuple(m.span() for m in cue.finditer(text, *sentence))
            for name, cue in CUES.items()}


# --- the seeds: every body paragraph, with the source its sentence names -------------------

@pytest.fixture(scope="module")
def seed_figures() -> dict[tuple[str, str], tuple]:
    """(seed, figure text) -> (category, source text, source key) of every seed figure."""
    evidence, problems = check(fixture_project())
    assert evidence is not None, problems
    archive = evidence.archive
    index = ArchiveIndex(archive)
    found = {}
    for article in archive.articles:
        _, figures = read_article(index, article)  # what the archive reads, before fixes
        for stated in figures:
            if stated.readers or stated.figure.category == "duration":
                continue
            a = stated.citation.attribution if stated.citation else None
            source = (a.source_text, a.source_key) if a else (None, None)
            found[article.seed.name[:3], stated.figure.text] = (stated.figure.category, *source)
    return found


YA_LIBNAN, GLOBAL, SPUTNIK, SOUTHFRONT, VOA = "001", "002", "000", "003", "004"


@pytest.mark.parametrize("seed, figure, category, source", [
    (YA_LIBNAN, "3,250", "killed", ("SOHR", "actor:sohr")),
    (YA_LIBNAN, "1,130", "civilians killed", ("SOHR", "actor:sohr")),
    (YA_LIBNAN, "270,000", "displaced", ("Save The Children", "actor:save-the-children")),
    (VOA, "up to $700", "price", ("Hussam Eesa", "actor:hussam-eesa")),
    (VOA, "around 4,000", "fighters", ("", None)),  # "IS is estimated to have": no agent
    (VOA, "more than 200,000", "population", ("Local sources", None)),
    (VOA, "thousands", "displaced", ("Local sources", None)),
    (VOA, "hundreds", "displaced", ("The commander", "actor:sdf")),  # "an SDF commander" before
    (VOA, "dozens", "displaced", ("local activists and military officials", None)),
    (VOA, "two", "killed", (None, None)),
    (GLOBAL, "400", "held", ("Omar Alloush", "actor:omar-alloush")),
    (GLOBAL, "130", "killed", (None, None)),
    (GLOBAL, "several hundred", "fighters", (None, None)),
    (GLOBAL, "Hundreds", "held", (None, None)),
    (SPUTNIK, "maybe two or three thousand", "fighters", (None, None)),
    (SPUTNIK, "hundreds of thousands", "population", (None, None)),
    (SOUTHFRONT, "more than 90%", "share destroyed",
     ("Syrian President Bashar al-Assad’s government", None)),
])
def test_seed_figures(seed_figures, seed, figure, category, source):
    """``source``: the words that say who gives the figure, and their curated actor."""
    assert seed_figures[seed, figure] == (category, *source)


def test_seed_figures_are_only_these(seed_figures):
    assert sorted(seed_figures) == sorted([
        (YA_LIBNAN, "3,250"), (YA_LIBNAN, "1,130"), (YA_LIBNAN, "270,000"), (YA_LIBNAN, "two"),
        (VOA, "up to $700"), (VOA, "around 4,000"), (VOA, "more than 200,000"),
        (VOA, "thousands"), (VOA, "hundreds"), (VOA, "dozens"), (VOA, "two"),
        (GLOBAL, "400"), (GLOBAL, "130"), (GLOBAL, "several hundred"), (GLOBAL, "Hundreds"),
        (SPUTNIK, "maybe two or three thousand"), (SPUTNIK, "hundreds of thousands"),
        (SOUTHFRONT, "more than 90%")])


# --- the uncurated corpus: no crash, spans that hold ----------------------------------------

@pytest.mark.skipif(not FAKES.is_dir(), reason=f"{FAKES} is not there (it ships beside the "
                    "project in CI, not with it)")
def test_figures_of_the_uncurated_corpus():
    files = sorted(FAKES.glob("*.txt"))
    assert len(files) == 60
    count = 0
    for path in files:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            text = normalize_space(line)
            for figure in find_figures(text):
                assert 0 <= figure.start < figure.end <= len(text), path.name
                assert figure.text == text[figure.start:figure.end]
                assert (figure.sentence[0] <= figure.start and figure.end <= figure.sentence[1]) \
                    or figure.text.endswith("or more")
                assert figure.low <= figure.high and figure.category in CATEGORIES
                assert "\ufffd" not in figure.text
                count += 1
    assert count > 300  # casualty reports: many figures, none lost to an exception


@pytest.mark.parametrize("text, expected", [
    ("the end of a five-month battle for the city", [("five-month", 5, "months", "battle")]),
    ("a 3-day ceasefire held", [("3-day", 3, "days", "ceasefire")]),
    ("Almost a year after the city was freed", [("Almost a year", 1, "years", "")]),
    ("a twenty-one-year-old man", []),  # an age, not a duration
    ("two years ago", []),  # a plain span of time is left out: most are "ago"
])
def test_durations_written_as_compounds_are_figures(text, expected):
    from generator.evidence.figures import find_durations

    found = [(f.text, f.low, f.unit, f.of) for f in find_durations(text, find_figures(text))]
    assert found == expected


@pytest.mark.parametrize("text, scope", [
    ("IS is estimated to have around 4,000 fighters inside Raqqa.", "total"),
    ("more than 90% of the city", "share"),
    ("Every day, dozens of local residents embark on a dangerous journey", "rate per day"),
    ("Smugglers charge up to $700 for each individual", "rate per person"),
    ("two or three thousand people", "range"),
])
def test_a_figure_says_what_it_measures(text, scope):
    [figure] = find_figures(text)
    assert figure.scope == scope
