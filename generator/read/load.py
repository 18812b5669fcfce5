"""Read stage: seeds and YAML from disk, nothing more.

Seeds are read as bytes (their sha256 is part of their provenance) and decoded;
YAML is read with a safe loader that remembers the line of every key, so that
validation can point a curator at the exact place.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

import yaml

from generator.cache import Memo, remembered
from generator.model import EntityKind, Seed
from generator.problems import Problem, Severity
from generator.read.decode import decode_capture
from generator.read.survey import (
    EntryKind,
    NotRegular,
    TooLarge,
    entry_problem,
    folder_problem,
    read_regular,
    shown_name,
    survey,
)


class LineDict(dict[str, Any]):
    """A mapping from YAML that knows the line (1-based) of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A list from YAML that knows the line (1-based) of itself and of each item, so that
    a problem in its third item is said at that item's line."""

    line: int = 0
    item_lines: list[int]

    def line_at(self, index: int) -> int:
        lines = getattr(self, "item_lines", [])
        return lines[index] if 0 <= index < len(lines) else self.line


def line_at(items: object, index: int, default: int | None) -> int | None:
    """The line of item ``index`` of a list read from YAML, or ``default`` for any other."""
    return items.line_at(index) if isinstance(items, LineList) else default


MAX_DEPTH = 64  # collections within collections, aliases' contents included
MAX_REPEATED = 10_000  # nodes that aliases may repeat in one file, in all


class YamlLimit(yaml.YAMLError):
    """A file the reader refuses before building any value from it: nested too deep,
    aliases that would repeat too much, or a key that is not a scalar."""

    def __init__(self, problem: str, line: int | None, key: str, hint: str):
        super().__init__(problem)
        self.problem, self.line, self.key, self.hint = problem, line, key, hint


class _Parsing(Protocol):
    """What the composer uses of the loader: its parser's events and its resolver's tags
    (types-PyYAML leaves these unannotated)."""

    def peek_event(self) -> yaml.Event: ...

    def get_event(self) -> yaml.Event: ...

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: object) -> str: ...


def _line(mark: object) -> int | None:
    """The 1-based line of a mark (libyaml's or PyYAML's)."""
    line = getattr(mark, "line", None)
    return line + 1 if isinstance(line, int) else None


