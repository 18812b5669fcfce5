"""Shared fixtures.

The tests of the generator run on collections that belong to the tests
(``tests/fixtures/``): ``FIXTURE`` is the first collection frozen there, and
``built_site`` is its strict build, once per session. Only the checks of the live
collection (``tests/test_live_collection.py``, through ``live_site``) read the
project's own ``seeds/`` and ``content/``; ``tests/test_test_isolation.py`` keeps it so.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from browser import CHROMIUM, LAUNCH_ARGS, NAV_TIMEOUT_MS, sync_playwright, watched_context
from hypothesis import settings

# Property tests draw the same examples on every run, so a red run is a bug and not the
# luck of the draw; HYPOTHESIS_PROFILE=explore draws new ones, to look for more.
settings.register_profile("archive", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "archive"))

# mkdocs.yml takes the previous build for the Changes page from ARCHIVE_PREVIOUS; the
# tests build without one unless a test sets it.
os.environ.pop("ARCHIVE_PREVIOUS", None)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# The collection the tests of the generator run on: seeds/, content/ and mkdocs.yml
# frozen under tests/ (the theme, site_templates/, is the project's own).
FIXTURE = ROOT / "tests" / "fixtures" / "raqqa"
# How many captures the test collection holds: counts the tests expect follow from it,
# never from the live seeds/.
FIXTURE_CAPTURES = sum(1 for _ in (FIXTURE / "seeds").glob("*.txt"))
TEMPLATES = ROOT / "site_templates"


def benchmark_module(name: str) -> Iterator[ModuleType]:
    """``benchmarks/<name>.py`` loaded as a module for a test (a module-scoped fixture
    yields from this), and unloaded after it."""
    key = f"bench_{name}"
    spec = importlib.util.spec_from_file_location(key, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    yield module
    del sys.modules[key]


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite the golden files in tests/golden/ from the current output")


@pytest.fixture(scope="session")
def update_goldens(request) -> bool:
    return request.config.getoption("--update-goldens")


def fixture_project(**options):
    """The fixture collection as the generator reads it (``Project``'s ``options``)."""
    from generator.pipeline import Project

    return Project(FIXTURE, templates=str(TEMPLATES), **options)


def mkdocs_build(project_dir: Path, site_dir: Path, *extra: str,
                 hash_seed: str | None = None) -> subprocess.CompletedProcess:
    """Run ``mkdocs build`` on a project folder, as a user would (with ``hash_seed`` as
    its ``PYTHONHASHSEED``, where given)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if hash_seed is not None:
        env["PYTHONHASHSEED"] = hash_seed
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project_dir / "mkdocs.yml"),
         "-d", str(site_dir), *extra],
        cwd=project_dir, env=env, capture_output=True, text=True, timeout=600,
    )


# The fixture's strict build runs with this hash seed; tests/test_determinism.py builds
# it again with another and compares the bytes.
FIXTURE_HASH_SEED = "1"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The fixture collection built with ``mkdocs build --strict`` into a temporary folder."""
    folder = tmp_path_factory.mktemp("built")
    project = copy_project(folder / "project")
    site = folder / "site"
    result = mkdocs_build(project, site, "--strict", hash_seed=FIXTURE_HASH_SEED)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return site


@pytest.fixture(scope="session")
def live_site(tmp_path_factory) -> Path:
    """The project's own collection (``seeds/``, ``content/``) built with ``mkdocs build
    --strict``: for the checks that hold for any collection, and for them only."""
    from collection_checks import strict_build

    return strict_build(ROOT, tmp_path_factory.mktemp("live") / "site")


def copy_project(dest: Path, collection: Path = FIXTURE) -> Path:
    """A project folder at ``dest`` (for tests that change or build it): the seeds,
    content and mkdocs.yml of ``collection`` (the fixture by default; ``ROOT`` for the
    live one) with the project's theme."""
    for name in ("seeds", "content"):
        shutil.copytree(collection / name, dest / name)
    shutil.copytree(TEMPLATES, dest / "site_templates")
    shutil.copy2(collection / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


@pytest.fixture
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def browser():
    # A browser named by ARCHIVE_CHROMIUM (as in CI) is required: its absence fails.
    missing = pytest.fail if os.environ.get("ARCHIVE_CHROMIUM") else pytest.skip
    if not CHROMIUM.exists():
        missing(f"{CHROMIUM} is missing (Debian package 'chromium'; .ci/run installs it;"
                " or set ARCHIVE_CHROMIUM to a Chromium's path)")
    if sync_playwright is None:
        missing("the 'playwright' package is missing (install the project's [test] extra)")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS, timeout=NAV_TIMEOUT_MS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def watched(browser):
    # A desktop-sized window, so the header shows the search box itself.
    with watched_context(browser, viewport={"width": 1280, "height": 900}) as watched:
        yield watched
