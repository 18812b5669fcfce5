"""Attributions: a table of sentences and who they cite, the seeds, and the uncurated corpus."""

from __future__ import annotations

import pytest
from conftest import SHARED, fixture_project

from generator.evidence.attribution import Attribution, MentionSpan, find_attributions
from generator.evidence.citations import read_article
from generator.evidence.indexes import ArchiveIndex
from generator.pipeline import check
from generator.text.clean import normalize_space
from generator.text.mentions import MentionFinder

FAKES = SHARED / "corpus" / "fakes"

ACTORS = {  # surface -> (key, type), for hand-built mentions
    "SOHR": ("sohr", "monitor"), "Syrian Observatory for Human Rights": ("sohr", "monitor"),
    "Save The Children": ("save-the-children", "NGO"), "SDF": ("sdf", "armed group"),
    "Talal Silo": ("talal-silo", "person"), "Colonel Ryan Dillon": ("ryan-dillon", "person"),
    "Col Dillon": ("ryan-dillon", "person"), "coalition": ("us-led-coalition", "coalition"),
    "Eesa": ("hussam-eesa", "person"), "VOA": ("voa", "media"), "IS": ("isis", "armed group"),
    "Saeed Shlash": ("saeed-shlash", "person"), "Reuters": ("reuters", "media"),
    "YPG": ("ypg", "armed group"), "Nouri Mahmoud": ("nouri-mahmoud", "person"),
    "US-led coalition": ("us-led-coalition", "coalition"), "Rami Abdel-Rahman": (
        "rami-abdel-rahman", "person"), "Syrian military": ("syrian-arab-army", "military"),
    "Sunni Arab": ("sunni-arabs", "population group"), "RIA Novosti": ("ria-novosti", "media"),
    "RIA": ("ria-novosti", "media"), "PressTV": ("press-tv", "media"),
    "Abu Younes": ("abu-younes", "person"), "AFP": ("afp", "media"),
    "Amnesty": ("amnesty-international", "NGO"), "Washington": ("united-states", "state"),
    "Russian Defense Ministry": ("russian-defense-ministry", "government body"),
    "Igor Konashenko": ("igor-konashenkov", "person"), "Sadradeen Kinno": (
        "sadradeen-kinno", "person"), "Bashar al-Assad": ("bashar-al-assad", "person"),
    "Omar Alloush": ("omar-alloush", "person"), "Raqqa Civil Council": (
        "raqqa-civil-council", "government body"), "United States": ("united-states", "state"),
    "Raqqa": ("raqqa", "place"), "Daesh": ("isis", "armed group"),
}
def mentions(text: str) -> list[MentionSpan]:
    """Hand-built mentions of the ``ACTORS`` in ``text``, longest first, never overlapping."""
    found: list[MentionSpan] = []
    for surface in sorted(ACTORS, key=len, reverse=True):
        start = text.find(surface)
        while start >= 0:
            end = start + len(surface)
            if not any(m.start < end and start < m.end for m in found):
                key, kind = ACTORS[surface]
                found.append(MentionSpan(start, end, f"{'place' if kind == 'place' else 'actor'}:"
                                         f"{key}", surface, kind))
            start = text.find(surface, end)
    return sorted(found, key=lambda m: m.start)


def attributions(text: str, earlier=()) -> list[tuple]:
    """(phrase, cue, source text, source key, via key) of each attribution."""
    return [(text[a.start:a.end], a.cue, a.source_text, _id(a.source_key), _id(a.via_key))
            for a in find_attributions(text, mentions(text), earlier)]


def _id(key: str | None) -> str | None:
    return key.split(":", 1)[1] if key else None


