"""What the collection holds, in words, for the text written around it.

The site's name and description (``mkdocs.yml``) and the hand-written pages say how many
outlets and captures the archive holds through markers the build fills in from the data,
so that a curator's new outlet makes "five outlets" "six outlets" everywhere:

- ``{outlets}`` and ``{captures}`` in ``site_name`` and ``site_description``;
- ``<!-- archive:outlets -->``, ``<!-- archive:captures -->`` and ``<!-- archive:summary -->``
  (a sentence naming each outlet, linked to its page) in ``content/pages/*.md``.

Counts are of the curated captures and of the outlets they come from; a capture not yet
described is not counted. Names are escaped: the summary is Markdown of the site's own."""

from __future__ import annotations

from dataclasses import dataclass

from generator.escape import escape_text, url_path
from generator.model import Archive, Outlet

_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_word(number: int) -> str:
    """``six``, ``12``, ``1,200``: words up to ten, digits beyond."""
    return _WORDS[number] if 0 <= number < len(_WORDS) else f"{number:,}"


def counted(number: int, noun: str) -> str:
    """``six outlets``, ``one outlet``, ``12 outlets``."""
    return f"{number_word(number)} {noun}{'' if number == 1 else 's'}"


@dataclass(frozen=True)
class Holdings:
    """The curated captures, and the outlets they come from, by name."""

    outlets: tuple[Outlet, ...]
    captures: int

    @staticmethod
    def of(archive: Archive) -> Holdings:
        curated = [a for a in archive.articles if a.meta.source_file]
        outlets = {a.outlet.id: a.outlet for a in curated}
        return Holdings(tuple(sorted(outlets.values(), key=lambda o: (o.name.casefold(), o.id))),
                        len(curated))

    def fill(self, text: str) -> str:
        """``text`` (a site name) with ``{outlets}`` and ``{captures}`` in words."""
        return (text.replace("{outlets}", counted(len(self.outlets), "outlet"))
                .replace("{captures}", counted(self.captures, "capture")))

    def markers(self, page: str) -> dict[str, str]:
        """Each page marker and its Markdown, for the hand-written page at ``page``
        (its links are relative to it)."""
        up = "../" * page.count("/")
        names = [f"[{escape_text(o.name)}]({url_path(up + 'outlets/' + o.id + '.md')})"
                 for o in self.outlets]
        listed = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1] \
            if names else ""
        summary = (f"The archive holds {counted(self.captures, 'capture')} from "
                   f"{counted(len(self.outlets), 'outlet')}" + (f": {listed}." if listed else "."))
        return {"<!-- archive:outlets -->": counted(len(self.outlets), "outlet"),
                "<!-- archive:captures -->": counted(self.captures, "capture"),
                "<!-- archive:summary -->": summary}

    def fill_page(self, markdown: str, page: str) -> str:
        for marker, text in self.markers(page).items():
            if marker in markdown:
                markdown = markdown.replace(marker, text)
        return markdown
