"""Properties over random texts: the cleaner loses nothing, linking changes no text."""

from __future__ import annotations

from bs4 import BeautifulSoup
from conftest import FIXTURE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup
from pages import raw_lines

from generator.escape import escape_text, linked_text
from generator.model import Alias, Entity, EntityKind
from generator.read.load import read_project
from generator.read.schema import Checker
from generator.text.clean import CleanInput, normalize_space
from generator.text.mentions import MentionFinder
from generator.text.rules import validate_rules

RULES = validate_rules(read_project(FIXTURE / "seeds", FIXTURE / "content").boilerplate, Checker([]))
WORDS = ["Raqqa", "IS", "is", "ISIS", "Daesh’s", "US-backed", "said", "© Sputnik", "Leave a Reply",
         "6 responses to “x”", "Breaking News", "1.", "<script>", "[x](y)", "{{ x }}", "—", "…"]
# Characters that Python's str.splitlines, some editors or Unicode call line breaks, but
# that a browser showing the raw capture, and grep or sed, do not.
OTHER_BREAKS = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
line = st.lists(st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=12),
                          st.sampled_from(OTHER_BREAKS)),
                min_size=0, max_size=12).map(" ".join)
capture = st.tuples(
    st.lists(st.one_of(line, st.just(""), st.sampled_from(["\t", "   ", *OTHER_BREAKS])),
             max_size=30),
    st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=30, max_size=30),
# An end for as many lines as a capture can have: a shorter capture uses the first few.
).map(lambda parts: "".join(text + end for text, end in zip(*parts, strict=False)).rstrip("\r\n"))


SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=capture, title=st.one_of(st.none(), line),
       names=st.lists(st.sampled_from(["Sputnik International", "VOA", "x"]), max_size=2))
def test_every_non_blank_line_lands_in_exactly_one_place(text, title, names):
    from generator.text.clean import clean

    result = clean(CleanInput(text, title, tuple(names)), RULES)
    expected = {n: normalize_space(raw) for n, raw in enumerate(raw_lines(text), 1)
                if normalize_space(raw)}
    placed: dict[int, list[str]] = {}
    for block in result.blocks:
        placed.setdefault(block.line, []).append(block.text)
    assert sorted(placed) == sorted(expected)
    for number, parts in placed.items():
        assert len(parts) == 1 and parts[0] == expected[number]


ENTITIES = [
    Entity(EntityKind.ACTOR, "isis", "Islamic State", "armed group",
           (Alias("ISIS", True), Alias("IS", True, True), Alias("Daesh", False))),
    Entity(EntityKind.ACTOR, "us", "United States", "state", (Alias("US", True, True),)),
    Entity(EntityKind.PLACE, "raqqa", "Raqqa", "city", (Alias("Raqqah", False),)),
]
FINDER = MentionFinder(ENTITIES)


CONTROL = {c: "\ufffd" for c in [*range(0, 9), 11, 12, *range(14, 32), *range(127, 160)]}


def as_shown(text: str) -> str:
    """What a reader sees: control characters as U+FFFD, line breaks as spaces."""
    return text.translate(CONTROL).replace("\n", " ").replace("\r", " ")


@SETTINGS
@given(text=line.map(normalize_space))  # paragraphs are single, normalised lines
def test_linking_never_changes_the_text(text):
    hits = FINDER.find(text)
    for hit in hits:
        assert text[hit.start:hit.end] == hit.surface
        before = text[hit.start - 1] if hit.start else " "
        assert not (before.isalnum() or before == "_")
    spans = [(h.start, h.end, Markup('<a class="mention" href="x.html">')) for h in hits]
    rendered = str(linked_text(text, spans))
    shown = BeautifulSoup(rendered, "html.parser").get_text()
    assert shown == as_shown(text)
    assert len(BeautifulSoup(rendered, "html.parser").find_all("a")) == len(hits)


@SETTINGS
@given(text=st.text(max_size=200))
def test_escaped_text_is_never_markup(text):
    rendered = str(escape_text(text))
    assert "<" not in rendered and ">" not in rendered
    shown = BeautifulSoup(rendered, "html.parser").get_text()
    assert " ".join(shown.split()) == " ".join(as_shown(text).split())
