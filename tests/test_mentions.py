"""The mention finder: a table of cases, and what it promises about the text."""

from __future__ import annotations

import pytest

from generator.model import Alias, Entity, EntityKind
from generator.text.mentions import MentionFinder

ENTITIES = [
    Entity(EntityKind.ACTOR, "isis", "Islamic State", "armed group", (
        Alias("ISIS", True), Alias("Isis", False), Alias("IS", True, compounds=True),
        Alias("Daesh", False))),
    Entity(EntityKind.ACTOR, "sdf", "Syrian Democratic Forces", "armed group", (
        Alias("SDF", True, compounds=True), Alias("Democratic Forces of Syria", False))),
    Entity(EntityKind.ACTOR, "united-states", "United States", "state", (
        Alias("US", True, compounds=True), Alias("U.S.", True, compounds=True))),
    Entity(EntityKind.ACTOR, "coalition", "US-led coalition", "coalition", ()),
    Entity(EntityKind.ACTOR, "ypg", "YPG", "armed group", ()),
    Entity(EntityKind.PLACE, "syria", "Syria", "country", ()),
    Entity(EntityKind.PLACE, "raqqa", "Raqqa", "city", (Alias("Raqqah", False), Alias("Raqa", False))),
    Entity(EntityKind.PLACE, "raqqa-province", "Raqqa province", "province", ()),
]
FINDER = MentionFinder(ENTITIES)


def found(text: str) -> list[tuple[str, str]]:
    return [(hit.surface, hit.entity) for hit in FINDER.find(text)]


@pytest.mark.parametrize("text, expected", [
    # "is" and "us" are English words, never the Islamic State or the United States
    ("This is what it is.", []),
    ("Tell us about it, Is it true?", []),
    # acronyms are case-sensitive; names are not
    ("IS fighters left.", [("IS", "actor:isis")]),
    ("ISIS and Isis and isis", [("ISIS", "actor:isis"), ("Isis", "actor:isis"), ("isis", "actor:isis")]),
    ("daesh", [("daesh", "actor:isis")]),
    # possessives and curly apostrophes still match
    ("IS's revenue and Daesh’s grip, Isis’ capital", [
        ("IS", "actor:isis"), ("Daesh", "actor:isis"), ("Isis", "actor:isis")]),
    # the longest alias wins
    ("The Syrian Democratic Forces advanced.", [("Syrian Democratic Forces", "actor:sdf")]),
    ("in Raqqa province today", [("Raqqa province", "place:raqqa-province")]),
    ("The US-led coalition said", [("US-led coalition", "actor:coalition")]),
    # hyphenated compounds link where the alias says so
    ("US-backed forces and anti-IS camps, IS-held pockets", [
        ("US", "actor:united-states"), ("IS", "actor:isis"), ("IS", "actor:isis")]),
    ("U.S.-backed Syrian Democratic Forces (SDF)", [
        ("U.S.", "actor:united-states"), ("Syrian Democratic Forces", "actor:sdf"),
        ("SDF", "actor:sdf")]),
    ("the Kurdish YPG-led force", []),
    # never inside a word
    ("a crisis in Syrian politics; Syrians; Raqqawi; ISISx; crISIS", []),
    ("Syria's north and Syria.", [("Syria", "place:syria"), ("Syria", "place:syria")]),
    # spellings and transliterations
    ("Raqqah, Raqa and RAQQA", [("Raqqah", "place:raqqa"), ("Raqa", "place:raqqa"),
                                ("RAQQA", "place:raqqa")]),
    ("“Democratic Forces of Syria”", [("Democratic Forces of Syria", "actor:sdf")]),
    ("", []),
])
def test_mention_cases(text, expected):
    assert found(text) == expected


def test_offsets_point_at_the_surface_form():
    text = "After losing Mosul, ISIS is reported to have been driven out of Syria's Raqqa."
    for hit in FINDER.find(text):
        assert text[hit.start:hit.end] == hit.surface


def test_one_pattern_serves_all_aliases():
    many = [Entity(EntityKind.PLACE, f"village-{i}", f"Village Number {i}", "village", ())
            for i in range(2000)]
    finder = MentionFinder(ENTITIES + many)
    assert finder.pattern.pattern.count("(?<![\\w])") == 1
    assert [h.entity for h in finder.find("From Village Number 1999 to Raqqa.")] == [
        "place:village-1999", "place:raqqa"]


CITY = Entity(EntityKind.PLACE, "raqqa", "Raqqa", "city")
PROVINCE = Entity(EntityKind.PLACE, "raqqa-province", "Raqqa province", "province", (
    Alias("Raqqa", False, before=r"\bnorthern\s+(?:parts\s+of\s+)?$"),
    Alias("Raqqa", False, after=r"\s+and\s+[^.,;]{1,40}?\s+provinces\b")))


@pytest.mark.parametrize("text, expected", [
    ("Fighting in Raqqa went on.", ["place:raqqa"]),
    ("Advances in Raqqa and Deir Ezzor provinces.", ["place:raqqa-province"]),
    ("Camps in the northern parts of Raqqa.", ["place:raqqa-province"]),
    ("A camp [in northern Raqqa].", ["place:raqqa-province"]),
    ("Raqqa province and Raqqa city.", ["place:raqqa-province", "place:raqqa"]),
    ("Raqqa and Deir Ezzor are cities.", ["place:raqqa"]),  # no "provinces": the city
])
def test_a_context_rule_decides_between_two_entities_of_one_name(text, expected):
    finder = MentionFinder([CITY, PROVINCE])
    assert [f.entity for f in finder.find(text)] == expected
