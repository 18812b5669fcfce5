"""The build-time timeline (generator/svg/timeline.py): dates placed right, lanes, stacking, safety."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import markdown
import pytest

from generator.svg.timeline import TimelineItem, format_date, render_timeline, split_by_range

SVG = "{http://www.w3.org/2000/svg}"

EVENTS = [
    TimelineItem("Offensive on Raqqa begins", "events/offensive.html", (2016, 11, 6)),
    TimelineItem("Tabqa dam captured", "events/tabqa.html", (2017, 5, 10)),
    TimelineItem("Raqqa declared liberated", "events/liberated.html", (2017, 10, 17)),
]
SPUTNIK = [
    TimelineItem("Sputnik report", "articles/sputnik-1.html", (2017, 6, 8),
                 lane="Sputnik International", kind="article"),
]
RT = [
    TimelineItem("RT report", "articles/rt-1.html", (2017, 3, 0), precision="month",
                 lane="RT", kind="article"),
]


def parse(text: str) -> ET.Element:
    """The <svg> element inside the wrapper, parsed as XML (fails on any malformed markup)."""
    root = ET.fromstring(text)
    assert root.tag == "div" and root.get("class") == "archive-timeline-wrap"
    svg = root.find(f"{SVG}svg")
    assert svg is not None
    return svg


def links(svg: ET.Element) -> dict[str, ET.Element]:
    return {a.attrib["href"]: a for a in svg.iter(f"{SVG}a")}


def mark(link: ET.Element) -> ET.Element:
    (element,) = [e for e in link if e.tag in (f"{SVG}circle", f"{SVG}rect")]
    return element


def position(link: ET.Element) -> tuple[float, float]:
    """Centre of an item's mark."""
    m = mark(link)
    if m.tag == f"{SVG}circle":
        return float(m.attrib["cx"]), float(m.attrib["cy"])
    return (float(m.attrib["x"]) + float(m.attrib["width"]) / 2,
            float(m.attrib["y"]) + float(m.attrib["height"]) / 2)


def test_svg_is_a_named_group_of_links():
    # A group, not an "img": an image's content is hidden from assistive technology,
    # and its links with it.
    svg = parse(render_timeline(EVENTS + SPUTNIK))
    assert svg.get("class") == "archive-timeline" and svg.get("role") == "group"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title.text == "Timeline"
    assert "from 2016 to 2017" in desc.text and "Sputnik International" in desc.text
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_later_dates_are_further_right():
    dates = [(2016, 11, 6), (2016, 12, 31), (2017, 1, 1), (2017, 5, 10), (2017, 10, 17),
             (2018, 2, 1)]
    items = [TimelineItem(f"d{i}", f"d{i}.html", date) for i, date in enumerate(dates)]
    drawn = links(parse(render_timeline(list(reversed(items)))))
    xs = [position(drawn[i.href])[0] for i in items]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)


def test_lanes_in_first_appearance_order_with_their_labels():
    items = [EVENTS[0], SPUTNIK[0], RT[0], EVENTS[1], SPUTNIK[0]]
    svg = parse(render_timeline(items))
    labels = [t for t in svg.iter(f"{SVG}text") if t.get("class") == "tl-lane-label"]
    assert [t.text for t in labels] == ["events", "Sputnik International", "RT"]
    ys = [float(t.get("y")) for t in labels]
    assert ys == sorted(ys)
    drawn = links(svg)
    event_y, sputnik_y, rt_y = (position(drawn[i.href])[1] for i in (EVENTS[0], SPUTNIK[0], RT[0]))
    assert event_y < sputnik_y < rt_y


def test_long_lane_names_are_shortened_with_the_full_name_in_a_tooltip():
    long = "The Very Long Name Of An Outlet That Goes On And On Forever And Ever"
    svg = parse(render_timeline([TimelineItem("x", "x.html", (2017, 1, 1), lane=long)], width=600))
    (label,) = [t for t in svg.iter(f"{SVG}text") if t.get("class") == "tl-lane-label"]
    assert label.text.endswith("…") and len(label.text) < len(long)
    assert label.find(f"{SVG}title").text == long


