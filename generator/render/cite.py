"""References to a capture, or to one paragraph of it, in the formats researchers import.

One typed :class:`Reference` per capture (or paragraph), made from the article's curated
metadata and its seed, and one pure function per format: a plain-text citation for the
page, BibTeX (biblatex ``@online``), RIS and CSL-JSON (CSL 1.0.2). Every value is made safe
for its format here (BibTeX's special characters, RIS's one value a line); the page escapes
the plain text again for HTML, as it does every value.

Uncertainty travels into every format: a date keeps only the precision known (a month is
``[[2017, 3]]`` in CSL, ``2017-03?`` in biblatex's EDTF ``date``), an approximate date is
``circa``, an inferred outlet is never given as the publisher (the note names it, with its
basis), a date of an update says so, and the accessed date is the capture's date only
where a curator recorded it: never the clock of the build.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

from generator.escape import bib_escape, bib_url, one_line, ris_value
from generator.model import Article, Block, DateQualifier, FuzzyDate
from generator.read.load import mkdocs_settings

NO_CAPTURE_DATE = "the capture records no date of capture"


@dataclass(frozen=True)
class SiteInfo:
    """What a reference says of the archive itself: its name and, when ``site_url`` is set
    in ``mkdocs.yml``, the address it is published at (ending in ``/``)."""

    name: str = "the archive"
    url: str | None = None

    @staticmethod
    def of(name: str | None, url: str | None) -> "SiteInfo":
        url = (url or "").strip()
        if not re.fullmatch(r"https?://[^\s\"'<>\\{}|^`]+", url):
            url = ""
        return SiteInfo((name or "").strip() or "the archive",
                        (url.rstrip("/") + "/") if url else None)


def read_site_info(config_file: Path) -> SiteInfo:
    """``site_name`` and ``site_url`` of an mkdocs.yml (outside MkDocs: the command line)."""
    settings = mkdocs_settings(config_file)
    return SiteInfo.of(settings.get("site_name"), settings.get("site_url"))


@dataclass(frozen=True)
class Reference:
    """Everything a reference to one capture (or one paragraph of it) states."""

    key: str  # one per capture, from its slug (a paragraph's adds its anchor)
    title: str
    outlet: str
    outlet_inferred: bool
    outlet_basis: str
    date: FuzzyDate | None
    date_updated: bool  # the date is that of an update, not of publication
    date_basis: str
    url: str | None  # the original address, where known
    page: str  # the archive page's path in the site ("articles/<slug>.html")
    site: SiteInfo
    sha256: str
    seed: str
    accessed: FuzzyDate | None  # the date of capture, where recorded
    accessed_basis: str
    language: str
    author: str | None = None
    relays: tuple[str, ...] = ()
    uncurated: bool = False  # no curator has described the capture: the title is a guess
    anchor: str = ""  # the paragraph cited, when one is
    line: int | str = 0  # its line in the capture (LINE_SLOT in a paragraph_template)

    @property
    def publisher_stated(self) -> bool:
        """Whether the outlet may be given as the publisher: not where it is inferred, nor
        for a capture no curator has described (its outlet is unknown)."""
        return not (self.outlet_inferred or self.uncurated)

    @property
    def address(self) -> str:
        """The archive's address of the capture (absolute when the site's address is known),
        with the paragraph's anchor when one is cited."""
        base = (self.site.url or "") + self.page
        return base + (f"#{self.anchor}" if self.anchor else "")

    @property
    def accessed_text(self) -> str:
        if self.accessed is None:
            return f"unknown ({self.accessed_basis or NO_CAPTURE_DATE})"
        return self.accessed.human() + (f" ({self.accessed_basis})" if self.accessed_basis
                                        else " (the date of capture)")

    @property
    def date_text(self) -> str:
        if self.date is None:
            return "date unknown"
        return self.date.human() + (" (updated)" if self.date_updated else "")


