"""Curated patterns (boilerplate rules, outlet signatures, alias context rules) run on RE2.

A pattern that makes a backtracking engine take exponential time, ``(x+x+)+y`` against a
line of ``x``, must not stall the build: each reproduction runs ``archive check`` in a
child process with a generous limit (the old engine needed 34 s for 30 ``x``, twice as
long for each one more; these use 40, so the old code would run for hours). A pattern RE2
cannot run is an error naming the file, the line and the key, with what to write instead;
the patterns in ``content/`` match what they matched before (the goldens say so too).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURE
from hypothesis import given
from hypothesis import strategies as st

from generator.pipeline import Project, check
from generator.read.decode import capture_lines
from generator.read.pattern import MAX_LENGTH, Anchor, PatternError, curated, translate

LIMIT = 120  # seconds: far more than a linear-time check needs, far less than hours


def archive_check(project: Path) -> subprocess.CompletedProcess[str]:
    """``archive check`` on ``project`` as a curator runs it (in a child process, so that a
    stall fails the test instead of hanging it)."""
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "check"],
                          capture_output=True, text=True, timeout=LIMIT)


def add_seed(project: Path, name: str, text: str) -> None:
    (project / "seeds" / name).write_text(text, encoding="utf-8")


def append(project: Path, rel: str, text: str) -> None:
    path = project / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_catastrophic_boilerplate_pattern_does_not_stall_the_build(project_copy):
    append(project_copy, "content/boilerplate.yml",
           "  - pattern: '(x+x+)+y'\n    reason: a rule a backtracking engine takes hours over\n")
    add_seed(project_copy, "hostile.txt", "A headline\n\n" + "x" * 40 + "\n\nA paragraph.\n")
    result = archive_check(project_copy)
    # the seed is there (uncurated, not lost) and its line of x is not taken for furniture
    assert "seeds/hostile.txt" in result.stdout and "uncurated" in result.stdout
    assert "0 error(s)" in result.stdout, result.stdout + result.stderr
    evidence, _ = check(Project(project_copy))
    assert evidence is not None
    article = next(a for a in evidence.archive.articles if a.seed.name == "hostile.txt")
    assert "x" * 40 in [block.text for block in article.text.blocks]


def test_a_catastrophic_outlet_signature_does_not_stall_the_suggestion(project_copy):
    path = project_copy / "content/outlets.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  signatures:\n", "  signatures:\n    - '(x+x+)+y'\n", 1), encoding="utf-8")
    add_seed(project_copy, "hostile.txt", "A headline\n\n" + "x" * 40 + "\n\nSouthFront\n")
    result = archive_check(project_copy)
    assert "seeds/hostile.txt" in result.stdout and "0 error(s)" in result.stdout, result.stdout
    evidence, _ = check(Project(project_copy))
    assert evidence is not None
    article = next(a for a in evidence.archive.articles if a.seed.name == "hostile.txt")
    assert article.meta.suggestions.outlet == "southfront"  # by its site name, not the pattern


def test_a_catastrophic_alias_context_rule_does_not_stall_the_text_stage(project_copy):
    path = project_copy / "content/places.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    - province of Raqa\n", "    - province of Raqa\n    - {text: Raqqa, before: '(a+)+b'}\n",
        1), encoding="utf-8")
    add_seed(project_copy, "hostile.txt", "A headline\n\n" + "a" * 34 + " Raqqa fell.\n")
    result = archive_check(project_copy)
    assert "seeds/hostile.txt" in result.stdout and "0 error(s)" in result.stdout, result.stdout
    evidence, _ = check(Project(project_copy))
    assert evidence is not None
    found = [m.entity for m in evidence.archive.mentions if m.seed == "hostile.txt"]
    assert found == ["place:raqqa"]  # the city: the province's context rule does not hold


@pytest.mark.parametrize("pattern, reason, hint", [
    (r"(?<!pre)view", "negative lookbehind", "list what may come before instead"),
    (r"share(?= this)", "lookahead", "match the words themselves"),
    (r"(\w+) \1", r"a backreference (\1)", "write the repeated words out"),
    (r"(?P<w>\w+) (?P=w)", "a backreference", "write the repeated words out"),
    (r"x*+y", "a possessive quantifier", "drop the second '+'"),
    (r"x{2000}", "a repeat of more than 1,000", "repeat at most 1,000 times"),
    (r"[[:alpha:]]+", "a '[' inside a character class", r"write \[ for the bracket itself"),
])
def test_a_pattern_re2_cannot_run_is_an_error_saying_what_to_write(project_copy, pattern, reason,
                                                                   hint):
    boilerplate = project_copy / "content/boilerplate.yml"
    lines = boilerplate.read_text(encoding="utf-8").splitlines(keepends=True)
    append(project_copy, "content/boilerplate.yml", f"  - pattern: '{pattern}'\n    reason: x\n")
    result = archive_check(project_copy)
    line = len(lines) + 1
    index = sum(1 for text in lines[lines.index("comment_thread_chrome:\n"):]
                if text.lstrip().startswith("- pattern:"))
    expected = (f"error: content/boilerplate.yml:{line} [comment_thread_chrome[{index}].pattern]: "
                f"expected a regular expression RE2 can run, found {pattern!r} ({reason}")
    assert expected in result.stdout, result.stdout
    assert f"; {hint}" in result.stdout or f"({hint}" in result.stdout
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_a_bad_signature_and_a_bad_context_rule_name_their_file_line_and_key(project_copy):
    outlets = project_copy / "content/outlets.yml"
    text = outlets.read_text(encoding="utf-8")
    outlets.write_text(text.replace("  signatures:\n", "  signatures:\n    - 'a(?=b)'\n", 1),
                       encoding="utf-8")
    line = text[:text.index("  signatures:\n")].count("\n") + 2  # the signature's own line
    places = project_copy / "content/places.yml"
    text = places.read_text(encoding="utf-8")
    places.write_text(text.replace(r"before: '\bnorthern", r"before: '(?<=\s)\bnorthern", 1),
                      encoding="utf-8")
    place_line = text[:text.index(r"before: '\bnorthern")].count("\n") + 1
    result = archive_check(project_copy)
    assert (f"error: content/outlets.yml:{line} [[3].signatures[0]]: expected a regular "
            "expression RE2 can run, found 'a(?=b)' (lookahead") in result.stdout, result.stdout
    assert f"content/places.yml:{place_line} [" in result.stdout
    assert ".before]: expected a regular expression RE2 can run (lookbehind" in result.stdout
    assert "Traceback" not in result.stderr
    assert "3 error(s)" not in result.stdout  # the alias is left out, not read without its rule


def test_a_pattern_too_long_or_too_large_is_an_error():
    with pytest.raises(PatternError, match="characters long") as long:
        curated("a" * (MAX_LENGTH + 1), Anchor.LINE)
    assert "split it into several patterns" in long.value.hint
    with pytest.raises(PatternError, match="too large") as large:
        curated(r"(?:\w{1,30}\s){1,30}", Anchor.LINE)  # 900 copies of the class of letters
    assert "split it" in large.value.hint


def test_the_reproductions_answer_at_once_with_the_same_answer_as_python():
    """Where Python's engine still answers quickly, RE2 gives the same answer."""
    for n in range(1, 16):
        line = "x" * n
        assert curated("(x+x+)+y", Anchor.LINE).found(line) is False
        assert curated("(x+x+)+y", Anchor.LINE).found(line + "y") == (n >= 2)
        assert bool(re.fullmatch("(x+x+)+y", line + "y")) == (n >= 2)
    assert curated("(a+)+b", Anchor.END).found("a" * 34 + " ") is False
    assert curated("(a+)+b", Anchor.END).found("a" * 34 + "b") is True


