"""How the archive's build scales with the number of articles.

    python benchmarks/run.py [--sizes 100 1000 10000] [--seed 1] [--work /tmp/archive-bench]
                             [--commit HEAD] [--no-browser] [--write-results]

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
- headless chromium on the site from file:// (every other request aborted): time
  to the search index, to a ready search, and from the last keystroke of a query
  to its first result.

Progress goes to stderr one line per step; the Markdown table goes to stdout,
and with ``--write-results`` to benchmarks/RESULTS.md with a description of
the machine and the commit measured.

The code measured is a commit (``--commit``, default HEAD) exported with ``git
archive`` into the work folder and put first on PYTHONPATH, so edits in the
working tree during a long run do not change what is measured; ``--commit
worktree`` measures the working tree instead. The corpus is made from the same
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
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MAKE_CORPUS = HERE / "make_corpus.py"
RESULTS = HERE / "RESULTS.md"
CHROMIUM = Path("/usr/bin/chromium")
TIME = Path("/usr/bin/time")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync"]
STAGES = ("read", "text", "evidence", "render")
EXPORTED = ("generator", "site_templates", "content", "seeds", "mkdocs.yml")
CORPUS_ENTRIES = {"CORPUS.md", "mkdocs.yml", "site_templates", "content", "seeds"}
INITIALIZING = "Initializing search"
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
    return subprocess.run(["git", "-C", str(ROOT), *args], check=True, capture_output=True,
                          text=True).stdout.strip()


def code_at(commit: str, work: Path) -> Code:
    if commit == "worktree":
        head = git("rev-parse", "HEAD")
        dirty = git("status", "--porcelain", "--", *EXPORTED)
        note = " with uncommitted changes" if dirty else ""
        return Code(ROOT, "worktree", f"working tree at {head}{note}")
    full = git("rev-parse", "--verify", f"{commit}^{{commit}}")
    target = work / f"code-{full[:12]}"
    if not (target / ".complete").is_file():
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", full, *EXPORTED],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
        (target / ".complete").write_text(full + "\n")
    subject = git("log", "-1", "--format=%s", full)
    return Code(target, full, f"{full} ({subject})")


def inputs_digest(code: Code) -> str:
    """What a corpus is made from: the corpus maker and the base project files."""
    digest = hashlib.sha256(MAKE_CORPUS.read_bytes())
    for name in ("site_templates", "content", "seeds", "mkdocs.yml"):
        base = code.root / name
        paths = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in paths:
            if "__pycache__" in path.parts:
                continue
            digest.update(path.relative_to(code.root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
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


def mkdocs_build(size: int, what: str, config: Path, site: Path, code: Code, timeout: float
                 ) -> Timed:
    if site.exists():
        shutil.rmtree(site)
    say(size, f"{what}: mkdocs build")
    result = timed_build([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config),
                          "-d", str(site)], code.env(), timeout, code.root)
    if result.failure:
        say(size, f"{what}: {result.failure.splitlines()[0]}")
    else:
        say(size, f"{what}: {result.seconds:.1f} s, peak {result.peak_mb:.0f} MB")
    return result


def site_stats(site: Path, articles: int) -> dict:
    pages = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = site / "search" / "search_index.json"
    index_size = index.stat().st_size if index.is_file() else 0
    return {"html": len(pages), "bytes": total, "largest": sorted(pages, reverse=True)[:3],
            "index_bytes": index_size, "index_per_article": index_size / articles}


# --- the browser -----------------------------------------------------------------------

OBSERVE = """() => {
  window.__bench = {keys: [], changes: []};
  document.addEventListener('keydown', () => __bench.keys.push(performance.now()), true);
  new MutationObserver(() => __bench.changes.push(
      [performance.now(), document.querySelectorAll('.md-search-result__item').length]))
    .observe(document.querySelector('.md-search-result'), {childList: true, subtree: true});
}"""
READY = f"""() => {{
  const meta = document.querySelector('.md-search-result__meta');
  return meta !== null && meta.textContent.trim() !== {json.dumps(INITIALIZING)};
}}"""


@dataclass
class Query:
    term: str
    first: float | None = None  # s from the last keystroke to a visible result
    settled: float | None = None  # s from the last keystroke to the last change of the results
    meta: str = ""
    failure: str = ""


@dataclass
class BrowserRun:
    index: float | None = None
    ready: float | None = None
    loaded: float | None = None  # the page's load event, on its clock
    ready_after_load: float | None = None
    queries: list[Query] = field(default_factory=list)
    failure: str = ""
    blocked: int = 0


def browser_measure(size: int, site: Path, terms: list[str], limit: float) -> BrowserRun:
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        return BrowserRun(failure="playwright is not installed")
    if not CHROMIUM.is_file():
        return BrowserRun(failure=f"{CHROMIUM} is not installed")
    out = BrowserRun()
    limit_ms = limit * 1000
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})

            def route(r):
                if r.request.url.startswith("file://"):
                    r.continue_()
                else:
                    out.blocked += 1
                    r.abort()

            context.route("**/*", route)
            page = context.new_page()
            page.set_default_timeout(limit_ms)
            say(size, "browser: opening index.html from file://")
            started = time.perf_counter()
            page.goto((site / "index.html").resolve().as_uri(), wait_until="load",
                      timeout=limit_ms)
            page.wait_for_function("typeof __index !== 'undefined'", timeout=limit_ms)
            out.index = time.perf_counter() - started
            say(size, f"browser: search index loaded after {out.index:.2f} s")
            # The theme says whether its search is ready once the search box has focus.
            page.locator("input.md-search__input").click()
            page.wait_for_function("document.activeElement && "
                                   "document.activeElement.matches('input.md-search__input')")
            page.wait_for_function(READY, timeout=limit_ms)
            out.ready = time.perf_counter() - started
            since = page.evaluate("[performance.now(), "
                                  "performance.getEntriesByType('navigation')[0].loadEventEnd]")
            out.loaded, out.ready_after_load = since[1] / 1000, (since[0] - since[1]) / 1000
            say(size, f"browser: search ready after {out.ready:.2f} s (page loaded at "
                      f"{out.loaded:.2f} s, ready {out.ready_after_load:.2f} s after that)")
            page.evaluate(OBSERVE)
            for term in terms:
                query = one_query(page, term, limit_ms)
                out.queries.append(query)
                say(size, f"browser: {term!r}: " + (query.failure or
                    f"first result {query.first:.2f} s, settled {query.settled:.2f} s "
                    f"after the last key ({query.meta})"))
                if query.failure:
                    break
        except PlaywrightError as exc:
            out.failure = f"> {limit:.0f} s or failed: {str(exc).splitlines()[0]}"
            say(size, f"browser: {out.failure}")
        finally:
            browser.close()
    return out


def one_query(page, term: str, limit_ms: float) -> Query:
    from playwright.sync_api import Error as PlaywrightError

    query = Query(term)
    items = page.locator(".md-search-result__item")
    try:
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        page.wait_for_function("document.querySelectorAll('.md-search-result__item').length === 0",
                               timeout=limit_ms)
        page.evaluate("() => { __bench.keys = []; __bench.changes = []; }")
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
    full = mkdocs_build(size, "full build", corpus / "mkdocs.yml", args.work / f"site-{size}",
                        code, args.timeout)
    clear_leftovers(size, corpus)
    config, written = floor_project(size, corpus, args.work, code, args.timeout)
    say(size, f"floor: Markdown written in {written:.1f} s")
    floor = mkdocs_build(size, "floor build", config, args.work / f"floor-{size}" / "site", code,
                         args.timeout)
    site = None if full.failure else site_stats(args.work / f"site-{size}", size)
    if site:
        name = site["largest"][0][1]
        say(size, f"site: {site['html']} HTML pages, {site['bytes'] / 1e6:.1f} MB, largest "
                  f"{name} {site['largest'][0][0] / 1e6:.2f} MB, search index "
                  f"{site['index_bytes'] / 1e6:.1f} MB")
        floor_html = len(list((args.work / f"floor-{size}" / "site").rglob("*.html")))
        if not floor.failure and floor_html != site["html"]:
            say(size, f"note: the floor site has {floor_html} HTML pages, the full one "
                      f"{site['html']}")
    browser = None
    if site and not args.no_browser:
        browser = browser_measure(size, args.work / f"site-{size}", ["Raqqa", args.rare],
                                  args.browser_timeout)
    return SizeResult(size, generator, written, full, floor, site, browser, args.rare, incremental)


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
    return {"first": secs(q.first), "settled": secs(q.settled), "meta": q.meta}[what]


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
    add("generator / full build", [f"{t / f:.0%}" if f else "–" for t, f in zip(totals, full)])
    add("full − floor (s)", [secs(f - fl) if f and fl else "–" for f, fl in zip(full, floor)])
    s = [r.site for r in results]
    add("HTML pages", [f"{x['html']:,}" if x else "–" for x in s],
        [x["html"] if x else None for x in s])
    add("site size (MB)", [mb(x["bytes"]) if x else "–" for x in s],
        [x["bytes"] if x else None for x in s])
    add("largest HTML page (MB)",
        [f"{x['largest'][0][1]} {mb(x['largest'][0][0])}" if x else "–" for x in s],
        [x["largest"][0][0] if x else None for x in s])
    add("search_index.json (MB)", [mb(x["index_bytes"]) if x else "–" for x in s],
        [x["index_bytes"] if x else None for x in s])
    add("search index bytes per article",
        [f"{x['index_per_article']:,.0f}" if x else "–" for x in s],
        [x["index_per_article"] if x else None for x in s])
    add("browser: goto → search index loaded (s)",
        [browser_cell(r, lambda b: b.index) for r in results],
        [r.browser.index if r.browser else None for r in results])
    add("browser: goto → search ready (s)", [browser_cell(r, lambda b: b.ready) for r in results],
        [r.browser.ready if r.browser else None for r in results])
    add("browser: page load event (s, page clock)",
        [browser_cell(r, lambda b: b.loaded) for r in results],
        [r.browser.loaded if r.browser else None for r in results])
    add("browser: page loaded → search ready (s)",
        [browser_cell(r, lambda b: b.ready_after_load) for r in results],
        [r.browser.ready_after_load if r.browser else None for r in results])
    for index, term in enumerate(["Raqqa", results[0].rare]):
        add(f"browser: “{term}” last key → first result (s)",
            [query_cell(r, index, "first") for r in results])
        add(f"browser: “{term}” last key → results settled (s)",
            [query_cell(r, index, "settled") for r in results],
            [r.browser.queries[index].settled if r.browser and len(r.browser.queries) > index
             and not r.browser.queries[index].failure else None for r in results])
        add(f"browser: “{term}” results", [query_cell(r, index, "meta") for r in results])
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


# --- the machine ----------------------------------------------------------------------------


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

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "not installed"

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
        "every other request aborted. *Search ready*: the search box is clicked once the "
        f"index is loaded, and the theme then stops saying “{INITIALIZING}”. Queries are typed "
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
    parser.add_argument("--no-browser", action="store_true", help="skip the browser timings")
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
    args.work = args.work.resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    code = code_at(args.commit, args.work)
    code.check()
    say(None, f"measuring {code.description}")
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
        RESULTS.write_text(results_file(results, args, code, elapsed), encoding="utf-8")
        say(None, f"wrote {RESULTS}")
    say(None, f"finished in {elapsed / 60:.1f} minutes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
