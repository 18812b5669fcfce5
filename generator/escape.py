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
_TABLE[0] = "\ufffd"


def escape_text(value: Any) -> Markup:
    """Text for a Markdown page, inline or inside raw HTML: shown literally, never markup."""
    if isinstance(value, Markup):
        return value
    return Markup(str(value).translate(_TABLE))


def finalize(value: Any) -> Any:
    """Jinja ``finalize`` hook: escape everything not explicitly trusted."""
    if value is None:
        return ""
    return escape_text(value)


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
