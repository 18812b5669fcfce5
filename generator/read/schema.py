"""Read stage: check the curated YAML and turn it into the typed model.

Every problem is collected and reported together, each naming the file, the
line, the key, what was expected and what was found.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, cast

from generator.escape import external_url
from generator.model import (
    RESERVED_ARTICLE_SLUGS,
    ArticleMeta,
    Collection,
    DateQualifier,
    FuzzyDate,
    LineKind,
    LineOverride,
    Outlet,
    Relay,
    RelayKind,
    Seed,
)
from generator.problems import Problem, Severity, did_you_mean
from generator.read.decode import line_count
from generator.read.load import LineDict, RawInput, YamlDoc, line_at
from generator.read.pattern import Anchor
from generator.read.pattern import check as check_pattern

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
ID_RE = SLUG_RE
RESERVED_SLUGS = {"index", "search", "assets", "raw"}
EDTF_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([?~])?$")
LINE_KINDS = tuple(k.value for k in LineKind)
OUTLET_KINDS = ("wire", "news agency", "broadcaster", "news site", "blog", "aggregator", "re-post")
OWNERSHIP = ("state-owned", "state-funded", "independent", "private", "unknown")


@dataclass(frozen=True)
class Field:
    """One key of a YAML mapping: its type, whether it is required, and a check."""

    types: tuple[type, ...]
    required: bool = False
    check: Callable[[Any], str] | None = None  # returns '' or what was expected
    doc: str = ""


def _one_of(choices: tuple[str, ...]) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        return "" if value in choices else "one of: " + ", ".join(choices)

    return check


def _slug(value: Any) -> str:
    if not SLUG_RE.match(value):
        return "lowercase letters, digits and inner hyphens (a-z, 0-9, -), 1-80 characters"
    if value in RESERVED_SLUGS:
        return "a name other than the reserved " + ", ".join(sorted(RESERVED_SLUGS))
    return ""


def _article_slug(value: Any) -> str:
    """An article's page address: a slug with no hyphen doubled (``--`` is what tells apart
    the pages of captures that want the same address) and no name the Articles folder
    keeps for itself."""
    expected = _slug(value)
    if expected or ("--" not in value and value not in RESERVED_ARTICLE_SLUGS):
        return expected
    return ("single inner hyphens ('--' is kept for telling apart captures that want one "
            "address) and a name other than the reserved "
            + ", ".join(sorted(RESERVED_SLUGS | RESERVED_ARTICLE_SLUGS)))


def _pattern(anchor: Anchor) -> Callable[[Any], str]:
    """The check of a curated pattern matched at ``anchor`` (:mod:`generator.read.pattern`)."""
    def check(value: Any) -> str:
        problem = check_pattern(value, anchor)
        return problem.expected() if problem else ""

    return check


def _address(value: Any) -> str:
    """An address (a URL, a host name) is visible characters only: no control, bidi
    override or other invisible format character could make it read as another."""
    if value.isprintable():
        return ""
    return ("an address of visible characters only (no line break, control, bidi or other "
            "invisible format character)")


STR = (str,)
OUTLET_FIELDS: dict[str, Field] = {
    "id": Field(STR, True, _slug, "short id used by articles (e.g. sputnik)"),
    "name": Field(STR, True, doc="the outlet's name"),
    "country": Field(STR, True, doc="country of the outlet, or 'unknown'"),
    "ownership": Field(STR, True, _one_of(OWNERSHIP), "ownership or funding"),
    "ownership_basis": Field(STR, True, doc="who says so: the source of the ownership fact"),
    "kind": Field(STR, True, _one_of(OUTLET_KINDS), "what kind of outlet"),
    "language": Field(STR, True, doc="main language of its articles (BCP 47, e.g. en)"),
    "site": Field(STR, check=_address, doc="its web site's host name"),
    "description": Field(STR, doc="a sentence or two on the outlet"),
    "site_names": Field((list,), doc="names its pages carry as branding (site chrome)"),
    "signatures": Field((list,), doc="whole-line patterns of boilerplate typical of it"),
}

ARTICLE_FIELDS: dict[str, Field] = {
    "seed": Field(STR, True, doc="the capture's file name in seeds/"),
    "title": Field(STR, True, doc="the headline as the outlet published it"),
    "outlet": Field(STR, True, doc="id of an outlet in content/outlets.yml"),
    "outlet_inferred": Field((bool,), doc="true when the outlet is not confirmed"),
    "outlet_basis": Field(STR, doc="how the outlet was established"),
    "date": Field(STR, doc="EDTF date: YYYY, YYYY-MM or YYYY-MM-DD; "
                  "a trailing ? marks an inferred date, ~ an approximate one"),
    "date_type": Field(STR, check=_one_of(("published", "updated")),
                       doc="what the date is: publication or last update"),
    "date_basis": Field(STR, doc="where the date comes from"),
    "url": Field(STR, check=_address, doc="original address, where known"),
    "captured": Field(STR, doc="EDTF date the capture was made (its original address accessed)"),
    "captured_basis": Field(STR, doc="where the date of capture comes from"),
    "url_note": Field(STR, doc="a note on the address"),
    "language": Field(STR, doc="language of the article (default en)"),
    "dateline": Field(STR, doc="dateline where the article has one"),
    "author": Field(STR, doc="author where known"),
    "credit": Field(STR, doc="credit line (e.g. wire agencies)"),
    "notes": Field(STR, doc="curator's notes shown on the page"),
    "slug": Field(STR, check=_article_slug,
                  doc="page address; derived from the title when absent"),
    "overrides": Field((list,), doc="per-line decisions the cleaning rules cannot make"),
    "relays": Field((list,), doc="the sources the article re-posts or relays"),
}

RELAY_FIELDS: dict[str, Field] = {
    "source": Field(STR, True, doc="who first published it, as the capture credits it"),
    "kind": Field(STR, True, _one_of(tuple(k.value for k in RelayKind)),
                  doc="wire, outlet or broadcaster"),
    "whole": Field((bool,), doc="true: a re-post of the source's copy; false (default): the "
                   "article relays the source's reporting within its own text"),
    "basis": Field(STR, doc="how this is known"),
}

OVERRIDE_FIELDS: dict[str, Field] = {
    "line": Field((int,), True, doc="1-based line number in the seed"),
    "kind": Field(STR, True, _one_of(LINE_KINDS), doc="what the line (or its first part) is"),
    "reason": Field(STR, doc="why, shown on the page"),
    "split_after": Field(STR, doc="split the line after this prefix"),
    "rest_kind": Field(STR, check=_one_of(LINE_KINDS), doc="what the rest of a split line is"),
}


# The valid values of a checked mapping, by key: each of a type its Field allows, which
# the checker cannot tell apart by key.
Values = dict[str, Any]


class Checker:
    """Collects problems while checking mappings against field tables."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems

    def error(self, file: str, line: int | None, key: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(file, line, key, message, Severity.ERROR, hint))

    def warn(self, file: str, line: int | None, key: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(file, line, key, message, Severity.WARNING, hint))

    def mapping(self, file: str, value: Any, fields: dict[str, Field], where: str,
                line: int | None = None) -> Values | None:
        """Check one mapping; returns the valid keys' values, or None if it is not a mapping
        (an error at ``line``, where the value stands)."""
        if not isinstance(value, LineDict):
            self.error(file, line, where, f"expected a mapping, found {_kind(value)}")
            return None
        good: dict[str, Any] = {}
        for key, item in value.items():
            line = value.line_of(key)
            path = f"{where}.{key}" if where else key
            spec = fields.get(key)
            if spec is None:
                self.warn(file, line, path, "unknown key, ignored", did_you_mean(key, fields))
                continue
            if item is None and not spec.required:
                continue
            if not isinstance(item, spec.types) or (isinstance(item, bool) and bool not in spec.types):
                expected = " or ".join(_type_name(t) for t in spec.types)
                self.error(file, line, path, f"expected {expected}, found {_kind(item)}")
                continue
            if spec.check and (expected := spec.check(item)):
                self.error(file, line, path, f"expected {expected}, found {item!r}")
                continue
            good[key] = item
        for key, spec in fields.items():
            if spec.required and key not in value:
                path = f"{where}.{key}" if where else key
                self.error(file, value.line, path, f"missing required key ({spec.doc})")
        return good


    def complete(self, file: str, value: Any, fields: dict[str, Field], where: str,
                 line: int | None = None) -> Values | None:
        """The mapping's valid values, or None when it is no mapping or lacks a required key."""
        values = self.mapping(file, value, fields, where, line)
        if values is None or not all(k in values for k, f in fields.items() if f.required):
            return None
        return values

    def entries(self, file: str, items: list[Any], fields: dict[str, Field],
                where: str = "") -> list[tuple[int, LineDict, Values]]:
        """(index, mapping, valid values) of each complete mapping of a list."""
        found: list[tuple[int, LineDict, Values]] = []
        for index, item in enumerate(items):
            values = self.complete(file, item, fields, f"{where}[{index}]",
                                   line_at(items, index, None))
            if values is not None:
                found.append((index, item, values))
        return found


