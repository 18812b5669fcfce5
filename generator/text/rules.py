"""Checks ``content/boilerplate.yml`` and compiles it into cleaning :class:`Rules`."""

from __future__ import annotations

from generator.read.load import YamlDoc
from generator.read.pattern import Anchor, PatternError, curated
from generator.read.schema import Checker, Field
from generator.text.clean import Rule, Rules

RULE_FIELDS = {
    "pattern": Field((str,), True, doc="a regular expression matched against a whole line "
                      "(case ignored; see generator/read/pattern.py)"),
    "reason": Field((str,), True, doc="why a matching line is not the article, shown on the page"),
}
GROUPS = {
    "site_chrome": "chrome",
    "comment_thread_start": "thread_start",
    "comment_thread_chrome": "thread_chrome",
}


def validate_rules(doc: YamlDoc | None, check: Checker) -> Rules:
    if doc is None:
        return Rules()
    data = doc.data
    groups: dict[str, tuple[Rule, ...]] = {name: () for name in GROUPS.values()}
    fields = {name: Field((list,), doc="a list of rules") for name in GROUPS}
    values = check.mapping(doc.path, data, fields, "")
    for group, items in (values or {}).items():
        compiled = []
        for index, item in enumerate(items):
            where = f"{group}[{index}]"
            rule = check.mapping(doc.path, item, RULE_FIELDS, where)
            if not rule or "pattern" not in rule or "reason" not in rule:
                continue
            try:
                pattern = curated(rule["pattern"], Anchor.LINE)
            except PatternError as exc:
                check.error(doc.path, item.line_of("pattern"), f"{where}.pattern",
                            f"expected a regular expression RE2 can run, found "
                            f"{rule['pattern']!r} ({exc.reason})", exc.hint)
                continue
            compiled.append(Rule(pattern, rule["reason"]))
        groups[GROUPS[group]] = tuple(compiled)
    return Rules(**groups)
