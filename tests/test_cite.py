"""References to a capture in each format, read back with a parser of that format.

BibTeX is read by a small reader that counts braces as BibTeX does (a backslash does not
protect a brace from BibTeX's count), RIS by a reader of its ``TAG  - value`` lines, and
CSL-JSON by :mod:`json`, checked against the CSL 1.0.2 data schema's shape. Hostile text
(quotes, braces, backslashes, line breaks, ``</script>``, Markdown, control characters)
must come back literal from every format, as a reader of the page sees it.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.model import (
    Article,
    ArticleMeta,
    ArticleText,
    Block,
    DateQualifier,
    FuzzyDate,
    Outlet,
    Relay,
    RelayKind,
    Section,
    Seed,
)
from generator.render.cite import (
    ANCHOR_SLOT,
    LINE_SLOT,
    NO_CAPTURE_DATE,
    SiteInfo,
    bibtex,
    bibtex_file,
    csl,
    csl_json,
    meta_tags,
    notes,
    paragraph_template,
    read_site_info,
    reference,
    ris,
    ris_file,
    text,
)

SHA = "ab" * 32
SITE = SiteInfo("Raqqa in five outlets", None)
HOSTED = SiteInfo.of("Raqqa in five outlets", "https://archive.example.org/raqqa")
TRICKY = [
    *"{}\\%&$#_~^\"'`*[]()<>|!=:@ \t\n\r",
    "</script>", "<!--", "\x00", "\x0b", "\x1b", "\x85", "\u2028", "\ufeff", "\ue000", "\ue001",
    "@online{x,", "ER  - ", "\r\nER  - \r\n", "TY  - JOUR", "}}", "{{", "\\}", "\\{", "**x**",
    "[x](y)", "{{ x }}", "é", "ب", "\U0001f600", '" onmouseover="x"',
]
hostile = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(
    st.characters(exclude_categories=["Cs"]), max_size=5)), max_size=12).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SHOWN = {c: "\ufffd" for c in [*range(0, 9), 11, 12, *range(14, 32), *range(127, 160),
                               0xE000, 0xE001]}


def shown(value: str) -> str:
    """What a reference should say for curated text: one line, controls as U+FFFD."""
    return " ".join(value.translate(SHOWN).split())


def make_article(outlet: str = "Voice of America", slug: str = "a-title", **meta: Any) -> Article:
    """An article of one paragraph from the outlet named ``outlet``. ``meta`` sets fields of
    its ``ArticleMeta``: by default it is titled "A title", dated 17 October 2017 and has an
    address; every other field keeps ``ArticleMeta``'s default."""
    fields = {"title": "A title", "date": FuzzyDate(2017, 10, 17), "url": "https://example.org/a",
              **meta}
    text_ = ArticleText((Block(3, "First paragraph.", Section.BODY, anchor="p-0123abcd"),))
    return Article(Seed("000_x.txt", SHA, "x", "utf-8", 1),
                   ArticleMeta(seed="000_x.txt", outlet="voa",
                               source_file="content/articles/000_x.yml", **fields),
                   text_, slug,
                   Outlet("voa", outlet, "US", "state-funded", "x", "broadcaster", "en"))


# ------------------------------------------------------------------ readers
def read_bibtex(source: str) -> list[tuple[str, str, dict[str, str]]]:
    """(type, key, fields) of each entry; braces counted as BibTeX counts them."""
    entries, pos = [], 0
    while (at := source.find("@", pos)) != -1:
        head = re.compile(r"@(\w+)\{([^,\s{}]+),").match(source, at)
        assert head, f"no entry head at {source[at:at + 40]!r}"
        kind, key, pos, fields = head.group(1), head.group(2), head.end(), {}
        while True:
            field = re.compile(r"\s*(\w+) = ").match(source, pos)
            if not field:
                break
            pos = field.end()
            if source[pos] == "{":
                depth, start = 0, pos
                while True:
                    char = source[pos]
                    depth += {"{": 1, "}": -1}.get(char, 0)
                    assert char != "\n" or depth == 0, f"a line break inside {field.group(1)}"
                    pos += 1
                    if depth == 0:
                        break
                value = source[start + 1:pos - 1]
            else:
                bare = re.compile(r"[a-z0-9]+").match(source, pos)
                assert bare, f"no value of {field.group(1)} at {source[pos:pos + 40]!r}"
                value, pos = bare.group(), bare.end()
            assert field.group(1) not in fields, f"{field.group(1)} twice"
            fields[field.group(1)] = value
            pos += source.startswith(",", pos)
        end = re.compile(r"\s*\}\n").match(source, pos)
        assert end, f"entry {key} is not closed: {source[pos:pos + 40]!r}"
        pos = end.end()
        entries.append((kind, key, fields))
    return entries