@pytest.mark.parametrize("pattern, text, anchor, found", [
    (r"\d+ comments", "٣ comments", Anchor.LINE, True),  # \d: a digit of any script
    (r"\s+and\s+", "\u00a0and\u2009", Anchor.LINE, True),  # \s: no-break and thin spaces
    (r"[\s,]+", "\u00a0,\u3000", Anchor.LINE, True),  # \s inside a class
    (r"[^\S]+", "\u2028 ", Anchor.LINE, True),
    # \w: letters of any script (the Turkish dotless i, U+0131, on purpose)
    (r"\w+ avatar", "Çağrı avatar", Anchor.LINE, True),  # noqa: RUF001
    (r"\W", "é", Anchor.LINE, False),
    (r"x{,3}", "xxx", Anchor.LINE, True),  # {,n} is {0,n}, as in Python
    (r"x{,3}", "x{,3}", Anchor.LINE, False),
    (r"caf\u00e9", "CAFÉ", Anchor.LINE, True),  # \u escapes, and case ignored beyond ASCII
    (r"\N{LATIN SMALL LETTER E WITH ACUTE}t\u00e9", "ÉTÉ", Anchor.LINE, True),
    (r"northern\s+\Z", "in the northern ", Anchor.END, True),  # \Z: the end
    (r"northern\s+$", "northern parts of ", Anchor.END, False),
    (r"a|northern\s+", "a northern ", Anchor.END, True),  # the whole pattern ends the text
    (r"a|b", "a northern ", Anchor.END, False),
])
def test_python_syntax_keeps_its_meaning(pattern, text, anchor, found):
    assert curated(pattern, anchor).found(text) is found
    if anchor is Anchor.LINE:
        assert bool(re.fullmatch(pattern, text, re.IGNORECASE)) is found


