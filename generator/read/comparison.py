"""Checks the comparison's curated data: framing word lists, claims, attribution fixes."""

from __future__ import annotations

from generator.model import AttributionFix, Claim, ClaimFigure, FramingGroup, FramingTerm, NotCounted
from generator.problems import did_you_mean
from generator.read.load import LineDict, YamlDoc
from generator.read.schema import Checker, Field, Values, _slug, parse_date

STR = (str,)
GROUP_FIELDS = {
    "id": Field(STR, True, _slug, "id of the group"),
    "title": Field(STR, True, doc="the question the words answer"),
    "note": Field(STR, doc="what the group shows"),
    "terms": Field((list,), True, doc="the terms compared"),
    "not_counted": Field((list,), doc="passages whose words are not in the group's sense"),
}
NOT_COUNTED_FIELDS = {
    "seed": Field(STR, True, doc="the article's seed file name"),
    "quote": Field(STR, True, doc="the passage, as it stands in one paragraph"),
    "reason": Field(STR, True, doc="why its words do not count here"),
}
TERM_FIELDS = {
    "id": Field(STR, True, _slug, "id of the term"),
    "label": Field(STR, True, doc="how the term is shown"),
    "forms": Field((list,), True, doc="word forms that count for it"),
}
CLAIM_FIELDS = {
    "id": Field(STR, True, _slug, "id of the claim"),
    "title": Field(STR, True, doc="the quantity the figures speak of"),
    "quantity": Field(STR, True, doc="what is counted (fighters, people killed…)"),
    "note": Field(STR, doc="a note shown with the comparison"),
    "figures": Field((list,), True, doc="the figures that speak of it"),
}
CLAIM_FIGURE_FIELDS = {
    "seed": Field(STR, True, doc="the article's seed file name"),
    "quote": Field(STR, True, doc="the figure as it stands in one paragraph"),
    "as_of": Field(STR, doc="when the figure applies, where the text says (EDTF; "
                   "'2017-10/..' for 'from October 2017 on')"),
}
FIX_FIELDS = {
    "seed": Field(STR, True, doc="the article's seed file name"),
    "quote": Field(STR, True, doc="a passage of the sentence whose attribution is fixed"),
    "source": Field(STR, doc="actor id (or plain text) of the real source"),
    "source_text": Field(STR, doc="how the source is written, for an unnamed source"),
    "drop": Field((bool,), doc="true: the sentence attributes nothing"),
    "reason": Field(STR, True, doc="why the automatic reading was wrong"),
}


def _items(doc: YamlDoc, check: Checker, fields: dict[str, Field],
           what: str) -> list[tuple[int, LineDict, Values]]:
    if not isinstance(doc.data, list):
        check.error(doc.path, None, "", f"expected a list of {what}")
        return []
    return check.entries(doc.path, doc.data, fields)


def read_framing(doc: YamlDoc | None, check: Checker) -> list[FramingGroup]:
    groups: list[FramingGroup] = []
    if doc is None:
        return groups
    for index, _, values in _items(doc, check, GROUP_FIELDS, "framing groups"):
        terms = []
        for t_index, t_item, term in check.entries(doc.path, values["terms"], TERM_FIELDS,
                                                   f"[{index}].terms"):
            where = f"[{index}].terms[{t_index}]"
            if not term["forms"] or not all(isinstance(f, str) and f.strip() for f in term["forms"]):
                check.error(doc.path, t_item.line_of("forms"), f"{where}.forms",
                            "expected a list of words")
                continue
            terms.append(FramingTerm(term["id"], term["label"], tuple(term["forms"])))
        not_counted = tuple(
            NotCounted(entry["seed"], entry["quote"], entry["reason"].strip())
            for _, _, entry in check.entries(doc.path, values.get("not_counted", []),
                                             NOT_COUNTED_FIELDS, f"[{index}].not_counted"))
        groups.append(FramingGroup(values["id"], values["title"], values.get("note", "").strip(),
                                   tuple(terms), not_counted))
    return groups


def read_claims(doc: YamlDoc | None, check: Checker, seeds: set[str]) -> list[Claim]:
    claims: list[Claim] = []
    if doc is None:
        return claims
    for index, _, values in _items(doc, check, CLAIM_FIELDS, "claims"):
        figures = []
        for f_index, f_item, figure in check.entries(doc.path, values["figures"],
                                                     CLAIM_FIGURE_FIELDS, f"[{index}].figures"):
            where = f"[{index}].figures[{f_index}]"
            if figure["seed"] not in seeds:
                check.error(doc.path, f_item.line_of("seed"), f"{where}.seed",
                            f"no seed named '{figure['seed']}'", did_you_mean(figure["seed"], seeds))
                continue
            as_of = str(figure.get("as_of", "")).removesuffix("/..")  # EDTF: from then on
            if as_of and parse_date(as_of)[1]:
                check.error(doc.path, f_item.line_of("as_of"), f"{where}.as_of",
                            f"expected {parse_date(as_of)[1]} (or such a date and '/..' for "
                            f"'from then on'), found {figure['as_of']!r}")
                continue
            figures.append(ClaimFigure(figure["seed"], " ".join(figure["quote"].split()),
                                       figure.get("as_of", "")))
        claims.append(Claim(values["id"], values["title"], values["quantity"],
                            values.get("note", "").strip(), tuple(figures)))
    return claims


def read_attribution_fixes(doc: YamlDoc | None, check: Checker, seeds: set[str],
                           actors: set[str] | None) -> list[AttributionFix]:
    """The curators' fixes; an actor id is not checked where ``actors`` is None (actors.yml
    did not read)."""
    fixes: list[AttributionFix] = []
    if doc is None:
        return fixes
    for index, item, values in _items(doc, check, FIX_FIELDS, "attribution fixes"):
        if values["seed"] not in seeds:
            check.error(doc.path, item.line_of("seed"), f"[{index}].seed",
                        f"no seed named '{values['seed']}'", did_you_mean(values["seed"], seeds))
            continue
        source = values.get("source")
        if source is not None and actors is not None and source not in actors:
            check.error(doc.path, item.line_of("source"), f"[{index}].source",
                        f"unknown actor id '{source}'", did_you_mean(source, actors))
            continue
        if source is None and not values.get("drop") and not values.get("source_text"):
            check.error(doc.path, item.line, f"[{index}]",
                        "expected 'source', 'source_text' or 'drop: true'")
            continue
        fixes.append(AttributionFix(values["seed"], " ".join(values["quote"].split()), source,
                                    values.get("source_text", ""), values.get("drop", False),
                                    values["reason"]))
    return fixes
