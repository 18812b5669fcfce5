"""Entity kinds are an ``EntityKind`` everywhere in the generator, never a string.

What differs by kind (its folder, title, key) is asked of ``EntityKind``, keys are made
by ``EntityKind.key`` and read by ``kind_of``; a branch on a kind compares the enum. Read
with ``ast``, so that a string comparison of kinds cannot come back unseen. Tests and
templates may still compare the strings the site shows.
"""

from __future__ import annotations

import ast
import json
from itertools import pairwise
from pathlib import Path
from typing import TypeGuard

import pytest

from generator.model import Entity, EntityKind, kind_of

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
KINDS = {k.value for k in EntityKind}
SEARCHES = {"startswith", "endswith", "removeprefix", "partition", "rpartition", "split",
            "rsplit", "find", "index"}


def _kind_string(node: ast.AST) -> TypeGuard[ast.Constant]:
    return isinstance(node, ast.Constant) and node.value in KINDS


def _key_prefix(node: ast.AST) -> bool:
    """A string that starts like a key or a kind's folder: "event:", "actors/"."""
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and any(
        node.value.startswith((k + ":", k + "s/", k + "s.")) for k in KINDS)


def _strings_in(node: ast.AST) -> list[ast.AST]:
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return list(node.elts)
    if isinstance(node, ast.Dict):
        return [k for k in node.keys if k is not None]
    return [node]


def _is_kind(node: ast.AST) -> bool:
    """``kind``, ``self.kind``, ``entity.kind``."""
    return (isinstance(node, ast.Name) and node.id == "kind") or (
        isinstance(node, ast.Attribute) and node.attr == "kind")


def kind_strings(source: str) -> list[str]:
    """Where ``source`` spells an entity kind or key by hand, as "line: what"."""
    tree = ast.parse(source)
    docstrings = {id(n.value) for n in ast.walk(tree)
                  if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
    found: list[str] = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        found += [f"{line}: {what}" for what in _spelled_by_hand(node)]
        if _key_prefix(node) and id(node) not in docstrings:
            found.append(f"{line}: spells a key or a kind's folder by hand")
    return found


def _spelled_by_hand(node: ast.AST) -> list[str]:
    """What ``node`` itself does with a kind spelled as a string (its strings aside)."""
    if isinstance(node, ast.Compare):
        operands = [node.left, *node.comparators]
        if any(_kind_string(s) for o in operands for s in _strings_in(o)):
            return ["compares a kind as a string"]
    elif isinstance(node, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
        if {s.value for s in _strings_in(node) if _kind_string(s)} >= KINDS:
            return ["lists the kinds as strings (loop over EntityKind)"]
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr in SEARCHES:
        if any(isinstance(s, ast.Constant) and isinstance(s.value, str)
               and s.value.startswith(tuple(KINDS)) for a in node.args for s in _strings_in(a)):
            return ["reads a key by hand (use kind_of)"]
    elif isinstance(node, ast.JoinedStr):
        return ["builds a key or plural from a kind (ask EntityKind)"
                for before, after in pairwise(node.values)
                if isinstance(before, ast.FormattedValue) and _is_kind(before.value)
                and isinstance(after, ast.Constant) and str(after.value)[:1] in (":", "s")]
    return []


@pytest.mark.parametrize("path", sorted(GENERATOR.rglob("*.py")),
                         ids=lambda p: str(p.relative_to(GENERATOR)))
def test_the_generator_spells_no_kind_by_hand(path):
    found = kind_strings(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(GENERATOR.parent)}: " + "; ".join(found)


@pytest.mark.parametrize("source", [
    'if entity.kind == "actor": pass',
    'x = e.kind != "event"',
    'x = kind in ("place", "event")',
    'x = m.type not in ("place", "event")',
    'x = key.startswith("event:")',
    'x = key.split("actor")',
    'x = f"actor:{a.actor}"',
    'x = "event:" + entity.parent',
    'x = f"{kind}s/index.md"',
    'x = f"{entity.kind}:{entity.id}"',
    'x = f"data/{kind}s.json"',
    'x = "places/raqqa.md"',
    'for kind in ("actor", "place", "event"): pass',
    'TITLES = {"actor": "Actors", "place": "Places", "event": "Events"}',
])
def test_a_kind_spelled_by_hand_is_found(source):
    assert kind_strings(source), source


@pytest.mark.parametrize("source", [
    'if entity.kind is EntityKind.ACTOR: pass',
    'x = kind_of(key) is EntityKind.EVENT',
    'x = EntityKind.ACTOR.key(a.actor)',
    'x = {"actor": a.actor, "role": a.role}',  # a field of the data files, not a kind
    'x = block.kind == "heading"',
    'def f():\n    """All entities by key ("actor:isis")."""',
])
def test_what_is_not_a_kind_is_left_alone(source):
    assert not kind_strings(source), source


def test_kind_facts_and_keys():
    assert [str(k) for k in EntityKind] == ["actor", "place", "event"]
    assert f"{EntityKind.PLACE}" == "place" and json.dumps([EntityKind.EVENT]) == '["event"]'
    assert [k.plural for k in EntityKind] == ["actors", "places", "events"]
    assert [k.index_title for k in EntityKind] == ["Actors", "Places", "Events"]
    assert EntityKind.EVENT.index_page == "events/index.md"
    assert EntityKind.ACTOR.key("isis") == "actor:isis"
    assert kind_of("place:raqqa-province") is EntityKind.PLACE
    with pytest.raises(ValueError):
        kind_of("outlet:bbc")


def test_an_entity_knows_its_key_page_and_container():
    place = Entity(EntityKind.PLACE, "raqqa", "Raqqa", "city", within="syria")
    event = Entity(EntityKind.EVENT, "battle", "Battle of Raqqa", "battle", parent="campaign")
    actor = Entity(EntityKind.ACTOR, "sdf", "SDF", "armed group")
    assert (place.key, place.page_path, place.container) == (
        "place:raqqa", "places/raqqa.md", "place:syria")
    assert event.container == "event:campaign" and actor.container is None