LATEX = {r"\textbackslash{}": "\\", r"\textbraceleft{}": "{", r"\textbraceright{}": "}",
         r"\textasciitilde{}": "~", r"\textasciicircum{}": "^", r"\%": "%", r"\&": "&",
         r"\$": "$", r"\#": "#", r"\_": "_"}


def unlatex(value: str) -> str:
    """A braced field's text as LaTeX prints it, for the commands the writer uses; any
    special character left unescaped fails."""
    out, pos = [], 0
    pattern = re.compile("|".join(re.escape(k) for k in sorted(LATEX, key=len, reverse=True)))
    for match in pattern.finditer(value):
        out.append(value[pos:match.start()])
        out.append(LATEX[match.group()])
        pos = match.end()
    out.append(value[pos:])
    rest = pattern.sub("", value)
    assert not re.search(r"[\\{}%&$#_~^]", rest), f"unescaped special character in {value!r}"
    return "".join(out)


def read_ris(source: str) -> list[list[tuple[str, str]]]:
    """Records of (tag, value) lines; every line must be a tag line ending in CRLF."""
    assert "\n" not in source.replace("\r\n", ""), "a bare LF or CR in the RIS"
    assert "\r" not in source.replace("\r\n", "")
    records, current = [], None
    for line in source.split("\r\n"):
        if line == "":
            continue
        match = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert match, f"not a RIS line: {line!r}"
        tag, value = match.groups()
        if tag == "TY":
            assert current is None, "TY inside a record"
            current = [(tag, value)]
        else:
            assert current is not None, f"{tag} outside a record"
            current.append((tag, value))
            if tag == "ER":
                records.append(current)
                current = None
    assert current is None, "a record without ER"
    return records


def ris_field(record, tag) -> list[str]:
    return [v for t, v in record if t == tag]


CSL_VARIABLES = {"id", "type", "title", "container-title", "publisher", "issued", "accessed",
                 "URL", "archive", "archive_location", "note", "language", "author"}
CSL_DATE_KEYS = {"date-parts", "season", "circa", "literal", "raw"}


def check_csl_item(item: dict) -> None:
    """The shape CSL 1.0.2's csl-data.json requires of what the writer uses."""
    assert set(item) <= CSL_VARIABLES, set(item) - CSL_VARIABLES
    assert isinstance(item["id"], str) and item["type"] == "article-newspaper"
    for key in ("issued", "accessed"):
        if key in item:
            date = item[key]
            assert set(date) <= CSL_DATE_KEYS
            parts = date["date-parts"]
            assert len(parts) == 1 and 1 <= len(parts[0]) <= 3
            assert all(isinstance(p, int) for p in parts[0])
    for name in item.get("author", []):
        assert set(name) == {"literal"}
    for key, value in item.items():
        if key not in ("issued", "accessed", "author"):
            assert isinstance(value, str), key


