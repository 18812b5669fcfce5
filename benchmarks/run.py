"""How the archive's build scales with the number of articles.

    python benchmarks/run.py [--sizes 100 1000 10000] [--seed 1] [--work /tmp/archive-bench]
                             [--commit HEAD] [--no-browser] [--write-results]
    python benchmarks/run.py --search-only [--sizes 1000 10000] [--label old] [--site SITE]
    python benchmarks/run.py --compare benchmarks/search-old.json new.json

For each size N it makes (or reuses) a synthetic corpus of N articles with
``benchmarks/make_corpus.py`` and measures:

- the generator, ``generate(Project(root), timings)`` called in a fresh Python
  process: seconds per stage and in all, peak memory, pages and files made, and
  the largest generated Markdown pages;
- the full ``mkdocs build`` of the corpus (wall time and peak memory);
- the floor: the same build of the already generated Markdown with the
  generator switched off (``archive build --out``, then a derived mkdocs.yml
  without the ``archive`` plugin);
- the built site: HTML pages, total size, the largest pages, the search index
  and its bytes per article;
- headless chromium on the site from file:// (every other request aborted), on the
  page's clock: from the load event to a usable search (and to the first results of
  a rare name typed at once, on a second cold load), from the last keystroke of each
  query (a rare name, a name in every article, two words) to its first and to its
  settled results, and the bytes read until usable and by each query.

``--search-only`` measures just the search: each size's site is built once from the
commit (kept as ``WORK/site-N-LABEL`` and reused while code and corpus are the same;
``--site`` gives a built one), timed in the browser, and the results are written as
JSON (``--json``, default ``WORK/search-LABEL.json``). ``--compare A.json B.json``
writes such runs side by side, with the search targets, into RESULTS.md.

Progress goes to stderr one line per step; the Markdown table goes to stdout,
and with ``--write-results`` to benchmarks/RESULTS.md with a description of
the machine and the commit measured.

The code measured is a commit (``--commit``, default HEAD) exported with ``git
archive`` into the work folder and put first on PYTHONPATH, so edits in the
working tree during a long run do not change what is measured; ``--commit
worktree`` measures the working tree instead (``--repo`` names another git work tree
to take the commit or working tree from). The corpus is made from the same
commit's seeds, content and templates and is cached per N, seed and inputs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MAKE_CORPUS = HERE / "make_corpus.py"
RESULTS = HERE / "RESULTS.md"
REPO = ROOT  # the git work tree measured (--repo)
CHROMIUM = Path("/usr/bin/chromium")
TIME = Path("/usr/bin/time")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync"]
STAGES = ("read", "text", "evidence", "render")
EXPORTED = ("generator", "site_templates", "content", "seeds", "mkdocs.yml")
CORPUS_ENTRIES = {"CORPUS.md", "mkdocs.yml", "site_templates", "content", "seeds"}
INITIALIZING = "Initializing search"
# Where the search writes its files in the site (its total size is the index's), and the
# globals a search may define once its index is loaded (timed only if one appears).
SEARCH_DIR = "search"
SEARCH_GLOBALS = ("__index", "__archiveSearch")
START = time.perf_counter()
LOAD_AT_START = os.getloadavg()[0]


def say(size: int | None, message: str) -> None:
    where = f"[N={size:,}] " if size else ""
    print(f"{time.perf_counter() - START:7.1f}s {where}{message}", file=sys.stderr, flush=True)


# --- the code measured -------------------------------------------------------------


@dataclass
class Code:
    """Where the generator and the corpus base come from."""

    root: Path  # a folder holding generator/, site_templates/, content/, seeds/, mkdocs.yml
    commit: str  # the commit hash, or "worktree"
    description: str

    def check(self) -> None:
        """The generator a subprocess imports (the plugin too) is the one measured."""
        found = run([sys.executable, "-c", "import generator.plugin as p; print(p.__file__)"],
                    env=self.env(), cwd=self.root).stdout.strip()
        if not Path(found).is_relative_to(self.root):
            raise SystemExit(f"subprocesses import {found}, not the code in {self.root}")

    def env(self) -> dict:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
        env["PYTHONPATH"] = os.pathsep.join(
            [str(self.root)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
        return env


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(REPO), *args], check=True, capture_output=True,
                          text=True).stdout.strip()


def code_at(commit: str, work: Path) -> Code:
    if commit == "worktree":
        head = git("rev-parse", "HEAD")
        dirty = git("status", "--porcelain", "--", *EXPORTED)
        note = " with uncommitted changes" if dirty else ""
        return Code(REPO, "worktree", f"working tree of {REPO} at {head}{note}")
    full = git("rev-parse", "--verify", f"{commit}^{{commit}}")
    target = work / f"code-{full[:12]}"
    if not (target / ".complete").is_file():
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(REPO), "archive", full, *EXPORTED],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
        (target / ".complete").write_text(full + "\n")
    subject = git("log", "-1", "--format=%s", full)
    return Code(target, full, f"{full} ({subject})")


def add_files(digest: "hashlib._Hash", root: Path, names: tuple[str, ...]) -> None:
    """Feed ``digest`` the path and bytes of every file of ``names`` under ``root``, sorted."""
    for name in names:
        base = root / name
        paths = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in paths:
            if "__pycache__" in path.parts:
                continue
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())


def inputs_digest(code: Code) -> str:
    """What a corpus is made from: the corpus maker and the base project files."""
    digest = hashlib.sha256(MAKE_CORPUS.read_bytes())
    add_files(digest, code.root, ("site_templates", "content", "seeds", "mkdocs.yml"))
    return digest.hexdigest()


def corpus_for(size: int, seed: int, code: Code, work: Path) -> Path:
    folder = work / f"corpus-{size}-seed{seed}"
    stamp = work / f"corpus-{size}-seed{seed}.stamp"
    wanted = inputs_digest(code)
    if folder.is_dir() and stamp.is_file() and stamp.read_text().strip() == wanted:
        say(size, f"corpus: cached in {folder}")
        return folder
    say(size, f"corpus: making {folder}")
    started = time.perf_counter()
    stamp.unlink(missing_ok=True)
    run([sys.executable, str(MAKE_CORPUS), "--n", str(size), "--seed", str(seed), "--out",
         str(folder), "--project", str(code.root)], env=code.env(), cwd=code.root)
    stamp.write_text(wanted + "\n")
    say(size, f"corpus: made in {time.perf_counter() - started:.1f} s")
    return folder


def clear_leftovers(size: int, corpus: Path) -> None:
    """Anything a build left in the corpus folder (a cache, say) goes, so each build is cold."""
    for path in sorted(corpus.iterdir()):
        if path.name not in CORPUS_ENTRIES:
            say(size, f"removing {path.name} left in the corpus by an earlier build")
            shutil.rmtree(path) if path.is_dir() else path.unlink()


# --- running and timing --------------------------------------------------------------


def run(command: list[str], env: dict | None = None, timeout: float | None = None,
        cwd: Path | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout,
                            cwd=cwd)
    if result.returncode != 0:
        raise SystemExit(f"failed ({result.returncode}): {' '.join(command)}\n"
                         f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


@dataclass
class Timed:
    seconds: float | None = None
    peak_mb: float | None = None
    warnings: int = 0
    failure: str = ""


def timed_build(command: list[str], env: dict, timeout: float, cwd: Path) -> Timed:
    """Wall time and peak resident memory of one process."""
    wrapped = [str(TIME), "-v", *command] if TIME.is_file() else command
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    try:
        result = subprocess.run(wrapped, env=env, capture_output=True, text=True, timeout=timeout,
                                cwd=cwd)
    except subprocess.TimeoutExpired:
        return Timed(failure=f"> {timeout:.0f} s (stopped)")
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        return Timed(seconds, failure=f"failed ({result.returncode}): {result.stderr[-2000:]}")
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    if match:
        peak_kb = int(match.group(1))
    else:  # the largest child so far: exact only when this one is the largest
        peak_kb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    warnings = sum(1 for line in result.stderr.splitlines() if "WARNING" in line)
    return Timed(seconds, peak_kb / 1024, warnings)


def measure_generator_here(root: Path) -> dict:
    """Run in a fresh process: the generator in-process, its stages timed, as the plugin
    runs it in `mkdocs build`: no memos kept, pages written to a folder as they come."""
    import tempfile

    from generator.pipeline import Project, Timings, generate

    timings = Timings()
    with tempfile.TemporaryDirectory(prefix="archive-bench-pages-") as folder:
        started = time.perf_counter()
        result = generate(Project(root), timings, pages_dir=Path(folder))
        wall = time.perf_counter() - started
        pages = sorted(((result.rendered.pages.file(path).stat().st_size, path)
                        for path in result.rendered.pages), reverse=True)
    import generator
    return {
        "timings": {stage: timings.get(stage, 0.0) for stage in timings},
        "wall": wall,
        "pages": len(result.rendered.pages),
        "data": len(result.rendered.data),
        "static": len(result.rendered.static),
        "markdown_bytes": sum(size for size, _ in pages),
        "largest": pages[:3],
        "entities": len(result.archive.entities),
        "outlets": len(result.archive.outlets),
        "mentions": len(result.archive.mentions),
        "problems": len(result.problems),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "module": str(Path(generator.__file__).parent),
    }


def measure_generator(size: int, corpus: Path, code: Code, timeout: float) -> dict:
    say(size, "generator: generate() in a fresh process")
    result = run([sys.executable, __file__, "--generator-only", str(corpus)], env=code.env(),
                 timeout=timeout, cwd=code.root)
    found = json.loads(result.stdout.strip().splitlines()[-1])
    if not Path(found["module"]).is_relative_to(code.root):
        raise SystemExit(f"measured {found['module']}, not the code in {code.root}")
    stages = ", ".join(f"{k} {v:.2f}" for k, v in found["timings"].items())
    say(size, f"generator: {found['wall']:.1f} s ({stages}); {found['pages']} pages")
    return found


def measure_incremental(size: int, corpus: Path, code: Code, timeout: float) -> dict | None:
    """The generator's rebuilds in one process, as `mkdocs serve` runs them (incremental.py)."""
    say(size, "incremental: one process, one seed changed at a time")
    result = run([sys.executable, str(HERE / "incremental.py"), str(corpus), "--repeat", "3",
                  "--json"], env=code.env(), timeout=timeout, cwd=code.root)
    found = json.loads(result.stdout.strip().splitlines()[-1])
    if not Path(found["module"]).is_relative_to(code.root):
        raise SystemExit(f"measured {found['module']}, not the code in {code.root}")
    changed = sorted(x["total"] for x in found["one seed changed"])
    say(size, f"incremental: unchanged {found['nothing changed'][0]['total']:.2f} s, one seed "
              f"changed {', '.join(f'{t:.2f}' for t in changed)} s")
    return found


