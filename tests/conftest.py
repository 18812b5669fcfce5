"""Shared fixtures: the real project, built once per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

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


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite the golden files in tests/golden/ from the current output")


@pytest.fixture(scope="session")
def update_goldens(request) -> bool:
    return request.config.getoption("--update-goldens")


def mkdocs_build(project_dir: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run ``mkdocs build`` on a project folder, as a user would."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project_dir / "mkdocs.yml"),
         "-d", str(site_dir), *extra],
        cwd=project_dir, env=env, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project built with ``mkdocs build --strict`` into a temporary folder."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = mkdocs_build(ROOT, site, "--strict")
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return site


def copy_project(dest: Path) -> Path:
    """A copy of the project's inputs (for tests that change them)."""
    for name in ("seeds", "content", "site_templates"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
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