def test_after_sees_the_character_before_it_for_word_boundaries():
    after = curated(r"\bs\b", Anchor.START)
    assert after.found("as", 1) is False  # "s" glued to the alias: no boundary, as in Python
    assert after.found("a s", 1) is False and after.found("a s", 2) is True
    assert bool(re.compile(r"\bs\b").match("as", 1)) is False


def test_the_word_boundary_is_ascii_as_documented():
    """\\b is RE2's: between ASCII letters, digits and _ and the rest (documented)."""
    assert curated(r".*\bupdated", Anchor.LINE).found("éupdated") is True
    assert translate(r"\bx\b") == r"\bx\b"


def curated_lines() -> list[str]:
    lines: set[str] = set()
    for seed in sorted((FIXTURE / "seeds").glob("*.txt")):
        for line in capture_lines(seed.read_text(encoding="utf-8", errors="replace")):
            lines |= {line, " ".join(line.split())}
    return sorted(lines)


def test_every_curated_pattern_matches_the_lines_it_matched_with_python():
    content = FIXTURE / "content"
    patterns = [rule["pattern"] for group in yaml.safe_load(
        (content / "boilerplate.yml").read_text(encoding="utf-8")).values() for rule in group]
    patterns += [s for o in yaml.safe_load((content / "outlets.yml").read_text(encoding="utf-8"))
                 for s in o.get("signatures", [])]
    assert len(patterns) >= 15
    lines = curated_lines()
    for pattern in patterns:
        python = re.compile(pattern, re.IGNORECASE)
        ours = curated(pattern, Anchor.LINE)
        differ = [line for line in lines if bool(python.fullmatch(line)) != ours.found(line)]
        assert differ == [], (pattern, differ[:3])


def test_every_curated_context_rule_holds_where_it_held_with_python():
    rules = []
    for name in ("actors", "places", "events"):
        for entity in yaml.safe_load((FIXTURE / f"content/{name}.yml").read_text(encoding="utf-8")):
            rules += [alias for alias in entity.get("aliases", []) if isinstance(alias, dict)]
    befores = [a["before"] for a in rules if "before" in a]
    afters = [a["after"] for a in rules if "after" in a]
    assert befores and afters
    texts = [seed.read_text(encoding="utf-8") for seed in sorted((FIXTURE / "seeds").glob("*.txt"))]
    held = 0
    for text in texts:
        for at in range(1, len(text)):
            before = text[max(0, at - 80):at]
            for pattern in befores:
                python = bool(re.compile(pattern + r"\Z", re.IGNORECASE).search(before))
                assert curated(pattern, Anchor.END).found(before) is python, (pattern, before)
                held += python
            for pattern in afters:
                python = bool(re.compile(pattern, re.IGNORECASE).match(text, at, at + 80))
                ours = curated(pattern, Anchor.START).found(text[at - 1:at + 80], 1)
                assert ours is python, (pattern, text[at:at + 80])
                held += python
    assert held > 0  # the rules hold somewhere in the seeds, so the comparison means something


# -- many whole-line patterns tried in one pass ------------------------------------------

_BOILERPLATE = [rule["pattern"] for rules in yaml.safe_load(
    (FIXTURE / "content" / "boilerplate.yml").read_text(encoding="utf-8")).values()
    for rule in rules]


def _one_by_one(patterns: tuple, text: str) -> int | None:
    return next((i for i, p in enumerate(patterns) if p.found(text)), None)


@pytest.mark.parametrize("text", [
    "Leave a reply", "LEAVE A COMMENT", "Share this article", "Read more", "© 2017 Sputnik",
    "Advertisement", "Line 12 of the article, about Raqqa.", "", "sign in.", "Sign in to reply",
    "By John Smith | Reuters", "Updated 2017-10-20 12:00", "x" * 40,
])
def test_a_line_set_answers_as_the_patterns_tried_one_by_one(text):
    from generator.read.pattern import LineSet

    patterns = tuple(curated(p, Anchor.LINE) for p in _BOILERPLATE)
    assert LineSet(patterns).first(text) == _one_by_one(patterns, text)


@given(st.lists(st.sampled_from(_BOILERPLATE), min_size=1, max_size=6),
       st.text(alphabet="abcdefghilmnoprstuvwxy ©|.:!?-0123456789", max_size=40))
def test_the_first_matching_rule_wins_in_a_set_as_in_order(sources, text):
    from generator.read.pattern import LineSet

    patterns = tuple(curated(p, Anchor.LINE) for p in sources)
    for line in (text, *(p.source.replace("\\", "").strip("()")[:30] for p in patterns)):
        assert LineSet(patterns).first(line) == _one_by_one(patterns, line)
