"""The one place where untrusted text is made safe for the pages: one rule per context.

Text from seeds, and from the YAML a pull request may edit, reaches the site in these
contexts, each with its own function, applied where the value enters it:

==========================  ====================================================
context                     function
==========================  ====================================================
HTML text in Markdown       :func:`escape_text` (and :func:`finalize`, which the
                            Jinja environment runs on every ``{{ value }}``, so a
                            template cannot forget)
HTML attribute (``"``)      :func:`attr`
page metadata (front        :func:`front_matter_string`: a YAML scalar that the
matter: title, description) theme prints into ``<title>`` and ``<meta content>``
URL path or fragment        :func:`url_path`, :func:`external_url`
JSON in a ``<script>``      :func:`json_for_script`
CSV cell                    :func:`csv_cell`
SVG text and attribute      :func:`svg_text`, :func:`svg_url`
XML text and attribute      :func:`xml_text` (the Atom feed)
reference files (BibTeX,    :func:`bib_escape`, :func:`bib_url`, :func:`ris_value`,
RIS, CSL-JSON)              :func:`one_line` (``generator/cite.py`` writes them)
==========================  ====================================================

Only values wrapped in :class:`Markup` by the generator itself (links and ids it built)
pass through unchanged. HTML text covers both languages a generated page is written in:
HTML (``& < > "``) and Markdown inline syntax (emphasis, code, links, attribute lists,
table pipes, heading hashes, backslashes). Characters are replaced by numeric character
references, which every Markdown renderer passes through and every browser shows as the
original character. Control characters are shown as U+FFFD, line breaks as spaces.
``tests/test_escape_contexts.py`` checks each rule over arbitrary Unicode by parsing the
output as a browser would.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from typing import Any, Sequence
from urllib.parse import quote

from markupsafe import Markup

# HTML specials plus the ASCII punctuation that starts inline Markdown syntax in
# Python-Markdown and its common extensions. Jinja's braces are included so that
# no later template pass (a macros plugin, say) can evaluate capture text.
_SPECIAL = "&<>\"\\`*_[]{}#|!~^=$:"
_TABLE = {ord(c): f"&#{ord(c)};" for c in _SPECIAL}
_TABLE[ord("\n")] = " "
_TABLE[ord("\r")] = " "
# Control characters have no place in a page (NUL is not even allowed in HTML):
# they are shown as the replacement character, so the reader sees that one stood there.
CONTROLS = [*range(0, 9), 11, 12, *range(14, 32), *range(127, 160)]
# The same characters as a character class, for the outputs that show them as U+FFFD too.
_SHOWN_AS_FFFD = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_TABLE.update({c: "\ufffd" for c in CONTROLS})
_SHOWN_CONTROLS = {**{c: "\ufffd" for c in CONTROLS}, ord("\n"): " ", ord("\r"): " "}
_C0_C1 = "\x00-\x1f\x7f-\x9f"  # every control character, tab and line breaks included
_CONTROL = re.compile(f"[{_C0_C1}]")
# The same replacements as one pattern: most text holds none of these characters, and a
# regular expression skips it in C where ``str.translate`` looks up every character.
_BY_CHAR = {chr(code): text for code, text in _TABLE.items()}
_ESCAPED = re.compile("[" + re.escape("".join(_BY_CHAR)) + "]")


# What makes a line a list item or a code block when a value starts a line of Markdown
# ("- {{ value }}", "> {{ value }}", or a value alone on its line): a "+" or "-" before a
# space or another "-" (a list item, a rule), digits and a "." before a space (a numbered
# item), or leading spaces (code). Only the start of a value is looked at.
_STARTERS = frozenset(" \t+-0123456789")
_LIST_MARKER = re.compile(r"[+-](?=[ \t-]|$)|\d+\.(?=[ \t]|$)")


def _line_start(text: str) -> str:
    if text[0] in " \t":  # four would make code: the first is written as a reference
        return f"&#{ord(text[0])};" + text[1:]
    marker = _LIST_MARKER.match(text)
    if marker is None:
        return text
    found = marker.group()
    return (f"&#{ord(found)};" if len(found) == 1 else found[:-1] + "&#46;") + text[marker.end():]


def _escape(text: str, starts: bool = True) -> str:
    """``text`` with every character of ``_TABLE`` replaced, and, when the text ``starts``
    a value (it is not the middle of one), no block syntax at its start."""
    if _ESCAPED.search(text) is not None:
        text = _ESCAPED.sub(lambda m: _BY_CHAR[m.group()], text)
    if starts and text[:1] in _STARTERS:
        text = _line_start(text)
    return text


def escape_text(value: Any) -> Markup:
    """Text for a Markdown page, inline or inside raw HTML: shown literally, never markup."""
    if isinstance(value, Markup):
        return value
    return Markup(_escape(str(value)))


def finalize(value: Any) -> Any:
    """Jinja ``finalize`` hook: escape everything not explicitly trusted.

    The same text as :func:`escape_text`, as a plain string: the template only
    writes it out, and this runs for every value of every page."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return _escape(str(value))