def floor_project(size: int, corpus: Path, work: Path, code: Code, timeout: float
                  ) -> tuple[Path, float]:
    """The generated Markdown and the hand-written pages, with a config without the plugin."""
    import yaml

    floor = work / f"floor-{size}"
    docs = floor / "docs"
    if floor.exists():
        shutil.rmtree(floor)
    say(size, "floor: archive build --out (the generated Markdown)")
    started = time.perf_counter()
    run([sys.executable, "-m", "generator", "--root", str(corpus), "build", "--out", str(docs)],
        env=code.env(), timeout=timeout, cwd=code.root)
    written = time.perf_counter() - started
    from mkdocs.utils.yaml import yaml_load  # as MkDocs reads it: `!ENV` tags resolved

    config = yaml_load((corpus / "mkdocs.yml").read_text(encoding="utf-8"))
    pages_dir = corpus / config.get("docs_dir", "docs")
    for path in sorted(p for p in pages_dir.rglob("*") if p.is_file()):
        target = docs / path.relative_to(pages_dir)
        if target.exists():
            raise SystemExit(f"{target} is both a hand-written and a generated page")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    config["docs_dir"] = "docs"
    config["plugins"] = [p for p in config.get("plugins", [])
                         if p != "archive" and not (isinstance(p, dict) and "archive" in p)]
    theme = config.get("theme", {})
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str((corpus / theme["custom_dir"]).resolve())
    (floor / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return floor / "mkdocs.yml", written


@dataclass(frozen=True)
class SiteBuild:
    """One `mkdocs build` to time: its name in the log, its mkdocs.yml, the site it writes."""

    what: str  # "full build", "floor build"
    config: Path
    site: Path


def mkdocs_build(size: int, build: SiteBuild, code: Code, timeout: float) -> Timed:
    if build.site.exists():
        shutil.rmtree(build.site)
    say(size, f"{build.what}: mkdocs build")
    result = timed_build([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(build.config),
                          "-d", str(build.site)], code.env(), timeout, code.root)
    if result.failure:
        say(size, f"{build.what}: {result.failure.splitlines()[0]}")
    else:
        say(size, f"{build.what}: {result.seconds:.1f} s, peak {result.peak_mb:.0f} MB")
    return result


def site_stats(site: Path, articles: int, search_dir: str = SEARCH_DIR) -> dict:
    """The built site, and the search's own files: everything under ``site/<search_dir>``."""
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    folder = site / search_dir
    index = sorted(((p.stat().st_size, p.relative_to(site).as_posix())
                    for p in folder.rglob("*") if p.is_file()), reverse=True) \
        if folder.is_dir() else []
    index_size = sum(size for size, _ in index)
    return {"html": len(pages), "bytes": total, "largest": sorted(pages, reverse=True)[:3],
            "search_dir": search_dir, "index_bytes": index_size, "index_files": len(index),
            "index_largest": index[0] if index else None,
            "index_per_article": index_size / articles}


# --- the browser -----------------------------------------------------------------------

# Installed in the top frame before any of the page's scripts run. Everything is timed on
# the page's clock (performance.now(), 0 at navigation start): keystrokes, every change of
# the result list (with the number of items shown and the meta line), the first focus of
# the search box (given at the load event when asked), and when each search global named
# by the harness first exists.
OBSERVE = """(globals, focusAtLoad) => {
  if (window !== window.top) return;
  const bench = window.__bench = {keys: [], changes: [], metas: [], focus: null, globals: {}};
  document.addEventListener('keydown', () => bench.keys.push(performance.now()), true);
  document.addEventListener('focusin', (event) => {
    if (bench.focus === null && event.target.matches('input.md-search__input'))
      bench.focus = performance.now();
  }, true);
  const look = () => {
    for (const name of globals)
      if (!(name in bench.globals) && typeof window[name] !== 'undefined')
        bench.globals[name] = performance.now();
    if (Object.keys(bench.globals).length < globals.length) setTimeout(look, 5);
  };
  look();
  // The search box is focused by the page itself at the load event, as a reader's click
  // would, so that the harness's own delay in clicking is not counted against the search.
  if (focusAtLoad) window.addEventListener('load', () => {
    const box = document.querySelector('input.md-search__input');
    if (box !== null) box.focus();
  });
  document.addEventListener('DOMContentLoaded', () => {
    const result = document.querySelector('.md-search-result');
    const text = () => {
      const meta = document.querySelector('.md-search-result__meta');
      return meta === null ? null : meta.textContent.trim();
    };
    bench.metas.push([performance.now(), text()]);
    if (result === null) return;
    new MutationObserver(() => {
      const now = performance.now(), meta = text();
      bench.changes.push([now, document.querySelectorAll('.md-search-result__item').length]);
      if (meta !== bench.metas[bench.metas.length - 1][1]) bench.metas.push([now, meta]);
    }).observe(result, {childList: true, subtree: true, characterData: true});
  });
}"""
LOADED = "performance.getEntriesByType('navigation')[0].loadEventEnd"


@dataclass
class Query:
    term: str
    first: float | None = None  # s from the last keystroke to a visible result
    settled: float | None = None  # s from the last keystroke to the last change of the results
    meta: str = ""
    bytes: int = 0  # bytes of the files requested from the first keystroke until settled
    files: list = field(default_factory=list)  # [path, bytes] of each such request
    failure: str = ""


@dataclass
class BrowserRun:
    loaded: float | None = None  # the page's load event, s on its clock
    index_global: str = ""  # the search global that appeared first, if any
    index: float | None = None  # s on the page's clock when it appeared
    index_after_load: float | None = None  # and after the load event (< 0: before it)
    focused: float | None = None  # s on the page's clock when the search box got focus
    ready: float | None = None  # s on the page's clock when the search said it was ready
    ready_after_load: float | None = None
    answer_term: str = ""  # typed as soon as the box has focus, on a second cold load
    answer_after_load: float | None = None  # load event → its first results
    answer_key_after_load: float | None = None  # load event → its last key (the harness's)
    load_bytes: int = 0  # bytes of the files requested from navigation until ready
    load_search_bytes: int = 0  # the part under the site's search folder
    load_files: list = field(default_factory=list)
    queries: list[Query] = field(default_factory=list)
    failure: str = ""
    blocked: int = 0


class Reads:
    """The bytes of every file:// request, filed under what the harness was doing."""

    def __init__(self, site: Path, search_dir: str):
        self.site, self.search_dir = site.resolve(), search_dir
        self.phase = "load"
        self.seen: dict[str, list[tuple[str, int]]] = {}

    def request(self, request) -> None:
        path, size = file_request(request.url, self.site)
        if path is not None:
            self.seen.setdefault(self.phase, []).append((path, size))

    def take(self, phase: str) -> tuple[int, list[tuple[str, int]]]:
        files = self.seen.pop(phase, [])
        return sum(size for _, size in files), files


def file_request(url: str, site: Path) -> tuple[str | None, int]:
    """A file:// URL's path (relative to the site when inside it) and its size on disk;
    (None, 0) for any other URL (data:, blob:, about:, blocked ones)."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme != "file":
        return None, 0
    local = Path(unquote(parts.path))
    size = local.stat().st_size if local.is_file() else 0
    try:
        return local.relative_to(site).as_posix(), size
    except ValueError:
        return local.as_posix(), size


def search_bytes(files: list, search_dir: str) -> int:
    return sum(size for path, size in files if path.startswith(search_dir.rstrip("/") + "/"))


@dataclass(frozen=True)
class BrowserSetup:
    """What the browser opens and watches: the built site, its folder of search files,
    the search globals timed when they appear, and the seconds each step may take."""

    site: Path
    limit: float
    search_dir: str = SEARCH_DIR
    globals_: tuple[str, ...] = SEARCH_GLOBALS

    @property
    def limit_ms(self) -> float:
        return self.limit * 1000

    @property
    def home(self) -> str:
        """The site's home page as a file:// address."""
        return (self.site / "index.html").resolve().as_uri()


def browser_measure(size: int, setup: BrowserSetup, terms: list[str],
                    answer_term: str | None = None) -> BrowserRun:
    """Open the site's home page from file:// and time its search.

    First load: the load event; when a search global first exists (if the search has
    one); the search box clicked and focused; the search usable, which Material's DOM
    says by its meta line leaving “Initializing search” once the box has focus; then each
    term typed in turn with its first results, settled results and the bytes it read.
    Second load, in a fresh context: ``answer_term`` typed as soon as the box has focus,
    timed from the load event to its first results, whatever the search says of itself."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        return BrowserRun(failure="playwright is not installed")
    if not CHROMIUM.is_file():
        return BrowserRun(failure=f"{CHROMIUM} is not installed")
    out = BrowserRun(answer_term=answer_term or "")
    limit_ms, search_dir = setup.limit_ms, setup.search_dir
    reads = Reads(setup.site, search_dir)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            page = open_page(browser, setup, out, reads, focus_at_load=True)
            say(size, "browser: opening index.html from file://")
            page.goto(setup.home, wait_until="load", timeout=limit_ms)
            out.loaded = page.evaluate(LOADED) / 1000
            page.locator("input.md-search__input").click()
            page.wait_for_function("window.__bench.focus !== null")
            page.wait_for_function(
                f"""() => {{ const m = document.querySelector('.md-search-result__meta');
                    return m !== null && m.textContent.trim() !== {json.dumps(INITIALIZING)}; }}""",
                timeout=limit_ms)
            bench = page.evaluate("window.__bench")
            out.focused = bench["focus"] / 1000
            out.ready = ready_time(bench["metas"], bench["focus"]) / 1000
            out.ready_after_load = max(0.0, out.ready - out.loaded)
            if bench["globals"]:
                out.index_global, at = min(bench["globals"].items(), key=lambda kv: kv[1])
                out.index = at / 1000
                out.index_after_load = out.index - out.loaded
            out.load_bytes, out.load_files = reads.take("load")
            out.load_search_bytes = search_bytes(out.load_files, search_dir)
            index = (f"{out.index_global} defined at {out.index:.2f} s, " if out.index_global
                     else "no search global, ")
            say(size, f"browser: page loaded at {out.loaded:.2f} s, {index}search usable at "
                      f"{out.ready:.2f} s ({out.ready_after_load:.2f} s after the load event); "
                      f"{out.load_bytes / 1e6:.2f} MB read "
                      f"({out.load_search_bytes / 1e6:.2f} MB under {search_dir}/)")
            for term in terms:
                query = one_query(page, term, limit_ms, reads)
                out.queries.append(query)
                say(size, f"browser: {term!r}: " + (query.failure or
                    f"first result {query.first:.2f} s, settled {query.settled:.2f} s "
                    f"after the last key ({query.meta}); {query.bytes / 1e6:.3f} MB read in "
                    f"{len(query.files)} files"))
                if query.failure:
                    break
            page.context.close()
            if answer_term:
                out.answer_after_load, out.answer_key_after_load = first_answer(
                    browser, setup, out, answer_term)
                say(size, f"browser: cold load, {answer_term!r} typed at once: first results "
                          f"{out.answer_after_load:.2f} s after the load event (last key at "
                          f"{out.answer_key_after_load:.2f} s)")
        except PlaywrightError as exc:
            out.failure = f"> {setup.limit:.0f} s or failed: {str(exc).splitlines()[0]}"
            say(size, f"browser: {out.failure}")
        finally:
            browser.close()
    return out


def open_page(browser, setup: BrowserSetup, out: BrowserRun, reads: Reads | None,
              focus_at_load: bool = False):
    """A fresh context (nothing cached) whose only reachable URLs are file:// ones."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            out.blocked += 1
            r.abort()

    context.route("**/*", route)
    if reads is not None:
        context.on("request", reads.request)
    page = context.new_page()
    page.set_default_timeout(setup.limit_ms)
    page.add_init_script(f"({OBSERVE})({json.dumps(list(setup.globals_))}, "
                         f"{json.dumps(focus_at_load)})")
    return page


def ready_time(metas: list, focus: float) -> float:
    """When the search said it was usable: the first meta line other than “Initializing
    search”, once the box had focus (at the focus itself if it said so already)."""
    for at, text in metas:
        if text is not None and text != INITIALIZING:
            return max(at, focus)
    raise ValueError("the search never left “Initializing search”")


def first_answer(browser, setup: BrowserSetup, out: BrowserRun, term: str) -> tuple[float, float]:
    """Load the page cold, enter ``term`` as soon as the box has focus (all but its last
    letter at once, the last typed), and return s from the load event to its first
    results (usable and first results together, as a reader in a hurry sees them) and
    to the last key (how long the harness took to type it)."""
    page = open_page(browser, setup, out, None, focus_at_load=True)
    limit_ms = setup.limit_ms
    try:
        page.goto(setup.home, wait_until="load", timeout=limit_ms)
        box = page.locator("input.md-search__input")
        box.click()
        box.fill(term[:-1])
        page.keyboard.press(term[-1])
        page.wait_for_function(
            "() => { const b = window.__bench; const k = b.keys[b.keys.length - 1];"
            " return b.changes.some(([t, n]) => t > k && n > 0); }", timeout=limit_ms)
        loaded, keys, changes = page.evaluate(f"[{LOADED}, __bench.keys, __bench.changes]")
        shown = next(t for t, count in changes if t > keys[-1] and count > 0)
        return (shown - loaded) / 1000, (keys[-1] - loaded) / 1000
    finally:
        page.context.close()


def one_query(page, term: str, limit_ms: float, reads: Reads | None = None) -> Query:
    from playwright.sync_api import Error as PlaywrightError

    query = Query(term)
    items = page.locator(".md-search-result__item")
    phase = f"query {term}"
    try:
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        page.wait_for_function("document.querySelectorAll('.md-search-result__item').length === 0",
                               timeout=limit_ms)
        page.evaluate("() => { __bench.keys = []; __bench.changes = []; }")
        if reads is not None:
            reads.phase = phase
        page.keyboard.type(term, delay=20)
        items.first.wait_for(state="visible", timeout=limit_ms)
        deadline = time.perf_counter() + limit_ms / 1000
        while True:  # the results settle: nothing changed for a second
            now, keys, changes = page.evaluate(
                "() => [performance.now(), __bench.keys, __bench.changes]")
            last_change = changes[-1][0] if changes else 0.0
            if now - last_change >= 1000 or time.perf_counter() > deadline:
                break
            time.sleep(0.2)
        last_key = keys[-1]
        # The first change after the last keystroke that shows a result (none: the
        # results of a shorter prefix were already there and stayed).
        shown = [t for t, count in changes if t > last_key and count > 0]
        query.first = (shown[0] - last_key) / 1000 if shown else 0.0
        query.settled = max(0.0, last_change - last_key) / 1000
        query.meta = page.inner_text(".md-search-result__meta").strip()
    except PlaywrightError as exc:
        query.failure = f"> {limit_ms / 1000:.0f} s or failed: {str(exc).splitlines()[0]}"
    finally:
        if reads is not None:
            reads.phase = "after queries"
            query.bytes, files = reads.take(phase)
            query.files = [list(f) for f in files]
    return query


# --- one size -----------------------------------------------------------------------------


@dataclass
class SizeResult:
    size: int
    generator: dict
    markdown_write: float
    full: Timed
    floor: Timed
    site: dict | None
    browser: BrowserRun | None
    rare: str
    incremental: dict | None = None


def measure(size: int, args, code: Code) -> SizeResult:
    corpus = corpus_for(size, args.seed, code, args.work)
    clear_leftovers(size, corpus)
    generator = measure_generator(size, corpus, code, args.timeout)
    incremental = (measure_incremental(size, corpus, code, args.timeout)
                   if size <= args.incremental_max else None)
    clear_leftovers(size, corpus)
    site_dir = args.work / f"site-{size}"
    full = mkdocs_build(size, SiteBuild("full build", corpus / "mkdocs.yml", site_dir), code,
                        args.timeout)
    clear_leftovers(size, corpus)
    config, written = floor_project(size, corpus, args.work, code, args.timeout)
    say(size, f"floor: Markdown written in {written:.1f} s")
    floor = mkdocs_build(size, SiteBuild("floor build", config, args.work / f"floor-{size}" / "site"),
                         code, args.timeout)
    site = None if full.failure else site_stats(site_dir, size, args.search_dir)
    if site:
        name = site["largest"][0][1]
        say(size, f"site: {site['html']} HTML pages, {site['bytes'] / 1e6:.1f} MB, largest "
                  f"{name} {site['largest'][0][0] / 1e6:.2f} MB, search folder "
                  f"{site['index_bytes'] / 1e6:.1f} MB in {site['index_files']} files")
        floor_html = len(list((args.work / f"floor-{size}" / "site").rglob("*.html")))
        if not floor.failure and floor_html != site["html"]:
            say(size, f"note: the floor site has {floor_html} HTML pages, the full one "
                      f"{site['html']}")
    browser = None
    if site and not args.no_browser:
        setup = BrowserSetup(site_dir, args.browser_timeout, args.search_dir)
        browser = browser_measure(size, setup, query_terms(args), answer_term=args.rare)
    return SizeResult(size, generator, written, full, floor, site, browser, args.rare, incremental)


def query_terms(args) -> list[str]:
    return [args.common, args.rare, args.two_words]


# --- the search alone ------------------------------------------------------------------------


def site_stamp(site: Path) -> Path:
    return site.with_name(site.name + ".stamp")


def site_digest(code: Code, corpus: Path) -> str:
    """What a built site is made from: the code's files, the corpus, MkDocs and Material."""
    digest = hashlib.sha256()
    add_files(digest, code.root, EXPORTED)
    stamp = corpus.with_name(corpus.name + ".stamp")
    digest.update(stamp.read_bytes() if stamp.is_file() else b"no corpus stamp")
    for dist in ("mkdocs", "mkdocs-material"):
        digest.update(f"{dist} {version(dist)}".encode())
    return digest.hexdigest()


def site_for(size: int, args, code: Code) -> tuple[Path, Path | None, dict | None]:
    """The site to search: ``--site`` as given, or the commit's build of the size's
    corpus, made once and reused while the code, corpus and theme are the same."""
    if args.site:
        say(size, f"site: {args.site} as given")
        return args.site, None, None
    corpus = corpus_for(size, args.seed, code, args.work)
    site = args.work / f"site-{size}-{args.label or short_label(code)}"
    wanted = site_digest(code, corpus)
    stamp = site_stamp(site)
    if site.is_dir() and stamp.is_file() and stamp.read_text().strip() == wanted:
        say(size, f"site: built before from the same code and corpus, {site}")
        return site, corpus, None
    stamp.unlink(missing_ok=True)
    clear_leftovers(size, corpus)
    built = mkdocs_build(size, SiteBuild("full build", corpus / "mkdocs.yml", site), code,
                         args.timeout)
    clear_leftovers(size, corpus)
    if built.failure:
        raise SystemExit(f"the build of {corpus} failed: {built.failure}")
    stamp.write_text(wanted + "\n")
    return site, corpus, {"seconds": built.seconds, "peak_mb": built.peak_mb}


def display_path(path: Path) -> str:
    path = path.resolve()
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def search_only(args, code: Code) -> dict:
    """The search measured alone: each size's site (built once) in the browser."""
    sizes = []
    for size in args.sizes:
        site, corpus, built = site_for(size, args, code)
        stats = site_stats(site, size, args.search_dir)
        say(size, f"site: search folder {args.search_dir}/ {stats['index_bytes'] / 1e6:.2f} MB "
                  f"in {stats['index_files']} files")
        repeats = []
        for turn in range(args.repeat):
            if args.repeat > 1:
                say(size, f"browser: run {turn + 1} of {args.repeat}")
            setup = BrowserSetup(site, args.browser_timeout, args.search_dir)
            repeats.append(asdict(browser_measure(size, setup, query_terms(args),
                                                  answer_term=args.rare)))
        sizes.append({"size": size, "site": str(site), "corpus": str(corpus) if corpus else None,
                      "built": built, "stats": stats, "browser": median_run(repeats),
                      "repeats": repeats})
        say(size, "done")
    return {"label": args.label or short_label(code), "code": code.description,
            "commit": code.commit, "machine": machine(code), "command": " ".join(sys.argv[1:]),
            "sizes": sizes}


MEDIAN_FIELDS = ("loaded", "index", "index_after_load", "focused", "ready", "ready_after_load",
                 "answer_after_load", "answer_key_after_load", "load_bytes",
                 "load_search_bytes")
MEDIAN_QUERY_FIELDS = ("first", "settled", "bytes")


def median_run(runs: list[dict]) -> dict:
    """One browser run of several: the median of each time and byte count, each query's
    too (a failed run or query counts only if all failed: its failure is then kept)."""
    import statistics

    good = [r for r in runs if not r["failure"]] or runs[:1]
    out = dict(good[0], queries=[dict(q) for q in good[0]["queries"]])
    for name in MEDIAN_FIELDS:
        values = [r[name] for r in good if r.get(name) is not None]
        out[name] = statistics.median(values) if values else None
    for query in out["queries"]:
        same = [q for r in good for q in r["queries"] if q["term"] == query["term"]]
        done = [q for q in same if not q["failure"]]
        if done:
            query["failure"] = ""
            query["meta"] = done[0]["meta"]
            query["files"] = done[0]["files"]
            for name in MEDIAN_QUERY_FIELDS:
                query[name] = statistics.median(q[name] for q in done)
    out["runs"] = len(runs)
    return out


def short_label(code: Code) -> str:
    return code.commit[:12] if code.commit != "worktree" else "worktree"


# --- the table ---------------------------------------------------------------------------------


def secs(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:.0f}"


def mb(value: float | None) -> str:
    return "–" if value is None else f"{value / 1e6:.2f}" if value < 1e7 else f"{value / 1e6:.0f}"


def ratio(a: float | None, b: float | None) -> str:
    if not a or not b:
        return ""
    return f"×{a / b:.1f}" if a / b < 100 else f"×{a / b:.0f}"


def build_cell(t: Timed, value: float | None) -> str:
    return t.failure.splitlines()[0] if t.failure else secs(value)


def browser_cell(r: SizeResult, pick) -> str:
    if r.browser is None:
        return "not run"
    value = pick(r.browser)
    if value is None:
        return r.browser.failure or "–"
    return value if isinstance(value, str) else secs(value)


def query_cell(r: SizeResult, index: int, what: str) -> str:
    b = r.browser
    if b is None:
        return "not run"
    if index >= len(b.queries):
        return b.failure or "not reached"
    q = b.queries[index]
    if q.failure:
        return q.failure
    return {"first": secs(q.first), "settled": secs(q.settled), "meta": q.meta,
            "bytes": f"{mb(q.bytes)} ({len(q.files)})"}[what]


def rows(results: list[SizeResult]) -> list[tuple[str, list[str], list[float | None]]]:
    """(label, cell per size, number per size for the growth columns)."""
    out = []

    def add(label, cells, numbers=None):
        out.append((label, cells, numbers or [None] * len(results)))

    g = [r.generator for r in results]
    add("articles", [f"{r.size:,}" for r in results], [r.size for r in results])
    add("entities (actors, places, events) / outlets",
        [f"{x['entities']:,} / {x['outlets']}" for x in g], [x["entities"] for x in g])
    add("mentions found", [f"{x['mentions']:,}" for x in g], [x["mentions"] for x in g])
    add("problems the generator reports", [f"{x['problems']}" for x in g])
    for stage in STAGES:
        values = [x["timings"].get(stage) for x in g]
        add(f"generator: {stage} (s)", [secs(v) for v in values], values)
    totals = [sum(x["timings"].values()) for x in g]
    add("**generator total (s)**", [f"**{secs(v)}**" for v in totals], totals)
    inc = [r.incremental for r in results]
    unchanged = [x["nothing changed"][0]["total"] if x else None for x in inc]
    changed = [sorted(c["total"] for c in x["one seed changed"])[1] if x else None for x in inc]
    add("generator rebuild in one process, nothing changed (s)", [secs(v) for v in unchanged],
        unchanged)
    add("generator rebuild in one process, one seed changed (s, median of 3)",
        [secs(v) for v in changed], changed)
    add("generator peak memory (MB)", [f"{x['peak_mb']:.0f}" for x in g],
        [x["peak_mb"] for x in g])
    add("generated pages / data files / raw captures",
        [f"{x['pages']:,} / {x['data']} / {x['static']:,}" for x in g], [x["pages"] for x in g])
    add("generated Markdown (MB)", [mb(x["markdown_bytes"]) for x in g],
        [x["markdown_bytes"] for x in g])
    add("largest generated page (MB)",
        [f"{x['largest'][0][1]} {mb(x['largest'][0][0])}" for x in g],
        [x["largest"][0][0] for x in g])
    add("`archive build --out` (s)", [secs(r.markdown_write) for r in results],
        [r.markdown_write for r in results])
    full = [r.full.seconds if not r.full.failure else None for r in results]
    add("**mkdocs build, full (s)**", [f"**{build_cell(r.full, r.full.seconds)}**" for r in results],
        full)
    add("mkdocs build, full: peak memory (MB)",
        [f"{r.full.peak_mb:.0f}" if r.full.peak_mb else "–" for r in results],
        [r.full.peak_mb for r in results])
    floor = [r.floor.seconds if not r.floor.failure else None for r in results]
    add("mkdocs build, floor: generator off (s)",
        [build_cell(r.floor, r.floor.seconds) for r in results], floor)
    add("mkdocs build, floor: peak memory (MB)",
        [f"{r.floor.peak_mb:.0f}" if r.floor.peak_mb else "–" for r in results],
        [r.floor.peak_mb for r in results])
    add("generator / full build", [f"{t / f:.0%}" if f else "–" for t, f in zip(totals, full, strict=True)])
    add("full − floor (s)", [secs(f - fl) if f and fl else "–" for f, fl in zip(full, floor, strict=True)])
    s = [r.site for r in results]
    add("HTML pages", [f"{x['html']:,}" if x else "–" for x in s],
        [x["html"] if x else None for x in s])
    add("site size (MB)", [mb(x["bytes"]) if x else "–" for x in s],
        [x["bytes"] if x else None for x in s])
    add("largest HTML page (MB)",
        [f"{x['largest'][0][1]} {mb(x['largest'][0][0])}" if x else "–" for x in s],
        [x["largest"][0][0] if x else None for x in s])
    add("search folder (MB, files)",
        [f"{mb(x['index_bytes'])} ({x.get('index_files', '?')})" if x else "–" for x in s],
        [x["index_bytes"] if x else None for x in s])
    add("search folder bytes per article",
        [f"{x['index_per_article']:,.0f}" if x else "–" for x in s],
        [x["index_per_article"] if x else None for x in s])
    b = [r.browser for r in results]
    add("browser: page load event (s, page clock)",
        [browser_cell(r, lambda b: b.loaded) for r in results],
        [x.loaded if x else None for x in b])
    add("browser: search global defined (s, page clock)",
        [browser_cell(r, lambda b: b.index if b.index_global else "none") for r in results],
        [x.index if x else None for x in b])
    add("browser: search usable (s, page clock)",
        [browser_cell(r, lambda b: b.ready) for r in results], [x.ready if x else None for x in b])
    add("browser: page loaded → search usable (s)",
        [browser_cell(r, lambda b: b.ready_after_load) for r in results],
        [x.ready_after_load if x else None for x in b])
    add(f"browser: page loaded → first results of “{results[0].rare}” typed at once (s)",
        [browser_cell(r, lambda b: b.answer_after_load) for r in results],
        [x.answer_after_load if x else None for x in b])
    add("browser: read until search usable (MB)",
        [browser_cell(r, lambda b: mb(b.load_bytes) if b.loaded else None) for r in results],
        [x.load_bytes if x else None for x in b])
    terms = [q.term for q in b[0].queries] if b and b[0] and b[0].queries else []
    for index, term in enumerate(terms):
        add(f"browser: “{term}” last key → first result (s)",
            [query_cell(r, index, "first") for r in results])
        add(f"browser: “{term}” last key → results settled (s)",
            [query_cell(r, index, "settled") for r in results],
            [r.browser.queries[index].settled if r.browser and len(r.browser.queries) > index
             and not r.browser.queries[index].failure else None for r in results])
        add(f"browser: “{term}” results", [query_cell(r, index, "meta") for r in results])
        add(f"browser: “{term}” read (MB, files)", [query_cell(r, index, "bytes") for r in results])
    return out


def table(results: list[SizeResult]) -> str:
    sizes = [r.size for r in results]
    growth = [(i, i - 1) for i in range(1, len(sizes))]
    head = ["measure"] + [f"N={n:,}" for n in sizes] + [
        f"{short(sizes[i])}/{short(sizes[j])}" for i, j in growth]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label, cells, numbers in rows(results):
        extra = [ratio(numbers[i], numbers[j]) for i, j in growth]
        lines.append("| " + " | ".join([label, *cells, *extra]) + " |")
    return "\n".join(lines)


def short(n: int) -> str:
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n)