def reference(article: Article, site: SiteInfo, block: Block | None = None) -> Reference:
    """The reference to ``article``'s capture, or to its paragraph ``block``."""
    meta = article.meta
    return Reference(
        key=article.slug + (f"-{block.anchor}" if block else ""),
        title=_clean(meta.title), outlet=_clean(article.outlet.name),
        outlet_inferred=meta.outlet_inferred, outlet_basis=_clean(meta.outlet_basis),
        date=meta.date, date_updated=meta.date_type == "updated",
        date_basis=_clean(meta.date_basis), url=_clean(meta.url) or None,
        page=article.page_path[:-3] + ".html", site=SiteInfo(_clean(site.name), site.url),
        sha256=article.seed.sha256, seed=_clean(article.seed.name), accessed=meta.captured,
        accessed_basis=_clean(meta.captured_basis) if meta.captured else NO_CAPTURE_DATE,
        language=_clean(meta.language), author=_clean(meta.author) or None,
        relays=tuple(_clean(r.label + (f" ({r.basis})" if r.basis else ""))
                     for r in meta.relays),
        uncurated=not meta.source_file,
        anchor=block.anchor if block else "", line=block.line if block else 0,
    )


def paragraph_template(ref: Reference) -> Reference:
    """The reference to a paragraph with its anchor and line left as slots (U+E000, U+E001)
    that the page's script fills in for the paragraph a reader chooses: every paragraph
    can be cited without each page carrying a reference per paragraph."""
    return replace(ref, key=ref.key + "-" + ANCHOR_SLOT, anchor=ANCHOR_SLOT, line=LINE_SLOT)


# In curated text, the two private-use characters that mark where the page's script fills in the anchor and
# line of the paragraph a reader cites (:func:`paragraph_template`).
_SLOTS = re.compile("[\ue000\ue001]")
ANCHOR_SLOT, LINE_SLOT = "\ue000", "\ue001"


def _clean(value: str | None) -> str:
    """Curated or captured text for a reference: one line, no controls, no slot marks."""
    return one_line(_SLOTS.sub("\ufffd", value or ""))


def notes(ref: Reference) -> list[str]:
    """What a reference says besides its fields: the paragraph, the archive address, the
    capture's sha256 and every inference, in plain sentences."""
    out = []
    if ref.anchor:
        out.append(f"Paragraph {ref.anchor} (line {ref.line} of the capture).")
    out.append(f"Archived capture: {ref.address} (in {ref.site.name}).")
    out.append(f"Capture sha256: {ref.sha256}.")
    if ref.uncurated:
        out.append("Uncurated capture: no curator has described it yet; the title is the "
                   "generator's suggestion from the capture, and the outlet is not known.")
    if ref.outlet_inferred:
        out.append(f"Outlet inferred, not confirmed: {ref.outlet}"
                   + (f" ({ref.outlet_basis})." if ref.outlet_basis else "."))
    if ref.date is None:
        out.append("Date unknown" + (f": {ref.date_basis}." if ref.date_basis else "."))
    else:
        what = {DateQualifier.INFERRED: "Date inferred", DateQualifier.APPROXIMATE:
                "Date approximate"}.get(ref.date.qualifier, "Date")
        if ref.date_updated:
            what += ", of an update (not of first publication)"
        what += f", to the {ref.date.precision.value}"
        out.append(what + (f": {ref.date_basis}." if ref.date_basis else "."))
    out.extend(f"The article is a {label}." if label.startswith("re-post") else
               f"The article {label}." for label in ref.relays)
    out.append(f"Accessed: {ref.accessed_text}.")
    return [one_line(n) for n in out]


