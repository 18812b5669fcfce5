"""YAML in ``content/`` is bounded while it is read, before any value is used.

Each reproduction is a file a pull request could add: anchors within anchors (a
"billion laughs") in ``outlets.yml`` or as an article's mapping key, and brackets nested
50,000 deep, which crashed the interpreter in libyaml's composer. ``archive check`` runs
in a child process with a generous limit, so that a hang or a crash fails the test
instead of stopping it; each gives one error naming the file, the line and the key, and
the other problems of the project are still reported.
"""

from __future__ import annotations

import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
import yaml

from generator.read.load import MAX_DEPTH, MAX_REPEATED, LineDict, YamlLimit, _LineLoader, read_yaml

LIMIT = 120  # seconds: far more than reading a few kilobytes needs
ARTICLE = "content/articles/000_c4a9bb88ecf85684.yml"


def archive_check(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "check"],
                          capture_output=True, text=True, timeout=LIMIT)


def laughs(indent: str = "", levels: int = 10, per: int = 9) -> list[str]:
    """``l0: &l0 ["x", ...]``, ``l1: &l1 [*l0, ...]``, ...: ``per ** levels`` values."""
    lines = [f"{indent}l0: &l0 [" + ", ".join(['"x"'] * per) + "]"]
    lines += [f"{indent}l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * per) + "]"
              for n in range(1, levels)]
    return lines


def another_problem(project: Path) -> str:
    """A typo elsewhere, which must still be reported."""
    path = project / "content/articles/001_66dd8c24867dc48b.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("\ntitle:", "\ntitel:"),
                    encoding="utf-8")
    return "content/articles/001_66dd8c24867dc48b.yml:2 [titel]: unknown key, ignored"


def test_an_alias_bomb_in_outlet_signatures_is_refused_at_once(project_copy):
    path = project_copy / "content/outlets.yml"
    original = path.read_text(encoding="utf-8")
    bomb = ["- id: bomb", "  name: Bomb", "  country: unknown", "  ownership: unknown",
            "  ownership_basis: none", "  kind: blog", "  language: en", "  anchors:",
            *laughs("    "), "  signatures: *l9"]
    path.write_text(original + "\n" + "\n".join(bomb) + "\n", encoding="utf-8")
    assert len("\n".join(bomb)) < 4096
    typo = another_problem(project_copy)
    result = archive_check(project_copy)
    first = original.count("\n") + 2
    # l0 to l3 repeat 9 + 90 + 819 + 7,380 values; the fifth line goes over the budget
    assert (f"error: content/outlets.yml:{first + 12} [[5].anchors.l4[0]]: refused and not "
            f"read: aliases repeat more than {MAX_REPEATED:,} values (write the values out, "
            "or use fewer aliases; checks of the outlet ids it defines were skipped until it "
            "reads)") in result.stdout, result.stdout
    assert typo in result.stdout
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_an_alias_bomb_as_a_mapping_key_is_refused(project_copy):
    path = project_copy / ARTICLE
    original = path.read_text(encoding="utf-8")
    text = original + "bombs:\n" + "\n".join(laughs("  ", levels=4)) + "\n? *l3\n: x\n"
    path.write_text(text, encoding="utf-8")
    assert len(text) - len(original) < 1024
    result = archive_check(project_copy)
    assert (f"error: {ARTICLE}:{original.count(chr(10)) + 6}: refused and not read: "
            "a key that is a list or a mapping (a key is a name: write it as text)"
            ) in result.stdout, result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("depth", [1_000, 50_000])
