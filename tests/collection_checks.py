"""Checks that hold for any collection: a project folder and its strict build.

Each takes the project folder (its ``seeds/`` and ``content/``) or the site built from
it, whatever captures they hold, and fails with every problem it found at once, each
naming the capture, page or file and what is wrong, so that a curator can act on it.
``tests/test_live_collection.py`` runs them on the project's own collection;
``tests/test_new_capture.py`` on a copy with captures added.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib
from bs4 import BeautifulSoup, Tag
from conftest import mkdocs_build
from pages import assert_every_line_once, soup, text_of

from generator.read.decode import decode_capture

# Columns of the comparison that count what is not the outlet's own words.
NOT_COUNTED = {"Readers' comments (not counted)": "reader-comments",
               "Photo captions (not counted)": "article-captions"}
# Where a mention of each voice in data/mentions.csv stands on its article page.
VOICE_SECTION = {"body": "article-body", "caption": "article-captions",
                 "comment": "reader-comments"}
TIMEOUT = 600  # seconds for one build: far more than it takes


def report(problems: list[str], what: str) -> None:
    """Fail with every problem found, one a line."""
    assert not problems, f"{what}:\n" + "\n".join(f"  - {p}" for p in problems)


def tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def relative(site: Path, path: Path) -> str:
    return path.relative_to(site).as_posix()


# --- the strict build -----------------------------------------------------------


def build_problems(log: str) -> list[str]:
    """The lines of a build's log that say what is wrong: its warnings and errors, the
    indented lines that go on from them (one problem each), and why it stopped."""
    said: list[str] = []
    going_on = False
    for line in log.splitlines():
        if line.startswith(("WARNING", "ERROR")) or line.startswith("Aborted"):
            said.append(line)
            going_on = line.startswith(("WARNING", "ERROR"))
        elif going_on and line.startswith(" ") and line.strip():
            said.append(line)
        else:
            going_on = False
    return said


def strict_build(project: Path, site: Path) -> Path:
    """``mkdocs build --strict`` of ``project`` into ``site``; failing with the problems the
    build printed (each names its file, line and key)."""
    result = mkdocs_build(project, site, "--strict")
    said = build_problems(result.stderr)
    assert result.returncode == 0 and not said, (
        f"the strict build of {project} fails (fix each problem, then run `archive check`):\n"
        + "\n".join(said or result.stderr.splitlines()[-20:]))
    return site


# --- every line of every capture, once ------------------------------------------


def seed_pages(site: Path) -> dict[str, Path]:
    """The article page of each capture, by its file name in ``seeds/``."""
    return {a["seed"]: site / a["page"] for a in read_json(site / "data" / "articles.json")}


def check_every_line_published_once(project: Path, site: Path) -> int:
    """Each non-blank line of each capture is on its page exactly once, unchanged: body,
    headline, caption, comment, or removed with a reason. Returns the captures read."""
    pages = seed_pages(site)
    problems = []
    captures = sorted(p for p in (project / "seeds").glob("*.txt") if p.is_file())
    for seed in captures:
        page = pages.get(seed.name)
        if page is None or not page.is_file():
            problems.append(f"seeds/{seed.name}: no article page shows this capture")
            continue
        text = decode_capture(seed.read_bytes()).text
        if text is None:
            problems.append(f"seeds/{seed.name}: not a text capture")
            continue
        try:
            assert_every_line_once(soup(page), text)
        except AssertionError as exc:
            problems.append(f"seeds/{seed.name} ({relative(site, page)}): {exc}")
    report(problems, "lines of captures not published exactly once")
    return len(captures)


# --- counts and their evidence ----------------------------------------------------


def comparison_cells(doc) -> Iterator[tuple[str, str, Tag]]:
    """Each link of a comparison table to an evidence list: (table heading, column, link)."""
    for table in doc.select("article table"):
        heading = table.find_previous(["h2", "h3", "h4"])
        columns = [text_of(th) for th in table.select("thead th")]
        for row in table.select("tbody tr"):
            for column, cell in zip(columns, row.find_all(["td", "th"]), strict=True):
                for link in cell.select("a[href^='#']"):
                    yield text_of(heading) if heading else "", column, link


def evidence_passages(doc, link) -> list[str] | None:
    """The paragraph addresses of the evidence list a cell links to (None: no such list)."""
    evidence = doc.find(id=link["href"][1:])
    if evidence is None:
        return None
    return [unquote(a["href"]) for a in evidence.select("a") if a.get_text() == "¶"]


class Pages:
    """Built pages, each parsed once."""

    def __init__(self, site: Path):
        self.site = site
        self._parsed: dict[Path, BeautifulSoup | None] = {}

    def element(self, address: str):
        """The element an address ``page.html#id`` (relative to the site) names, or None."""
        path, _, anchor = address.partition("#")
        page = (self.site / path).resolve()
        if page not in self._parsed:
            self._parsed[page] = soup(page) if page.is_file() else None
        doc = self._parsed[page]
        return None if doc is None else doc.find(id=anchor)


