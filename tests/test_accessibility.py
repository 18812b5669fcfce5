"""Accessibility: axe-core finds no serious or critical violation on any kind of page.

The built site is opened from disk (``file://``) in Debian's chromium, as a
reader without a web server would; axe-core (vendored in ``tests/vendor/axe-core``,
never shipped in the site) is injected into each page and run on the whole
document. Every serious or critical violation fails the test, listed with its
rule, impact, target selector and page, except the few in ``THEME_ONLY``:
markup of Material for MkDocs itself that the archive's templates, CSS and SVG
cannot reach, each with its reason.

A keyboard test tabs through the map and the timeline as a reader without a
mouse would: their links are reached and Enter opens the page they name.

Nothing here reaches the network: every outside request is aborted and recorded
(``browser.Watched``) and must not happen.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from browser import Watched
from conftest import copy_project, mkdocs_build

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = {"serious", "critical"}

# Violations only the theme could fix: (rule, a regular expression the target
# selector must match fully) -> why the archive leaves it. Keep this short.
THEME_ONLY: dict[tuple[str, str], str] = {}

# An uncurated capture (no YAML in content/articles), written here so the test
# needs nothing beside the project. It names known entities, so its page links
# them in running text and shows its suggestions.
UNCURATED_SEED = "zz_a11y_uncurated.txt"
UNCURATED_TEXT = """\
Raqqa residents return as the SDF clears the city

RAQQA, Syria - Residents returned to Raqqa on Tuesday after the Syrian Democratic Forces
said the Islamic State group had been driven from the city.

"We found our street in ruins," said Ahmad Hamdan, a teacher who fled in June.

The US-led coalition said its air strikes had supported the SDF advance.
"""


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the open page (every impact)."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        # Inlined from the test's own copy: no request, and nothing added to the site.
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => {
        // No preload: axe would read the stylesheets again by XMLHttpRequest, which
        // browsers refuse on file:// (only css-orientation-lock needs it).
        const r = await axe.run(document, {resultTypes: ["violations"], preload: false});
        return r.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({impact: n.impact || v.impact, target: n.target.join(" ")})),
        }));
    }""")
    return result


