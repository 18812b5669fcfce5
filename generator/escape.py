"""The one place where untrusted text is made safe for the pages.

Seed text (and any value a template prints) is escaped by default: the Jinja
environment passes every ``{{ value }}`` through :func:`finalize`, so a
template cannot forget. Only values wrapped in :class:`Markup` by the generator
itself (links and ids it built) pass through unchanged.

The escaping covers both languages a generated page is written in: HTML
(``& < > "``) and Markdown inline syntax (emphasis, code, links, attribute
lists, table pipes, heading hashes, backslashes). Characters are replaced by
numeric character references, which every Markdown renderer passes through and
every browser shows as the original character.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any
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
_TABLE.update({c: "\ufffd" for c in [*range(0, 9), 11, 12, *range(14, 32), 127]})
# The same replacements as one pattern: most text holds none of these characters, and a
# regular expression skips it in C where ``str.translate`` looks up every character.
_BY_CHAR = {chr(code): text for code, text in _TABLE.items()}
_ESCAPED = re.compile("[" + re.escape("".join(_BY_CHAR)) + "]")


def _escape(text: str) -> str:
    """``text`` with every character of ``_TABLE`` replaced."""
    if _ESCAPED.search(text) is None:
        return text
    return _ESCAPED.sub(lambda m: _BY_CHAR[m.group()], text)


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
def url_path(path: str) -> Markup:
    """A relative link the generator built (percent-encoded, so file names with spaces work)."""
    return Markup(quote(path, safe="/#.-_~"))


def external_url(url: str | None) -> Markup | None:
    """An outlet's original address, only if it is a plain http(s) URL."""
    if not url:
        return None
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")) or any(c in url for c in "\"'<> \n"):
        return None
    return Markup(url.replace("&", "&amp;"))


def front_matter_string(value: str) -> str:
    """A YAML double-quoted scalar holding HTML-escaped text (MkDocs treats titles as HTML)."""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{text}"'


def linked_text(text: str, spans: list[tuple[int, int, Markup]]) -> Markup:
    """Escaped ``text`` with some spans wrapped: (start, end, opening tag) -> tag + text + close.

    The opening tags are built by the generator (trusted); the text between and
    inside them is escaped here like any other text.
    """
    text = str(text)  # plain strings: Markup's own methods would re-escape and are slow
    out, pos = [], 0
    for start, end, tag in sorted(spans, key=lambda s: s[0]):
        if start < pos:
            continue  # overlapping spans: the first wins
        name = str(tag)[1:].split(" ", 1)[0].rstrip(">")
        out += [_escape(text[pos:start]), str(tag), _escape(text[start:end]),
                f"</{name}>"]
        pos = end
    out.append(_escape(text[pos:]))
    return Markup("".join(out))


def attr(value: str) -> Markup:
    """A value for an HTML attribute."""
    text = str(value).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return Markup(text.replace(">", "&gt;"))


def kwic(text: str, start: int, end: int, width: int = 80) -> Markup:
    """Keyword in context: the words around ``text[start:end]``, the keyword marked."""
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    if start - width > 0:
        left = "…" + left.split(" ", 1)[-1] if " " in left else "…" + left
    if end + width < len(text):
        right = (right.rsplit(" ", 1)[0] if " " in right else right) + "…"
    return Markup(_escape(left) + "<mark>" + _escape(text[start:end])
                  + "</mark>" + _escape(right))


def json_for_script(data: object) -> Markup:
    """JSON safe inside a <script type="application/ld+json"> element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
