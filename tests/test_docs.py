"""Docs that cannot drift: every YAML key is documented, every CLI command has help."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

import generator.read.collection as validate_collection
import generator.read.comparison as validate_compare
import generator.read.entities as validate_entities
import generator.read.schema as validate
from generator.model import Collection
from generator.text.rules import RULE_FIELDS

README = (ROOT / "content" / "README.md").read_text(encoding="utf-8")
TABLES = {
    "article": validate.ARTICLE_FIELDS, "outlet": validate.OUTLET_FIELDS,
    "override": validate.OVERRIDE_FIELDS, "actor": validate_entities.ACTOR_FIELDS,
    "place": validate_entities.PLACE_FIELDS, "event": validate_entities.EVENT_FIELDS,
    "alias": validate_entities.ALIAS_FIELDS, "affiliation": validate_entities.AFFILIATION_FIELDS,
    "coordinates": validate_entities.COORD_FIELDS, "role": validate_entities.ROLE_FIELDS,
    "report": validate_entities.REPORT_FIELDS, "framing group": validate_compare.GROUP_FIELDS,
    "framing term": validate_compare.TERM_FIELDS, "claim": validate_compare.CLAIM_FIELDS,
    "claim figure": validate_compare.CLAIM_FIGURE_FIELDS, "fix": validate_compare.FIX_FIELDS,
    "rule": RULE_FIELDS, "collection": validate_collection.COLLECTION_FIELDS,
    "region": validate_collection.REGION_FIELDS, "timeline": validate_collection.TIMELINE_FIELDS,
    "limits": validate_collection.LIMIT_FIELDS,
}


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_yaml_key_is_documented(table):
    missing = [key for key in TABLES[table] if f"`{key}`" not in README]
    assert missing == [], f"content/README.md does not document {table} keys {missing}"


def test_every_choice_is_documented():
    choices = (validate.OUTLET_KINDS + validate.OWNERSHIP + validate.LINE_KINDS
               + validate_entities.ACTOR_TYPES + Collection().place_types
               + validate_entities.EVENT_TYPES + validate_entities.RELATIONS
               + Collection().roles + validate_entities.PRECISIONS)
    missing = [c for c in choices if f"`{c}`" not in README]
    assert missing == []


def test_readme_commands_are_the_ones_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in readme and "bash scripts/test.sh" in ci
    assert "bash scripts/build.sh" in readme
    assert re.search(r"mkdocs build --strict", (ROOT / "scripts" / "build.sh").read_text())