def largest_pages(results: list[SizeResult]) -> str:
    lines = []
    for r in results:
        md = ", ".join(f"{path} {mb(size)} MB" for size, path in r.generator["largest"])
        html = ", ".join(f"{path} {mb(size)} MB" for size, path in r.site["largest"]) \
            if r.site else "–"
        lines.append(f"- N={r.size:,}: Markdown: {md}; HTML: {html}")
    return "\n".join(lines)


# --- the search table: one or more runs of --search-only, side by side -----------------------

TARGET_SIZE = 10000
TARGET_USABLE = 0.3  # s from the load event to a usable search
TARGET_FIRST = 0.2  # s from the last key to the first results
TARGET_READ = 1_000_000  # bytes read by one query
SECTION_START = "<!-- search measured alone: written by benchmarks/run.py --compare -->"
SECTION_END = "<!-- end of the search measured alone -->"


def size_text(n: int | None) -> str:
    if n is None:
        return "–"
    if n < 1000:
        return f"{n} B"
    return f"{n / 1e3:.0f} KB" if n < 1e6 else f"{n / 1e6:.2f} MB" if n < 1e7 else \
        f"{n / 1e6:.1f} MB" if n < 1e8 else f"{n / 1e6:.0f} MB"


def run_columns(runs: list[dict]) -> list[tuple[dict, dict]]:
    """(run, one size's entry) for each column: by size, then in the order given."""
    sizes = sorted({e["size"] for r in runs for e in r["sizes"]})
    return [(r, e) for n in sizes for r in runs for e in r["sizes"] if e["size"] == n]