@lru_cache(maxsize=500_000)
def url_path(path: str, fragment: str = "") -> Markup:
    """A relative link the generator built, percent-encoded: every character of ``path``
    that is not a letter, digit, ``/ . - _ ~`` (so a file named ``a#b?c%.txt`` is one path,
    not a path with a query and a fragment), and the ``fragment`` after a ``#``."""
    href = quote(path, safe="/.-_~")
    return Markup(href + "#" + quote(fragment, safe=".-_~") if fragment else href)


# What an address may keep as it is: RFC 3986's unreserved and reserved characters, and
# "%" (escapes already made), less "[" and "]" (which Markdown reads as a link's text).
# Everything else (quotes, "<", ">", spaces, backslashes, backticks, non-ASCII) is escaped.
_URL_SAFE = ":/?#@!$&'()*+,;=%~-._"
_URL_RE = re.compile(r"https?://[^/?#\s]+(?:[/?#]\S*)?", re.IGNORECASE)


def external_url(url: str | None) -> Markup | None:
    """An outlet's original address for an ``href``, only if it is a plain http(s) URL."""
    if not url:
        return None
    url = url.strip()
    if not _URL_RE.fullmatch(url) or _CONTROL.search(url):
        return None
    return Markup(quote(url, safe=_URL_SAFE).replace("&", "&amp;"))


# Characters a YAML stream may not hold as they are (PyYAML's reader refuses them even in
# a quoted scalar), and the line breaks YAML would fold: written as escapes.
_YAML_ESCAPE = re.compile("[^\x09\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                          "\U00010000-\U0010ffff]")


def front_matter_string(value: str) -> str:
    """Page metadata (a title, a description) as a YAML double-quoted scalar.

    MkDocs and the theme print these values as they are into HTML text (the page's
    heading, the navigation), into ``<title>`` and into double-quoted attributes
    (``<meta name="description" content="…">``), so the scalar holds the text escaped for
    all of them (``& < > "``), control characters shown as U+FFFD, like the page itself."""
    text = str(value).translate(_SHOWN_CONTROLS)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace('"', "&quot;").replace("\\", "\\\\")
    text = _YAML_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return f'"{text}"'


def linked_text(text: str, spans: list[tuple[int, int, Markup]]) -> Markup:
    """Escaped ``text`` with some spans wrapped: (start, end, opening tag) -> tag + text + close.

    The opening tags are built by the generator (trusted); the text between and
    inside them is escaped here like any other text. The result goes inside an HTML
    element or after other text on its line (templates never start a Markdown line with
    it), so a leading "1." or "-" is left as written.
    """
    text = str(text)  # plain strings: Markup's own methods would re-escape and are slow
    out, pos = [], 0
    for start, end, tag in sorted(spans, key=lambda s: s[0]):
        if start < pos:
            continue  # overlapping spans: the first wins
        name = str(tag)[1:].split(" ", 1)[0].rstrip(">")
        out += [_escape(text[pos:start], False), str(tag), _escape(text[start:end], False),
                f"</{name}>"]
        pos = end
    out.append(_escape(text[pos:], False))
    return Markup("".join(out))


# In an attribute, the HTML specials keep their named forms; Markdown's inline syntax
# (a backtick, a backslash, a bracket) is escaped too, since an attribute of inline HTML
# is read by Markdown's code, escape and link patterns before the tag is set aside.
_ATTR_TABLE = {**_TABLE, ord("&"): "&amp;", ord('"'): "&quot;", ord("<"): "&lt;",
               ord(">"): "&gt;"}


def attr(value: str) -> Markup:
    """A value for a double-quoted HTML attribute (every template quotes with ``"``)."""
    return Markup(str(value).translate(_ATTR_TABLE))


# OWASP's advice on CSV injection: a cell that begins with one of these is read as a
# formula by spreadsheet programs; a leading apostrophe makes it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


