"""No test of the generator reads the live collection: adding a capture to seeds/ cannot
change what they expect.

A static scan of every test module for the ways a test reaches the project's own
seeds/ and content/ (paths under ROOT, a Project, build or copy of ROOT, the live_site
build); the few places that must are listed below, each with its reason.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

TESTS = Path(__file__).resolve().parent

LIVE = re.compile(r"""
    ROOT\s*/\s*f?["'](?:seeds|content)\b        # a path into the live collection
  | ROOT\.joinpath\(\s*f?["'](?:seeds|content)\b
  | \bProject\(\s*ROOT\b                          # the generator run on it
  | \bstr\(\s*ROOT\s*\)                           # `archive --root ROOT ...`
  | \b(?:mkdocs_build|strict_build|check_deterministic|read_project)\(\s*ROOT\b
  | \bcollection\s*=\s*ROOT\b                     # copy_project(..., collection=ROOT)
  | \blive_site\b                                 # the live collection's build
""", re.VERBOSE)

# Modules that read the live collection on purpose, and why.
ALLOWED_MODULES = {
    "test_live_collection.py": "the checks of the live collection: that is their purpose",
    "test_new_capture.py": "adds a curated capture to a copy of the live project, to show "
                           "that a correct new capture passes every check of it",
    "conftest.py": "defines live_site (the live build) and copy_project's collection argument",
    "test_test_isolation.py": "this scan names the patterns it looks for",
}
# Single lines elsewhere that read the live project's files but not its collection.
ALLOWED_LINES = {
    ("test_docs.py", 'README = (ROOT / "content" / "README.md")'):
        "content/README.md documents the YAML keys; it is the project's documentation, "
        "not a part of the collection",
}


def live_reads(text: str) -> list[tuple[int, str]]:
    """The lines of a module's source that reach the live collection: (number, line)."""
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1)
            if LIVE.search(line)]


def test_no_test_of_the_generator_reads_the_live_collection():
    found = []
    for module in sorted(TESTS.glob("*.py")):
        if module.name in ALLOWED_MODULES:
            continue
        for number, line in live_reads(module.read_text(encoding="utf-8")):
            if not any(module.name == name and line.startswith(start)
                       for name, start in ALLOWED_LINES):
                found.append(f"tests/{module.name}:{number}: {line}")
    assert found == [], (
        "tests that read the live seeds/ or content/ (use FIXTURE, fixture_project(), "
        "copy_project() or built_site, which are the fixture collection's):\n"
        + "\n".join(found))


@pytest.mark.parametrize("line", [
    'SEEDS = sorted((ROOT / "seeds").glob("*.txt"))',
    'path = ROOT / f"content/{name}.yml"',
    "evidence, problems = check(Project(ROOT))",
    'cli_main(["--root", str(ROOT), "build"])',
    'result = mkdocs_build(ROOT, site, "--strict")',
    'project = copy_project(tmp_path / "p", collection=ROOT)',
    "def test_x(live_site):",
    'read_project(ROOT / "seeds", ROOT / "content")',
])
def test_the_scan_finds_each_way_of_reading_the_live_collection(line):
    assert live_reads(f"x = 1\n    {line}\n") == [(2, line)]


@pytest.mark.parametrize("line", [
    'SEEDS = sorted((FIXTURE / "seeds").glob("*.txt"))',
    "evidence, problems = check(fixture_project())",
    'BAD = ROOT / "tests" / "bad_inputs"',
    'WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"',
    "project = copy_project(tmp_path / 'p')",
])
def test_the_scan_lets_the_fixtures_and_the_projects_other_files_be(line):
    assert live_reads(line) == []


def test_every_allowed_line_is_still_there():
    """An allowance whose line is gone is removed, so that the list stays short."""
    for name, start in ALLOWED_LINES:
        lines = [line for _, line in live_reads((TESTS / name).read_text(encoding="utf-8"))]
        assert any(line.startswith(start) for line in lines), (name, start)
    assert all((TESTS / name).is_file() for name in ALLOWED_MODULES)


def test_the_fixtures_mkdocs_yml_is_the_projects_but_for_the_collections_words():
    """The fixture keeps its own name and description (which follow its collection), and
    otherwise builds as the project does: copy the rest of mkdocs.yml when it changes."""
    from conftest import FIXTURE, ROOT

    def config(path: Path) -> dict:
        text = path.read_text(encoding="utf-8").replace("!ENV", "")  # a tag PyYAML refuses
        found = yaml.safe_load(text)
        return {k: v for k, v in found.items() if k not in ("site_name", "site_description")}

    assert config(FIXTURE / "mkdocs.yml") == config(ROOT / "mkdocs.yml"), (
        "tests/fixtures/raqqa/mkdocs.yml differs from mkdocs.yml beyond site_name and "
        "site_description")
