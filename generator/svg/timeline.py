"""A timeline of dated items (events, article publications), drawn at build time as inline SVG.

One horizontal lane per ``lane`` value (the events, or one outlet). An item known
to the day is a dot; one known to the month or year is a lighter bar over that
period; inferred and approximate dates are dashed and say so in the tooltip.
Items of a lane that would overlap are stacked on sub-rows, so none hides another.
Like ``generator.svg.map``, output is deterministic, escaped, and a
``<div class="archive-timeline-wrap">`` with one ``<svg>`` and no blank line.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from dataclasses import dataclass

from generator.escape import svg_text, svg_url
from generator.svg.map import css_suffix, svg_num

Date = tuple[int, int, int]
# English names, fixed here: calendar.month_name follows the process locale.
MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")
PRECISIONS = ("day", "month", "year")
ROW_H = 16.0        # one sub-row
LANE_PAD = 6.0      # above and below the sub-rows of a lane
DOT_R = 5.0
BAR_H = 10.0
MIN_BAR = 3.0       # a bar is never thinner than this, in pixels
GAP = 2.0           # minimum horizontal gap between items on one sub-row
TOP = 8.0
AXIS_H = 30.0
RIGHT = 16.0
FONT = 11.0
CHAR_W = 6.2        # estimated width of one character at FONT


@dataclass(frozen=True)
class TimelineItem:
    label: str
    href: str
    start: tuple[int, int, int]
    end: tuple[int, int, int] | None = None
    precision: str = "day"
    qualifier: str = "exact"
    lane: str = "events"
    kind: str = "event"


# -- dates ------------------------------------------------------------------

def _norm(date: Date) -> Date:
    """A date with unknown (or impossible) month/day set to 0; the year kept in 1..9998."""
    year, month, day = (int(v) for v in date)
    year = min(max(year, 1), 9998)
    if not 1 <= month <= 12:
        return year, 0, 0
    return year, month, day if 1 <= day <= calendar.monthrange(year, month)[1] else 0


def _precision(date: Date, precision: str) -> str:
    """The coarser of what was claimed and what the date holds ("day" with day 0 is "month")."""
    _, month, day = _norm(date)
    known = "year" if not month else "month" if not day else "day"
    claimed = precision if precision in PRECISIONS else "day"
    return max(known, claimed, key=PRECISIONS.index)


def _interval(date: Date, precision: str) -> tuple[int, int]:
    """First day and the day after the last, as ordinals, of the period the date stands for."""
    year, month, day = _norm(date)
    precision = _precision(date, precision)
    if precision == "year":
        return dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal() + 1
    first = dt.date(year, month, 1).toordinal()
    if precision == "month":
        return first, first + calendar.monthrange(year, month)[1]
    return first + day - 1, first + day


def _plain_date(date: Date, precision: str) -> str:
    year, month, day = _norm(date)
    precision = _precision(date, precision)
    if precision == "year":
        return str(year)
    if precision == "month":
        return f"{MONTHS[month - 1]} {year}"
    return f"{day} {MONTHS[month - 1]} {year}"


QUALIFIED = {"approximate": "about {}", "inferred": "{} (inferred)"}


def _qualified(text: str, qualifier: str) -> str:
    return QUALIFIED.get(qualifier, "{}").format(text)


def format_date(start: tuple[int, int, int], precision: str = "day",
                qualifier: str = "exact") -> str:
    """"17 October 2017", "March 2017 (inferred)", "about 2014"."""
    return _qualified(_plain_date(start, precision), qualifier)


def item_date_text(item: TimelineItem) -> str:
    """The item's date as words, a range as "start – end", with its qualifier."""
    text = _plain_date(item.start, item.precision)
    if item.end is not None and _span(item) != _interval(item.start, item.precision):
        text += " – " + _plain_date(item.end, item.precision)
    return _qualified(text, item.qualifier)


def _span(item: TimelineItem) -> tuple[int, int]:
    first, last = _interval(item.start, item.precision)
    if item.end is not None:
        last = max(last, _interval(item.end, item.precision)[1])
    return first, last


def _is_dot(item: TimelineItem) -> bool:
    first, last = _span(item)
    return last - first == 1


# -- range ------------------------------------------------------------------

def year_range(items: list[TimelineItem]) -> tuple[int, int] | None:
    """The years the items cover, from the first start to the last end."""
    if not items:
        return None
    spans = [_span(i) for i in items]
    return (dt.date.fromordinal(min(s[0] for s in spans)).year,
            dt.date.fromordinal(max(s[1] for s in spans) - 1).year)


def split_by_range(items: list[TimelineItem], start_year: int | None = None,
                   end_year: int | None = None) -> tuple[list[TimelineItem], list[TimelineItem]]:
    """Items that touch [start_year, end_year] (these are drawn) and the others (not drawn)."""
    lo = dt.date(start_year, 1, 1).toordinal() if start_year is not None else 0
    hi = dt.date(end_year + 1, 1, 1).toordinal() if end_year is not None else 10**7
    touches = [_span(i)[0] < hi and _span(i)[1] > lo for i in items]
    return ([i for i, t in zip(items, touches, strict=True) if t],
            [i for i, t in zip(items, touches, strict=True) if not t])