def check_counts_equal_evidence(site: Path) -> int:
    """Every count in the comparison that links to its evidence equals the number of
    passages listed there, and each passage's paragraph exists. Returns the counts read."""
    doc, pages, problems, counted = soup(site / "comparison.html"), Pages(site), [], 0
    for heading, column, link in comparison_cells(doc):
        where = f"comparison.html, “{heading}”, column “{column}”, {link['href']}"
        passages = evidence_passages(doc, link)
        if passages is None:
            problems.append(f"{where}: the count links to no evidence list")
            continue
        counted += 1
        shown = text_of(link)
        if not shown.isdigit() or int(shown) != len(passages):
            problems.append(f"{where}: the cell says {shown} but its list holds "
                            f"{len(passages)} passage(s)")
        problems += [f"{where}: the passage {p} is not on its page" for p in passages
                     if pages.element(p) is None]
    report(problems, "counts that differ from their evidence")
    return counted


# --- whose words ------------------------------------------------------------------


def section_of(element) -> str:
    """Where an element of an article page stands: headline, or its section's class."""
    if element.name == "h1":
        return "headline"
    for name in ("article-body", "article-captions", "reader-comments", "removed-boilerplate"):
        if element.find_parent(class_=name) is not None:
            return name
    return "elsewhere"


def outlet_names(site: Path) -> dict[str, str]:
    """Each article page's outlet name, by the page's address in the site."""
    outlets = {o["id"]: o["name"] for o in read_json(site / "data" / "outlets.json")}
    return {a["page"]: outlets.get(a["outlet"], a["outlet"])
            for a in read_json(site / "data" / "articles.json")}


def check_comparison_counts_whose_words(site: Path) -> int:
    """An outlet's column counts its headlines and article text only, in its own
    articles; a column of readers' comments or photo captions counts only those."""
    doc, pages, problems, checked = soup(site / "comparison.html"), Pages(site), [], 0
    outlet_of_page = outlet_names(site)
    for heading, column, link in comparison_cells(doc):
        if not column or column in ("Outlet", "Name", "Term", "Event"):
            continue
        for passage in evidence_passages(doc, link) or []:
            element = pages.element(passage)
            if element is None:
                continue
            checked += 1
            where = f"comparison.html, “{heading}”, column “{column}”: {passage}"
            section = section_of(element)
            if column in NOT_COUNTED:
                if section != NOT_COUNTED[column]:
                    problems.append(f"{where} is counted here but stands in {section}")
            elif section not in ("headline", "article-body"):
                problems.append(f"{where} stands in {section}, not the outlet's own words")
            elif not column.startswith(outlet_of_page.get(passage.partition("#")[0], "?")):
                problems.append(f"{where} is an article of "
                                f"{outlet_of_page.get(passage.partition('#')[0])}")
    report(problems, "passages counted as words they are not")
    return checked


