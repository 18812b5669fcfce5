"""The built site read on a phone: 390 x 844 CSS pixels, opened from file://.

What a reader holding a phone sees: the page never scrolls sideways; a wide
table, the map and the timeline scroll inside their own box, with a note and
a shadow saying so, and a table's first column stays in view while the rest
scrolls under it; no column is squeezed to a word a line; no text is cut off.
One browser context for all pages; screenshots of the comparison, an article,
the map and the timeline go to the test's temporary folder.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from browser import PlaywrightTimeout, Watched, watched_context

WIDTH, HEIGHT = 390, 844
ARTICLE = "articles/isis-capital-raqqa-falls-us-backed-militias-celebrating.html"
PAGES = [
    "comparison.html",
    ARTICLE,
    "map.html",
    "timeline.html",
    "actors/isis.html",
    "outlets/sputnik.html",
    "index.html",
    "articles/index.html",
    "outlets/index.html",
    "actors/index.html",
    "places/index.html",
    "events/index.html",
]
SCREENSHOTS = {"comparison.html": "comparison", ARTICLE: "article",
               "map.html": "map", "timeline.html": "timeline"}
# Where each screenshot is taken: the page scrolled to its first wide thing (or its top).
SHOT_AT = {"comparison.html": "article.md-content__inner table",
           "map.html": "svg.archive-map", "timeline.html": "svg.archive-timeline"}
SCROLL_TO = """sel => {
  const el = document.querySelector(sel);
  const box = el.closest('.archive-scroll-box');
  const top = (box && box.previousElementSibling) || el;
  window.scrollBy(0, top.getBoundingClientRect().top - 70);
  return new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
}"""
# Shadows fade in over 0.2 s; generous on a slow machine.
SHADOW_TIMEOUT_MS = 10_000
# A table's first column: at least this wide (CSS px), about a quarter of the phone.
FIRST_COLUMN_MIN_PX = 90
# A cell of this many words or more is prose: it must hold three words in two lines
# or more (no column squeezed to a word a line).
PROSE_WORDS = 4


def squeezed(words: int, lines: int) -> bool:
    return lines > -(-words * 2 // 3)


@pytest.fixture(scope="module")
def phone(browser):
    with watched_context(browser, viewport={"width": WIDTH, "height": HEIGHT},
                         device_scale_factor=1, is_mobile=True, has_touch=True) as watched:
        yield watched


def open_page(phone: Watched, site: Path, name: str):
    phone.external.clear()
    phone.errors.clear()
    page = phone.open(site / name)
    # Layout is final once the fonts (none are downloaded) and the table script are done.
    page.wait_for_function("document.readyState === 'complete'")
    page.evaluate("document.fonts.ready.then(() => true)")
    return page


# Elements that stick out of the viewport without a scrolling box around them.
STICKING_OUT = """() => {
  const W = document.documentElement.clientWidth, out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || (r.right <= W + 1 && r.left >= -1)) continue;
    let p = el.parentElement, boxed = false;
    for (; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') { boxed = true; break; }
    }
    if (!boxed) out.push(`${el.tagName.toLowerCase()}.${el.className} `
                         + `(${Math.round(r.left)}..${Math.round(r.right)})`);
  }
  return out.slice(0, 8);
}"""

# Lines of text a cell shows: distinct tops of the line boxes of its text.
CELL_LINES = """cell => {
  const range = document.createRange();
  range.selectNodeContents(cell);
  const tops = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0)
    .map(r => r.top).sort((a, b) => a - b);
  let lines = 0, last = -1e9;
  for (const t of tops) { if (t - last > 4) { lines++; last = t; } }
  return lines;
}"""

TABLE_CELLS = """(cells) => {
  const lines = """ + CELL_LINES + """;
  return cells.map(cell => {
    const text = cell.textContent.trim().replace(/\\s+/g, ' ');
    return {text: text.slice(0, 60), chars: text.length,
            words: text ? text.split(' ').length : 0,
            width: cell.getBoundingClientRect().width, lines: lines(cell),
            first: cell.cellIndex === 0};
  });
}"""

# Text cut off by a box that hides its overflow.
CLIPPED = """() => {
  const out = [];
  for (const el of document.querySelectorAll('article.md-content__inner *')) {
    if (el.closest('svg') || !el.textContent.trim()) continue;
    const s = getComputedStyle(el);
    const hx = ['hidden', 'clip'].includes(s.overflowX), hy = ['hidden', 'clip'].includes(s.overflowY);
    if ((hx && el.scrollWidth > el.clientWidth + 1) || (hy && el.scrollHeight > el.clientHeight + 1)
        || (s.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1)) {
      out.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.textContent.trim().slice(0, 40)}`);
    }
  }
  return out;
}"""

# Every box in the page content that scrolls sideways, and what the reader is told of it.
SCROLL_BOXES = """() => [...document.querySelectorAll('article.md-content__inner *')]
  .filter(el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)
                && el.scrollWidth > el.clientWidth + 1)
  .map((el, i) => {
    el.dataset.phoneBox = String(i);
    const box = el.closest('.archive-scroll-box');
    const cue = box && box.previousElementSibling;
    const cueShown = !!cue && cue.matches('.archive-scroll-cue') && cue.offsetParent !== null
      && cue.getBoundingClientRect().height > 0;
    return {id: String(i), what: el.querySelector('svg') ? el.querySelector('svg').getAttribute('class')
              : el.querySelector('table') ? 'table' : el.className,
            cue: cueShown ? cue.textContent.trim() : null,
            hasTable: !!el.querySelector('table')};
  })"""

# The shadows a box shows at its left (scrolled) and right (more to see) edges, once
# they have faded in or out: [left, right], each "0" or "1".
SHADOWS = """([id, want]) => {
  const el = document.querySelector(`[data-phone-box="${id}"]`);
  const box = el.closest('.archive-scroll-box');
  if (!box) return false;
  const now = [getComputedStyle(box, '::before').opacity, getComputedStyle(box, '::after').opacity];
  return now.join() === want.join() ? now : false;
}"""


def shadows_become(page, box_id: str, want: list[str]) -> bool:
    try:
        page.wait_for_function(SHADOWS, arg=[box_id, want], timeout=SHADOW_TIMEOUT_MS)
    except PlaywrightTimeout:
        return False
    return True

# Scroll a box sideways by its own width (at most to its end); where its first column is then.
SCROLL_AND_LOOK = """id => {
  const el = document.querySelector(`[data-phone-box="${id}"]`);
  el.scrollLeft = Math.min(el.clientWidth, el.scrollWidth - el.clientWidth);
  const box = el.getBoundingClientRect();
  const cell = el.querySelector('table tbody tr td:first-child');
  const r = cell ? cell.getBoundingClientRect() : null;
  return {scrolled: el.scrollLeft, more: el.scrollWidth - el.clientWidth, box: [box.left, box.right],
          first: r ? [r.left, r.right] : null};
}"""


@pytest.mark.parametrize("name", PAGES)
def test_page_reads_on_a_phone(built_site: Path, phone: Watched, name: str, tmp_path: Path):
    page = open_page(phone, built_site, name)

    scroll_width, inner_width = page.evaluate(
        "[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert inner_width == WIDTH
    assert scroll_width <= inner_width, (
        f"{name} scrolls sideways at {WIDTH} px (page {scroll_width} px wide); "
        f"sticking out: {page.evaluate(STICKING_OUT)}")

    if name in SCREENSHOTS:
        # Before any box is scrolled sideways, as a reader first sees it.
        if name in SHOT_AT:
            page.evaluate(SCROLL_TO, SHOT_AT[name])
        # The header's title cross-fades on scroll: wait until it has settled.
        page.wait_for_function(
            "document.getAnimations().every(a => a.playState !== 'running')")
        shot = tmp_path / f"{SCREENSHOTS[name]}-{WIDTH}.png"
        page.screenshot(path=str(shot))
        width, height = struct.unpack(">II", shot.read_bytes()[16:24])
        assert (width, height) == (WIDTH, HEIGHT)

    # Tables: a readable first column, and no column squeezed to a word a line.
    for t, table in enumerate(page.locator("article.md-content__inner table").all()):
        cells = table.locator("td, th").evaluate_all(TABLE_CELLS)
        for cell in cells:
            if cell["first"] and cell["chars"]:
                assert cell["width"] >= FIRST_COLUMN_MIN_PX, (
                    f"{name}, table {t + 1}: first column only {cell['width']:.0f} px wide "
                    f"at {cell['text']!r}")
            if cell["words"] >= PROSE_WORDS:
                assert not squeezed(cell["words"], cell["lines"]), (
                    f"{name}, table {t + 1}: {cell['text']!r} ({cell['words']} words) squeezed "
                    f"into {cell['lines']} lines of {cell['width']:.0f} px")

    assert page.evaluate(CLIPPED) == [], f"{name}: text cut off by a box that hides overflow"

    # What scrolls sideways says so, and a table keeps its first column in view.
    for box in page.evaluate(SCROLL_BOXES):
        assert box["cue"] and "scroll" in box["cue"].lower() and "→" in box["cue"], (
            f"{name}: a {box['what']} scrolls sideways with no visible note saying so")
        assert shadows_become(page, box["id"], ["0", "1"]), (
            f"{name}: a {box['what']} that has more to its right shows no shadow there")
        look = page.evaluate(SCROLL_AND_LOOK, box["id"])
        assert look["scrolled"] > 0, f"{name}: a {box['what']} did not scroll"
        at_end = look["scrolled"] >= look["more"] - 1
        assert shadows_become(page, box["id"], ["1", "0" if at_end else "1"]), (
            f"{name}: a {box['what']} scrolled sideways shows no shadow at its left edge")
        if box["hasTable"]:
            left, right = look["box"]
            first_left, first_right = look["first"]
            assert first_left >= left - 1 and first_right <= right + 1, (
                f"{name}: a table's first column left the view when scrolled "
                f"(box {left:.0f}..{right:.0f}, column {first_left:.0f}..{first_right:.0f})")

    if name in ("map.html", "timeline.html"):
        kind = "archive-map" if name == "map.html" else "archive-timeline"
        svg = page.locator(f"svg.{kind}").first
        svg.wait_for(state="visible")
        fits = page.evaluate(
            "k => { const s = document.querySelector('svg.' + k); return s.getBoundingClientRect().right"
            " <= document.documentElement.clientWidth + 1; }", kind)
        scrolls = [b for b in page.evaluate(SCROLL_BOXES) if b["what"] == kind]
        assert fits or scrolls, f"{name}: the {kind} neither fits nor scrolls in its box"

    phone.assert_clean(name)


def test_a_comparison_table_reads_without_squeeze(built_site: Path, phone: Watched):
    """The comparison's list of each outlet's articles: titles a few words a line."""
    page = open_page(phone, built_site, "comparison.html")
    cell = page.locator("article.md-content__inner table").first.locator("tbody tr td").last
    text = cell.inner_text()
    assert len(text.split()) >= PROSE_WORDS
    lines = cell.evaluate(CELL_LINES)
    assert cell.bounding_box()["width"] >= 140
    assert not squeezed(len(text.split()), lines), (text, lines)
    phone.assert_clean("comparison.html")