def test_day_precision_is_a_dot_and_month_or_year_a_span():
    year = TimelineItem("Year", "y.html", (2016, 0, 0), precision="year")
    drawn = links(parse(render_timeline(EVENTS + RT + [year])))
    assert mark(drawn[EVENTS[0].href]).tag == f"{SVG}circle"
    month = drawn[RT[0].href]
    assert mark(month).tag == f"{SVG}rect" and "tl-span" in month.get("class").split()
    assert float(mark(drawn["y.html"]).get("width")) > 10 * float(mark(month).get("width"))


def test_a_day_precision_claim_without_a_day_is_drawn_as_its_month():
    item = TimelineItem("No day", "n.html", (2017, 3, 0), precision="day")
    assert mark(links(parse(render_timeline([item])))["n.html"]).tag == f"{SVG}rect"


def test_a_range_spans_from_its_start_to_its_end():
    siege = TimelineItem("Siege", "siege.html", (2017, 6, 6), end=(2017, 10, 17))
    drawn = links(parse(render_timeline([*EVENTS, siege])))
    rect = mark(drawn["siege.html"])
    x0, x1 = float(rect.get("x")), float(rect.get("x")) + float(rect.get("width"))
    assert x0 < position(drawn[EVENTS[1].href])[0] + 40 < x1  # 10 May + ~1 month lies inside
    assert x1 == pytest.approx(position(drawn[EVENTS[2].href])[0], abs=1.5)
    assert "6 June 2017 – 17 October 2017" in drawn["siege.html"].find(f"{SVG}title").text


def test_inferred_and_approximate_dates_are_dashed_and_say_so():
    inferred = TimelineItem("Airstrikes", "a.html", (2017, 3, 0), precision="month",
                            qualifier="inferred")
    about = TimelineItem("Founded", "f.html", (2016, 0, 0), precision="year",
                         qualifier="approximate")
    drawn = links(parse(render_timeline([inferred, about, *EVENTS])))
    for href, tooltip in (("a.html", "Airstrikes — March 2017 (inferred)"),
                          ("f.html", "Founded — about 2016")):
        assert "tl-dashed" in drawn[href].get("class").split()
        assert mark(drawn[href]).get("stroke-dasharray")
        assert drawn[href].find(f"{SVG}title").text == tooltip
    exact = drawn[EVENTS[0].href]
    assert "tl-dashed" not in exact.get("class") and mark(exact).get("stroke-dasharray") is None
    assert exact.find(f"{SVG}title").text == "Offensive on Raqqa begins — 6 November 2016"


def test_overlapping_items_in_one_lane_are_stacked():
    same_day = [TimelineItem(f"Report {n}", f"r{n}.html", (2017, 10, 17), lane="RT")
                for n in range(3)]
    month = TimelineItem("Month", "m.html", (2017, 10, 0), precision="month", lane="RT")
    apart = TimelineItem("Apart", "apart.html", (2016, 1, 5), lane="RT")
    drawn = links(parse(render_timeline([*same_day, month, apart])))
    ys = [position(drawn[h])[1] for h in ("r0.html", "r1.html", "r2.html", "m.html")]
    assert len(set(ys)) == 4
    assert position(drawn["apart.html"])[1] == min(ys)


def test_other_lanes_do_not_stack_on_each_other():
    a = TimelineItem("A", "a.html", (2017, 10, 17), lane="One")
    b = TimelineItem("B", "b.html", (2017, 10, 17), lane="Two")
    svg = parse(render_timeline([a, b]))
    heights = [float(r.get("height")) for r in svg.iter(f"{SVG}rect")
               if "tl-lane-bg" in r.get("class")]
    assert len(heights) == 2 and heights[0] == heights[1]


def test_items_outside_the_years_are_not_drawn():
    old = TimelineItem("Old", "old.html", (2014, 0, 0), precision="year", qualifier="approximate")
    later = TimelineItem("Later", "later.html", (2019, 3, 1), lane="Later lane")
    items = [*EVENTS, old, later]
    text = render_timeline(items, start_year=2016, end_year=2018)
    assert set(links(parse(text))) == {i.href for i in EVENTS}
    assert "Old" not in text and "Later" not in text
    inside, outside = split_by_range(items, 2016, 2018)
    assert inside == EVENTS and outside == [old, later]