def query_of(entry: dict, term: str) -> dict | None:
    return next((q for q in entry["browser"]["queries"] if q["term"] == term), None)


def search_rows(runs: list[dict]) -> list[tuple[str, list[str]]]:
    """(label, cell per column): the page's rows, then four rows for each term typed."""
    columns = run_columns(runs)
    out = [(label, search_cells(columns, pick)) for label, pick in (
        ("search folder in the site (total; files; largest)", folder_cell),
        ("page load event (s, page clock)", lambda e, b: b["loaded"]),
        ("search global defined (s after the load event)", global_cell),
        ("**load event → search usable (s)**", lambda e, b: b["ready_after_load"]),
        ("load event → first results of the rare name typed at once (s; its last key at)",
         answer_cell),
        ("read from navigation to usable (all; under the search folder)", load_read_cell))]
    for term in search_terms(columns):
        out += [(f"“{term}”: {label}", search_cells(columns, query_pick(term, what)))
                for label, what in QUERY_ROWS]
    return out


# The rows of each term typed: their label after the term, and what of its query they show.
QUERY_ROWS = (("**last key → first results (s)**", "first"),
              ("last key → results settled (s)", "settled"), ("results", "meta"),
              ("read from the first key until settled", "read"))


def search_cells(columns: list[tuple[dict, dict]], pick) -> list[str]:
    """One row's cells: ``pick(entry, browser run)`` of each column, as text; where it has
    no value (or the run lacks it), the run's failure or a dash."""
    cells = []
    for _, entry in columns:
        b = entry["browser"]
        try:
            value = pick(entry, b)
        except (KeyError, TypeError):
            value = None
        cells.append(value if isinstance(value, str) else
                     secs(value) if value is not None else (b.get("failure") or "–"))
    return cells