def _type_name(t: type) -> str:
    return {str: "text", int: "a whole number", bool: "true or false", list: "a list",
            dict: "a mapping", float: "a number", _dt.date: "a date"}.get(t, t.__name__)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    return f"{_type_name(type(value))} {value!r}" if not isinstance(value, (list,)) else "a list"


def parse_date(value: Any) -> tuple[FuzzyDate | None, str]:
    """Parse an EDTF date (subset); returns (date, '') or (None, what is wrong)."""
    match = EDTF_RE.match(str(value).strip())
    if not match:
        return None, "an EDTF date like 2016-05-30, 2017-03 or 2018-10? (? inferred, ~ approximate)"
    year, month, day, mark = match.groups()
    qualifier = {"?": DateQualifier.INFERRED, "~": DateQualifier.APPROXIMATE}.get(
        mark or "", DateQualifier.EXACT
    )
    try:
        _dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        return None, f"a real calendar date ({exc})"
    return FuzzyDate(int(year), int(month) if month else None, int(day) if day else None,
                     qualifier), ""


def validate_outlets(doc: YamlDoc | None, check: Checker) -> tuple[dict[str, Outlet], set[str]]:
    """Valid outlets by id, and every id named (so a broken entry is not also 'unknown')."""
    outlets: dict[str, Outlet] = {}
    named: set[str] = set()
    if doc is None:
        return outlets, named
    if not isinstance(doc.data, list):
        check.error(doc.path, None, "", f"expected a list of outlets, found {_kind(doc.data)}")
        return outlets, named
    for item in doc.data:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            named.add(item["id"])
    for index, item, values in check.entries(doc.path, doc.data, OUTLET_FIELDS):
        if values["id"] in outlets:
            check.error(doc.path, item.line_of("id"), f"[{index}].id",
                        f"duplicate outlet id '{values['id']}'")
            continue
        names = values.get("site_names", [])
        if (odd := next((i for i, n in enumerate(names) if not isinstance(n, str)), None)) is not None:
            check.error(doc.path, line_at(names, odd, item.line_of("site_names")),
                        f"[{index}].site_names[{odd}]",
                        f"expected a list of text, found {_kind(names[odd])}")
            names = []
        signatures = _patterns(doc, item, values.get("signatures", []), f"[{index}].signatures",
                               check)
        outlets[values["id"]] = Outlet(
            id=values["id"], name=values["name"], country=values["country"],
            ownership=values["ownership"], ownership_basis=values["ownership_basis"],
            kind=values["kind"], language=values["language"], site=values.get("site"),
            description=values.get("description", "").strip(), site_names=tuple(names),
            signatures=signatures,
        )
    return outlets, named


