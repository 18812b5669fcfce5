"""Each output context's escaping rule, over arbitrary Unicode, read back as a browser would.

For every context a value from a seed or the YAML can reach (HTML text in Markdown, an
HTML attribute, page metadata, a URL, JSON in a script, a CSV cell, SVG text, the Atom
feed's XML), the
value is put where the generator puts it, the page goes through the same Markdown
extensions as the site (``mkdocs.yml``) where the site's pages do, and the result is
parsed by html5lib, which follows the HTML standard's parsing algorithm as browsers do.
Each test asserts that the value comes back literal (as a reader sees it: control
characters as U+FFFD) and that no element or attribute appears that the template did
not write.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import unquote, urlsplit

import html5lib
import markdown
import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup
from mkdocs.utils.meta import get_data

from generator.escape import (
    FORMULA_STARTS,
    attr,
    csv_row,
    escape_text,
    external_url,
    front_matter_string,
    json_for_script,
    xml_text,
)
from generator.render.pages import html_link, link
from generator.svg.charts import Bar, Segment, stacked_bars
from generator.svg.timeline import TimelineItem, render_timeline

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# What attackers reach for: HTML and Markdown syntax, Jinja braces, quotes of both kinds,
# backslashes, control characters, bidi controls, Unicode line breaks, a BOM.
TRICKY = [
    *"&<>\"'\\`*_[](){}#|!~^=$:%?/@+- \t\n\r",
    "\x00", "\x02", "\x03", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9f",
    "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\u2028", "\u2029", "\ufeff",
    "\U0001f600", "é", "ب",
    "</script>", "<!--", "-->", "<script>alert(1)</script>", '" onmouseover="alert(1)" x="',
    "javascript:", "{{ x }}", "{% x %}", "[x](y)", "![x](y)", "<http://x.org>", "&amp;",
    "&#60;", "**", "__", "``", "{: .x }", "{ #id }", "\\*", "|", "---", "1. ", "> ", "#",
]
text = st.lists(st.one_of(st.sampled_from(TRICKY),
                          st.text(st.characters(exclude_categories=["Cs"]), max_size=6)),
                max_size=14).map("".join)

CONTROLS = {c: "\ufffd" for c in [*range(0, 9), 11, 12, *range(14, 32), *range(127, 160)]}


def shown(value: str) -> str:
    """What a reader should see: control characters as U+FFFD."""
    return value.translate(CONTROLS)


def squash(value: str) -> str:
    """Whitespace as the checks compare it: runs collapsed, none at the ends (Markdown
    strips Unicode spaces around a list item's text; a browser collapses HTML's own)."""
    return " ".join(value.split())


def _site_markdown() -> markdown.Markdown:
    """A Markdown converter with the site's own extensions and their settings."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = (next(iter(item.items())) if isinstance(item, dict) else (item, {}))
        names.append(name)
        configs[name] = {k: {"true": True, "false": False}.get(v, v) for k, v in options.items()}
    return markdown.Markdown(extensions=names, extension_configs=configs)


MD = _site_markdown()


def page(source: str):
    """The body of the HTML page the site makes from the Markdown ``source``."""
    MD.reset()
    document = html5lib.parse(f"<!doctype html><body>{MD.convert(source)}</body>",
                              namespaceHTMLElements=False)
    return document.find("body")


def text_of(element) -> str:
    return squash("".join(element.itertext()))


def elements(root) -> list:
    return [e for e in root.iter() if isinstance(e.tag, str)]


def tags(root) -> list[str]:
    return [e.tag for e in elements(root)][1:]  # without the root itself


# ------------------------------------------------------------------- HTML text

@SETTINGS
@given(value=text)
def test_html_text_in_a_paragraph_list_table_heading_and_raw_block(value):
    v = escape_text(value)
    expected = shown(value)
    body = page(f"Before {v} after.")
    assert tags(body) == ["p"] and text_of(body) == squash(f"Before {expected} after.")
    body = page(f"- **Label:** {v} end")
    assert tags(body) == ["ul", "li", "strong"]
    assert text_of(body) == squash(f"Label: {expected} end")
    body = page(f"| A | B |\n|---|---|\n| x{v}y | z |")
    cells = body.findall(".//td")
    assert len(cells) == 2 and text_of(cells[0]) == squash(f"x{expected}y")
    body = page(f"# Title {v} end")
    assert tags(body)[0] == "h1" and set(tags(body)[1:]) <= {"a"}  # the permalink only
    assert text_of(body).removesuffix("¶").strip() == squash(f"Title {expected} end")
    body = page(f'<p id="x" data-line="3">{v}</p>')
    assert tags(body) == ["p"] and text_of(body) == squash(expected)
    assert body.find("p").attrib == {"id": "x", "data-line": "3"}
    body = page(f'<div class="m" markdown>\n\n- {v} end\n\n</div>')
    assert tags(body) == ["div", "ul", "li"] and text_of(body) == squash(f"{expected} end")