# ------------------------------------------------------------------- dates
@pytest.mark.parametrize("date, csl_date, bib_date, ris_date, meta", [
    (FuzzyDate(2016, 5, 30), {"date-parts": [[2016, 5, 30]]}, "2016-05-30", "2016/05/30/",
     "2016/05/30"),
    (FuzzyDate(2017, 3, qualifier=DateQualifier.INFERRED), {"date-parts": [[2017, 3]]},
     "2017-03?", "2017/03//inferred", "2017/03"),
    (FuzzyDate(2014, qualifier=DateQualifier.APPROXIMATE),
     {"date-parts": [[2014]], "circa": True}, "2014~", "2014///approximate", "2014"),
])
def test_a_date_keeps_its_precision_and_qualifier_in_every_format(date, csl_date, bib_date,
                                                                   ris_date, meta):
    ref = reference(make_article(date=date), SITE)
    assert csl(ref)["issued"] == csl_date
    (_, _, fields), = read_bibtex(bibtex(ref))
    assert fields["date"] == bib_date and fields["year"] == str(date.year)
    assert ("month" in fields) == (date.month is not None)
    record, = read_ris(ris(ref))
    assert ris_field(record, "DA") == [ris_date] and ris_field(record, "PY") == [f"{date.year}"]
    tags = dict(meta_tags(ref))
    assert tags["citation_date"] == tags["citation_publication_date"] == meta
    assert tags["DC.date"] == date.iso
    word = {DateQualifier.INFERRED: "Date inferred", DateQualifier.APPROXIMATE:
            "Date approximate"}.get(date.qualifier, "Date")
    assert f"{word}, to the {date.precision.value}" in " ".join(notes(ref))


def test_an_updated_date_is_not_given_as_the_publication_date():
    ref = reference(make_article(date=FuzzyDate(2017, 10, 14), date_type="updated",
                                 date_basis="the page states it"), SITE)
    tags = dict(meta_tags(ref))
    assert "citation_publication_date" not in tags and "DC.date" not in tags
    assert tags["DC.date.modified"] == "2017-10-14"
    assert "14 October 2017 (updated)" in text(ref)
    assert "of an update (not of first publication)" in csl(ref)["note"]
    assert "of an update" in read_bibtex(bibtex(ref))[0][2]["note"]


def test_an_unknown_date_is_left_out_and_said():
    ref = reference(make_article(date=None), SITE)
    assert "issued" not in csl(ref)
    fields = read_bibtex(bibtex(ref))[0][2]
    assert not {"date", "year", "month"} & set(fields)
    assert not ris_field(read_ris(ris(ref))[0], "DA")
    assert "date unknown" in text(ref) and "Date unknown." in notes(ref)
    assert not any(name.endswith("date") for name, _ in meta_tags(ref))


# ----------------------------------------------------------------- outlets
def test_an_inferred_outlet_is_never_given_as_the_publisher():
    ref = reference(make_article(outlet="SouthFront", outlet_inferred=True,
                                 outlet_basis="from the donation footer"), SITE)
    item = csl(ref)
    assert "publisher" not in item and "container-title" not in item
    assert "Outlet inferred, not confirmed: SouthFront (from the donation footer)." in item["note"]
    fields = read_bibtex(bibtex(ref))[0][2]
    assert "organization" not in fields and "Outlet inferred" in fields["note"]
    record = read_ris(ris(ref))[0]
    assert not ris_field(record, "PB") and not ris_field(record, "T2")
    assert any(n.startswith("Outlet inferred") for n in ris_field(record, "N1"))
    names = {name for name, _ in meta_tags(ref)}
    assert not names & {"citation_publisher", "citation_journal_title", "DC.publisher"}
    assert text(ref).startswith("SouthFront (outlet inferred). ")


def test_a_confirmed_outlet_is_the_publisher():
    ref = reference(make_article(), SITE)
    assert csl(ref)["publisher"] == csl(ref)["container-title"] == "Voice of America"
    assert read_bibtex(bibtex(ref))[0][2]["organization"] == "Voice of America"
    assert ris_field(read_ris(ris(ref))[0], "PB") == ["Voice of America"]
    assert dict(meta_tags(ref))["citation_publisher"] == "Voice of America"