def failing(violations: list[dict], where: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Serious and critical violations as lines ``rule (impact) target on page``, and the
    (rule, impact) of each, minus those recorded in THEME_ONLY."""
    lines, kinds = [], []
    for v in violations:
        for node in v["nodes"]:
            if node["impact"] not in FAILING_IMPACTS:
                continue
            if any(rule == v["id"] and re.fullmatch(pattern, node["target"])
                   for rule, pattern in THEME_ONLY):
                continue
            lines.append(f'{v["id"]} ({node["impact"]}) {node["target"]!r} on {where}: {v["help"]}')
            kinds.append((v["id"], node["impact"]))
    return lines, kinds


def first_page(folder: Path) -> Path:
    pages = sorted(p for p in folder.glob("*.html") if p.name != "index.html")
    assert pages, f"no page in {folder}"
    return pages[0]


def pages_to_check(site: Path) -> list[Path]:
    """One page of every kind: home, hand-written and top-level pages, each index, and
    the first page of each folder (an article, an outlet, an actor, a place, an event)."""
    pages = [site / "index.html", site / "methodology.html", site / "comparison.html",
             site / "timeline.html", site / "map.html", site / "data.html",
             site / "curation.html"]
    for folder in ("articles", "outlets", "actors", "places", "events"):
        pages += [site / folder / "index.html", first_page(site / folder)]
    missing = [p for p in pages if not p.is_file()]
    assert not missing, f"pages missing from the build: {missing}"
    return pages


@pytest.fixture(scope="module")
def uncurated_site(tmp_path_factory) -> Path:
    """The project with one uncurated capture added, built (not strict: it is uncurated)."""
    project = copy_project(tmp_path_factory.mktemp("a11y") / "project")
    (project / "seeds" / UNCURATED_SEED).write_text(UNCURATED_TEXT, encoding="utf-8")
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def uncurated_page(site: Path) -> Path:
    from pages import find_article_page, text_of

    page, doc = find_article_page(site, UNCURATED_SEED)
    assert page is not None, f"no article page shows the capture {UNCURATED_SEED}"
    notice = doc.select_one(".uncurated")
    assert notice is not None and "Uncurated" in text_of(notice), f"{page.name} is not uncurated"
    return page


def test_no_serious_or_critical_violation_on_any_kind_of_page(
        built_site: Path, uncurated_site: Path, watched: Watched):
    pages = [(built_site, p) for p in pages_to_check(built_site)]
    pages.append((uncurated_site, uncurated_page(uncurated_site)))
    problems: list[str] = []
    counts: Counter = Counter()
    for site, path in pages:
        where = path.relative_to(site).as_posix()
        watched.open(path)
        lines, kinds = failing(axe_violations(watched.page), where)
        problems += lines
        counts.update(kinds)
        watched.assert_clean(where)
    summary = ", ".join(f"{rule} ({impact}) {n}" for (rule, impact), n in sorted(counts.items()))
    print(f"axe-core on {len(pages)} pages: {summary or 'no serious or critical violation'}")
    assert not problems, (f"{len(problems)} serious or critical accessibility violations "
                          f"({summary}):\n" + "\n".join(problems))


# --- charts, without a browser ----------------------------------------------------------


def chart_parts(text: str):
    from bs4 import BeautifulSoup

    doc = BeautifulSoup(text, "html.parser")
    return doc.select_one("div.archive-chart-wrap"), doc.select_one("svg.archive-chart")


def test_a_chart_with_links_is_a_named_group_each_link_named_by_its_own_title():
    from generator.svg.charts import Bar, Segment, stacked_bars

    wrap, svg = chart_parts(stacked_bars(
        [Bar("Outlet <A>", (Segment("Daesh", 3, "#ev-1"), Segment("IS", 1)))], "Names & counts"))
    assert svg["role"] == "group" and svg.title.get_text() == "Names & counts"
    assert svg["aria-labelledby"] == svg.title["id"]
    link = svg.select_one("a[href]")
    assert link["href"] == "#ev-1"
    assert link.contents[0].name == "title"  # the link's name, not the shape's tooltip
    assert link.contents[0].get_text() == "Outlet <A>: Daesh, 3 (75%)"
    # Its links take focus, so the wrapper needs none of its own.
    assert not wrap.has_attr("tabindex") and not wrap.has_attr("role")


def test_a_chart_without_links_is_an_image_in_a_labelled_region_that_takes_focus():
    from generator.svg.charts import Bar, Segment, stacked_bars

    wrap, svg = chart_parts(stacked_bars([Bar("Outlet", (Segment("agency", 2),))], 'Whom "each" cites'))
    assert svg["role"] == "img" and svg.title.get_text() == 'Whom "each" cites'
    assert not svg.select("a")
    # It may scroll sideways: reachable by Tab, then scrolled with the arrow keys.
    assert wrap["tabindex"] == "0" and wrap["role"] == "region"
    assert wrap["aria-label"] == 'Whom "each" cites'


# --- by keyboard ----------------------------------------------------------------------------


def tab_through(page, svg_selector: str, limit: int = 1000) -> list[str]:
    """Press Tab from the top of the page until focus is past the last drawing matching
    ``svg_selector``; the hrefs of the elements inside drawings that took focus, in order."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    reached: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        where = page.evaluate("""sel => {
            const el = document.activeElement, svgs = [...document.querySelectorAll(sel)];
            if (!el || el === document.body) return {past: false, href: null};
            if (svgs.some(svg => svg.contains(el)))
                return {past: false, href: el.getAttribute("href") || "(" + el.tagName + ")"};
            const last = svgs[svgs.length - 1];
            return {past: !!(last.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING),
                    href: null};
        }""", svg_selector)
        if where["href"] is not None:
            reached.append(where["href"])
        elif where["past"]:
            return reached
    raise AssertionError(f"Tab never got past {svg_selector} after {limit} presses; reached {reached}")


@pytest.mark.parametrize("name, svg", [("map.html", "svg.archive-map"),
                                       ("timeline.html", "svg.archive-timeline")])
def test_keyboard_reaches_every_link_of_the_map_and_timeline_and_enter_opens_it(
        built_site: Path, watched: Watched, name: str, svg: str):
    page = watched.open(built_site / name)
    links = page.eval_on_selector_all(f"{svg} a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert links, f"{name} has no links in its drawings ({svg})"
    # What assistive technology is told: each drawing is a named group of links (an
    # "img" would hide them), and each link has a name.
    for drawing in page.locator(svg).all():
        told = drawing.aria_snapshot()
        assert re.match(r'- \'?group "\S', told), f"a drawing on {name} is not a named group: {told[:120]}"
    named = page.locator(svg).get_by_role("link", name=re.compile(r"\S"))
    assert named.count() == len(links), f"links without a name in the drawings of {name}"
    reached = tab_through(page, svg)
    assert reached == links, (f"Tab through {name} reaches {len(reached)} elements in the drawing, "
                              f"not their {len(links)} links in order: {reached[:10]}")
    # From the top again, by keyboard, to the drawing's first link; Enter opens it.
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(1000):
        page.keyboard.press("Tab")
        if page.evaluate("sel => document.querySelector(sel).contains(document.activeElement)", svg):
            break
    else:
        raise AssertionError(f"Tab never reached {svg} on {name}")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    expected = (built_site / name).parent.joinpath(href.split("#", 1)[0]).resolve()
    assert expected.is_file(), f"{name} links to a missing page: {href}"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    assert page.url.split("#", 1)[0] == expected.as_uri(), f"Enter on {href} opened {page.url}"
    assert page.title()
    watched.assert_clean(f"{name} and the page its first link opens")