def _patterns(doc: YamlDoc, item: LineDict, values: list[Any], where: str,
              check: Checker) -> tuple[str, ...]:
    """The outlet's signatures that RE2 can run as whole-line patterns; each other one is
    an error saying why and what to write instead."""
    good = []
    for index, value in enumerate(values):
        line = line_at(values, index, item.line_of("signatures"))
        if not isinstance(value, str):
            check.error(doc.path, line, f"{where}[{index}]",
                        f"expected a regular expression (text), found {_kind(value)}")
        elif (problem := check_pattern(value, Anchor.LINE)) is not None:
            check.error(doc.path, line, f"{where}[{index}]",
                        f"expected a regular expression RE2 can run, found {value!r} "
                        f"({problem.reason})", problem.hint)
        else:
            good.append(value)
    return tuple(good)


def validate_overrides(doc: YamlDoc, items: list[Any], check: Checker,
                       seed: Seed | None = None) -> tuple[LineOverride, ...]:
    """The line overrides; each naming a line outside ``seed`` (where known) is an error at
    its own entry."""
    lines = line_count(seed.text) if seed is not None else None
    found = []
    for index, entry, values in check.entries(doc.path, items, OVERRIDE_FIELDS, "overrides"):
        if lines is not None and not 1 <= values["line"] <= lines:
            check.error(doc.path, entry.line_of("line"), f"overrides[{index}].line",
                        f"line {values['line']} is outside the seed (1-{lines})")
            continue
        found.append(LineOverride(
            line=values["line"], kind=LineKind(values["kind"]), reason=values.get("reason", ""),
            split_after=values.get("split_after"), rest_kind=LineKind(values.get("rest_kind", "body"))))
    return tuple(found)