def text(ref: Reference) -> str:
    """The reference as one line of plain text (shown in the box and copied)."""
    outlet = ref.outlet + (" (outlet inferred)" if ref.outlet_inferred else
                           " (uncurated capture)" if ref.uncurated else "")
    parts = [f"{ref.author}. " if ref.author else "", f"{outlet}. ",
             f"\u201c{ref.title}.\u201d ", f"{ref.date_text}. "]
    if ref.anchor:
        parts.append(f"Paragraph {ref.anchor} (line {ref.line}). ")
    parts.append(f"Original address: {ref.url or 'unknown'}. ")
    parts.append(f"Archived capture in {ref.site.name}: {ref.address}. ")
    parts.append(f"Capture sha256: {ref.sha256}. ")
    parts.append(f"Accessed: {ref.accessed_text}.")
    return one_line("".join(parts))


# ------------------------------------------------------------------ BibTeX
MONTHS_BIB = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def bib_key(key: str) -> str:
    """An entry key: letters, digits and ``_ : . -`` (slugs and anchors are made of them)."""
    return re.sub(r"[^A-Za-z0-9_:.\-\ue000]", "-", key)


def bibtex(ref: Reference) -> str:
    """One biblatex ``@online`` entry (BibTeX reads it too: ``year``, ``month``, ``note``)."""
    fields: list[tuple[str, str]] = []
    if ref.author:
        fields.append(("author", "{" + bib_escape(ref.author) + "}"))
    fields.append(("title", "{" + bib_escape(ref.title) + "}"))
    if ref.publisher_stated:
        fields.append(("organization", bib_escape(ref.outlet)))
    if ref.date:
        fields.append(("date", ref.date.edtf))  # biblatex reads EDTF: 2017-03? 2014~
        fields.append(("year", str(ref.date.year)))
        if ref.date.month:
            fields.append(("month", MONTHS_BIB[ref.date.month - 1]))
    if ref.url:
        fields.append(("url", bib_url(ref.url)))
    if ref.accessed and ref.url:
        fields.append(("urldate", ref.accessed.edtf))
    fields.append(("langid", bib_escape(ref.language)))
    fields.append(("note", bib_escape(" ".join(notes(ref)))))
    body = ",\n".join(f"  {name} = {{{value}}}" if name != "month" else f"  {name} = {value}"
                      for name, value in fields)
    return f"@online{{{bib_key(ref.key)},\n{body}\n}}\n"


# --------------------------------------------------------------------- RIS
def _ris_date(date: FuzzyDate) -> str:
    """RIS's ``YYYY/MM/DD/other``, with only the parts known and the qualifier as other."""
    other = {DateQualifier.INFERRED: "inferred", DateQualifier.APPROXIMATE: "approximate"}
    return (f"{date.year:04d}/" + (f"{date.month:02d}" if date.month else "") + "/"
            + (f"{date.day:02d}" if date.day else "") + "/" + other.get(date.qualifier, ""))


def ris(ref: Reference) -> str:
    """One RIS record (``TY  - ELEC`` … ``ER  - ``), CRLF line ends as the spec has them."""
    lines = [("TY", "ELEC"), ("ID", ref.key), ("TI", ref.title)]
    if ref.author:
        lines.append(("AU", ref.author))
    if ref.publisher_stated:
        lines += [("PB", ref.outlet), ("T2", ref.outlet)]
    if ref.date:
        lines += [("PY", f"{ref.date.year:04d}"), ("DA", _ris_date(ref.date))]
    if ref.url:
        lines.append(("UR", ref.url))
    if ref.accessed and ref.url:
        lines.append(("Y2", _ris_date(ref.accessed)))
    lines += [("DB", ref.site.name), ("AN", f"sha256:{ref.sha256}"), ("LA", ref.language)]
    lines += [("N1", n) for n in notes(ref)]
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {ris_value(value)}\r\n" for tag, value in lines)


# ---------------------------------------------------------------- CSL-JSON
def csl_date(date: FuzzyDate) -> dict[str, object]:
    """A CSL date-variable with only the parts known; ``circa`` where it is approximate."""
    parts = [date.year] + ([date.month] if date.month else []) + ([date.day] if date.day else [])
    node: dict[str, object] = {"date-parts": [parts]}
    if date.qualifier is DateQualifier.APPROXIMATE:
        node["circa"] = True
    return node


