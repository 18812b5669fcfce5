"""``mkdocs serve`` rebuilds when a curator edits metadata or a template."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

PAGE = "articles/civilians-flee-is-de-facto-capital-ahead-of-looming-battle.html"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, timeout: float = 120) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.5)
    return False


@pytest.fixture
def server(project_copy):
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project_copy, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        yield project_copy, f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def test_serve_reloads_after_metadata_and_template_edits(server):
    project, base = server
    url = base + PAGE
    assert wait_for(url, "navigation text"), "mkdocs serve did not serve the article page"

    meta = project / "content/articles/004_943bb74b3960d4d7.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        "The capture starts with", "Edited while serving: the capture starts with"),
        encoding="utf-8")
    assert wait_for(url, "Edited while serving"), "the page did not change after a YAML edit"

    template = project / "site_templates/article.md.j2"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "## Removed from the capture", "## Set aside from the capture"), encoding="utf-8")
    assert wait_for(url, "Set aside from the capture"), "the page did not change after a template edit"
