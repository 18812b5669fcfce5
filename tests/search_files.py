"""Reading the built site's search index (search/) in Python, for the tests."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.render.search import undigits

_CALL = re.compile(r'\AarchiveSearchShard\("(?P<kind>[mtpw])",(?P<key>\d+),(?P<data>.*)\);\n\Z', re.S)


def read_shard(path: Path) -> tuple[str, int, Any]:
    """One file of the index: its kind, its key and its data."""
    match = _CALL.match(path.read_text(encoding="utf-8"))
    assert match, f"{path} is not one archiveSearchShard(...) call"
    return match["kind"], int(match["key"]), json.loads(match["data"])


@dataclass
class SearchFiles:
    manifest: dict
    postings: dict[str, list[tuple[int, int, int]]]  # term: [(page, passage, weight)]
    records: list[list]  # by page id: [address, title, outlet, headings, passages]

    @classmethod
    def of(cls, site: Path) -> SearchFiles:
        folder = site / "search"
        kind, _, manifest = read_shard(folder / "manifest.js")
        assert kind == "m" and isinstance(manifest, dict)
        postings: dict[str, list[tuple[int, int, int]]] = {}
        for number, (key, size) in enumerate(manifest["terms"]):
            path = folder / "terms" / f"{number}.js"
            assert path.stat().st_size == size, f"the manifest has the wrong size of {path}"
            kind, got, terms = read_shard(path)
            assert (kind, got) == ("t", number) and isinstance(terms, dict)
            for term, text in terms.items():
                assert term.startswith(key)
                values = undigits(text)
                page, entries = 0, []
                for i in range(0, len(values), 3):
                    page += values[i]
                    entries.append((page, values[i + 1], values[i + 2]))
                postings[term] = entries
        records: list[list] = []
        for number in range((manifest["pages"] + manifest["perShard"] - 1) // manifest["perShard"]):
            kind, got, shard = read_shard(folder / "pages" / f"{number}.js")
            assert (kind, got) == ("p", number) and isinstance(shard, list)
            records += shard
        return cls(manifest, postings, records)

    def page_id(self, address: str) -> int:
        return next(i for i, r in enumerate(self.records) if r and r[0] == address)

    def pages_with(self, term: str, prefix: bool = False) -> set[int]:
        terms = [t for t in self.postings if t.startswith(term)] if prefix else [term]
        return {page for t in terms for page, _, _ in self.postings.get(t, [])}

    def address(self, page: int) -> str:
        return self.records[page][0]