def folder_cell(entry: dict, b: dict) -> str:
    s = entry["stats"]
    largest = s.get("index_largest")
    big = f"; largest {largest[1]} {size_text(largest[0])}" if largest else ""
    return f"{size_text(s['index_bytes'])} in {s['index_files']} files{big}"


def answer_cell(entry: dict, b: dict) -> str | float | None:
    if b.get("answer_key_after_load") is not None:
        return f"{secs(b['answer_after_load'])} ({secs(b['answer_key_after_load'])})"
    return b["answer_after_load"]


def load_read_cell(entry: dict, b: dict) -> str | None:
    if b["loaded"] is None:
        return None
    return f"{size_text(b['load_bytes'])}; {size_text(b['load_search_bytes'])}"


def search_terms(columns: list[tuple[dict, dict]]) -> list[str]:
    """Every term typed in any column, in the order first typed."""
    terms: list[str] = []
    for _, entry in columns:
        for q in entry["browser"]["queries"]:
            if q["term"] not in terms:
                terms.append(q["term"])
    return terms


def query_pick(term: str, what: str):
    """A cell's pick: ``what`` of the query of ``term`` ("first", "settled", "meta", or
    "read", its bytes and files), or why there is none."""
    def get(e, b):
        q = query_of(e, term)
        if q is None:
            return "not run"
        if q["failure"]:
            return q["failure"]
        if what == "read":
            return f"{size_text(q['bytes'])} ({len(q['files'])} files)"
        return q[what]
    return get