def validate_relays(doc: YamlDoc, items: list[Any], check: Checker) -> tuple[Relay, ...]:
    return tuple(
        Relay(source=values["source"].strip(), kind=RelayKind(values["kind"]),
              whole=values.get("whole", False), basis=values.get("basis", "").strip())
        for _, _, values in check.entries(doc.path, items, RELAY_FIELDS, "relays"))


# What `archive new` writes where a curator must decide: ``outlet: TODO`` and
# ``date_basis: "TODO: where the date comes from"``.
STUB_MARK = "TODO"


def _stub_todos(file: str, data: LineDict, outlet_ids: list[str], check: Checker) -> set[str]:
    """The keys still holding the stub's placeholder, each an error naming it: a stub
    `archive new` wrote is not metadata until every TODO in it is replaced."""
    left = set()
    for key, value in data.items():
        if not isinstance(value, str):
            continue
        text = value.strip()
        if text != STUB_MARK and not text.startswith(STUB_MARK + ":"):
            continue
        spec = ARTICLE_FIELDS.get(key)
        hint = f"replace it with {spec.doc}" if spec and spec.doc else "replace it"
        if key == "outlet":
            hint += (": " + ", ".join(outlet_ids) + ", or a new outlet added to "
                     "content/outlets.yml first") if outlet_ids else ", added to content/outlets.yml first"
        check.error(file, data.line_of(key), key,
                    f"still holds the placeholder {value!r} that `archive new` wrote", hint)
        left.add(key)
    return left


def _name_matches_seed(file: str, data: LineDict, seed: str, check: Checker) -> None:
    """A warning where the file's name is not its seed's: the next `archive new` for that
    seed would write a second file describing it, and a reader of content/articles/
    looks for an article's metadata under its capture's name."""
    expected = seed.rsplit(".", 1)[0] + ".yml"
    if file.rsplit("/", 1)[-1] != expected:
        check.warn(file, data.line_of("seed"), "seed",
                   f"the file describes seeds/{seed} but is not named after it",
                   f"rename the file to content/articles/{expected}")


def _plausible_dates(file: str, data: LineDict, dates: dict[str, FuzzyDate],
                     collection: Collection | None, check: Checker) -> None:
    """Warnings for a date no capture of this collection should have: outside the
    collection's years (``content/collection.yml``; None when it did not read), or after
    the capture was made (``dates``: the article's "date" and "captured" that read)."""
    date, captured = dates.get("date"), dates.get("captured")
    if date is not None and collection is not None and not collection.in_years(date.year):
        check.warn(file, data.line_of("date"), "date",
                   f"the date {date.edtf} is outside this collection's years "
                   f"({collection.first_year}-{collection.last_year}, content/collection.yml)",
                   "check the date; if the collection now reaches further, widen its "
                   "timeline's first_year or last_year")
    if date is not None and captured is not None and date.first_day > captured.last_day:
        check.warn(file, data.line_of("date"), "date",
                   f"the date {date.edtf} is after the capture was made ({captured.edtf}, "
                   f"line {data.line_of('captured')})",
                   "an article cannot be published after it was captured: check both dates")


def future_dates(metas: Iterable[ArticleMeta], collection: Collection,
                 today: _dt.date) -> list[Problem]:
    """Warnings for dates after ``today``: an article's date (unless it is already outside
    the collection's years, which is said once) and a date of capture. The clock decides
    them, so they are for the build's log and ``archive check`` only, never a page."""
    found = []
    for meta in sorted(metas, key=lambda m: m.source_file):
        for key, date, line in (("date", meta.date, meta.date_line),
                                ("captured", meta.captured, meta.captured_line)):
            if date is None or date.first_day <= today:
                continue
            if key == "date" and not collection.in_years(date.year):
                continue
            found.append(Problem(meta.source_file, line, key,
                                 f"the {'date' if key == 'date' else 'date of capture'} "
                                 f"{date.edtf} is in the future (today is {today.isoformat()})",
                                 Severity.WARNING, "check the year"))
    return found


def _article_dates(file: str, data: LineDict, values: Values, todos: set[str],
                   check: Checker) -> tuple[dict[str, FuzzyDate], bool]:
    """The article's date and date of capture that read as dates, and whether every one
    given did (an error names each that does not); a key still holding the stub's
    placeholder is reported already."""
    dates: dict[str, FuzzyDate] = {}
    read = True
    for key in ("date", "captured"):
        if key in values and key not in todos:
            date, expected = parse_date(values[key])
            if date is None:
                check.error(file, data.line_of(key), key, f"expected {expected}, found {values[key]!r}")
                read = False
            else:
                dates[key] = date
    return dates, read