@SETTINGS
@given(value=text, url=text)
def test_link_text_and_link_target(value, url):
    body = page(f"[{escape_text(value)}]({link('articles/a.md', 'raw/' + url + '.txt')}) x")
    anchors = body.findall(".//a")
    assert tags(body) == ["p", "a"] and len(anchors) == 1
    assert text_of(anchors[0]) == squash(shown(value))
    assert unquote(anchors[0].get("href")) == f"../raw/{url}.txt"


# -------------------------------------------------------------- HTML attribute

@SETTINGS
@given(value=text)
def test_attribute_in_a_raw_block_and_in_inline_html(value):
    a = attr(value)
    for source in (f'<p><span class="m" title="{a}">x</span></p>',
                   f'Text <span class="m" title="{a}">x</span> more.',
                   f'<div markdown>\n\n- Item <a class="m" href="x.html" title="{a}">x</a>\n\n</div>'):
        body = page(source)
        marked = [e for e in elements(body) if e.get("class") == "m"]
        assert len(marked) == 1, source
        assert set(marked[0].attrib) <= {"class", "title", "href"}
        assert squash(marked[0].get("title")) == squash(shown(value))
        assert text_of(marked[0]) == "x"
        assert all(not name.startswith("on") for e in elements(body) for name in e.attrib)


# ----------------------------------------------------- page metadata (front matter)

@SETTINGS
@given(value=text)
def test_page_metadata_as_the_theme_prints_it(value):
    source = (f"---\ntitle: {front_matter_string(value)}\n"
              f"description: {front_matter_string(value)}\n---\n\n# Page\n")
    _, meta = get_data(source)
    assert set(meta) == {"title", "description"}, "the front matter did not parse"
    # The theme prints these as they are (no escaping of its own) into these contexts:
    head = (f'<title>{meta["title"]} - Site</title>'
            f'<meta name="description" content="{meta["description"]}">')
    body = f'<div class="md-header__topic"><span>{meta["title"]}</span></div>'
    document = html5lib.parse(f"<!doctype html><html><head>{head}</head><body>{body}</body></html>",
                              namespaceHTMLElements=False)
    assert [e.tag for e in document.find("head")] == ["title", "meta"]
    assert text_of(document.find("head/title")) == squash(f"{shown(value)} - Site")
    assert document.find("head/meta").attrib.keys() == {"name", "content"}
    assert squash(document.find("head/meta").get("content")) == squash(shown(value))
    assert tags(document.find("body")) == ["div", "span"]
    assert text_of(document.find("body")) == squash(shown(value))


# ------------------------------------------------------------------------ URLs

file_name = text.filter(lambda n: n and "/" not in n and "\x00" not in n)


@SETTINGS
@given(name=file_name, anchor=st.from_regex(r"[a-z]-[0-9a-f]{8}", fullmatch=True))
def test_links_to_files_keep_their_name_whole(name, anchor):
    for href in (link("articles/a.md", f"raw/{name}"), html_link("articles/a.md", f"raw/{name}")):
        parts = urlsplit(str(href))
        assert not parts.scheme and not parts.netloc and not parts.query and not parts.fragment
        assert unquote(parts.path) == f"../raw/{name}"
    parts = urlsplit(str(link("articles/a.md", f"raw/{name}", anchor)))
    assert unquote(parts.path) == f"../raw/{name}" and parts.fragment == anchor
    body = page(f'<a class="r" href="{html_link("articles/a.md", "raw/" + name)}">raw</a>')
    assert unquote(body.find(".//a").get("href")) == f"../raw/{name}"


@SETTINGS
@given(host=st.from_regex(r"[a-z]{1,8}\.(org|com)", fullmatch=True), tail=text,
       scheme=st.sampled_from(["http", "https", "HTTPS", "javascript", "data", "file", ""]))
def test_original_addresses_are_plain_http_links(host, tail, scheme):
    url = f"{scheme}://{host}/{tail}" if scheme else tail
    href = external_url(url)
    plain = re.fullmatch(r"https?://[a-z.]+/[^\s\x00-\x1f\x7f-\x9f]*", url.strip(), re.IGNORECASE)
    assert (href is not None) == bool(plain)
    if href is None:
        return
    body = page(f'<div markdown>\n\n- **Original address:** <a class="u" href="{href}">x</a>\n\n'
                "</div>")
    anchors = body.findall(".//a")
    assert len(anchors) == 1 and set(anchors[0].attrib) == {"class", "href"}
    got = anchors[0].get("href")
    assert urlsplit(got).scheme.lower() == scheme.lower() and urlsplit(got).hostname == host
    assert unquote(got) == unquote(url.strip())