class _Composer:
    """Makes the parser's events into one document's nodes, as PyYAML's composer does,
    with bounds checked as each event arrives, before any recursion or expansion:
    nesting deeper than :data:`MAX_DEPTH`, aliases that would repeat more than
    :data:`MAX_REPEATED` nodes (anchors within anchors, a "billion laughs", are refused
    at the first alias over the budget), an alias inside its own anchor and a mapping key
    that is a list or a mapping are each a :class:`YamlLimit`, naming the line and the
    path of keys (``[3].signatures[0]``).

    It replaces libyaml's composer, which recurses in C: a file nested 50,000 levels deep
    crashed the interpreter. libyaml's parser, which keeps its own stack, still reads.
    """

    def __init__(self, parsing: _Parsing):
        self.parsing = parsing
        self.anchors: dict[str, yaml.Node] = {}
        self.path: list[str] = []
        self.open: set[int] = set()  # the collections being composed, by id
        self.repeated = 0

    def single(self) -> yaml.Node | None:
        """The stream's only document (None when it is empty)."""
        events = self.parsing
        events.get_event()  # stream start
        document = None
        if not isinstance(events.peek_event(), yaml.StreamEndEvent):
            events.get_event()  # document start
            document = self.node()
            events.get_event()  # document end
        if not isinstance(event := events.peek_event(), yaml.StreamEndEvent):
            raise yaml.composer.ComposerError(
                "expected a single document in the stream", None, "but found another document",
                cast(yaml.Mark, event.start_mark))
        events.get_event()
        return document

    def refused(self, problem: str, mark: object, hint: str) -> YamlLimit:
        return YamlLimit(problem, _line(mark), "".join(self.path).lstrip("."), hint)

    def node(self) -> yaml.Node:
        event = self.parsing.peek_event()
        if isinstance(event, yaml.AliasEvent):
            return self.alias(self.parsing.get_event())
        anchor = event.anchor if isinstance(event, yaml.NodeEvent) else None
        if anchor is not None and anchor in self.anchors:
            first = _line(self.anchors[anchor].start_mark)
            raise yaml.composer.ComposerError(
                None, None, f"found the anchor {anchor!r} twice (first at line {first})",
                cast(yaml.Mark, event.start_mark))
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(anchor)
        if len(self.open) >= MAX_DEPTH:
            raise self.refused(f"nested more than {MAX_DEPTH} levels deep", event.start_mark,
                               "no metadata is this deep; write it flatter")
        if isinstance(event, yaml.SequenceStartEvent):
            return self.sequence(anchor)
        return self.mapping(anchor)

    def alias(self, event: yaml.Event) -> yaml.Node:
        """The anchored node, once the nodes it repeats are counted against the budget."""
        anchor = event.anchor if isinstance(event, yaml.NodeEvent) else None
        if anchor is None or anchor not in self.anchors:
            raise yaml.composer.ComposerError(None, None, f"found undefined alias {anchor!r}",
                                              cast(yaml.Mark, event.start_mark))
        node = self.anchors[anchor]
        if id(node) in self.open:
            raise self.refused("an alias inside its own anchor", event.start_mark,
                               "a value cannot contain itself; write it out")
        stack = [(node, len(self.open))]
        while stack:
            current, depth = stack.pop()
            self.repeated += 1
            if self.repeated > MAX_REPEATED:
                raise self.refused(f"aliases repeat more than {MAX_REPEATED:,} values",
                                   event.start_mark, "write the values out, or use fewer aliases")
            if isinstance(current, yaml.CollectionNode):
                if depth >= MAX_DEPTH:
                    raise self.refused(f"nested more than {MAX_DEPTH} levels deep once its "
                                       "aliases are read", event.start_mark, "write it flatter")
                children = current.value if isinstance(current, yaml.SequenceNode) \
                    else [child for pair in current.value for child in pair]
                stack.extend((child, depth + 1) for child in children)
        return node

    def scalar(self, anchor: str | None) -> yaml.ScalarNode:
        event = cast(yaml.ScalarEvent, self.parsing.get_event())
        tag = event.tag if event.tag not in (None, "!") else \
            self.parsing.resolve(yaml.ScalarNode, event.value, event.implicit)
        node = yaml.ScalarNode(tag, event.value, cast(yaml.Mark, event.start_mark),
                               cast(yaml.Mark, event.end_mark), style=event.style)
        if anchor is not None:
            self.anchors[anchor] = node
        return node

    def start(self, kind: type[yaml.CollectionNode], anchor: str | None) -> yaml.CollectionNode:
        event = cast(yaml.CollectionStartEvent, self.parsing.get_event())
        tag = event.tag if event.tag not in (None, "!") else \
            self.parsing.resolve(kind, None, event.implicit)
        node = kind(tag, [], cast(yaml.Mark, event.start_mark), None, flow_style=event.flow_style)
        if anchor is not None:
            self.anchors[anchor] = node
        self.open.add(id(node))
        return node

    def end(self, node: yaml.CollectionNode) -> None:
        self.open.discard(id(node))
        node.end_mark = cast(yaml.Mark, self.parsing.get_event().end_mark)

    def sequence(self, anchor: str | None) -> yaml.CollectionNode:
        node = self.start(yaml.SequenceNode, anchor)
        while not isinstance(self.parsing.peek_event(), yaml.SequenceEndEvent):
            self.path.append(f"[{len(node.value)}]")
            node.value.append(self.node())
            self.path.pop()
        self.end(node)
        return node

    def mapping(self, anchor: str | None) -> yaml.CollectionNode:
        node = self.start(yaml.MappingNode, anchor)
        while not isinstance(event := self.parsing.peek_event(), yaml.MappingEndEvent):
            target = self.anchors.get(event.anchor or "") \
                if isinstance(event, yaml.AliasEvent) else None
            if isinstance(event, yaml.CollectionStartEvent) or isinstance(target, yaml.CollectionNode):
                raise self.refused("a key that is a list or a mapping", event.start_mark,
                                   "a key is a name: write it as text")
            key = self.node()
            name = str(key.value)
            self.path.append("." + (name if len(name) <= 40 else name[:39] + "…"))
            node.value.append((key, self.node()))
            self.path.pop()
        self.end(node)
        return node