# Its callers (validate, and the tests) hold the outlets, their ids and the seeds apart: a record of
# them is for when the tests that call it change too.
def validate_article(doc: YamlDoc, outlets: dict[str, Outlet], outlet_ids: set[str],  # noqa: PLR0913
                     seeds: dict[str, Seed], check: Checker,
                     collection: Collection | None = Collection(),
                     outlets_known: bool = True) -> ArticleMeta | None:
    """An article's metadata, or None on errors; with ``outlets_known`` false (outlets.yml
    did not read), an outlet id is not checked."""
    values = check.mapping(doc.path, doc.data, ARTICLE_FIELDS, "")
    if values is None:
        return None
    data = cast(LineDict, doc.data)  # mapping() returned values: the data is a LineDict
    ok = all(k in values for k, f in ARTICLE_FIELDS.items() if f.required)
    todos = _stub_todos(doc.path, data, sorted(outlet_ids), check)
    ok = ok and not todos
    if "seed" in values:
        _name_matches_seed(doc.path, data, values["seed"], check)
    if "seed" in values and values["seed"] not in seeds:
        check.error(doc.path, data.line_of("seed"), "seed", f"no seed named '{values['seed']}' in seeds/",
                    did_you_mean(values["seed"], seeds))
        ok = False
    if "outlet" in values and "outlet" not in todos and values["outlet"] not in outlets:
        if outlets_known and values["outlet"] not in outlet_ids:  # else reported already
            check.error(doc.path, data.line_of("outlet"), "outlet",
                        f"unknown outlet id '{values['outlet']}'",
                        did_you_mean(values["outlet"], outlet_ids))
        ok = False
    if values.get("url") and external_url(values["url"]) is None:
        check.error(doc.path, data.line_of("url"), "url",
                    f"expected a plain http:// or https:// address, found {values['url']!r}")
        ok = False
    dates, read = _article_dates(doc.path, data, values, todos, check)
    ok = ok and read
    date, captured = dates.get("date"), dates.get("captured")
    _plausible_dates(doc.path, data, dates, collection, check)
    overrides = validate_overrides(doc, values.get("overrides", []), check,
                                   seeds.get(values.get("seed", "")))
    relays = validate_relays(doc, values.get("relays", []), check)
    if not ok:
        return None
    return ArticleMeta(
        seed=values["seed"], title=values["title"].strip(), outlet=values["outlet"], date=date,
        date_type=values.get("date_type", "published"), date_basis=values.get("date_basis", ""),
        captured=captured, captured_basis=values.get("captured_basis", ""),
        outlet_inferred=values.get("outlet_inferred", False),
        outlet_basis=values.get("outlet_basis", ""), url=values.get("url"),
        url_note=values.get("url_note", ""), language=values.get("language", "en"),
        dateline=values.get("dateline"), author=values.get("author"),
        credit=values.get("credit"), notes=values.get("notes", "").strip(),
        slug=values.get("slug"), address_line=data.line_of("slug" if "slug" in values else "title"),
        date_line=data.line_of("date") if "date" in values else None,
        captured_line=data.line_of("captured") if "captured" in values else None,
        overrides=overrides, relays=relays, source_file=doc.path,
    )


def validate(raw: RawInput, collection: Collection = Collection()
             ) -> tuple[dict[str, Outlet], dict[str, ArticleMeta], list[Problem]]:
    """Check all metadata against the collection's facts; returns outlets, article metadata
    by seed name, and every problem."""
    problems = list(raw.problems)
    check = Checker(problems)
    outlets, outlet_ids = validate_outlets(raw.outlets, check)
    seeds = {s.name: s for s in raw.seeds}
    metas: dict[str, ArticleMeta] = {}
    for doc in raw.articles:
        meta = validate_article(doc, outlets, outlet_ids, seeds, check,
                                collection if raw.read("content/collection.yml") else None,
                                raw.read("content/outlets.yml"))
        if meta is None:
            continue
        if meta.seed in metas:
            data = cast(LineDict, doc.data)  # validated as a mapping: a LineDict
            check.error(doc.path, data.line_of("seed"), "seed",
                        f"seed '{meta.seed}' is already described by {metas[meta.seed].source_file}")
            continue
        metas[meta.seed] = meta
    return outlets, metas, problems