def global_cell(entry: dict, b: dict) -> str:
    if not b["index_global"]:
        return "none"
    after = b.get("index_after_load")
    if after is None:
        after = b["index"] - b["loaded"]
    when = secs(after) if after >= 0.005 else "at or before the load event"
    return f"{when} (`{b['index_global']}`)"


def search_table(runs: list[dict]) -> str:
    head = ["measure"] + [f"{r['label']}, N={e['size']:,}" + (
        f" (median of {e['browser']['runs']})" if e["browser"].get("runs", 1) > 1 else "")
        for r, e in run_columns(runs)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label, cells in search_rows(runs):
        lines.append("| " + " | ".join([label, *cells]) + " |")
    return "\n".join(lines)


def target_checks(entry: dict | None) -> list[tuple[str, str, bool | None]]:
    """(target, what was measured, met) for one run's entry at the target size."""
    names = [f"usable ≤ {TARGET_USABLE} s after the load event",
             f"first results ≤ {TARGET_FIRST} s after the last key, every query",
             f"each query reads ≤ {TARGET_READ / 1e6:.0f} MB"]
    if entry is None:
        return [(name, "not measured", None) for name in names]
    b = entry["browser"]
    queries = b["queries"]
    failed = b.get("failure") or next((q["failure"] for q in queries if q["failure"]), "")
    usable = b.get("ready_after_load")
    firsts = [(q["term"], q["first"]) for q in queries if not q["failure"]]
    reads = [(q["term"], q["bytes"]) for q in queries if not q["failure"]]
    complete = bool(queries) and not failed
    return [
        (names[0], secs(usable) + " s" if usable is not None else failed or "–",
         usable <= TARGET_USABLE if usable is not None else False),
        (names[1], "; ".join(f"{t} {secs(v)} s" for t, v in firsts) or failed or "–",
         complete and all(v <= TARGET_FIRST for _, v in firsts)),
        (names[2], "; ".join(f"{t} {size_text(v)}" for t, v in reads) or failed or "–",
         complete and all(v <= TARGET_READ for _, v in reads)),
    ]


def targets_table(runs: list[dict]) -> str:
    head = ["target, at N=" + f"{TARGET_SIZE:,}"] + [f"{r['label']}: measured" for r in runs] + [
        f"{r['label']}: met?" for r in runs]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    checks = [target_checks(next((e for e in r["sizes"] if e["size"] == TARGET_SIZE), None))
              for r in runs]
    for i, (name, _, _) in enumerate(checks[0]):
        measured = [c[i][1] for c in checks]
        met = ["–" if c[i][2] is None else "yes" if c[i][2] else "no" for c in checks]
        lines.append("| " + " | ".join([name, *measured, *met]) + " |")
    return "\n".join(lines)


def search_section(runs: list[dict], files: list[str]) -> str:
    labels = " and ".join(r["label"] for r in runs)
    runs_text = []
    for r in runs:
        runs_text.append(f"- *{r['label']}*: `python benchmarks/run.py {r['command']}`; code "
                         f"measured: {r['code']}")
        runs_text.extend("  " + line for line in r["machine"] if not line.startswith("- code"))
        runs_text.append("  - sites measured: " + "; ".join(
            f"N={e['size']:,} `{e['site']}`" for e in r["sizes"]))
    return "\n".join([
        SECTION_START,
        f"## Search: {labels}",
        "",
        f"The search measured alone (`benchmarks/run.py --search-only`), written by "
        f"`python benchmarks/run.py --compare {' '.join(files)}`. The runs:",
        "",
        *runs_text,
        "",
        search_table(runs),
        "",
        targets_table(runs),
        "",
        "What each row is: the site's home page opened in Debian's chromium, headless, from "
        "file:// with every other request aborted, everything timed on the page's clock. "
        "*Usable*: the page focuses the search box at its load event (as a reader's click "
        "would, without the harness's delay; the harness then clicks it too), and the search "
        f"then stops saying “{INITIALIZING}” in Material's `.md-search-result__meta` (0 if it "
        "already had). *Typed at once*: a second, cold load where the rare name is entered as "
        "soon as the box has focus; from the load event to its first results, and in "
        "brackets to its last key, which is the harness's own delay. *Search global*: when `window.__index` "
        "(the old search) or `window.__archiveSearch` first exists, if either does. "
        "Queries are typed with 20 ms between keys; *first results* is the first change of "
        "the result list after the last key that shows a `.md-search-result__item`, "
        "*settled* the last change (nothing changed for a second). *Read*: the sizes on "
        "disk of the files the page requested (every file:// request Playwright reports), "
        "from navigation until usable, and from a query's first key until it settled; a "
        "search that loads its whole index with the page reads nothing per query, and its "
        "cost is in the row read until usable. Where a run was repeated, each figure is the "
        "median of the runs (all of them are in the JSON). "
        "*Search folder*: everything under the site's `search/` folder.",
        SECTION_END,
    ])


def replace_section(text: str, section: str) -> str:
    """``text`` with its search section replaced by ``section``, or ``section`` added at the
    end when it has none."""
    start, end = text.find(SECTION_START), text.find(SECTION_END)
    if start != -1 and end > start:
        return text[:start] + section + text[end + len(SECTION_END):]
    return text.rstrip("\n") + "\n\n" + section + "\n"


def kept_section(text: str) -> str:
    """The search section of ``text`` (empty if none), kept when the full table is written."""
    start, end = text.find(SECTION_START), text.find(SECTION_END)
    return text[start:end + len(SECTION_END)] if start != -1 and end > start else ""


# --- the machine ----------------------------------------------------------------------------


def version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine(code: Code) -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))
        memory = f"{int(mem) / 1024 ** 2:.1f} GiB"
    except (OSError, StopIteration):
        memory = "unknown"
    try:
        chromium = subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True,
                                  timeout=30).stdout.strip() or "unknown"
    except (OSError, subprocess.TimeoutExpired):
        chromium = "not installed"

    return [
        f"- date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- code measured: {code.description}",
        f"- CPU: {cpu}; {len(os.sched_getaffinity(0))} cores available (nproc); "
        f"memory {memory}; {platform.system()} {platform.release()}; load average "
        f"{os.getloadavg()[0]:.2f} when the table was written, {LOAD_AT_START:.2f} at the start",
        f"- Python {platform.python_version()}; MkDocs {version('mkdocs')}; Material "
        f"{version('mkdocs-material')}; Playwright {version('playwright')}; {chromium}",
    ]