CASES = [
    ("SOHR said 3,250 people were killed in the five-month battle.", [
        ("SOHR said", "said", "SOHR", "sohr", None)]),
    ("Save The Children has warned that the crisis is “rapidly escalating”.", [
        ("Save The Children has warned", "warned", "Save The Children", "save-the-children",
         None)]),
    ("An SDF spokesman said the alliance would capture the last areas.", [
        ("An SDF spokesman said", "said", "An SDF spokesman", "sdf", None)]),
    ("SDF spokesman Talal Silo said then that any fighters would be left behind.", [
        ("SDF spokesman Talal Silo said", "said", "SDF spokesman Talal Silo", "talal-silo", None)]),
    ("“We do still know there are IEDs,” said Colonel Ryan Dillon, a spokesman for the "
     "coalition.", [
        ("said Colonel Ryan Dillon", "said", "Colonel Ryan Dillon", "ryan-dillon", None)]),
    ("In a sign that the battle was in its last stages, Col Dillon said there were no strikes.", [
        ("Col Dillon said", "said", "Col Dillon", "ryan-dillon", None)]),
    ("A witness said fighting appeared to be almost at an end.", [
        ("A witness said", "said", "A witness", None, None)]),
    ("The last bases were captured earlier on Tuesday, the SDF said.", [
        ("the SDF said", "said", "the SDF", "sdf", None)]),
    ("A local field commander said no fighters remained where the SDF said fighting was focused.", [
        ("A local field commander said", "said", "A local field commander", None, None),
        ("the SDF said", "said", "the SDF", "sdf", None)]),
    ("Every day, dozens flee, according to local activists and military officials.", [
        ("according to local activists and military officials", "according to",
         "local activists and military officials", None, None)]),
    ("Eesa told VOA that those who are caught are jailed.", [
        ("Eesa told VOA", "told", "Eesa", "hussam-eesa", "voa")]),
    ("“We receive many of them,” an SDF commander, who insisted on anonymity, told VOA.", [
        ("an SDF commander, who insisted on anonymity, told VOA", "told", "an SDF commander",
         "sdf", "voa")]),
    ("Saeed Shlash, a Syrian journalist who lives in Turkey said IS has an interest.", [
        ("Saeed Shlash, a Syrian journalist who lives in Turkey said", "said", "Saeed Shlash",
         "saeed-shlash", None)]),
    ("Some analysts believe IS’s situation has worsened. IS members reportedly provide passage.", [
        ("Some analysts believe", "believe", "Some analysts", None, None),
        ("reportedly", "reportedly", "", None, None)]),
    ("IS is estimated to have around 4,000 fighters inside Raqqa.", [
        ("is estimated", "is estimated", "", None, None)]),
    ("More civilians are reported fleeing their homes.", [
        ("are reported", "are reported", "", None, None)]),
    ("Local sources estimate that more than 200,000 people live under IS rule.", [
        ("Local sources estimate", "estimate", "Local sources", None, None)]),
    ("All fighters are expected to leave the city, a local official told Reuters.", [
        ("a local official told Reuters", "told", "a local official", None, "reuters")]),
    ("The Syrian Kurdish militia YPG told Reuters that forces could clear the city.", [
        ("The Syrian Kurdish militia YPG told Reuters", "told", "The Syrian Kurdish militia YPG",
         "ypg", "reuters")]),
    ('"The battles are continuing. Today the city may be liberated," YPG spokesman Nouri '
     'Mahmoud said.', [("YPG spokesman Nouri Mahmoud said", "said", "YPG spokesman Nouri Mahmoud",
                        "nouri-mahmoud", None)]),
    ('"The deal excludes foreign terrorists," the US-led coalition said in a statement, adding '
     'that it does not condone it.', [
         ("the US-led coalition said in a statement", "said", "the US-led coalition",
          "us-led-coalition", None)]),
    ("The US-led coalition confirmed the deal in a statement.", [
        ("The US-led coalition confirmed", "confirmed", "The US-led coalition", "us-led-coalition",
         None)]),
    # a cue inside a quotation is the speaker's, not the outlet's
    ('"The mastermind is believed to be among them," SOHR head Rami Abdel-Rahman said.', [
        ("SOHR head Rami Abdel-Rahman said", "said", "SOHR head Rami Abdel-Rahman",
         "rami-abdel-rahman", None)]),
    ("“We believe they said it,” an official said.", [
        ("an official said", "said", "an official", None, None)]),
    ("The government retook Mayadeen, the Syrian military said Saturday.", [
        ("the Syrian military said", "said", "the Syrian military", "syrian-arab-army", None)]),
    ("A Sunni Arab family that recently managed to escape from Raqqa, spoke to RIA Novosti "
     "correspondent saying that Daesh is losing.", [
         ("A Sunni Arab family that recently managed to escape from Raqqa, spoke to RIA Novosti "
          "correspondent", "spoke to", "A Sunni Arab family", None, "ria-novosti")]),
    ("“Militants are angry,” one of the family members told a RIA Novosti correspondent in an "
     "interview.", [
         ("one of the family members told a RIA Novosti correspondent in an interview", "told",
          "one of the family members", None, "ria-novosti")]),
    ("“Now it is not so easy to buy macaroni,” the family member explained.", [
        ("the family member explained", "explained", "the family member", None, None)]),
    ("The family who spoke to RIA correspondent managed to bypass the checkpoints.", [
        ("The family who spoke to RIA correspondent", "spoke to", "The family", None,
         "ria-novosti")]),
    ("On October 19th, PressTV reported that the city is afraid. According to the outlet, there "
     "are reports.", [
         ("PressTV reported", "reported", "PressTV", "press-tv", None),
         ("According to the outlet", "according to", "the outlet", "press-tv", None)]),
    ("“We are exhausted,” Abu Younes was cited by AFP.", [
        ("Abu Younes was cited by AFP", "cited", "Abu Younes", "abu-younes", "afp")]),
    ("PressTV cited several of the residents of the city who were afraid of going outside.", [
        ("PressTV cited several of the residents of the city", "cited",
         "several of the residents of the city", None, "press-tv")]),
    ("Amnesty reports clearly said that Washington hides the real number of casualties.", [
        ("Amnesty reports clearly said", "said", "Amnesty reports", "amnesty-international",
         None)]),
    ("“Raqqah has inherited the fate of Dresden,” Russian Defense Ministry spokesman Major General "
     "Igor Konashenko said last year.", [
         ("Russian Defense Ministry spokesman Major General Igor Konashenko said", "said",
          "Russian Defense Ministry spokesman Major General Igor Konashenko", "igor-konashenkov",
          None)]),
    ("Syrian President Bashar al-Assad’s government said that “more than 90%” had been razed.", [
        ("Syrian President Bashar al-Assad’s government said", "said",
         "Syrian President Bashar al-Assad’s government", None, None)]),
    ("Omar Alloush, a member of the Raqqa Civil Council, set up to run Raqqa after it is freed, "
     "said the fighters would take 400 civilians.", [
         ("Omar Alloush, a member of the Raqqa Civil Council, set up to run Raqqa after it is "
          "freed, said", "said", "Omar Alloush", "omar-alloush", None)]),
    ("Daesh has publicly announced that it will execute all civilians who try to escape.", [
        ("Daesh has publicly announced", "announced", "Daesh", "isis", None)]),
    # pronouns: the latest named source in the paragraph, else nobody
    ("“So some fighters resort to smuggling,” he added.", [
        ("he added", "added", "he", None, None)]),
    ("IS “has lost its revenue,” said Sadradeen Kinno, a Syrian researcher. “So some fighters "
     "resort to smuggling,” he added.", [
         ("said Sadradeen Kinno", "said", "Sadradeen Kinno", "sadradeen-kinno", None),
         ("he added", "added", "he", "sadradeen-kinno", None)]),
    # text without commas (as in the uncurated corpus)
    ("At least 12 fighters were killed early Friday the UK-based Syrian Observatory for Human "
     "Rights (SOHR) said.", [
         ("the UK-based Syrian Observatory for Human Rights (SOHR) said", "said",
          "the UK-based Syrian Observatory for Human Rights (SOHR)", "sohr", None)]),
    ("Clashes erupted between the YPG on the one hand and IS on the other hand the SOHR "
     "announced.", [
        ("the SOHR announced", "announced", "the SOHR", "sohr", None)]),
    # not attributions
    ("Raqqa was declared the capital of the caliphate in 2014.", []),
    ("Forces of the United States arrived, and the claim was denied by all.", []),
    ("Estimates of the death toll vary; the reported attack killed dozens.", []),
    ("", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_attributions(text, expected):
    assert attributions(text) == expected


def test_pronouns_and_descriptions_take_the_key_of_an_earlier_paragraph():
    cited = "“We are exhausted,” Abu Younes was cited by AFP."
    before = find_attributions(cited, mentions(cited))
    text = "According to him, the forces were unprepared. “There are faults,” he said."
    assert attributions(text, before) == [
        ("According to him", "according to", "him", "abu-younes", None),
        ("he said", "said", "he", "abu-younes", None)]
    commander = [Attribution(0, 5, "told", "an SDF commander", "actor:sdf", "actor:voa", (0, 5),
                             True)]
    assert attributions("The commander said that hundreds were resettled.", commander) == [
        ("The commander said", "said", "The commander", "sdf", None)]


def test_quote_flag_needs_a_quotation_of_four_words():
    (quoted,) = find_attributions("“We receive many of them,” he said.", [])
    (scare,) = find_attributions("He said the “Democratic Forces” came.", [])
    assert quoted.quote and not scare.quote


# --- the seeds --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_attributions() -> dict[tuple[str, str], tuple]:
    """(seed, attribution phrase) -> (cue, source text, source key, via key)."""
    evidence, problems = check(fixture_project())
    assert evidence is not None, problems
    archive = evidence.archive
    index = ArchiveIndex(archive)
    found = {}
    for article in archive.articles:
        citations, _ = read_article(index, article)  # what the archive reads, before fixes
        for c in citations:
            if c.readers:
                continue
            a, text = c.attribution, index.block(c.seed, c.anchor).text
            found[article.seed.name[:3], text[a.start:a.end]] = (
                a.cue, a.source_text, _id(a.source_key), _id(a.via_key))
    return found


SEED_CASES = [
    ("001", "SOHR said", ("said", "SOHR", "sohr", None)),
    ("001", "Save The Children has warned", ("warned", "Save The Children", "save-the-children",
                                             None)),
    ("001", "An SDF spokesman said", ("said", "An SDF spokesman", "sdf", None)),
    ("001", "SDF spokesman Talal Silo said", ("said", "SDF spokesman Talal Silo", "talal-silo",
                                              None)),
    ("001", "said Colonel Ryan Dillon", ("said", "Colonel Ryan Dillon", "ryan-dillon", None)),
    ("001", "Col Dillon said", ("said", "Col Dillon", "ryan-dillon", None)),
    ("001", "A witness said", ("said", "A witness", None, None)),
    ("001", "the SDF said", ("said", "the SDF", "sdf", None)),
    ("004", "according to local activists and military officials", (
        "according to", "local activists and military officials", None, None)),
    ("004", "said Hussam Eesa", ("said", "Hussam Eesa", "hussam-eesa", None)),
    ("004", "Eesa told VOA", ("told", "Eesa", "hussam-eesa", "voa")),
    ("004", "an SDF commander, who insisted on anonymity, told VOA", (
        "told", "an SDF commander", "sdf", "voa")),
    ("004", "Shlash said", ("said", "Shlash", "saeed-shlash", None)),
    ("004", "said Sadradeen Kinno", ("said", "Sadradeen Kinno", "sadradeen-kinno", None)),
    ("004", "he added", ("added", "he", "sadradeen-kinno", None)),
    ("004", "Some analysts believe", ("believe", "Some analysts", None, None)),
    ("004", "Local sources estimate", ("estimate", "Local sources", None, None)),
    ("004", "is estimated", ("is estimated", "", None, None)),
    ("002", "a local official told Reuters", ("told", "a local official", None, "reuters")),
    ("002", "The Syrian Kurdish militia YPG told Reuters", (
        "told", "The Syrian Kurdish militia YPG", "ypg", "reuters")),
    ("002", "YPG spokesman Nouri Mahmoud said", (
        "said", "YPG spokesman Nouri Mahmoud", "nouri-mahmoud", None)),
    ("002", "the US-led coalition said in a statement", (
        "said", "the US-led coalition", "us-led-coalition", None)),
    ("002", "SOHR head Rami Abdel-Rahman said", (
        "said", "SOHR head Rami Abdel-Rahman", "rami-abdel-rahman", None)),
    ("002", "the Syrian military said", ("said", "the Syrian military", "syrian-arab-army", None)),
    ("000", "A Sunni Arab family that recently managed to escape from Raqqa and is staying in a "
     "refugee camp near Irbil, spoke to RIA Novosti correspondent", (
         "spoke to", "A Sunni Arab family", None, "ria-novosti")),
    ("000", "one of the family members told a RIA Novosti correspondent in an interview", (
        "told", "one of the family members", None, "ria-novosti")),
    ("000", "the family member explained", ("explained", "the family member", None, None)),
    ("000", "the family member said", ("said", "the family member", None, None)),
    ("000", "According to him", ("according to", "him", None, None)),
    ("003", "PressTV reported", ("reported", "PressTV", "press-tv", None)),
    ("003", "According to the outlet", ("according to", "the outlet", "press-tv", None)),
    ("003", "Abu Younes was cited by AFP", ("cited", "Abu Younes", "abu-younes", "afp")),
    ("003", "he said", ("said", "he", "abu-younes", None)),
    ("003", "Amnesty reports clearly said", (
        "said", "Amnesty reports", "amnesty-international", None)),
    ("003", "Syrian President Bashar al-Assad’s government said", (
        "said", "Syrian President Bashar al-Assad’s government", None, None)),
    ("003", "Russian Defense Ministry spokesman Major General Igor Konashenko said", (
        "said", "Russian Defense Ministry spokesman Major General Igor Konashenko",
        "igor-konashenkov", None)),
]


@pytest.mark.parametrize("seed, phrase, expected", SEED_CASES)
def test_seed_attributions(seed_attributions, seed, phrase, expected):
    assert seed_attributions[seed, phrase] == expected


# --- the uncurated corpus ---------------------------------------------------------------

@pytest.mark.skipif(not FAKES.is_dir(), reason=f"{FAKES} is not there (it ships beside the "
                    "project in CI, not with it)")
def test_attributions_of_the_uncurated_corpus():
    evidence, _ = check(fixture_project())
    assert evidence is not None
    archive = evidence.archive
    finder = MentionFinder(archive.entities.values())
    files = sorted(FAKES.glob("*.txt"))
    assert len(files) == 60
    count = 0
    for path in files:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            text = normalize_space(line)
            spans = [MentionSpan(h.start, h.end, h.entity, archive.entities[h.entity].name,
                                 archive.entities[h.entity].type) for h in finder.find(text)]
            for a in find_attributions(text, spans):
                phrase = text[a.start:a.end]
                assert 0 <= a.start < a.end <= len(text), path.name
                assert a.sentence[0] <= a.start and a.end <= a.sentence[1], (path.name, phrase)
                assert a.cue in " ".join(phrase.lower().split()), (path.name, phrase)
                assert a.source_text in phrase, (path.name, phrase)
                assert len(a.source_text.split()) <= 10, (path.name, phrase)
                count += 1
    assert count > 300