def check_mentions_keep_their_voice(site: Path) -> int:
    """Each mention in data/mentions.csv stands on its article page in the part its row
    says (headline, body, caption or comment), and only a comment's is a reader's."""
    pages, problems = Pages(site), []
    by_seed = {a["seed"]: a["page"] for a in read_json(site / "data" / "articles.json")}
    with (site / "data" / "mentions.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        address = f"{by_seed.get(row['article'], '?')}#{row['paragraph_id']}"
        where = f"data/mentions.csv: {row['surface_form']!r} in {row['article']} ({address})"
        element = pages.element(address)
        if element is None:
            problems.append(f"{where}: no such paragraph on the page")
            continue
        expected = VOICE_SECTION.get(row["section"], row["section"])
        if section_of(element) != expected:
            problems.append(f"{where}: said to be in the {row['section']}, "
                            f"but stands in {section_of(element)}")
        if (row["by_readers"] == "yes") != (row["section"] == "comment"):
            problems.append(f"{where}: by_readers is {row['by_readers']} "
                            f"for a mention in the {row['section']}")
    report(problems, "mentions counted in a voice that is not theirs")
    return len(rows)


# --- every file parses --------------------------------------------------------------


def read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def html_errors(path: Path) -> list[str]:
    parser = html5lib.HTMLParser(strict=False)
    parser.parse(path.read_bytes())
    return [f"line {line}, column {column}: {error}"
            + (f" ({', '.join(str(v) for v in args.values())})" if args else "")
            for (line, column), error, args in parser.errors]


def csv_errors(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, strict=True))
    if not rows:
        return ["no header row"]
    return [f"row {n} has {len(row)} cells, the header {len(rows[0])}"
            for n, row in enumerate(rows[1:], 2) if len(row) != len(rows[0])]


def parse_errors(path: Path) -> list[str]:
    """What is wrong with one built file, read as its kind says (none: it parses)."""
    try:
        if path.suffix == ".html":
            return html_errors(path)
        if path.suffix == ".json":
            read_json(path)
        elif path.suffix == ".csv":
            return csv_errors(path)
        elif path.suffix == ".xml":
            ET.fromstring(path.read_bytes())
    except (ValueError, csv.Error, ET.ParseError) as exc:  # UnicodeDecodeError is a ValueError
        return [str(exc)]
    return []


def check_every_file_parses(site: Path) -> int:
    """Every page (HTML) and data file (JSON, CSV, the feed's and the sitemap's XML)
    parses without an error. Returns the files read."""
    files = [p for p in sorted(site.rglob("*"))
             if p.is_file() and p.suffix in (".html", ".json", ".csv", ".xml")]
    problems = [f"{relative(site, p)}: {error}" for p in files for error in parse_errors(p)]
    report(problems, "built files that do not parse")
    return len(files)


# --- links --------------------------------------------------------------------------

LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src",
           "source": "src"}


class LinksAndIds(HTMLParser):
    """One page's internal addresses (no scheme, no host) and the ids it holds."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        self.ids |= {v for k, v in found.items() if k == "id" and v}
        if tag == "a" and found.get("name"):
            self.ids.add(found["name"])
        value = found.get(LINKING.get(tag, ""))
        if value and value != "#":
            parts = urlsplit(value)
            if not parts.scheme and not parts.netloc:
                self.links.append(value)


def read_links(page: Path) -> LinksAndIds:
    parser = LinksAndIds()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def link_problem(site: Path, page: Path, href: str, pages: dict[Path, LinksAndIds]) -> str | None:
    parts = urlsplit(href)
    # An address from the site's root (the 404 page's, which a host serves at any depth).
    base = site if parts.path.startswith("/") else page.parent
    path = unquote(parts.path).lstrip("/")
    target = (base / path).resolve() if parts.path else page
    if site not in target.parents and target != site:
        return f"{href} leads out of the site"
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return f"{href}: no such file"
    if parts.fragment and target.suffix == ".html":
        ids = (pages.get(target) or read_links(target)).ids
        if unquote(parts.fragment) not in ids:
            return f"{href}: no element with that id"
    return None


def check_links_resolve(site: Path) -> int:
    """Every internal link and anchor of every page leads to a file of the site, and to
    an element of that page with the anchor's id. Returns the links followed."""
    site = site.resolve()
    pages = {page: read_links(page) for page in sorted(site.rglob("*.html"))}
    problems, followed = [], 0
    for page, found in pages.items():
        for href in found.links:
            followed += 1
            problem = link_problem(site, page, href, pages)
            if problem:
                problems.append(f"{relative(site, page)}: {problem}")
    report(problems, "links that lead nowhere")
    return followed