if TYPE_CHECKING:
    # The checker cannot follow the choice below; libyaml's loader has the same interface.
    _SafeLoader = yaml.SafeLoader
else:
    _SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):
    """A safe loader (no object construction) whose mappings record their lines, and
    whose composer refuses what could stall or crash it (:class:`_Composer`).

    It uses libyaml's parser where PyYAML has it (several times faster on a large
    archive's thousands of files), the pure-Python one otherwise.

    Dates stay text (no implicit timestamps), so that validation, not the YAML
    parser, judges them and names the key when one is impossible.
    """

    # PyYAML looks its resolvers up on the class (as SafeLoader's own table); none is added.
    yaml_implicit_resolvers = {  # noqa: RUF012
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def get_single_node(self) -> yaml.Node | None:
        return _Composer(cast(_Parsing, self)).single()

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """PyYAML's, with a value its tag cannot make (``!!float x``, ``!!timestamp no``, a
        whole number of 5,000 digits) a YAML error at the value's line, not a crash."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, KeyError, AttributeError, TypeError) as exc:
            shown = node.value if isinstance(node, yaml.ScalarNode) else "this value"
            shown = shown if len(shown) <= 40 else shown[:39] + "…"
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read {shown!r} as {node.tag.rsplit(':', 1)[-1]} "
                f"({type(exc).__name__})", node.start_mark) from None


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping", node.start_mark, f"found the key '{key}' twice",
                key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


MAX_NUMBER = 100  # characters of a whole number


def _construct_int(loader: _LineLoader, node: yaml.ScalarNode) -> int:
    """A whole number, refused past :data:`MAX_NUMBER` characters: YAML's base-60 form
    (``1:2:3``) of a million parts would take minutes to compute, and Python refuses to
    print one of more than 4,300 digits."""
    if len(node.value) > MAX_NUMBER:
        raise yaml.constructor.ConstructorError(
            None, None, f"a whole number of more than {MAX_NUMBER} characters "
            f"({len(node.value):,}); write it in quotes if it is text", node.start_mark)
    return loader.construct_yaml_int(node)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)



@dataclass
class YamlDoc:
    path: str  # relative to the project, for messages
    data: object


@dataclass
class RawInput:
    """Everything read from disk, before any check."""

    seeds: list[Seed] = field(default_factory=list)
    outlets: YamlDoc | None = None
    articles: list[YamlDoc] = field(default_factory=list)
    boilerplate: YamlDoc | None = None
    collection: YamlDoc | None = None  # content/collection.yml, where there is one
    entities: dict[EntityKind, YamlDoc | None] = field(default_factory=dict)  # ACTOR -> actors.yml
    comparison: dict[str, YamlDoc | None] = field(default_factory=dict)  # "framing" -> framing.yml
    problems: list[Problem] = field(default_factory=list)
    # The YAML files present but not read (a syntax error, a refused value): the checks
    # that depend on what they define are skipped, so that only their own error is said.
    broken: set[str] = field(default_factory=set)

    def read(self, rel: str) -> bool:
        """Whether ``rel`` (``content/places.yml``) was read, or is absent: what it would
        define is known."""
        return rel not in self.broken


def read_yaml(path: Path, rel: str, problems: list[Problem],
              parsed: Memo[object] | None = None, defines: str = "") -> YamlDoc | None:
    """The file's YAML with the line of every key; ``parsed`` remembers documents by file
    and content, so that a rebuild in `mkdocs serve` parses only what changed. Where the
    file cannot be parsed, its error says that the checks of what it ``defines`` (``place
    ids``) were skipped."""
    skipped = f"; checks of the {defines} it defines were skipped until it reads" \
        if defines else ""
    try:
        text = read_regular(path).decode("utf-8")
    except NotRegular as exc:
        problems.append(Problem(rel, None, "", f"refused and never read: {exc}", Severity.ERROR,
                                "metadata must be a regular file inside content/"))
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(rel, None, "", f"cannot read the file: {exc}"))
        return None
    key = (rel, hashlib.sha256(text.encode("utf-8")).hexdigest())
    try:
        data = remembered(parsed, key, lambda: yaml.load(text, Loader=_LineLoader))
    except YamlLimit as exc:
        problems.append(Problem(rel, exc.line, exc.key, f"refused and not read: {exc.problem}",
                                Severity.ERROR, exc.hint + skipped))
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = f", column {mark.column + 1}" if mark else ""
        problems.append(Problem(rel, line, "", f"YAML syntax error{column}: "
                                f"{exc.problem or exc.context}", Severity.ERROR,
                                "; ".join(h for h in (_syntax_hint(exc), skipped[2:]) if h)))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(rel, None, "", f"YAML error: {exc}", Severity.ERROR,
                                skipped.removeprefix("; ")))
        return None
    return YamlDoc(rel, data)


def _syntax_hint(exc: yaml.MarkedYAMLError) -> str:
    """What to do about a syntax error where the cause is a common one."""
    if "tab character" in str(exc.problem):
        return "indent with spaces: YAML refuses tabs"
    if "twice" in str(exc.problem):
        return "keep one of them"
    if isinstance(exc, (yaml.scanner.ScannerError, yaml.parser.ParserError)):
        return "fix this line, or the one before it"
    return ""  # a value's own error says what to write


# The largest capture the archive builds: an article's text is tens of kilobytes (the
# largest of this collection under 5 KB), so this leaves room for any page saved whole
# while a build stays bounded. A larger file is refused unread, with an error naming it.
MAX_CAPTURE_BYTES = 16 * 1024 * 1024


def read_seed(path: Path, problems: list[Problem]) -> Seed | None:
    """Read one capture. A file that is not text is reported (and listed), never built;
    one larger than ``MAX_CAPTURE_BYTES`` is an error, and is never read."""
    rel = f"seeds/{path.name}"
    try:
        data = read_regular(path, MAX_CAPTURE_BYTES)
    except TooLarge:
        problems.append(_too_large(path, rel))
        return None
    except NotRegular as exc:
        problems.append(Problem(rel, None, "", f"refused and never read: {exc}", Severity.ERROR,
                                "a capture must be a regular file inside seeds/"))
        return None
    except OSError as exc:
        problems.append(Problem(rel, None, "", f"cannot read the seed: {exc}", Severity.ERROR,
                                "check the file's permissions, or remove it from seeds/"))
        return None
    decoded = decode_capture(data)
    for note in decoded.notes:
        problems.append(Problem(rel, None, "", note, Severity.WARNING,
                                "skipped; it stays in seeds/" if decoded.text is None else ""))
    if decoded.text is None:
        return None
    return Seed(name=path.name, sha256=hashlib.sha256(data).hexdigest(), text=decoded.text,
                encoding=decoded.encoding.value, size=len(data), notes=decoded.notes)


def _too_large(path: Path, rel: str) -> Problem:
    """The error for a capture over ``MAX_CAPTURE_BYTES``, naming its size and the limit."""
    try:
        size = f"{_mib(path.lstat().st_size)}, more than"
    except OSError:
        size = "more than"
    return Problem(rel, None, "", f"too large to build: {size} the largest capture the archive "
                   f"builds, {_mib(MAX_CAPTURE_BYTES)}; refused and never read", Severity.ERROR,
                   "it stays in seeds/ and is not published: keep only the article's text in "
                   "the capture, or move the file out of seeds/")


def _mib(size: int) -> str:
    """A size as a curator reads it: "16 MiB (16,777,216 bytes)"."""
    return f"{round(size / 2**20, 1):g} MiB ({size:,} bytes)"


def seed_files(seeds_dir: Path, problems: list[Problem]) -> list[Path]:
    """Every capture in seeds/ (regular files ending in .txt, whatever the case of the
    ending); every other entry is reported in ``problems`` (see :mod:`generator.read.survey`)."""
    if (problem := folder_problem(seeds_dir, "seeds/")) is not None:
        problems.append(problem)
        return []
    if not seeds_dir.is_dir():
        return []
    captures = []
    for entry in survey(seeds_dir):
        if entry.kind is EntryKind.CAPTURE:
            captures.append(entry.path)
        elif (problem := entry_problem(entry, f"seeds/{shown_name(entry.path.name)}")):
            problems.append(problem)
    return captures


def _present(path: Path) -> bool:
    """There is an entry at ``path`` (a dangling link counts, so that it is refused by name)."""
    return path.exists() or path.is_symlink()


def read_project(seeds_dir: Path, content_dir: Path, parsed: Memo[object] | None = None) -> RawInput:
    """Read every seed and every YAML file; report unreadable ones as problems."""
    raw = RawInput()
    _read_seeds(seeds_dir, raw)
    if _content_folders_usable(content_dir, raw.problems):
        _read_content(_ContentFolder(content_dir, raw, parsed))
    return raw


def _read_seeds(seeds_dir: Path, raw: RawInput) -> None:
    """Every capture in seeds/ that reads as text, in ``raw.seeds``."""
    for path in seed_files(seeds_dir, raw.problems):
        seed = read_seed(path, raw.problems)
        if seed is not None:
            raw.seeds.append(seed)


def _content_folders_usable(content_dir: Path, problems: list[Problem]) -> bool:
    """Whether content/ and content/articles/ can be read; the first that cannot is reported."""
    for folder, rel in ((content_dir, "content/"), (content_dir / "articles", "content/articles/")):
        if (problem := folder_problem(folder, rel)) is not None:
            problems.append(problem)
            return False
    return True


@dataclass(frozen=True)
class _ContentFolder:
    """content/ as it is read: where it is, what was read so far, and the parse memo."""

    path: Path
    raw: RawInput
    parsed: Memo[object] | None

    def has(self, name: str) -> bool:
        """There is an entry ``name`` (``places.yml``) in content/."""
        return _present(self.path / name)

    def read(self, name: str, defines: str = "") -> YamlDoc | None:
        """The YAML of ``content/<name>``, or None where it is absent or does not read
        (then it is recorded in ``raw.broken``)."""
        rel = f"content/{name}"
        if not self.has(name):
            return None
        doc = read_yaml(self.path / name, rel, self.raw.problems, self.parsed, defines)
        if doc is None:
            self.raw.broken.add(rel)
        return doc


def _read_content(content: _ContentFolder) -> None:
    """Every YAML file of content/ into ``content.raw``, the outlets first."""
    raw = content.raw
    raw.outlets = content.read("outlets.yml", "outlet ids")
    if not content.has("outlets.yml"):
        raw.problems.append(Problem("content/outlets.yml", None, "", "file is missing"))
    raw.collection = content.read("collection.yml", "roles and place types")
    raw.boilerplate = content.read("boilerplate.yml")
    for kind in EntityKind:
        if content.has(f"{kind.plural}.yml"):
            raw.entities[kind] = content.read(f"{kind.plural}.yml", f"{kind} ids")
    for name in ("framing", "claims", "attributions"):
        if content.has(f"{name}.yml"):
            raw.comparison[name] = content.read(f"{name}.yml")
    for path in sorted((content.path / "articles").glob("*.yml")):
        if (doc := content.read(f"articles/{path.name}")) is not None:
            raw.articles.append(doc)


def mkdocs_settings(path: Path) -> dict[str, str]:
    """What the generator takes from an ``mkdocs.yml`` when MkDocs does not hand it over
    (the command line, a project run in-process), read as MkDocs reads it (``!ENV``
    included): the site's name and address (references, the feed's title, ids and links)
    and the archive plugin's ``previous``; nothing when there is no such file."""
    from mkdocs.utils.yaml import yaml_load

    if not path.is_file():
        return {}
    try:
        with path.open("rb") as handle:
            config = yaml_load(handle) or {}
    except Exception as exc:  # MkDocs' own error; the build itself does not need the file
        print(f"warning: {path.name} could not be read ({exc}); the feed has no site name or "
              "address from it and no previous build is compared", file=sys.stderr)
        return {}
    if not isinstance(config, dict):
        return {}
    found = {key: config[key] for key in ("site_name", "site_url")
             if isinstance(config.get(key), str) and config[key]}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("archive"), dict):
            previous = plugin["archive"].get("previous")
            if isinstance(previous, str) and previous:
                found["previous"] = previous
    return found