# ----------------------------------------------------------- JSON in a script

@SETTINGS
@given(value=text)
def test_json_in_a_script_reads_back_equal(value):
    data = {"name": value, "items": [value, {"x": value}]}
    body = page(f"Text.\n\n<script type=\"application/ld+json\">{json_for_script(data)}</script>\n")
    scripts = body.findall(".//script")
    assert tags(body) == ["p", "script"] and len(scripts) == 1
    assert json.loads(scripts[0].text) == data


# --------------------------------------------------------------------- CSV cells

@SETTINGS
@given(rows=st.lists(st.lists(st.one_of(text, st.integers()), min_size=1, max_size=6),
                     min_size=1, max_size=3))
def test_csv_cells_read_back_whole_and_are_never_formulas(rows):
    written = "".join(csv_row(row) for row in rows)
    read = list(csv.reader(io.StringIO(written, newline="")))
    assert len(read) == len(rows)
    for row, cells in zip(rows, read, strict=True):
        assert len(cells) == len(row)
        check_cells(row, cells)


def check_cells(row, cells):
    for cell, value in zip(cells, row, strict=True):
        if isinstance(value, int):  # a number stays a number, "-1" included
            assert cell == str(value)
        elif value.startswith(FORMULA_STARTS):
            assert cell == "'" + value
        else:
            assert cell == value
        assert isinstance(value, int) or not cell.startswith(FORMULA_STARTS)


# ---------------------------------------------------------------------- SVG

def svg_shown(value: str) -> str:
    """SVG text as drawn: control characters as spaces, on one line."""
    return squash(value.translate({c: " " for c in CONTROLS}).replace("\u2028", " ")
                  .replace("\u2029", " ").replace("\x85", " "))


@SETTINGS
@given(label=text, name=text, href=file_name)
def test_svg_text_and_links_in_a_chart_and_the_timeline(label, name, href):
    link_to = str(html_link("comparison.md", f"places/{href}.md"))
    chart = stacked_bars([Bar(label, (Segment(name, 2, link_to),), note=label)], title=label)
    timeline = render_timeline([TimelineItem(label, link_to, (2017, 10, 17))])
    for svg_html in (chart, timeline):
        body = page(f"## Chart\n\n{Markup(svg_html)}\n\n## After\n")
        assert [e.tag for e in body] == ["h2", "div", "h2"]
        svg = body.find("div")[0]
        assert svg.tag.endswith("svg")
        links = [e for e in svg.iter() if isinstance(e.tag, str) and e.tag.endswith("}a")]
        assert links and all(unquote(a.get("href")) == f"places/{href}.html" for a in links)
        for element in svg.iter():
            if isinstance(element.tag, str):
                assert all(not n.startswith("on") for n in element.attrib)
                assert element.tag.rsplit("}", 1)[-1] in SVG_TAGS, element.tag
        texts = ["".join(e.itertext()) for e in svg.iter() if isinstance(e.tag, str)
                 and e.tag.rsplit("}", 1)[-1] in ("title", "text")]
        assert any(svg_shown(label) in squash(t) for t in texts)


SVG_TAGS = {"svg", "title", "desc", "g", "a", "rect", "text", "line", "circle", "path", "tspan"}


# ---------------------------------------------------------------------- XML (the feed)

XML_REFUSED = {c: "\ufffd" for c in [*range(0, 9), 11, 12, *range(14, 32), *range(127, 160),
                                      0xFFFE, 0xFFFF]}


@SETTINGS
@given(value=st.one_of(text, st.text(st.characters(), max_size=20)))
def test_xml_text_and_attribute_read_back_literal(value):
    """A feed's title or link attribute parses as well-formed XML and reads back as the
    value, characters XML refuses (controls, lone surrogates, U+FFFE/U+FFFF) as U+FFFD."""
    document = (f'<?xml version="1.0" encoding="utf-8"?><feed a="{xml_text(value)}">'
                f"<title>{xml_text(value)}</title><![CDATA[x]]></feed>").encode("utf-8", "replace")
    root = ET.fromstring(document)
    expected = re.sub("[\ud800-\udfff]", "\ufffd", value).translate(XML_REFUSED)
    assert [e.tag for e in root] == ["title"]
    assert (root.find("title").text or "") == expected
    assert root.get("a") == expected  # tab and line breaks kept, not normalised to spaces