# -- drawing ----------------------------------------------------------------

@dataclass(frozen=True)
class _Scale:
    first: int          # ordinal of 1 January of the first year
    last: int           # ordinal of 1 January after the last year
    left: float
    right: float

    def x(self, ordinal: float) -> float:
        ordinal = min(max(ordinal, self.first), self.last)
        share = (ordinal - self.first) / (self.last - self.first)
        return self.left + share * (self.right - self.left)


def _extent(item: TimelineItem, scale: _Scale) -> tuple[float, float]:
    """Left and right pixel edges the item's mark takes."""
    first, last = _span(item)
    if _is_dot(item):
        x = scale.x(first + 0.5)
        return x - DOT_R, x + DOT_R
    x0, x1 = scale.x(first), scale.x(last)
    return x0, max(x1, x0 + MIN_BAR)


def _stack(items: list[TimelineItem], scale: _Scale) -> list[tuple[TimelineItem, int]]:
    """Items of one lane, each with the first sub-row where it overlaps nothing."""
    ends: list[float] = []
    placed = []
    for item in sorted(items, key=lambda i: (_span(i), i.label, i.href, i.kind)):
        x0, x1 = _extent(item, scale)
        row = next((r for r, end in enumerate(ends) if end + GAP <= x0), len(ends))
        ends[row:row + 1] = [x1]
        placed.append((item, row))
    return placed


def _line(cls: str, x1: float, y1: float, x2: float, y2: float) -> str:
    return (f'<line class="{cls}" x1="{svg_num(x1)}" y1="{svg_num(y1)}"'
            f' x2="{svg_num(x2)}" y2="{svg_num(y2)}"/>')


def _label(cls: str, x: float, y: float, text: str, anchor: str = "middle") -> str:
    return (f'<text class="{cls}" x="{svg_num(x)}" y="{svg_num(y)}"'
            f' text-anchor="{anchor}">{text}</text>')


def _mark(item: TimelineItem, row: int, top: float, scale: _Scale) -> str:
    y = top + LANE_PAD + row * ROW_H + ROW_H / 2
    dashed = item.qualifier in ("inferred", "approximate")
    dash = ' stroke-dasharray="3 2"' if dashed else ""
    x0, x1 = _extent(item, scale)
    if _is_dot(item):
        shape = "tl-dot"
        mark = (f'<circle class="tl-mark" cx="{svg_num(x0 + DOT_R)}" cy="{svg_num(y)}"'
                f' r="{svg_num(DOT_R)}"')
    else:
        shape = "tl-span" if item.end is None else "tl-range"
        mark = (f'<rect class="tl-mark" x="{svg_num(x0)}" y="{svg_num(y - BAR_H / 2)}"'
                f' width="{svg_num(x1 - x0)}" height="{svg_num(BAR_H)}" rx="2.0"')
    classes = f"tl-item tl-{css_suffix(item.kind)} {shape} tl-q-{css_suffix(item.qualifier)}"
    return (f'<a href="{svg_url(item.href)}" class="{classes}{" tl-dashed" if dashed else ""}">'
            f"<title>{svg_text(item.label)} — {svg_text(item_date_text(item))}</title>"
            f"{mark}{dash}/></a>")


# -- layout -----------------------------------------------------------------

def _label_width(lanes: list[str], width: int) -> float:
    longest = max((len(" ".join(lane.split())) for lane in lanes), default=0)
    return min(max(CHAR_W * longest + 16, 60.0), width * 0.3)


def _lane_label(lane: str, top: float, label_w: float) -> str:
    name = " ".join(str(lane).split())
    fits = max(int((label_w - 16) / CHAR_W), 4)
    short = name if len(name) <= fits else name[:fits - 1] + "…"
    y = top + LANE_PAD + ROW_H / 2 + FONT * 0.35
    text = f"{svg_text(short)}<title>{svg_text(name)}</title>"
    return _label("tl-lane-label", 4.0, y, text, "start")


# A lane as laid out: its name, top, height and its items, each with its sub-row.
Lane = tuple[str, float, float, list[tuple[TimelineItem, int]]]


def _layout(drawn: list[TimelineItem], scale: _Scale) -> list[Lane]:
    """(lane, top, height, [(item, sub-row)]) per lane, lanes in first-appearance order."""
    rows: list[Lane] = []
    top = TOP
    for lane in dict.fromkeys(i.lane for i in drawn):
        placed = _stack([i for i in drawn if i.lane == lane], scale)
        height = 2 * LANE_PAD + (max(r for _, r in placed) + 1) * ROW_H
        rows.append((lane, top, height, placed))
        top += height
    return rows


def _lane_lines(layout: list[Lane], scale: _Scale, width: int) -> list[str]:
    lines = ['<g class="tl-lanes">']
    for n, (lane, top, height, _) in enumerate(layout):
        lines.append(f'<rect class="tl-lane-bg tl-lane-{"odd" if n % 2 == 0 else "even"}" x="0.0"'
                     f' y="{svg_num(top)}" width="{svg_num(width)}" height="{svg_num(height)}"/>')
        lines.append(_lane_label(lane, top, scale.left))
    return [*lines, "</g>"]