def test_axis_has_year_ticks_and_month_ticks_for_short_spans():
    short = parse(render_timeline(EVENTS, start_year=2016, end_year=2018))
    years = [t.text for t in short.iter(f"{SVG}text") if t.get("class") == "tl-year-label"]
    assert years == ["2016", "2017", "2018"]
    month_ticks = [e for e in short.iter(f"{SVG}line") if e.get("class") == "tl-month-tick"]
    assert len(month_ticks) == 3 * 11
    long = parse(render_timeline(EVENTS, start_year=1950, end_year=2018))
    assert not [e for e in long.iter(f"{SVG}line") if e.get("class") == "tl-month-tick"]
    long_years = [int(t.text) for t in long.iter(f"{SVG}text") if t.get("class") == "tl-year-label"]
    assert long_years == list(range(1950, 2019, 5))  # fewer labels, on round years


def test_format_date():
    assert format_date((2017, 10, 17), "day", "exact") == "17 October 2017"
    assert format_date((2017, 3, 0), "month", "inferred") == "March 2017 (inferred)"
    assert format_date((2014, 0, 0), "year", "approximate") == "about 2014"
    assert format_date((2017, 3, 9), "month", "exact") == "March 2017"
    assert format_date((2017, 2, 30), "day", "exact") == "February 2017"
    assert format_date((2017, 13, 1), "day", "exact") == "2017"


def test_untrusted_labels_and_lanes_are_escaped():
    evil = TimelineItem("<script>alert(1)</script>", 'a.html?x="1"&y=2', (2017, 1, 1),
                        lane="<img src=x onerror=alert(1)>", kind="<b>")
    text = render_timeline([evil])
    assert "<script" not in text and "<img" not in text
    svg = parse(text)
    assert not [e for e in svg.iter() if e.tag.split("}")[-1] in ("script", "img", "b")]
    (link,) = links(svg).values()
    assert link.get("href") == 'a.html?x="1"&y=2'
    assert link.find(f"{SVG}title").text.startswith("<script>alert(1)</script> — ")
    assert "tl-b" in link.get("class").split()


def test_output_is_byte_identical_across_calls():
    items = EVENTS + SPUTNIK + RT
    assert render_timeline(items) == render_timeline(items)
    assert render_timeline(items, start_year=2015, end_year=2018, width=700) == render_timeline(
        list(items), start_year=2015, end_year=2018, width=700)


def test_embeddable_as_one_raw_html_block():
    newline = TimelineItem("Two\n\nparagraphs", "n.html", (2017, 1, 1), lane="A\n\nB")
    text = render_timeline(EVENTS + SPUTNIK + [newline])
    assert text.startswith('<div class="archive-timeline-wrap">\n<svg ')
    assert all(line.strip() for line in text.splitlines())
    html = markdown.markdown("Intro.\n\n" + text + "\nAfter *it*.\n",
                             extensions=["attr_list", "md_in_html", "toc", "tables"])
    assert text.strip() in html and "<em>it</em>" in html


def test_no_external_reference_or_active_content():
    text = render_timeline(EVENTS + SPUTNIK + RT)
    assert text.count("http") == 1 and 'xmlns="http://www.w3.org/2000/svg"' in text
    for banned in ("<script", "<foreignObject", "xlink", "<image", "<use", "url("):
        assert banned not in text
    assert all(re.fullmatch(r"-?\d+\.\d", v) for e in parse(text).iter()
               for k in ("x", "y", "cx", "cy", "r", "width", "height", "x1", "x2", "y1", "y2")
               if (v := e.get(k)) and e.tag != f"{SVG}svg")


def test_nothing_to_draw():
    svg = parse(render_timeline([]))
    assert not links(svg) and svg.find(f"{SVG}desc").text == "No dated items."
    assert svg.get("role") == "img"  # no link in it: an image named by its title
    axis_only = parse(render_timeline([], start_year=2016, end_year=2017))
    assert [t.text for t in axis_only.iter(f"{SVG}text") if t.get("class") == "tl-year-label"] == [
        "2016", "2017"]
    with pytest.raises(ValueError):
        render_timeline(EVENTS, start_year=2018, end_year=2016)