def test_a_relay_is_named_in_the_note():
    relay = Relay("Reuters, AP, dpa", RelayKind.WIRE, True, "credited at the end")
    ref = reference(make_article(relays=(relay,)), SITE)
    assert ("The article is a re-post of wire copy: Reuters, AP, dpa (credited at the end)."
            in notes(ref))


# -------------------------------------------------------------- accessed
def test_the_accessed_date_is_the_recorded_date_of_capture():
    ref = reference(make_article(captured=FuzzyDate(2019, 1, 5),
                                 captured_basis="the capture tool's log"), SITE)
    assert csl(ref)["accessed"] == {"date-parts": [[2019, 1, 5]]}
    assert read_bibtex(bibtex(ref))[0][2]["urldate"] == "2019-01-05"
    assert ris_field(read_ris(ris(ref))[0], "Y2") == ["2019/01/05/"]
    assert text(ref).endswith("Accessed: 5 January 2019 (the capture tool's log).")


def test_with_no_date_of_capture_the_accessed_date_is_unknown_not_today():
    ref = reference(make_article(), SITE)
    assert "accessed" not in csl(ref)
    assert "urldate" not in read_bibtex(bibtex(ref))[0][2]
    assert not ris_field(read_ris(ris(ref))[0], "Y2")
    assert text(ref).endswith(f"Accessed: unknown ({NO_CAPTURE_DATE}).")


# ------------------------------------------------------ addresses, paragraphs
def test_the_archive_address_is_the_page_path_or_absolute_with_site_url():
    article = make_article()
    assert reference(article, SITE).address == "articles/a-title.html"
    hosted = reference(article, HOSTED)
    assert hosted.address == "https://archive.example.org/raqqa/articles/a-title.html"
    assert csl(hosted)["archive_location"] == hosted.address
    tags = dict(meta_tags(hosted))
    assert tags["citation_public_url"] == tags["citation_abstract_html_url"] == hosted.address
    assert "citation_public_url" not in dict(meta_tags(reference(article, SITE)))


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://x.org/", "https://x.org/\"><b>",
                                 "", None, "https://x.org/ a"])
def test_a_site_url_that_is_not_a_plain_address_is_not_used(url):
    assert SiteInfo.of("x", url).url is None


def test_site_info_is_read_from_mkdocs_yml_with_its_tags(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: My archive\nsite_url: https://x.org/a/\n"
                      "extra:\n  key: !ENV [HOME, x]\n", encoding="utf-8")
    assert read_site_info(config) == SiteInfo("My archive", "https://x.org/a/")
    assert read_site_info(tmp_path / "missing.yml") == SiteInfo()


def test_a_paragraph_reference_names_its_anchor_and_line():
    article = make_article()
    block = article.text.body[0]
    ref = reference(article, HOSTED, block)
    assert ref.address.endswith("articles/a-title.html#p-0123abcd")
    assert "Paragraph p-0123abcd (line 3)." in text(ref)
    _, key, fields = read_bibtex(bibtex(ref))[0]
    assert key == "a-title-p-0123abcd"
    assert r"articles/a-title.html\#p-0123abcd" in fields["note"]
    assert csl(ref)["archive_location"] == ref.address and csl(ref)["id"] == key


def test_the_paragraph_template_filled_in_is_the_paragraph_reference():
    """What the page's script does with the slots gives what the generator would write."""
    article = make_article(title="Slots \ue000 and \ue001 in a title")
    block = article.text.body[0]
    template = paragraph_template(reference(article, HOSTED))
    direct = reference(article, HOSTED, block)

    def fill(value: str) -> str:
        return value.replace(ANCHOR_SLOT, block.anchor).replace(LINE_SLOT, str(block.line))

    assert fill(text(template)) == text(direct)
    assert fill(bibtex(template)) == bibtex(direct)
    assert fill(ris(template)) == ris(direct)
    assert fill(csl_json([template])) == csl_json([direct])
    assert "\ue000" not in text(direct) and "Slots \ufffd and \ufffd" in text(direct)


