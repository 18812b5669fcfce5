"""The MkDocs plugin: a thin shell that runs the pipeline inside ``mkdocs build``/``serve``.

Generated pages are virtual files: nothing is written into a committed folder.
``mkdocs serve`` watches the seeds, the metadata and the templates.
"""

from __future__ import annotations

import datetime
import logging
import os
import shutil
import sys
import tempfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Literal

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from generator.pipeline import Memos, Project, Timings, dated_ahead, generate
from generator.problems import ArchiveError, Severity, shown
from generator.read.survey import linked_files
from generator.render.cite import SiteInfo
from generator.render.problems import problems_page
from generator.render.search import SearchIndex, excluded
from generator.render.summary import Holdings

if TYPE_CHECKING:  # for the event signatures only, as BasePlugin declares them
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

    from generator.pipeline import Result

log = logging.getLogger("mkdocs.plugins.archive")


class _Shown(logging.Filter):
    """Every record of the archive's log as one line of visible characters
    (:func:`problems.shown`), whatever a message holds: a value from a seed or the YAML
    cannot end the line, forge a line of MkDocs' own or send the terminal an escape."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = shown(record.getMessage()), None
        return True


log.addFilter(_Shown())


def _progress(stage: str, seconds: float, counted: str) -> None:
    log.info(f"archive: {stage} done in {seconds:.2f} s" + (f" ({counted})" if counted else ""))


def summary(result: Result) -> str:
    """One line for the build log, also in -q and in CI: counts and time per stage."""
    stages = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in result.timings.items())
    warnings = sum(1 for p in result.problems if p.severity is Severity.WARNING)
    return (f"archive: {len(result.archive.articles)} articles, {len(result.archive.entities)} "
            f"entities, {len(result.archive.mentions)} mentions, {len(result.rendered.pages)} "
            f"pages, {warnings} warning(s); {stages}")


class ArchiveConfig(Config):
    seeds_dir = c.Type(str, default="seeds")
    content_dir = c.Type(str, default="content")
    templates_dir = c.Type(str, default="site_templates")
    # The previous published build, for the Changes page: its site folder or its
    # data/manifest.json (relative to mkdocs.yml); '' for none. `!ENV [ARCHIVE_PREVIOUS, ""]`
    # lets CI pass it without editing this file.
    previous = c.Type(str, default="")


class ArchivePlugin(BasePlugin[ArchiveConfig]):
    serving = False
    # `mkdocs serve` keeps the memos between rebuilds (MkDocs keeps a plugin that has
    # on_startup for the whole session); a build keeps none.
    memos: Memos | None = None

    # While `mkdocs serve` runs: the generated pages of the last build that succeeded,
    # and the page listing the problems while the input has errors (None when it has none).
    _last_pages: tuple[str, ...] = ()
    _failed: str | None = None
    # What the collection holds, for the counts in the site's name and hand-written pages.
    _holdings: Holdings | None = None

    def __init__(self) -> None:
        super().__init__()
        self._waiting: dict[str, bytes] = {}  # generated pages' HTML until they are written
        self._pages_dir: Path | None = None  # where a build's pages wait for MkDocs
        self._search: SearchIndex | None = None  # the site's search index, page by page

    def on_startup(self, *, command: Literal['build', 'gh-deploy', 'serve'], dirty: bool) -> None:
        self.serving = command == "serve"
        self.memos = Memos() if self.serving else None

    def project(self, config: MkDocsConfig) -> Project:
        root = Path(config.config_file_path).resolve().parent
        return Project(root, self.config.seeds_dir, self.config.content_dir,
                       self.config.templates_dir, self.config.previous,
                       SiteInfo.of(config.get("site_name"), config.get("site_url")))

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._waiting.clear()  # from a rebuild that failed half-way
        self._refuse_links(files, config)
        timings = Timings(None if os.environ.get("CI") else _progress)
        self._drop_pages()
        # A build writes the pages to a folder as they are made and MkDocs reads each
        # when it gets to it, so no moment holds them all; `mkdocs serve` keeps them
        # in memory with the rest of what it remembers between rebuilds.
        if not self.serving:
            self._pages_dir = Path(tempfile.mkdtemp(prefix="archive-pages-"))
        try:
            result = generate(self.project(config), timings, self._pages_dir, self.memos)
        except ArchiveError as exc:
            self._drop_pages()
            if not self.serving:
                raise PluginError(exc.report()) from None
            return self._show_problems(exc, files, config)
        self._failed = None
        if self.serving:
            self._last_pages = tuple(result.rendered.pages)
        self._holdings = Holdings.of(result.archive)
        self._fill_counts(config)
        print(shown(summary(result)), file=sys.stderr)
        for problem in result.problems + dated_ahead(result.archive, datetime.date.today()):
            level = logging.WARNING if problem.severity is Severity.WARNING else logging.ERROR
            log.log(level, str(problem))
        for made in (result.rendered.pages, result.rendered.data):
            for path in made:
                if made.folder is None:
                    files.append(File.generated(config, path, content=made.encoded(path)))
                else:
                    files.append(File.generated(config, path, abs_src_path=str(made.file(path))))
        for path, source in result.rendered.static.items():
            files.append(File.generated(config, path, abs_src_path=str(source)))
        # Search: every page's address; entity pages' names and articles' outlets by address.
        urls = {f.src_uri: f.url for f in files.documentation_pages()}
        names = {urls[e.page_path]: e.names for e in result.archive.entities.values()
                 if e.page_path in urls}
        outlets = {urls[a.page_path]: a.outlet.name for a in result.archive.articles
                   if a.page_path in urls}
        self._search = SearchIndex(list(urls.values()), names, outlets)
        return files

    def _show_problems(self, error: ArchiveError, files: Files, config: MkDocsConfig) -> Files:
        """In `mkdocs serve`, a build whose input has errors still succeeds, so that the
        browser reloads: every page (those of the last good build included, wherever the
        curator was reading) lists the problems, until a rebuild without errors."""
        log.error(error.report())
        self._fill_counts(config)
        self._failed = problems_page(error.problems)
        self._search = None
        for path in self._last_pages:
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=self._failed))
        return files

    def _fill_counts(self, config: MkDocsConfig) -> None:
        """The site's name and description say what the collection holds (``{outlets}``,
        ``{captures}``; see :mod:`generator.render.summary`); MkDocs reads the file anew for
        each build, so each gets the counts of its own input."""
        if self._holdings is not None:
            config.site_name = self._holdings.fill(config.site_name)
            if config.site_description:
                config.site_description = self._holdings.fill(config.site_description)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        if self._failed is not None:
            return self._failed
        if page.file.generated_by is None and self._holdings is not None:
            return self._holdings.fill_page(markdown, page.file.src_uri)
        return markdown

    def _refuse_links(self, files: Files, config: MkDocsConfig) -> None:
        """Hand-written pages and theme overrides must be files of the project, not links."""
        root = Path(config.config_file_path).resolve().parent
        paths = [f.abs_src_path for f in files if f.abs_src_path and f.generated_by is None]
        problems = []
        for folder in (config.docs_dir, config.theme.custom_dir):
            if folder:
                label = os.path.relpath(folder, root)
                problems += linked_files(Path(folder), label, paths)
        if problems:
            raise PluginError(ArchiveError(problems).report())

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._drop_pages()
        if self._search is not None:
            stats = self._search.write(Path(config.site_dir) / "search")
            self._search = None
            log.info(f"archive: search index of {stats.pages} pages, {stats.files} files, "
                     f"{stats.bytes} bytes (largest {stats.largest}) in {stats.seconds:.2f} s")

    def on_build_error(self, *, error: Exception) -> None:
        self._drop_pages()

    def _drop_pages(self) -> None:
        if self._pages_dir is not None:
            shutil.rmtree(self._pages_dir, ignore_errors=True)
            self._pages_dir = None

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig,
                 builder: Callable[..., None]) -> LiveReloadServer:
        for path in self.project(config).watched:
            server.watch(str(path))
        return server

    # Memory. MkDocs converts every page before it writes any, and keeps each page's
    # Markdown (twice: the file's and the page's) and HTML until the build ends: at
    # thousands of articles, gigabytes. A generated page lets go of its Markdown once
    # converted, and its HTML waits compressed until the page is written.
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        if page.file.generated_by != "archive":
            return html
        if page.file.abs_src_path is None:  # held in memory (mkdocs serve)
            page.file.content_string = ""
        page.markdown = ""
        self._waiting[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        return ""

    @event_priority(100)  # before any other plugin reads the page's HTML
    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        waiting = self._waiting.pop(page.file.src_uri, None)
        if waiting is not None:
            page.content = zlib.decompress(waiting).decode("utf-8")
        if self._search is not None and not excluded(page.meta):
            self._search.add_page(page.url, page.title or "", page.content or "")
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if page.file.generated_by == "archive":
            page.content = None  # written; MkDocs checks anchors from what it noted, not this
        return output