def csl(ref: Reference) -> dict[str, object]:
    """One CSL-JSON item (CSL 1.0.2 ``csl-data.json``)."""
    item: dict[str, object] = {"id": ref.key, "type": "article-newspaper", "title": one_line(ref.title),
                  "archive": one_line(ref.site.name), "archive_location": ref.address,
                  "language": ref.language, "note": " ".join(notes(ref))}
    if ref.author:
        item["author"] = [{"literal": one_line(ref.author)}]
    if ref.publisher_stated:
        item["container-title"] = one_line(ref.outlet)
        item["publisher"] = one_line(ref.outlet)
    if ref.date:
        item["issued"] = csl_date(ref.date)
    if ref.url:
        item["URL"] = ref.url
    if ref.accessed and ref.url:
        item["accessed"] = csl_date(ref.accessed)
    return item


def csl_json(refs: list[Reference]) -> str:
    """A CSL-JSON file: an array of items, one a line, keys sorted (the same bytes each time)."""
    items = [json.dumps(csl(r), ensure_ascii=False, sort_keys=True) for r in refs]
    return "[\n" + ",\n".join(items) + "\n]\n" if items else "[]\n"


def bibtex_file(refs: list[Reference]) -> str:
    return "\n".join(bibtex(r) for r in refs)


def ris_file(refs: list[Reference]) -> str:
    return "\r\n".join(ris(r) for r in refs)


# ------------------------------------------------------------- page metadata
def meta_tags(ref: Reference) -> list[tuple[str, str]]:
    """``<meta name content>`` pairs that reference managers read (Highwire ``citation_*``,
    as Zotero does, and Dublin Core), in the precision known; an inferred outlet is not
    given as the publisher. Values are plain text: the caller escapes them."""
    tags = [("citation_title", one_line(ref.title)), ("DC.title", one_line(ref.title))]
    if ref.author:
        tags += [("citation_author", one_line(ref.author)), ("DC.creator", one_line(ref.author))]
    if ref.date:
        slashed = "/".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(
            [ref.date.year] + [p for p in (ref.date.month, ref.date.day) if p]))
        tags.append(("citation_date", slashed))
        if ref.date_updated:
            tags.append(("DC.date.modified", ref.date.iso))
        else:
            tags += [("citation_publication_date", slashed), ("DC.date", ref.date.iso)]
    if ref.publisher_stated:
        tags += [("citation_publisher", one_line(ref.outlet)),
                 ("citation_journal_title", one_line(ref.outlet)),
                 ("DC.publisher", one_line(ref.outlet))]
    if ref.site.url:
        tags += [("citation_public_url", ref.address), ("citation_abstract_html_url", ref.address)]
    if ref.url:
        tags.append(("DC.source", ref.url))
    tags += [("citation_language", ref.language), ("DC.language", ref.language),
             ("DC.identifier", f"sha256:{ref.sha256}"), ("DC.type", "Text")]
    return tags




# ------------------------------------------------------------ files and page
CITE_DIR = "data/cite/"
FORMATS = (("bib", "BibTeX", "application/x-bibtex"), ("ris", "RIS", "application/x-research-info-systems"),
           ("json", "CSL-JSON", "application/vnd.citationstyles.csl+json"))


def cite_paths(ref: Reference) -> dict[str, str]:
    """Where the capture's reference files are in the site, by format."""
    stem = CITE_DIR + ref.page.rsplit("/", 1)[-1][:-len(".html")]
    return {ext: f"{stem}.{ext}" for ext, _, _ in FORMATS}


def formatted(ref: Reference) -> dict[str, str]:
    """The reference in every format, by file ending."""
    return {"bib": bibtex(ref), "ris": ris(ref), "json": csl_json([ref])}


def cite_files(ref: Reference) -> dict[str, str]:
    """The capture's reference files (path in the site -> text)."""
    made = formatted(ref)
    return {path: made[ext] for ext, path in cite_paths(ref).items()}