_CSV_QUOTED = re.compile('[",\r\n]')


def csv_cell(value: object) -> str:
    """A value for a cell of a downloadable CSV file (RFC 4180 quoting): text that a
    spreadsheet could read as a formula gets a leading ``'``; numbers stay numbers.

    Python's csv writer leaves a carriage return unquoted when lines end in LF alone,
    which splits the row for every reader; here any cell holding one is quoted."""
    text = str(value)
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if not is_number and text.startswith(FORMULA_STARTS):
        text = "'" + text
    if _CSV_QUOTED.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_row(values: Sequence[object]) -> str:
    """One line of a CSV file, ending in LF, each value through :func:`csv_cell`."""
    line = ",".join(csv_cell(v) for v in values)
    return (line or '""') + "\n"  # a lone empty cell is quoted, or the line reads as no row


def kwic(text: str, start: int, end: int, width: int = 80) -> Markup:
    """Keyword in context: the words around ``text[start:end]``, the keyword marked (for
    after other text on a line, like :func:`linked_text`)."""
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    if start - width > 0:
        left = "…" + left.split(" ", 1)[-1] if " " in left else "…" + left
    if end + width < len(text):
        right = (right.rsplit(" ", 1)[0] if " " in right else right) + "…"
    return Markup(_escape(left, False) + "<mark>" + _escape(text[start:end], False)
                  + "</mark>" + _escape(right, False))


def json_for_script(data: object) -> Markup:
    """JSON safe inside a <script type="application/ld+json"> element: no ``<``, ``>`` or
    ``&`` (so no ``</script>`` or ``<!--``), and no raw U+2028/U+2029."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# SVG drawn at build time (map, timeline, charts) and put into a page as raw HTML.
_SVG_UNSAFE = re.compile(f"[{_C0_C1}\ufffe\uffff]")


def svg_text(value: object) -> str:
    """Untrusted text for SVG element content or an attribute: one line, escaped, XML-safe."""
    clean = _SVG_UNSAFE.sub(" ", str(value))
    return html.escape(" ".join(clean.split()), quote=True)


def svg_url(href: str) -> str:
    """A caller-made relative URL for an SVG attribute: escaped, control characters dropped."""
    return html.escape(_CONTROL.sub("", str(href)), quote=True)


# XML 1.0 allows no C0 control but tab and the line breaks, no lone surrogate and neither
# U+FFFE nor U+FFFF; C1 controls it allows but discourages. Each is shown as U+FFFD, so a
# reader of the feed sees that a character stood there.
_XML_UNSAFE = re.compile(f"[{_SHOWN_AS_FFFD}\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> str:
    """Untrusted text for XML element content or a double-quoted attribute (the Atom feed):
    ``& < > " '`` as character references (so ``]]>`` cannot end anything), characters XML
    refuses as U+FFFD; tabs and line breaks as references, which no parser normalises away."""
    text = _XML_UNSAFE.sub("\ufffd", str(value))
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;").replace("\r", "&#13;")
            .replace("\n", "&#10;").replace("\t", "&#9;"))


# References (``generator/cite.py``): every value on one line, as on the pages (control
# characters as U+FFFD), then escaped for its format.
_REF_CONTROLS = re.compile(f"[{_SHOWN_AS_FFFD}]")


def one_line(value: object) -> str:
    """Any run of whitespace (line breaks, U+2028, tabs) as one space; controls as U+FFFD:
    a value of a RIS line or a CSL-JSON string, and the text BibTeX's escaping starts from."""
    return " ".join(_REF_CONTROLS.sub("\ufffd", str(value)).split())


# Braces are written as commands: BibTeX counts every brace, escaped or not, to find the
# end of a field, so "\{" alone would leave the entry unbalanced.
_BIB_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
                "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#", "_": r"\_",
                "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_BIB_RE = re.compile(r"[\\{}%&$#_~^]")


def bib_escape(value: str) -> str:
    """Text for a braced BibTeX field: LaTeX's special characters as commands, one line."""
    return _BIB_RE.sub(lambda m: _BIB_SPECIAL[m.group()], one_line(value))


def bib_url(url: str) -> str:
    """An address for biblatex's verbatim ``url`` field: anything that could end the field
    or the line (braces, backslashes, spaces, controls) percent-encoded."""
    return quote(one_line(url), safe=":/?#@!$&'()*+,;=%~-._")


def ris_value(value: str) -> str:
    """One RIS value: on one line (a line break would start a new tag), no controls."""
    return one_line(value)