def _item_lines(layout: list[Lane], scale: _Scale) -> list[str]:
    marks = [_mark(item, row, top, scale) for _, top, _, placed in layout for item, row in placed]
    return ['<g class="tl-items">', *marks, "</g>"]


def _year_step(scale: _Scale, years: int) -> int:
    per_year = (scale.right - scale.left) / years
    return next((s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500) if s * per_year >= 40), 1000)


def _axis_lines(scale: _Scale, first: int, last: int, axis_y: float) -> list[str]:
    month_lines, months_labelled = _month_lines(scale, first, last, axis_y)
    lines = ['<g class="tl-axis-group">', _line("tl-axis", scale.left, axis_y, scale.right, axis_y),
             *month_lines]
    step, label_y = _year_step(scale, last - first + 1), axis_y + (26 if months_labelled else 16)
    for year in range(first, last + 2):
        x = scale.x(dt.date(year, 1, 1).toordinal())
        lines.append(_line("tl-grid", x, TOP, x, axis_y + 6))
        if year <= last and year % step == 0:
            mid = scale.x(dt.date(year, 7, 2).toordinal()) if step == 1 else x
            lines.append(_label("tl-year-label", mid, label_y, str(year)))
    return [*lines, "</g>"]


def _month_lines(scale: _Scale, first: int, last: int, axis_y: float) -> tuple[list[str], bool]:
    """Month ticks (and initials or names when there is room) for spans of at most 4 years."""
    years = last - first + 1
    if years > 4:
        return [], False
    per_month = (scale.right - scale.left) / (12 * years)
    lines = []
    for year in range(first, last + 1):
        for month in range(1, 13):
            x = scale.x(dt.date(year, month, 1).toordinal())
            if month > 1:
                lines.append(_line("tl-month-tick", x, axis_y, x, axis_y + 4))
            if per_month >= 12:
                name = MONTHS[month - 1][:3 if per_month >= 28 else 1]
                lines.append(_label("tl-month-label", x + per_month / 2, axis_y + 13, name))
    return lines, per_month >= 12


# -- entry point ------------------------------------------------------------

def render_timeline(items: list[TimelineItem], *, start_year: int | None = None,
                    end_year: int | None = None, width: int = 960) -> str:
    """The timeline as ``<div class="archive-timeline-wrap"><svg class="archive-timeline">`` text.

    The years default to those the items cover. Items wholly outside
    [start_year, end_year] are not drawn (see :func:`split_by_range`); items
    that reach outside it are cut at its edge.
    """
    covered = year_range(items) or (start_year, end_year)
    first = start_year if start_year is not None else covered[0]
    last = end_year if end_year is not None else covered[1]
    first, last = (first if first is not None else last), (last if last is not None else first)
    if first is None or last is None:  # both or neither, after the line above
        empty = _label("tl-empty", 4.0, TOP + FONT, "No dated items.", "start")
        return _wrap([empty], int(width), TOP + AXIS_H, "No dated items.")
    if first > last:
        raise ValueError(f"timeline starts after it ends: {first} > {last}")
    drawn = split_by_range(items, first, last)[0]
    label_w = _label_width(list(dict.fromkeys(i.lane for i in drawn)), int(width))
    scale = _Scale(dt.date(first, 1, 1).toordinal(), dt.date(last + 1, 1, 1).toordinal(),
                   label_w, int(width) - RIGHT)
    layout = _layout(drawn, scale)
    axis_y = layout[-1][1] + layout[-1][2] if layout else TOP
    body = [*_lane_lines(layout, scale, int(width)), *_axis_lines(scale, first, last, axis_y),
            *_item_lines(layout, scale)]
    lanes = ", ".join(svg_text(lane) for lane, *_ in layout)
    desc = (f"{len(drawn)} dated item{'' if len(drawn) == 1 else 's'} from {first} to {last}"
            + (f", in lanes: {lanes}." if lanes else "."))
    return _wrap(body, int(width), axis_y + AXIS_H, desc, linked=bool(drawn))


def _wrap(body: list[str], width: int, height: float, desc: str, linked: bool = False) -> str:
    # With items it is a group of links (an "img" cannot hold any), named by its title and desc.
    role = "group" if linked else "img"
    w, h = svg_num(width), svg_num(height)
    digest = hashlib.sha256("\n".join([w, h, desc, *body]).encode("utf-8")).hexdigest()
    uid = f"timeline-{digest[:10]}"
    lines = ['<div class="archive-timeline-wrap">',
             f'<svg xmlns="http://www.w3.org/2000/svg" class="archive-timeline"'
             f' viewBox="0 0 {w} {h}"'
             f' width="{width}" height="{round(height)}" font-size="{svg_num(FONT)}" role="{role}"'
             f' aria-labelledby="{uid}-title {uid}-desc">',
             f'<title id="{uid}-title">Timeline</title>', f'<desc id="{uid}-desc">{desc}</desc>',
             *body, "</svg>", "</div>"]
    return "\n".join(lines) + "\n"