# --- nothing from outside ---------------------------------------------------------------

# Attributes through which a page makes the browser load something by itself
# (a plain <a href> is only followed when a reader clicks it).
LOADING_ATTRS = {
    "script": ("src",), "link": ("href",), "img": ("src", "srcset"), "iframe": ("src",),
    "frame": ("src",), "source": ("src", "srcset"), "video": ("src", "poster"),
    "audio": ("src",), "embed": ("src",), "object": ("data",), "track": ("src",),
    "input": ("src",),
}
# <link> relations that only name a page and make the browser fetch nothing.
NAMING_RELS = {"canonical", "alternate", "prev", "next", "author", "license", "help", "me"}
# "https://...", "http://...", "//host/..." (any scheme followed by //).
OUTSIDE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
OUTSIDE_CSS_URL = re.compile(r"url\(\s*['\"]?(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


class OutsideLoads(HTMLParser):
    """Collects the tags of one page that would load an outside address."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        rels = set((dict(attrs).get("rel") or "").lower().split())
        if tag == "link" and rels and rels <= NAMING_RELS:
            return
        for name, value in attrs:
            if not value:
                continue
            if name in LOADING_ATTRS.get(tag, ()):
                if any(OUTSIDE.match(part) for part in value.split(",")):
                    self.found.append(f"<{tag} {name}={value!r}>")
            elif name == "style" and OUTSIDE_CSS_URL.search(value):
                self.found.append(f"<{tag} style={value!r}>")


def check_nothing_loads_from_outside(site: Path) -> int:
    """No built page names an outside address for the browser to load by itself."""
    pages = sorted(site.rglob("*.html"))
    problems = []
    for page in pages:
        parser = OutsideLoads()
        parser.feed(page.read_text(encoding="utf-8"))
        problems += [f"{relative(site, page)}: {found}" for found in parser.found]
    report(problems, "pages that would reach the network")
    return len(pages)


# --- the same bytes from any process ------------------------------------------------------


def first_difference(a: Path, b: Path) -> str | None:
    """The first file (in name order) that two output folders do not hold alike."""
    files_a, files_b = set(tree(a)), set(tree(b))
    for name in sorted(files_a | files_b):
        if name not in files_a or name not in files_b:
            return f"{name} is written by one build and not the other"
        if (a / name).read_bytes() != (b / name).read_bytes():
            return f"{name} differs between the two builds"
    return None


def generator_build(project: Path, out: Path, hash_seed: str) -> None:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project), "build", "--out", str(out)],
        env=env, capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 0, (
        f"`archive build` of {project} fails:\n{result.stdout}{result.stderr}")


def check_deterministic(project: Path, folder: Path) -> list[str]:
    """Two builds of ``project``, each in its own process with another PYTHONHASHSEED
    (which reorders sets), write the same files, byte for byte. Returns the files."""
    first, second = folder / "hash-seed-1", folder / "hash-seed-2"
    generator_build(project, first, "1")
    generator_build(project, second, "2")
    difference = first_difference(first, second)
    assert difference is None, (
        f"the output is not the same from one build to the next: {difference} "
        "(an order taken from a set or a hash, not from the data)")
    return tree(first)