def results_file(results: list[SizeResult], args, code: Code, elapsed: float) -> str:
    sizes = " ".join(str(r.size) for r in results)
    return "\n".join([
        "# Benchmark results",
        "",
        f"Written by `python benchmarks/run.py --sizes {sizes} --seed {args.seed} "
        f"--commit {args.commit} --timeout {args.timeout:.0f} --browser-timeout "
        f"{args.browser_timeout:.0f}{' --no-browser' if args.no_browser else ''} "
        f"--write-results` in {elapsed / 60:.1f} minutes. "
        "How to run it: README.md, \"Benchmarks\".",
        "",
        *machine(code),
        "",
        table(results),
        "",
        "The last columns divide a size's number by the previous size's: ×10 on a tenfold "
        "corpus is linear growth.",
        "",
        "Largest pages:",
        "",
        largest_pages(results),
        "",
        "What each row is:",
        "",
        "- *generator*: `generate(Project(root), timings, pages_dir=...)` in a fresh Python "
        "process, as `mkdocs build` runs it (no memos kept, pages written to a folder as they "
        "are made); seconds per stage as the pipeline times them; peak memory is that "
        "process's.",
        "- *rebuild in one process*: `benchmarks/incremental.py` on a copy of the corpus: "
        "`generate()` cold, again with nothing changed, then three times after one seed gains "
        "a sentence, in one process as `mkdocs serve` keeps it (sizes up to "
        "`--incremental-max`).",
        "- *mkdocs build, full*: `python -m mkdocs build -q` of the corpus with the `archive` "
        "plugin (it runs the generator), wall time; peak memory from `/usr/bin/time -v`.",
        "- *floor*: the same build of the Markdown already written by `archive build --out`, "
        "with the plugin removed from a derived mkdocs.yml: what MkDocs and Material cost alone.",
        "- *browser*: Debian's chromium, headless, 1280×900, the site opened from file:// with "
        "every other request aborted. *Search usable*: the page focuses the search box at "
        f"its load event, and the theme then stops saying “{INITIALIZING}”; *typed at once*: on a "
        "second, cold load the rare name is entered as soon as the box has focus, timed from "
        "the load event to its first results; *search global*: when `window.__index` or "
        "`window.__archiveSearch` first exists; *read*: the sizes on disk of the files "
        "requested from navigation until usable, and from a query's first key until it "
        "settled; *search folder*: everything under the site's `search/`. Queries are typed "
        "with a 20 ms delay (each keystroke is a search); timed on the "
        "page's clock, *first result* is the first change of the result list after the last "
        "keystroke that shows a `.md-search-result__item` (0 when a shorter prefix already "
        "showed results and they stayed), *settled* the last change after it (nothing "
        "changed for a second). A step that takes longer than "
        f"{args.browser_timeout:.0f} s is recorded as such.",
        "- Each corpus is made by `benchmarks/make_corpus.py --n N --seed "
        f"{args.seed}` (the five real captures and N − 5 synthetic ones).",
        "",
    ])


