"""Whose words a span of a paragraph is: the outlet's, a source's quoted, or reported."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.evidence.attribution import MentionSpan, find_attributions
from generator.evidence.quotes import innermost, quoted_spans_of
from generator.model import Quoted


def spans(text: str, names: dict[str, tuple[str, str]] | None = None):
    """The quoted spans of ``text``, with the names in ``names`` (surface -> key, type)
    found as mentions, as the archive finds them."""
    mentions = []
    for surface, (key, kind) in (names or {}).items():
        at = text.find(surface)
        mentions.append(MentionSpan(at, at + len(surface), key, surface, kind))
    return quoted_spans_of(text, find_attributions(text, sorted(mentions, key=lambda m: m.start)))


def quote_at(text: str, words: str, names=None):
    start = text.find(words)
    return innermost(spans(text, names), start, start + len(words))


SOHR = {"the Observatory": ("actor:sohr", "monitor")}
DILLON = {"Col Dillon": ("actor:ryan-dillon", "person")}


def test_what_a_source_is_said_to_have_said_is_reported_and_the_speaker_is_not():
    text = "The militias have taken the city of Raqqa, the Observatory said on Tuesday."
    quote = quote_at(text, "Raqqa", SOHR)
    assert quote is not None and quote.quoted is Quoted.REPORTED and quote.source == "actor:sohr"
    assert quote_at(text, "the Observatory", SOHR) is None
    assert quote_at(text, "Tuesday", SOHR) is None  # when it was said is the outlet's


def test_an_introduction_before_the_speaker_is_the_outlets_when_the_speech_follows():
    text = ("In a sign that the battle for Raqqa was ending, Col Dillon said there had been "
            "no air strikes there on Monday.")
    assert quote_at(text, "Raqqa", DILLON) is None
    assert quote_at(text, "air strikes", DILLON).quoted is Quoted.REPORTED


def test_a_quotation_is_direct_and_credited_to_the_speaker_of_its_sentence():
    text = ("“We do still know there are IEDs in the areas that ISIS once held,” said "
            "Col Dillon, a spokesman for the coalition.")
    quote = quote_at(text, "ISIS", DILLON)
    assert quote.quoted is Quoted.DIRECT and quote.source == "actor:ryan-dillon"
    # what follows the speaker describes him: the outlet's words
    assert quote_at(text, "a spokesman for the coalition", DILLON) is None


def test_a_fragment_quoted_inside_reported_speech_is_direct():
    text = "The Observatory said the crisis is “rapidly escalating” in the north of Syria."
    assert quote_at(text, "rapidly escalating", SOHR).quoted is Quoted.DIRECT
    assert quote_at(text, "north of Syria", SOHR).quoted is Quoted.REPORTED


def test_names_in_quotation_marks_and_editors_brackets_are_the_outlets():
    text = "All ISIS (\"Islamic State\") fighters will leave Raqqa, the Observatory said."
    assert quote_at(text, "Islamic State", SOHR) is None
    assert quote_at(text, "fighters", SOHR).quoted is Quoted.REPORTED
    text = "“They are screened so they are not linked [to IS],” Col Dillon said."
    assert quote_at(text, "IS]", DILLON) is None
    assert quote_at(text, "screened", DILLON).quoted is Quoted.DIRECT


def test_a_passive_cue_reports_its_subject_back_to_the_last_clause_break():
    text = "After losing Mosul, its Iraqi capital, ISIS is reported to have left Raqqa."
    assert quote_at(text, "Mosul") is None
    quote = quote_at(text, "ISIS")
    assert quote.quoted is Quoted.REPORTED and quote.source.startswith("unattributed: ")


def test_an_outlets_own_sentence_has_no_quoted_span():
    assert spans("The SDF entered the stadium on Monday after a long siege.") == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc SOHR said “”\",.[]()IS")), max_size=80))
def test_spans_lie_within_the_text_and_direct_ones_are_inside_quotation_marks(text):
    for q in spans(text):
        assert 0 <= q.start < q.end <= len(text)
        if q.quoted is Quoted.DIRECT:
            opened = [i for i in range(q.start + 1) if text[i] in "“\""]
            assert opened, (text, q)