# ----------------------------------------------------------- hostile text
@SETTINGS
@given(title=hostile, outlet=hostile, author=hostile, basis=hostile)
def test_hostile_text_comes_back_literal_from_every_format(title, outlet, author, basis):
    article = make_article(title=title, outlet=outlet, author=author or None,
                           date_basis=basis, captured=FuzzyDate(2019, 2),
                           captured_basis=basis)
    ref = reference(article, HOSTED, article.text.body[0])
    kind, key, fields = read_bibtex(bibtex(ref))[0]
    assert kind == "online" and key == "a-title-p-0123abcd"
    assert fields["title"].startswith("{") and fields["title"].endswith("}")
    assert unlatex(fields["title"][1:-1]) == shown(title)
    assert unlatex(fields["organization"]) == shown(outlet)
    if author and shown(author):
        assert unlatex(fields["author"][1:-1]) == shown(author)
    assert unlatex(fields["note"]) == " ".join(notes(ref))
    record, = read_ris(ris(ref))
    assert ris_field(record, "TI") == [shown(title)]
    assert ris_field(record, "PB") == [shown(outlet)]
    assert record[0] == ("TY", "ELEC") and record[-1] == ("ER", "")
    item, = json.loads(csl_json([ref]))
    check_csl_item(item)
    assert item["title"] == shown(title) and item["publisher"] == shown(outlet)
    assert f"\u201c{shown(title)}.\u201d" in text(ref)
    assert "\n" not in text(ref) and "\r" not in text(ref)
    assert dict(meta_tags(ref))["citation_title"] == shown(title)


def test_files_of_several_references_parse_as_several_entries():
    refs = [reference(make_article(slug=f"s-{n}", title=f"T{n} {{x}}"), SITE) for n in range(3)]
    assert [key for _, key, _ in read_bibtex(bibtex_file(refs))] == ["s-0", "s-1", "s-2"]
    assert [ris_field(r, "ID") for r in read_ris(ris_file(refs))] == [["s-0"], ["s-1"], ["s-2"]]
    items = json.loads(csl_json(refs))
    assert [i["id"] for i in items] == ["s-0", "s-1", "s-2"]
    for item in items:
        check_csl_item(item)
    assert json.loads(csl_json([])) == []


def test_a_url_cannot_break_out_of_its_bibtex_field():
    ref = reference(make_article(url="https://x.org/a}b{c\\d e"), SITE)
    fields = read_bibtex(bibtex(ref))[0][2]
    assert fields["url"] == "https://x.org/a%7Db%7Bc%5Cd%20e"



def test_each_format_keeps_a_value_on_its_line_even_from_a_record_made_by_hand():
    """The formats do not rely on :func:`reference` having cleaned the values."""
    from dataclasses import replace
    ref = replace(reference(make_article(), SITE), title="a\r\nER  - \r\nTY  - JOUR\nb}",
                  outlet="c\n@misc{d,")
    record, = read_ris(ris(ref))
    assert ris_field(record, "TI") == ["a ER - TY - JOUR b}"]
    (_, _, fields), = read_bibtex(bibtex(ref))
    assert unlatex(fields["title"][1:-1]) == "a ER - TY - JOUR b}"
    assert unlatex(fields["organization"]) == "c @misc{d,"


def test_an_uncurated_capture_states_no_publisher_and_says_its_title_is_a_guess():
    article = make_article(outlet="Unknown outlet")
    article = Article(article.seed, replace_meta(article.meta, source_file=""), article.text,
                      article.slug, article.outlet)
    ref = reference(article, SITE)
    assert "publisher" not in csl(ref) and "organization" not in read_bibtex(bibtex(ref))[0][2]
    assert not ris_field(read_ris(ris(ref))[0], "PB")
    assert "citation_publisher" not in dict(meta_tags(ref))
    assert text(ref).startswith("Unknown outlet (uncurated capture). ")
    assert any(n.startswith("Uncurated capture: no curator has described it yet") for n in notes(ref))


def replace_meta(meta, **changes):
    from dataclasses import replace
    return replace(meta, **changes)
