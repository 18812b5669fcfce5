"""Sentence spans and quotation spans: a table of cases, and what they promise about the text."""

from __future__ import annotations

from itertools import pairwise

import pytest
from conftest import SHARED

from generator.text.clean import normalize_space
from generator.text.sentences import quoted_spans, split_sentences

FAKES = SHARED / "corpus" / "fakes"


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("SOHR said 3,250 people were killed. A witness said so.",
     ["SOHR said 3,250 people were killed.", "A witness said so."]),
    # abbreviations, dotted acronyms and initials do not end a sentence
    ("The U.S. Army met Col. Smith on Feb. 6, 2017. Then they left.",
     ["The U.S. Army met Col. Smith on Feb. 6, 2017.", "Then they left."]),
    ("Maj. Gen. Igor Konashenkov spoke. Mr. and Dr. Brown, St. Petersburg, No. 5 agreed.",
     ["Maj. Gen. Igor Konashenkov spoke.", "Mr. and Dr. Brown, St. Petersburg, No. 5 agreed."]),
    ("Aid, e.g. food, i.e. bread. George W. Bush spoke. Done",
     ["Aid, e.g. food, i.e. bread.", "George W. Bush spoke.", "Done"]),
    # decimals never split
    ("Prices rose 2.5 percent. Then 3.75 more.", ["Prices rose 2.5 percent.", "Then 3.75 more."]),
    # sentences ending inside closing quotes; a quote that runs on with ",”" does not end
    ("“Militants are angry. If someone talks back.” the man said.",
     ["“Militants are angry.", "If someone talks back.” the man said."]),
    ("He said “yes.” She did.", ["He said “yes.”", "She did."]),
    ('They said "go." Then "stay." Fine', ['They said "go."', 'Then "stay."', "Fine"]),
    ("“Smugglers charge up to $700,” said Hussam Eesa. Eesa told VOA.",
     ["“Smugglers charge up to $700,” said Hussam Eesa.", "Eesa told VOA."]),
    # ellipses end a sentence only before a capital
    ("Wait... what? Yes! No.", ["Wait... what?", "Yes!", "No."]),
    ("It went on… And on.", ["It went on…", "And on."]),
    # list markers at the start of a line
    ("1. First item\n2. Second item.", ["1. First item", "2. Second item."]),
    ("Intro:\n- one\n- two", ["Intro:", "- one", "- two"]),
    ("A paragraph.\n\nAnother one", ["A paragraph.", "Another one"]),
    ("No period at end", ["No period at end"]),
    ("", []),
    ("   \n ", []),
])
def test_sentences(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("“Smugglers charge,” said Eesa.", ["“Smugglers charge,”"]),
    ('"The battles are continuing," YPG spokesman Nouri Mahmoud said.',
     ['"The battles are continuing,"']),
    ("“First we screen them [in Raqqa].\" And then", ["“First we screen them [in Raqqa].\""]),
    ("The “Democratic Syrian Forces.” Already “more than 90%”",
     ["“Democratic Syrian Forces.”", "“more than 90%”"]),
    ("an unclosed “quote runs on", []),
    ('He said 5" of rain fell', []),
])
def test_quoted_spans(text, expected):
    assert [text[a:b] for a, b in quoted_spans(text)] == expected


def check_spans(text: str) -> None:
    spans = split_sentences(text)
    for (start, end), after in pairwise([*spans, (len(text), len(text))]):
        assert 0 <= start < end <= after[0] <= len(text)
        assert text[start:end] == text[start:end].strip()
    assert "".join(text[a:b] for a, b in spans).replace(" ", "") == \
        "".join(text.split()).replace(" ", "")


def test_sentences_cover_every_character_but_space():
    check_spans("One. Two “three.” Four... five? Six!\n\n7. Seven")


@pytest.mark.skipif(not FAKES.is_dir(), reason=f"{FAKES} is not there (it ships beside the "
                    "project in CI, not with it)")
def test_sentences_of_the_uncurated_corpus():
    files = sorted(FAKES.glob("*.txt"))
    assert len(files) == 60
    for path in files:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            check_spans(normalize_space(line))
