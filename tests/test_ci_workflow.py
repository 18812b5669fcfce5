"""The GitHub workflow tests in a real browser what it deploys, and deploys nothing else.

GitHub Actions cannot run here, so this reads .github/workflows/site.yml as
GitHub would (YAML) and checks the order of the jobs and what the test step is
given; and it checks that the browser tests drive the browser ARCHIVE_CHROMIUM
names, and fail rather than skip when that browser is missing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


def jobs() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]


def steps(job: dict) -> list[dict]:
    return job["steps"]


def test_deploy_waits_for_the_tests_and_the_build():
    all_jobs = jobs()
    deploy = all_jobs["deploy"]
    needs = deploy["needs"] if isinstance(deploy["needs"], list) else [deploy["needs"]]
    assert "test" in needs and "build" in needs
    assert "main" in deploy["if"] and "push" in deploy["if"]
    # The pages artifact the deploy publishes comes from the build job only.
    uploads = {name for name, job in all_jobs.items()
               for step in steps(job) if "upload-pages-artifact" in step.get("uses", "")}
    assert uploads == {"build"}
    assert not any(job.get("continue-on-error") for job in all_jobs.values())


def test_the_test_job_runs_the_browser_tests_on_playwrights_chromium():
    test_steps = steps(jobs()["test"])
    install = next(i for i, s in enumerate(test_steps)
                   if "playwright install --with-deps chromium" in s.get("run", ""))
    run_tests = next(i for i, s in enumerate(test_steps)
                     if "bash scripts/test.sh" in s.get("run", ""))
    assert install < run_tests
    install_step, test_step = test_steps[install], test_steps[run_tests]
    # The install step says where the browser is; the test step is pointed at it.
    assert "executable_path" in install_step["run"]
    assert re.search(r'echo "path=\$path" >> "\$GITHUB_OUTPUT"', install_step["run"])
    assert test_step["env"]["ARCHIVE_CHROMIUM"] == (
        "${{ steps.%s.outputs.path }}" % install_step["id"])
    # Nothing lets a failing test step pass the job.
    assert not any(s.get("continue-on-error") for s in test_steps)
    # No step tries Debian's chromium on the runner any more.
    assert not any("apt-get install -y chromium" in s.get("run", "") for s in test_steps)


def browser_module(env: dict) -> str:
    code = "import browser; print(browser.CHROMIUM)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT / "tests", env=env,
                            capture_output=True, text=True, timeout=120, check=True)
    return result.stdout.strip()


def test_archive_chromium_names_the_browser():
    env = {k: v for k, v in os.environ.items() if k != "ARCHIVE_CHROMIUM"}
    assert browser_module(env) == "/usr/bin/chromium"
    assert browser_module(dict(env, ARCHIVE_CHROMIUM="/opt/other/chrome")) == "/opt/other/chrome"


def test_a_named_browser_that_is_missing_fails_the_browser_tests(tmp_path):
    probe = tmp_path / "test_probe.py"
    probe.write_text("def test_needs_a_browser(browser):\n    assert browser\n", encoding="utf-8")
    env = dict(os.environ, ARCHIVE_CHROMIUM=str(tmp_path / "no-such-chrome"),
               PYTHONPATH=os.pathsep.join([str(ROOT / "tests"), os.environ.get("PYTHONPATH", "")]))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "conftest",
         str(probe)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0, result.stdout
    assert "no-such-chrome is missing" in result.stdout
    assert "1 error" in result.stdout and "skipped" not in result.stdout


def test_a_failing_check_of_the_collection_blocks_the_deploy_with_its_message():
    """The live collection's checks run as a step of the test job, which the deploy
    needs; the step writes what failed into the job's summary and exits with pytest's
    status."""
    test_steps = steps(jobs()["test"])
    step = next(s for s in test_steps if "tests/test_live_collection.py" in s.get("run", "")
                and "--junitxml" in s["run"])
    run = step["run"]
    assert re.search(r'--junitxml="\$RUNNER_TEMP/collection\.xml"', run)
    assert re.search(r'scripts/collection_summary\.py "\$RUNNER_TEMP/collection\.xml"'
                     r'\s*\\?\s*>> "\$GITHUB_STEP_SUMMARY"', run)
    assert "|| status=$?" in run and run.rstrip().endswith('exit "$status"')
    assert step["env"]["ARCHIVE_CHROMIUM"].startswith("${{ steps.")  # its browser check runs
    assert not step.get("continue-on-error")
    # before the whole suite, which then leaves these checks out
    suite = next(i for i, s in enumerate(test_steps) if "bash scripts/test.sh" in s.get("run", ""))
    assert test_steps.index(step) < suite


def test_the_summary_names_each_failed_check_and_its_message_once(tmp_path):
    probe = tmp_path / "test_probe.py"
    probe.write_text(
        "import pytest\n"
        "@pytest.fixture\n"
        "def build():\n"
        "    assert False, 'the strict build fails:\\nWARNING -  seeds/x.txt: no metadata'\n"
        "def test_fine():\n    pass\n"
        "def test_lines():\n"
        "    assert False, 'lines missing:\\n  - seeds/a.txt: lines [3] of the capture'\n"
        "def test_links(build):\n    pass\n"
        "def test_parses(build):\n    pass\n", encoding="utf-8")
    report = tmp_path / "report.xml"
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(probe),
                    f"--junitxml={report}"], cwd=tmp_path, capture_output=True, timeout=300)
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "collection_summary.py"),
                             str(report)], capture_output=True, text=True, timeout=60, check=True)
    shown = result.stdout
    assert "failed: the site is not deployed" in shown
    assert "### `test_lines`\n\n<pre>lines missing:\n  - seeds/a.txt: lines [3] of the capture</pre>" in shown
    # one message for the two checks the failed build stopped, said once
    assert ("### `test_links`, `test_parses`\n\n<pre>the strict build fails:\n"
            "WARNING -  seeds/x.txt: no metadata</pre>") in shown
    assert "test_fine" not in shown and "assert False" not in shown


def test_the_summary_of_checks_that_pass_says_so(tmp_path):
    report = tmp_path / "report.xml"
    report.write_text('<testsuites><testsuite><testcase name="a"/><testcase name="b"/>'
                      "</testsuite></testsuites>", encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "collection_summary.py"),
                             str(report)], capture_output=True, text=True, timeout=60, check=True)
    assert "All 2 checks passed." in result.stdout
