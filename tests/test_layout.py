"""The generator's folders are its stages, and imports run one way through them.

A module may import from its own folder and from the folders its stage builds on:
render -> evidence -> text -> read -> the shared model, with ``svg`` (drawings) used by
render and building on the model alone. ``pipeline``, ``plugin`` and ``cli`` sit on top.
Read with ``ast``: the rule holds for every import, not just the ones a test happens to run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
# The modules every stage shares: the typed model, problems, escaping, memos.
SHARED = {"model", "problems", "escape", "cache"}
TOP = {"pipeline", "plugin", "cli", "__main__", "__init__"}
# What each folder may import, besides itself and the shared modules.
BUILDS_ON = {
    "read": set(),
    "text": {"read"},
    "evidence": {"text", "read"},
    "svg": set(),
    "render": {"svg", "evidence", "text", "read"},
}


def layer(module: str) -> str:
    """``generator.text.clean`` -> ``text``; ``generator.model`` -> ``model``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports_of(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: a relative import; use the full name"
            if node.module and node.module.split(".")[0] == "generator":
                if node.module == "generator":
                    found += [(node.lineno, f"generator.{a.name}") for a in node.names]
                else:
                    found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("generator")]
    return found


MODULES = sorted(p for p in GENERATOR.rglob("*.py"))


def test_every_module_is_in_a_stage_folder_or_known_at_the_top():
    loose = [p.stem for p in GENERATOR.glob("*.py") if p.stem not in SHARED | TOP]
    assert not loose, f"modules outside a stage folder: {loose}"
    folders = {p.name for p in GENERATOR.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == set(BUILDS_ON), folders


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(GENERATOR).as_posix())
def test_imports_run_one_way(path: Path):
    rel = path.relative_to(GENERATOR)
    here = rel.parts[0] if len(rel.parts) > 1 else rel.stem
    if here in TOP:
        return
    allowed = SHARED | ({here} | BUILDS_ON[here] if here in BUILDS_ON else set())
    wrong = [(line, name) for line, name in imports_of(path) if layer(name) not in allowed]
    assert not wrong, f"{rel} imports against the flow: {wrong}"


def test_the_layering_rule_catches_an_import_against_the_flow(tmp_path: Path):
    module = tmp_path / "clean.py"
    module.write_text("from generator.render.pages import link\nimport generator.text.mentions\n")
    names = [name for _, name in imports_of(module)]
    assert names == ["generator.render.pages", "generator.text.mentions"]
    assert layer(names[0]) not in {"text"} | BUILDS_ON["text"] | SHARED
