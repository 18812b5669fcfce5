"""Bar charts drawn at build time as inline SVG (no scripts, nothing fetched).

A chart is one horizontal bar per row (an outlet, say), split into coloured
segments (the shares of the names or words it uses), with a legend. Output is
deterministic and has no blank lines, so it can stand in a Markdown page as a
raw HTML block.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from generator.escape import svg_text, svg_url
from generator.svg.map import svg_num

PALETTE = ("#1e88e5", "#e53935", "#43a047", "#fb8c00", "#8e24aa", "#00897b", "#6d4c41",
           "#3949ab", "#c0ca33", "#d81b60", "#546e7a", "#fdd835")


@dataclass(frozen=True)
class Segment:
    name: str
    value: float
    href: str = ""  # where the segment's evidence is


@dataclass(frozen=True)
class Bar:
    label: str
    segments: tuple[Segment, ...]
    note: str = ""  # shown after the bar, e.g. "12 uses"


def _colours(bars: list[Bar]) -> dict[str, str]:
    names: list[str] = []
    for bar in bars:
        for segment in bar.segments:
            if segment.name not in names:
                names.append(segment.name)
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}


def _segment(box: tuple[float, float, float], segment: Segment, colour: str, bar: Bar,
             total: float) -> str:
    """One segment of a bar; ``box`` is its rectangle's left, top and width."""
    x, y, width = box
    share = 100 * segment.value / total if total else 0
    tip = f"{bar.label}: {segment.name}, {segment.value:g} ({share:.0f}%)"
    rect = f'<rect x="{svg_num(x)}" y="{svg_num(y)}" width="{svg_num(width)}" height="18" fill="{colour}"'
    if segment.href:
        # The title is the link's own, so it is the link's accessible name.
        return f'<a href="{svg_url(segment.href)}"><title>{svg_text(tip)}</title>{rect}/></a>'
    return f'{rect}><title>{svg_text(tip)}</title></rect>'


def stacked_bars(bars: list[Bar], title: str, *, shares: bool = True, width: int = 720) -> str:
    """Horizontal stacked bars; with ``shares`` every bar is scaled to 100%.

    A chart whose segments link to their evidence is a labelled ``group`` of links
    (an ``img`` cannot hold links); one without links is an ``img`` named by its
    title, and its wrapper (which scrolls on a narrow screen) takes keyboard focus,
    so it can be scrolled without a mouse.
    """
    colours = _colours(bars)
    label_w, note_w, row_h = 170, 90, 26
    plot_w = width - label_w - note_w
    most = max((sum(s.value for s in b.segments) for b in bars), default=0) or 1
    legend_rows = (len(colours) + 3) // 4
    height = 10 + row_h * len(bars) + 22 * legend_rows + 10
    ident = "chart-" + hashlib.sha1((title + repr(bars)).encode()).hexdigest()[:8]
    body, linked = [], False
    for row, bar in enumerate(bars):
        y = 10 + row * row_h
        total = sum(s.value for s in bar.segments)
        scale = plot_w / (total if shares and total else most)
        body.append(f'<text class="chart-label" x="{label_w - 8}" y="{svg_num(y + 13)}" '
                    f'text-anchor="end">{svg_text(bar.label)}</text>')
        x = float(label_w)
        for segment in bar.segments:
            w = segment.value * scale
            if w > 0:
                body.append(_segment((x, y, w), segment, colours[segment.name], bar, total))
                linked = linked or bool(segment.href)
            x += w
        note = bar.note or ("no data" if not total else "")
        body.append(f'<text class="chart-note" x="{svg_num(x + 6 if not shares else label_w + plot_w + 6)}" '
                    f'y="{svg_num(y + 13)}">{svg_text(note)}</text>')
    wrap = ('<div class="archive-chart-wrap">' if linked else
            f'<div class="archive-chart-wrap" tabindex="0" role="region" '
            f'aria-label="{svg_text(title)}">')
    lines = [f'{wrap}<svg class="archive-chart" role="{"group" if linked else "img"}" '
             f'aria-labelledby="{ident}" viewBox="0 0 {width} {height}" '
             f'xmlns="http://www.w3.org/2000/svg"><title id="{ident}">{svg_text(title)}</title>',
             *body]
    lines += _legend(colours, 10 + row_h * len(bars) + 8, label_w)
    lines.append("</svg></div>")
    return "\n".join(lines)


def _legend(colours: dict[str, str], top: float, left: int) -> list[str]:
    lines = []
    for i, (name, colour) in enumerate(colours.items()):
        x, y = left + (i % 4) * 130, top + (i // 4) * 22
        lines.append(f'<rect x="{x}" y="{svg_num(y)}" width="12" height="12" fill="{colour}"/>'
                     f'<text class="chart-legend" x="{x + 16}" y="{svg_num(y + 10)}">'
                     f'{svg_text(name)}</text>')
    return lines
