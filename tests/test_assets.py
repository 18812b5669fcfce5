"""The theme's own stylesheets: one unclosed rule swallows every rule after it."""

from __future__ import annotations

import re

from conftest import ROOT

ASSETS = ROOT / "site_templates" / "overrides" / "assets"


def test_every_rule_of_the_stylesheets_is_closed():
    for path in sorted(ASSETS.glob("*.css")):
        text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        text = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'', '""', text)
        depth = 0
        for number, line in enumerate(text.splitlines(), 1):
            for char in line:
                depth += {"{": 1, "}": -1}.get(char, 0)
                assert depth >= 0, f"{path.name}:{number}: a brace closes nothing"
        assert depth == 0, f"{path.name}: {depth} rule(s) left open"
