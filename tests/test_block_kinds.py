"""What a line and a block of a capture are is a ``LineKind`` and a ``BlockKind``, never a
string, in the generator. Read with ``ast``: a ``block.kind == "heading"`` cannot come back
unseen (it would silently be false for the enum's ``is`` comparisons elsewhere)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from generator.model import BlockKind, LineKind
from generator.read.schema import LINE_KINDS

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
WORDS = {k.value for k in BlockKind} | {k.value for k in LineKind}


def kind_strings(source: str) -> list[int]:
    """Lines where a ``.kind`` is compared with a block's or a line's kind as a string, or
    such a string is handed to the cleaner's ``put``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(isinstance(o, ast.Attribute) and o.attr == "kind" for o in operands) and any(
                    isinstance(o, ast.Constant) and o.value in WORDS for o in operands):
                found.append(node.lineno)
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "put" and len(node.args) > 1
                and isinstance(node.args[1], ast.Constant) and node.args[1].value in WORDS):
            found.append(node.lineno)
    return found


def test_the_check_catches_a_kind_spelled_as_a_string():
    assert kind_strings('if block.kind == "heading":\n    pass\n') == [1]
    assert kind_strings('self.put(line, "removed", "why")\n') == [1]
    assert kind_strings("if block.kind is BlockKind.HEADING:\n    pass\n") == []


@pytest.mark.parametrize("path", sorted(GENERATOR.rglob("*.py")),
                         ids=lambda p: p.relative_to(GENERATOR).as_posix())
def test_no_block_or_line_kind_is_a_string(path: Path):
    assert kind_strings(path.read_text(encoding="utf-8")) == []


def test_curators_line_kinds_are_the_enums_values():
    assert LINE_KINDS == ("body", "heading", "caption", "comment", "removed", "headline")


def test_every_section_has_the_voice_its_mentions_speak_in():
    from generator.model import Mention, Section, Voice

    voices = {section: Mention("s.txt", "p", section, "actor:x", "X", 0, 1).voice
              for section in Section}
    assert voices == {Section.BODY: Voice.BODY, Section.CAPTION: Voice.CAPTION,
                      Section.COMMENT: Voice.COMMENT, Section.REMOVED: Voice.HEADLINE}