# --- main ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000],
                        help="numbers of articles (default: 100 1000 10000)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/archive-bench"),
                        help="work folder: corpora, sites, exported code "
                             "(default /tmp/archive-bench)")
    parser.add_argument("--commit", default="HEAD",
                        help="the commit to measure (default HEAD), or 'worktree'")
    parser.add_argument("--rare", default="Fatisah",
                        help="the rarer search term (default Fatisah, a place one real "
                             "capture names)")
    parser.add_argument("--common", default="Raqqa",
                        help="a search term in every article (default Raqqa)")
    parser.add_argument("--two-words", default="Syrian Democratic",
                        help="a query of two words (default “Syrian Democratic”, in every seed "
                             "and about half the synthetic articles)")
    parser.add_argument("--search-dir", default=SEARCH_DIR,
                        help=f"the site's folder of search files (default {SEARCH_DIR})")
    parser.add_argument("--no-browser", action="store_true", help="skip the browser timings")
    parser.add_argument("--search-only", action="store_true",
                        help="measure only the search: build each size's site once (kept in "
                             "the work folder as site-N-LABEL and reused while the code and "
                             "corpus are the same) and time it in the browser")
    parser.add_argument("--repeat", type=int, default=1,
                        help="with --search-only: browser runs per size, the median reported "
                             "(default 1)")
    parser.add_argument("--site", type=Path,
                        help="with --search-only and one size: the built site to measure")
    parser.add_argument("--label", help="with --search-only: the run's name in tables and "
                                        "file names (default the commit's short hash)")
    parser.add_argument("--json", type=Path,
                        help="with --search-only: where to write the results (default "
                             "WORK/search-LABEL.json)")
    parser.add_argument("--compare", type=Path, nargs="+", metavar="JSON",
                        help="write the search results of these --search-only runs side by "
                             f"side into {RESULTS.relative_to(ROOT)} (and print them)")
    parser.add_argument("--repo", type=Path, default=ROOT,
                        help="the git work tree whose commit or working tree is measured "
                             "(default this one)")
    parser.add_argument("--timeout", type=float, default=1800,
                        help="seconds allowed to each build step (default 1800)")
    parser.add_argument("--browser-timeout", type=float, default=120,
                        help="seconds allowed to each browser step (default 120)")
    parser.add_argument("--incremental-max", type=int, default=1000,
                        help="time rebuilds after a seed change up to this size (default 1000)")
    parser.add_argument("--write-results", action="store_true",
                        help=f"also write the table to {RESULTS.relative_to(ROOT)}")
    parser.add_argument("--generator-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.generator_only:
        print(json.dumps(measure_generator_here(args.generator_only.resolve())))
        return 0
    if args.compare:
        runs = [json.loads(path.read_text(encoding="utf-8")) for path in args.compare]
        section = search_section(runs, [display_path(path) for path in args.compare])
        print(section)
        RESULTS.write_text(replace_section(RESULTS.read_text(encoding="utf-8"), section),
                           encoding="utf-8")
        say(None, f"wrote the search section of {RESULTS}")
        return 0
    if args.site and (not args.search_only or len(args.sizes) != 1):
        parser.error("--site needs --search-only and one size (--sizes N, N its articles)")
    global REPO
    REPO = args.repo.resolve()
    args.work = args.work.resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    code = code_at(args.commit, args.work)
    code.check()
    say(None, f"measuring {code.description}")
    if args.search_only:
        found = search_only(args, code)
        print(search_table([found]))
        out = args.json or args.work / f"search-{found['label']}.json"
        out.write_text(json.dumps(found, indent=1) + "\n", encoding="utf-8")
        say(None, f"wrote {out}; finished in {(time.perf_counter() - START) / 60:.1f} minutes")
        return 0
    results = []
    for size in args.sizes:
        results.append(measure(size, args, code))
        say(size, "done")
    elapsed = time.perf_counter() - START
    output = table(results)
    print(output)
    print()
    print(largest_pages(results))
    if args.write_results:
        kept = kept_section(RESULTS.read_text(encoding="utf-8")) if RESULTS.is_file() else ""
        written = results_file(results, args, code, elapsed)
        RESULTS.write_text(replace_section(written, kept) if kept else written,
                           encoding="utf-8")
        say(None, f"wrote {RESULTS}")
    say(None, f"finished in {elapsed / 60:.1f} minutes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