def test_deep_nesting_is_refused_without_a_crash(project_copy, depth):
    path = project_copy / ARTICLE
    original = path.read_text(encoding="utf-8")
    path.write_text(original + "notes_deep: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    typo = another_problem(project_copy)
    result = archive_check(project_copy)
    assert result.returncode == 1, (result.returncode, result.stderr[-500:])  # not -11 (SIGSEGV)
    line = original.count("\n") + 1
    # the file's mapping is the first level, so the 64th bracket is the one refused
    assert (f"error: {ARTICLE}:{line} [notes_deep{'[0]' * (MAX_DEPTH - 1)}]: refused and not "
            "read: "
            f"nested more than {MAX_DEPTH} levels deep (no metadata is this deep; write it "
            "flatter)") in result.stdout, result.stdout
    assert typo in result.stdout
    assert "Traceback" not in result.stderr


def load(text: str) -> object:
    return yaml.load(text, Loader=_LineLoader)  # a safe loader


def test_a_bomb_is_refused_with_little_memory_and_little_work():
    text = "\n".join(laughs(levels=12)) + "\n"
    tracemalloc.start()
    try:
        with pytest.raises(YamlLimit) as refused:
            load(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.line == 5 and refused.value.key == "l4[0]"
    assert peak < 5_000_000  # bytes; expanding it would take 9 ** 12 values


@pytest.mark.parametrize("text, line, key, problem", [
    ("a: &a [1, *a]\n", 1, "a[1]", "an alias inside its own anchor"),
    ("? [a, b]\n: x\n", 1, "", "a key that is a list or a mapping"),
    ("k:\n  ? {a: 1}\n  : x\n", 2, "k", "a key that is a list or a mapping"),
    ("deep: &d " + "[" * 40 + "]" * 40 + "\nuse: " + "[" * 30 + "*d" + "]" * 30 + "\n", 2,
     "use" + "[0]" * 30, "nested more than 64 levels deep once its aliases are read"),
])
def test_each_bound_names_the_line_and_the_key(text, line, key, problem):
    with pytest.raises(YamlLimit) as refused:
        load(text)
    assert (refused.value.line, refused.value.key, refused.value.problem) == (line, key, problem)


@pytest.mark.parametrize("text, message", [
    ("a: !!float x\n", "cannot read 'x' as float"),
    ("a: !!timestamp never\n", "cannot read 'never' as timestamp"),
    ("a: !!bool maybe\n", "cannot read 'maybe' as bool"),
    ("a: " + "1" * 5000 + "\n", "a whole number of more than 100 characters (5,000)"),
    ("a: " + ":".join(["1"] * 50_000) + "\n", "a whole number of more than 100 characters"),
])
def test_a_value_its_tag_cannot_make_is_an_error_at_its_line(tmp_path, text, message):
    path = tmp_path / "x.yml"
    path.write_text("ok: 1\n" + text, encoding="utf-8")
    problems: list = []
    assert read_yaml(path, "content/x.yml", problems) is None
    assert [(p.file, p.line) for p in problems] == [("content/x.yml", 2)]
    assert message in problems[0].message


def test_anchors_within_the_bounds_still_load_with_their_lines():
    text = ("defaults: &defaults\n"
            "  kind: blog\n"
            "  language: en\n"
            "outlets:\n"
            "  - <<: *defaults\n"
            "    id: one\n"
            "  - <<: *defaults\n"
            "    id: two\n"
            "    site: two.example\n"
            "names: &names [a, b]\n"
            "again: *names\n")
    data = load(text)
    assert isinstance(data, LineDict)
    one, two = data["outlets"]
    assert (one["id"], one["kind"], one["language"]) == ("one", "blog", "en")
    assert (two["id"], two["kind"], two["site"]) == ("two", "blog", "two.example")
    assert (one.line, two.line, two.line_of("site"), data.line_of("again")) == (5, 7, 9, 11)
    assert data["again"] == ["a", "b"]


def test_nesting_up_to_the_bound_loads():
    inner = "[" * (MAX_DEPTH - 1) + "x" + "]" * (MAX_DEPTH - 1)  # the mapping is the first level
    value = load(f"a: {inner}\n")["a"]
    for _ in range(MAX_DEPTH - 1):
        value = value[0]
    assert value == "x"
    with pytest.raises(YamlLimit):
        load(f"a: [{inner}]\n")


def test_the_real_content_loads_as_before():
    """The curated files use no anchors; each loads the same as with PyYAML's own loader."""
    root = Path(__file__).resolve().parent.parent / "content"
    for path in sorted(root.rglob("*.yml")):
        text = path.read_text(encoding="utf-8")
        events = list(yaml.parse(text))
        assert not any(getattr(event, "anchor", None) for event in events), path
        assert load(text) == yaml.load(text, Loader=OldLoader), path


class OldLoader(yaml.SafeLoader):
    """PyYAML's safe loader with dates as text, as the archive reads them."""

    yaml_implicit_resolvers = _LineLoader.yaml_implicit_resolvers
